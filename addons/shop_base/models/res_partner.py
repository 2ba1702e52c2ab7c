from odoo import models


class ResPartner(models.Model):
    """A WhatsApp button on the contact: a greeting from the shop."""

    _name = "res.partner"
    _inherit = ["res.partner", "shop.whatsapp.mixin"]

    def _shop_whatsapp_partner(self):
        self.ensure_one()
        return self
