from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _shop_quoted_repairs(self):
        return self.repair_order_ids.filtered(lambda r: r.quote_state in ("sent", "expired"))

    def action_confirm(self):
        # the repair follows its quotation: accepting (portal or back office) confirms the repair
        repairs = self._shop_quoted_repairs()
        if repairs:
            repairs._shop_on_accepted()
        return super().action_confirm()

    def _action_cancel(self):
        res = super(SaleOrder, self.with_context(shop_from_order=True))._action_cancel()
        if not self.env.context.get("shop_from_repair"):
            # declined on the portal (with the customer's reason) or cancelled in the back office
            repairs = self.repair_order_ids.filtered(lambda r: r.quote_state == "sent")
            if repairs:
                repairs._shop_on_declined(self.env.context.get("shop_decline_reason"))
        return res
