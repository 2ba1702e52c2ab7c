from odoo import api, fields, models
from odoo.exceptions import AccessError

# who may trust a supplier with automatic purchases (an RFQ e-mailed without anyone looking)
AUTO_REORDER_GROUPS = "purchase.group_purchase_manager,shop_base.group_shop_owner"


class ResPartner(models.Model):
    _inherit = "res.partner"

    shop_auto_reorder = fields.Boolean(
        string="Automatic reorder",
        groups=AUTO_REORDER_GROUPS,
        copy=False,
        help="Trusted supplier: when a product of this supplier reaches its minimum, the request for "
        "quotation is created and e-mailed at once, without waiting for the owner.",
    )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("shop_auto_reorder") for vals in vals_list):
            self._check_shop_auto_reorder_access()
        return super().create(vals_list)

    def write(self, vals):
        if "shop_auto_reorder" in vals:
            self._check_shop_auto_reorder_access()
        return super().write(vals)

    # ------------------------------------------------------------------ business
    @api.model
    def _check_shop_auto_reorder_access(self):
        """Only purchase managers and the owner decide which suppliers get automatic purchases, whatever
        the door (form, import, RPC): contact rights are not enough."""
        if self.env.su or any(self.env.user.has_group(group) for group in AUTO_REORDER_GROUPS.split(",")):
            return
        raise AccessError(
            self.env._("Only purchase managers and the owner may trust a supplier with automatic purchases.")
        )
