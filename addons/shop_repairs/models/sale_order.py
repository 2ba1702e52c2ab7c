from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _shop_repairs(self):
        # sudo: repair_order_ids is restricted to stock users (repair's own groups); confirming or cancelling
        # any order (a salesperson's ordinary sale, a customer on the portal) must know whether it is a repair
        # quote. Only this read is privileged.
        return self.sudo().repair_order_ids

    def _shop_quoted_repairs(self):
        return self._shop_repairs().filtered(lambda r: r.quote_state in ("sent", "expired"))

    def _shop_is_repair_quote(self):
        self.ensure_one()
        return bool(self._shop_repairs().filtered(lambda r: r.quote_state != "none"))

    def _has_to_be_paid(self):
        # a repair quote is accepted by the customer's signature alone, whatever the company's "online
        # payment" setting, unless the repair bench asks a deposit (then the quotation's prepayment applies)
        if self._shop_is_repair_quote() and not self.env["repair.order"]._shop_deposit_percent():
            return False
        return super()._has_to_be_paid()

    def action_confirm(self):
        # the repair follows its quotation: accepting (portal or back office) confirms the repair, as Odoo's
        # repair confirms the repairs of a confirmed order (_create_repair_order), whoever confirms it
        # the row lock settles a concurrent answer, change or expiry before the quote is read
        self._shop_repairs()._shop_lock_answer()
        repairs = self._shop_quoted_repairs()
        if repairs:
            repairs._shop_on_accepted()
        return super().action_confirm()

    def _action_cancel(self):
        res = super(SaleOrder, self.with_context(shop_from_order=True))._action_cancel()
        if not self.env.context.get("shop_from_repair"):
            # declined on the portal (with the customer's reason) or cancelled in the back office
            repairs = self._shop_repairs().filtered(lambda r: r.quote_state == "sent")
            if repairs:
                repairs._shop_on_declined(self.env.context.get("shop_decline_reason"))
        return res
