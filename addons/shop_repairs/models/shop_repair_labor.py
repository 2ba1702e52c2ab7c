from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ShopRepairLabor(models.Model):
    _name = "shop.repair.labor"
    _description = "Repair labour"
    _order = "repair_id, sequence, id"

    repair_id = fields.Many2one("repair.order", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        "product.product", string="Service", required=True, domain="[('type', '=', 'service')]"
    )
    name = fields.Char("Description")
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure")
    price_unit = fields.Float(
        "Unit price", digits="Product Price", compute="_compute_price_unit", store=True, readonly=False, precompute=True
    )
    sale_line_id = fields.Many2one("sale.order.line", readonly=True, copy=False)

    @api.depends("product_id")
    def _compute_price_unit(self):
        for line in self:
            line.price_unit = line.product_id.lst_price

    @api.constrains("quantity", "price_unit")
    def _check_positive(self):
        for line in self:
            if line.quantity < 0 or line.price_unit < 0:
                raise ValidationError(self.env._("Labour quantities and prices cannot be negative."))
