from odoo import fields, models

from .salon_guard import check_salon_root


class ProductTemplate(models.Model):
    _inherit = "product.template"

    salon_service = fields.Boolean("Salon service", help="A service the salon books and bills.")
    salon_duration = fields.Float("Duration (hours)", default=1.0)

    def write(self, vals):
        check_salon_root(self.env, vals)
        return super().write(vals)
