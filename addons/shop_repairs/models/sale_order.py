from odoo import models


class SaleOrder(models.Model):
    """A repair's quotation: the repair's quote follows it (signed and confirmed: accepted; cancelled: declined)."""

    _inherit = "sale.order"

    def _shop_repairs(self):
        # sudo: repair_order_ids is restricted to stock users (repair's own groups); confirming or cancelling
        # any order (a salesperson's ordinary sale, a customer on the portal) must know whether it is a repair
        # quote. Only this read is privileged.
        return self.sudo().repair_order_ids

    def _shop_is_repair_quote(self):
        self.ensure_one()
        return bool(self._shop_repairs().filtered(lambda r: r.quote_state != "none"))

    def _has_to_be_paid(self):
        # a repair quote is accepted by the customer's signature alone, whatever the company's "online
        # payment" setting, unless the repair bench asks a deposit (then the quotation's prepayment applies)
        if self._shop_is_repair_quote() and not self.env["repair.order"]._shop_deposit_percent():
            return False
        return super()._has_to_be_paid()

    def _has_to_be_signed(self):
        # Odoo's portal commits the customer's signature before it confirms the order: when the server dies in
        # between, the quote is signed but neither the order nor the repair is accepted. A repair quote in that
        # state asks for the signature again, so that the customer's next click on Accept finishes the answer
        # (the order and its repair together) instead of finding a quote that can no longer be accepted.
        self.ensure_one()
        if (
            self.signature
            and self.state in ("draft", "sent")
            and self.require_signature
            and not self.is_expired
            and self._shop_is_repair_quote()
            and not self._has_to_be_paid()
        ):
            return True
        return super()._has_to_be_signed()

    def _action_confirm(self):
        # the repair follows its quotation: accepting (portal or back office) confirms the repair, as Odoo's
        # repair confirms the repairs of a confirmed order, whoever confirms it; the row lock settles a
        # concurrent answer, change or expiry before the quote is read
        repairs = self._shop_repairs()._shop_lock_answer()
        repairs.filtered(lambda r: r.quote_state in ("sent", "expired"))._shop_on_accepted()
        return super()._action_confirm()

    def _action_cancel(self):
        # declined on the portal or cancelled in the back office: a repair the shop itself cancelled, or whose
        # accepted quote goes back to the customer as a new version, is not declined
        declined = self._shop_repairs().filtered(lambda r: r.quote_state == "sent" and r.state != "cancel")
        res = super()._action_cancel()
        declined._shop_on_declined()
        return res

    def _shop_record_decline_reason(self, reason):
        """The reason the customer gave when declining (the portal's decline form) goes on the repair."""
        # only a decline that has no reason yet (a second post of the form changes nothing)
        repairs = self._shop_repairs().filtered(lambda r: r.quote_state == "declined" and not r.shop_decline_reason)
        if reason and repairs:
            repairs.write({"shop_decline_reason": reason})
