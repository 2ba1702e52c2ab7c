from odoo import api, models
from odoo.exceptions import ValidationError


class StockWarehouseOrderpoint(models.Model):
    _inherit = "stock.warehouse.orderpoint"

    @api.constrains("product_min_qty", "product_max_qty")
    def _check_shop_min_max(self):
        for orderpoint in self:
            if orderpoint.product_min_qty < 0 or orderpoint.product_max_qty < 0:
                raise ValidationError(
                    self.env._(
                        "The minimum and maximum quantities of %s cannot be negative.",
                        orderpoint.product_id.display_name,
                    )
                )
            if orderpoint.product_min_qty > orderpoint.product_max_qty:
                raise ValidationError(
                    self.env._(
                        "The minimum quantity of %(product)s (%(min)s) is above its maximum (%(max)s).",
                        **{
                            "product": orderpoint.product_id.display_name,
                            "min": orderpoint.product_min_qty,
                            "max": orderpoint.product_max_qty,
                        },
                    )
                )
