from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    salon_loyal = fields.Boolean(
        "Loyal client", copy=False, tracking=True, help="Loyal clients may get a discount of up to 20%."
    )
