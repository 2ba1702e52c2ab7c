from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import RepairCommon


@tagged("post_install", "-at_install")
class TestRepairPortal(HttpCase, RepairCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal1 = new_test_user(cls.env, "portal1", groups="base.group_portal", partner_id=cls.customer.id)
        cls.portal2 = new_test_user(cls.env, "portal2", groups="base.group_portal", partner_id=cls.customer2.id)
        cls.repair1 = cls._repair(partner=cls.customer)
        cls.repair2 = cls._repair(partner=cls.customer2)

    def test_portal_customers_see_only_their_repairs(self):
        self.authenticate("portal1", "portal1")
        page = self.url_open("/my/repairs").text
        self.assertIn(self.repair1.name, page)
        self.assertNotIn(self.repair2.name, page)
        response = self.url_open(f"/my/repairs/{self.repair2.id}")
        self.assertNotIn(self.repair2.name, response.text)
        self.assertTrue(response.url.endswith("/my"), "another customer's repair redirects")
        self.assertIn(self.repair1.name, self.url_open(f"/my/repairs/{self.repair1.id}").text)
        self.assertFalse(self.env["repair.order"].with_user(self.portal1).search([("id", "=", self.repair2.id)]))

    def test_tokens(self):
        self.repair1._portal_ensure_token()
        ok = self.url_open(f"/my/repairs/{self.repair1.id}?access_token={self.repair1.access_token}")
        self.assertIn(self.repair1.name, ok.text)
        bad = self.url_open(f"/my/repairs/{self.repair1.id}?access_token=wrong")
        self.assertNotIn(self.repair1.name, bad.text)
        missing = self.url_open(f"/my/repairs/{self.repair1.id}")
        self.assertNotIn(self.repair1.name, missing.text)

    def test_tour_accept_with_signature(self):
        self.repair1.action_send_quote()
        self.start_tour(self.repair1.sale_order_id.get_portal_url(), "shop_repairs_portal_accept", login="portal1")
        self.assertRecordValues(self.repair1, [{"quote_state": "accepted", "state": "confirmed"}])
        self.assertTrue(self.repair1.sale_order_id.signature)

    def test_tour_decline(self):
        self.repair1.action_send_quote()
        self.start_tour(self.repair1.sale_order_id.get_portal_url(), "shop_repairs_portal_decline", login="portal1")
        self.assertRecordValues(self.repair1, [{"quote_state": "declined", "shop_decline_reason": "Ficou caro demais"}])
        self.assertEqual(self.repair1.sale_order_id.state, "cancel")
        self.assertTrue(Command)
