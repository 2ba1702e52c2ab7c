from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    salon_service = fields.Boolean("Salon service", help="A service the salon books and bills.")
    salon_duration = fields.Float("Duration (hours)", default=1.0)
