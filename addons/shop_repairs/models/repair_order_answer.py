from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# The customer's answer follows the quotation (sent, signed and confirmed, cancelled) and the expiry cron. Those
# writes carry this object in their context: a Python object that no RPC client can put in a JSON context, so
# staff cannot forge it.
QUOTE_FLOW = object()


class RepairOrder(models.Model):
    """The customer's answer to the quote: it follows the quotation (``sale.order._action_confirm`` when the
    customer signs, ``sale.order._action_cancel`` when they decline), settled by a row lock."""

    _inherit = "repair.order"  # pylint: disable=consider-merging-classes-inherited

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("quote_state", "none") != "none" for vals in vals_list):
            self._shop_check_quote_flow()
        return super().create(vals_list)

    def write(self, vals):
        if "quote_state" in vals:
            self._shop_check_quote_flow()
        return super().write(vals)

    def _shop_check_quote_flow(self):
        """The customer's answer is the customer's: only the quote's own flow changes it."""
        if self.env.context.get("shop_quote_flow") is not QUOTE_FLOW:
            raise UserError(
                self.env._(
                    "The quote's status follows the customer's answer: it cannot be changed by hand. "
                    "Send the quote, or confirm or cancel its quotation."
                )
            )

    def _shop_write_quote(self, vals):
        """Write the quote's status (and what goes with it) as the quote's own flow."""
        return self.with_context(shop_quote_flow=QUOTE_FLOW).write(vals)

    def _shop_lock_answer(self):
        """The customer's answer is settled by the database, not by what this transaction read: lock the repairs'
        rows before reading their quote. A concurrent change (the staff changing and resending the quote, the
        expiry cron, a second click on Accept) holding them makes this transaction fail at once (the request is
        retried by Odoo on what the other one committed); one committed since this transaction began makes it fail
        too (PostgreSQL's repeatable read); a change that comes later waits for this answer and then sees it."""
        if self:
            self.env.execute_query(
                SQL("SELECT id FROM %s WHERE id IN %s FOR UPDATE NOWAIT", SQL.identifier(self._table), tuple(self.ids))
            )
            self.invalidate_recordset()
        return self

    # ------------------------------------------------------------------ the answers (from the quotation)
    def _shop_on_accepted(self):
        expired = self.filtered(lambda r: r.quote_state == "expired")
        if expired:
            raise UserError(
                self.env._("The quote of %s expired: ask the store for a new one.", ", ".join(expired.mapped("name")))
            )
        for repair in self:
            repair._shop_write_quote(
                {
                    "quote_state": "accepted",
                    "shop_accepted_date": fields.Datetime.now(),
                    "shop_accepted_amount": repair.sale_order_id.amount_total,
                }
            )
            if repair.state == "draft":
                repair._action_repair_confirm()
            user = repair._shop_followup_user()
            repair.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=repair.with_context(lang=user.lang).env._("Quote accepted: start the repair"),
                user_id=user.id,
                date_deadline=(repair.shop_delivery_date or fields.Datetime.now()).date(),
            )

    def _shop_on_declined(self):
        self._shop_write_quote(
            {"quote_state": "declined", "shop_decline_reason": False, "shop_last_reminder_date": fields.Datetime.now()}
        )
        self._shop_post_template("shop_repairs.mail_template_repair_collect")

    def _shop_followup_user(self):
        """Who follows the repair up: its technician, else a repair manager of its company (never the public
        user who accepted from the e-mail link, nor the customer)."""
        self.ensure_one()
        if self.user_id and not self.user_id.share:
            return self.user_id
        manager_group = self.env.ref("shop_repairs.group_repair_manager")
        # sudo: whoever triggers the follow-up (the customer on the portal) may not read the users
        manager = (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("groups_id", "in", manager_group.ids),
                    ("share", "=", False),
                    ("company_ids", "in", self.company_id.ids),
                ],
                order="id",
                limit=1,
            )
        )
        return manager or self.env.ref("base.user_admin")

    # ------------------------------------------------------------------ the repair waits for the answer
    def _shop_waiting_for_customer(self):
        """Repairs whose customer quote is not accepted, or changed since it was: only those wait (a repair
        without a customer quote, the store's own equipment, a warranty or a return, runs as in Odoo)."""
        return self.filtered(
            lambda r: (
                not r.under_warranty and (r.quote_state in ("sent", "declined", "expired") or r.shop_quote_outdated)
            )
        )

    def _shop_check_accepted(self):
        waiting = self._shop_waiting_for_customer()
        outdated = waiting.filtered(lambda r: r.quote_state == "accepted")
        if outdated:
            raise UserError(
                self.env._(
                    "The quote of %s changed since the customer accepted it: send the new version first.",
                    ", ".join(outdated.mapped("name")),
                )
            )
        if waiting:
            raise UserError(
                self.env._(
                    "The customer has not accepted the quote of %s yet (and it is not under warranty).",
                    ", ".join(waiting.mapped("name")),
                )
            )

    def action_repair_start(self):
        self._shop_check_accepted()
        return super().action_repair_start()

    def action_repair_end(self):
        self._shop_check_accepted()
        return super().action_repair_end()

    def action_repair_done(self):
        self._shop_check_accepted()
        return super().action_repair_done()

    def action_repair_cancel(self):
        res = super().action_repair_cancel()
        # the shop cancels: its open quotation goes too (a cancelled repair's quotation is no customer's decline);
        # never on no order: Odoo's repair cancels the repairs of a cancelled order's lines, even of no line
        orders = self.sale_order_id.filtered(lambda o: o.state in ("draft", "sent"))
        if orders:
            orders._action_cancel()
        return res
