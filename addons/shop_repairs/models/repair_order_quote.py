import hashlib
import json

from odoo import api, fields, models
from odoo.exceptions import UserError

QUOTE_STATES = [
    ("none", "Not sent"),
    ("sent", "Sent"),
    ("accepted", "Accepted"),
    ("declined", "Declined"),
    ("expired", "Expired"),
]


def quote_fingerprint(diagnosis, delivery, parts, labor):
    """A stable hash of what the customer sees in a quote: sending an unchanged quote again is refused."""
    payload = json.dumps([diagnosis or "", str(delivery or ""), sorted(parts), sorted(labor)], default=str)
    return hashlib.sha1(payload.encode()).hexdigest()


class RepairOrder(models.Model):
    """The quote: the repair's quotation built from its parts and labour, sent to the customer.

    One way through: editing the diagnosis, the parts or the labour after sending changes nothing the customer has;
    it makes the quote outdated (``shop_quote_outdated``), and ``action_send_quote`` is the one place that puts the
    change on the quotation and, when the customer has to decide again, sends the new version."""

    _inherit = "repair.order"  # pylint: disable=consider-merging-classes-inherited

    shop_labor_ids = fields.One2many("shop.repair.labor", "repair_id", string="Labour", copy=True)
    quote_state = fields.Selection(
        QUOTE_STATES, default="none", required=True, readonly=True, copy=False, tracking=True, index=True
    )
    shop_quote_sent_date = fields.Datetime("Quote sent on", readonly=True, copy=False)
    shop_quote_hash = fields.Char(readonly=True, copy=False, groups="base.group_user")
    shop_quote_outdated = fields.Boolean(
        "Quote outdated",
        compute="_compute_shop_quote_outdated",
        groups="base.group_user",
        help="The diagnosis, the parts or the labour changed since the quote was sent: send the new version.",
    )
    shop_quote_amount = fields.Monetary(related="sale_order_id.amount_total", string="Quote total")
    shop_decline_reason = fields.Text("Decline reason", readonly=True, copy=False)
    shop_accepted_date = fields.Datetime("Accepted on", readonly=True, copy=False)
    shop_accepted_amount = fields.Monetary(
        "Accepted total",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="The quote total the customer accepted last.",
    )

    @api.depends(
        "quote_state",
        "shop_quote_hash",
        "shop_diagnosis",
        "shop_delivery_date",
        "move_ids.product_id",
        "move_ids.product_uom_qty",
        "move_ids.repair_line_type",
        "shop_labor_ids.product_id",
        "shop_labor_ids.name",
        "shop_labor_ids.quantity",
        "shop_labor_ids.price_unit",
    )
    def _compute_shop_quote_outdated(self):
        for repair in self:
            repair.shop_quote_outdated = bool(
                repair.quote_state in ("sent", "accepted")
                and repair.state not in ("done", "cancel")
                and repair.shop_quote_hash != repair._shop_quote_fingerprint()
            )

    def _shop_quote_fingerprint(self):
        self.ensure_one()
        parts = [
            (m.product_id.id, m.product_uom_qty, m.sale_line_id.price_unit or m.product_id.lst_price)
            for m in self.move_ids
            if m.repair_line_type == "add"
        ]
        labor = [(line.product_id.id, line.name or "", line.quantity, line.price_unit) for line in self.shop_labor_ids]
        return quote_fingerprint(self.shop_diagnosis, self.shop_delivery_date, parts, labor)

    # ------------------------------------------------------------------ sending: the one way through
    def action_send_quote(self):
        """Diagnosis done, or the quote changed since: put it on the quotation and, when the customer has to
        decide (a first quote, a changed one, a higher total than they accepted), e-mail it at once."""
        self._shop_check_quote()
        # the answer is settled by a row lock: a customer answering now makes this fail at once (and retried)
        self._shop_lock_answer()
        for repair in self:
            if (
                repair.quote_state in ("sent", "accepted")
                and repair.shop_quote_hash == repair._shop_quote_fingerprint()
            ):
                raise UserError(
                    self.env._(
                        "The quote of %s was already sent and nothing changed since: nothing was sent.", repair.name
                    )
                )
        for repair in self:
            repair._shop_sync_quotation()
            if repair.quote_state == "accepted" and not repair._shop_needs_new_answer():
                # a change that lowers the accepted total is billed as it is
                repair._shop_write_quote({"shop_quote_hash": repair._shop_quote_fingerprint()})
            else:
                repair._shop_mail_quote()
        return True

    def _shop_check_quote(self):
        for repair in self:
            if not repair.partner_id:
                raise UserError(self.env._("Repair %s has no customer: set one before sending the quote.", repair.name))
            if not repair.partner_id.email:
                raise UserError(
                    self.env._(
                        "The customer %s has no e-mail address: the quote cannot be sent.",
                        repair.partner_id.display_name,
                    )
                )
            if not repair.shop_diagnosis or not repair.shop_delivery_date:
                raise UserError(
                    self.env._(
                        "Fill in the possible defect and the promised delivery date of %s before sending the quote: "
                        "the customer decides on them.",
                        repair.name,
                    )
                )
            if not repair.move_ids.filtered(lambda m: m.repair_line_type == "add") and not repair.shop_labor_ids:
                raise UserError(self.env._("Add the parts or the labour to quote first."))

    def _shop_needs_new_answer(self):
        """An accepted quote whose quotation now costs more than the customer accepted: they decide again."""
        self.ensure_one()
        order = self.sale_order_id
        return order.currency_id.compare_amounts(order.amount_total, self.shop_accepted_amount) > 0

    def _shop_sync_quotation(self):
        """Create or update the repair's quotation from its parts and labour; no line is synced twice."""
        self.ensure_one()
        if not self.sale_order_id:
            self.action_create_sale_order()
        order = self.sale_order_id
        if order.state == "cancel":
            order.action_draft()
        # parts: Odoo's repair keeps 'add' moves and their sale lines in step; create what is missing
        self.move_ids._create_repair_sale_order_line()
        for labor in self.shop_labor_ids:
            values = {
                "product_id": labor.product_id.id,
                "product_uom_qty": labor.quantity,
                "price_unit": labor.price_unit,
            }
            if labor.name:
                values["name"] = labor.name
            if labor.sale_line_id:
                labor.sale_line_id.write(values)
            else:
                labor.sale_line_id = self.env["sale.order.line"].create(dict(values, order_id=order.id))
        # labour lines removed from the repair leave the quotation too (a confirmed order keeps the line at zero,
        # as Odoo asks)
        linked = self.shop_labor_ids.sale_line_id | self.move_ids.sale_line_id
        stale = order.order_line.filtered(lambda line: line not in linked and not line.display_type)
        if order.state == "sale":
            stale.filtered("product_uom_qty").write({"product_uom_qty": 0})
        else:
            stale.unlink()
        deposit = self._shop_deposit_percent()
        values = {
            "validity_date": fields.Date.add(
                fields.Date.context_today(self), days=self._get_param("quote_validity_days", 7)
            ),
            "require_signature": True,
            "commitment_date": self.shop_delivery_date,
            # accepted by signature alone, or after paying the deposit when the bench asks one
            "require_payment": bool(deposit),
        }
        if deposit:
            values["prepayment_percent"] = deposit / 100
        order.write(values)

    def _shop_mail_quote(self):
        """The quotation goes to the customer (again) as the version to sign."""
        self.ensure_one()
        order = self.sale_order_id
        if order.state == "sale":
            # a new version of an accepted quote: back to a quotation to sign (not a decline, the repair is accepted)
            order._action_cancel()
            order.action_draft()
        now = fields.Datetime.now()
        self._shop_write_quote(
            {
                "quote_state": "sent",
                "shop_quote_sent_date": now,
                "shop_quote_hash": self._shop_quote_fingerprint(),
                "shop_diagnosis_done_date": self.shop_diagnosis_done_date or now,
                "shop_reminder_count": 0,
                "shop_last_reminder_date": False,
            }
        )
        if order.state == "draft":
            order.action_quotation_sent()
        self._shop_post_template("shop_repairs.mail_template_repair_quote")
