from odoo import models
from odoo.exceptions import ValidationError


class StockMove(models.Model):
    _inherit = "stock.move"

    def write(self, vals):
        # a repair's part never gets a negative quantity written on it (the repair form, an import, RPC);
        # Odoo's action_validate refuses a negative line created in draft
        if any((vals.get(key) or 0) < 0 for key in ("product_uom_qty", "quantity")) and any(self.mapped("repair_id")):
            raise ValidationError(self.env._("Part quantities and prices cannot be negative."))
        return super().write(vals)
