from odoo import fields, models

# the lines of business the owner's dashboard counts sales and costs in (the report adds "general" for the
# expenses that belong to no product)
BUSINESS_LINES = [("product", "Product sales"), ("repair", "Repairs"), ("salon", "Salon services")]


class ProductCategory(models.Model):
    _inherit = "product.category"

    shop_business_line = fields.Selection(
        BUSINESS_LINES,
        string="Business line",
        default="product",
        required=True,
        help="The line of business this category's sales count in, in the owner's dashboard.",
    )
