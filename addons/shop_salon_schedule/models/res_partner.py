from odoo import fields, models

from .salon_guard import check_salon_root


class ResPartner(models.Model):
    _inherit = "res.partner"

    salon_loyal = fields.Boolean(
        "Loyal client", copy=False, tracking=True, help="Loyal clients may get a discount of up to 20%."
    )

    def write(self, vals):
        check_salon_root(self.env, vals)
        return super().write(vals)
