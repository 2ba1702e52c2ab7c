from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    shop_auto_reorder = fields.Boolean(
        string="Automatic reorder",
        help="Trusted supplier: when a product of this supplier reaches its minimum, the request for "
        "quotation is created and e-mailed at once, without waiting for the owner.",
    )
