from odoo import fields, models


class ProductCategory(models.Model):
    _inherit = "product.category"

    shop_business_line = fields.Selection(
        [("product", "Product sales"), ("repair", "Repairs"), ("salon", "Salon services")],
        string="Business line",
        default="product",
        required=True,
        help="The line of business this category's sales count in, in the owner's dashboard.",
    )
