from odoo import fields, models
from odoo.tools import SQL


class PurchaseReport(models.Model):
    """Purchase analysis by brand, as product_brand does for sales and invoices."""

    _inherit = "purchase.report"

    product_brand_id = fields.Many2one("product.brand", string="Brand", readonly=True)

    def _select(self) -> SQL:
        return SQL("%s, t.product_brand_id AS product_brand_id", super()._select())

    def _group_by(self) -> SQL:
        return SQL("%s, t.product_brand_id", super()._group_by())
