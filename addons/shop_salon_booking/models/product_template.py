from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    salon_employee_ids = fields.Many2many(
        "hr.employee",
        "product_template_salon_employee_rel",
        "product_tmpl_id",
        "employee_id",
        string="Professionals",
        help="Who performs this service: online booking offers only them (empty: every bookable professional).",
    )
