from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        done = moves.filtered(lambda m: m.state == "done")
        if done:
            # alerts are the system's, whoever validated the move (stock users may not create them)
            Alert = self.env["shop.stock.alert"].sudo()
            Alert._close_received(done)
            Alert._check_products(done.product_id.filtered(lambda p: p.is_storable))
        return moves
