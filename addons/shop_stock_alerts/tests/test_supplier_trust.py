from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import StockAlertsCommon


@tagged("post_install", "-at_install")
class TestSupplierTrust(StockAlertsCommon):
    def test_contact_manager_cannot_trust_a_supplier(self):
        """Contact rights are not enough to switch a supplier to automatic purchases (issue 11.2)."""
        contacts = new_test_user(self.env, "contatos", groups="base.group_user,base.group_partner_manager")
        with self.assertRaises(AccessError):
            self.supplier.with_user(contacts).write({"shop_auto_reorder": True})
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(contacts).create({"name": "Fornecedor Novo", "shop_auto_reorder": True})
        self.supplier.with_user(contacts).write({"phone": "+55 11 4000-0000"})  # the rest stays theirs to edit
        self.assertRecordValues(self.supplier, [{"shop_auto_reorder": False, "phone": "+55 11 4000-0000"}])
