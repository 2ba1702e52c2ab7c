import hashlib
import json
import logging
from datetime import timedelta

from odoo import Command, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.misc import get_lang

_logger = logging.getLogger(__name__)

# The customer's answer changes only through the quote's own flow (sending, the quotation's acceptance or
# cancellation, the expiry cron). Those writes carry this object in their context: a Python object that no
# RPC client can put in a JSON context, so staff cannot forge it.
QUOTE_FLOW = object()

QUOTE_STATES = [
    ("none", "Not sent"),
    ("sent", "Sent"),
    ("accepted", "Accepted"),
    ("declined", "Declined"),
    ("expired", "Expired"),
]

# the repair shop's pipeline, in the bench's order (the kanban's columns)
SHOP_STAGES = [
    ("received", "Received"),
    ("diagnosis", "In diagnosis"),
    ("quoted", "Quote sent"),
    ("approved", "Approved"),
    ("repairing", "Under repair"),
    ("ready", "Ready for pickup"),
    ("refused", "Declined/Expired"),
    ("awaiting_collection", "Awaiting pickup"),
    ("delivered", "Delivered"),
    ("abandoned", "Abandoned"),
]

# a card dragged from a stage to the next runs the button that moves it there; any other move is refused
STAGE_MOVES = {
    ("received", "repairing"): "action_repair_start",
    ("diagnosis", "repairing"): "action_repair_start",
    ("approved", "repairing"): "action_repair_start",
    ("repairing", "ready"): "action_repair_end",
    ("ready", "delivered"): "action_shop_deliver",
    ("refused", "delivered"): "action_shop_deliver",
    ("awaiting_collection", "delivered"): "action_shop_deliver",
}


def stage_of(state, quote_state, delivered, abandoned, reminded, diagnosed):
    """The pipeline stage a repair's events put it in."""
    if delivered:
        return "delivered"
    if abandoned:
        return "abandoned"
    if state == "done":
        return "ready"
    if state == "under_repair":
        return "repairing"
    if state == "cancel" or (quote_state in ("declined", "expired") and reminded):
        return "awaiting_collection"
    if quote_state in ("declined", "expired"):
        return "refused"
    if state == "confirmed" or quote_state == "accepted":
        return "approved"
    if quote_state == "sent":
        return "quoted"
    return "diagnosis" if diagnosed else "received"


def quote_fingerprint(diagnosis, delivery, parts, labor):
    """A stable hash of what the customer sees in a quote: sending an unchanged quote again is refused."""
    payload = json.dumps([diagnosis or "", str(delivery or ""), sorted(parts), sorted(labor)], default=str)
    return hashlib.sha1(payload.encode()).hexdigest()


class RepairOrder(models.Model):
    _name = "repair.order"
    _inherit = ["repair.order", "portal.mixin"]

    # intake
    shop_intake_date = fields.Datetime("Intake date", default=fields.Datetime.now, copy=False, tracking=True)
    shop_brand_id = fields.Many2one(related="product_id.product_brand_id", string="Brand", store=True)
    shop_accessories = fields.Text("Accessories received")
    shop_condition = fields.Text("Visible condition")
    shop_photo_ids = fields.Many2many("ir.attachment", string="Photos", groups="base.group_user")
    # diagnosis
    shop_diagnosis = fields.Text("Possible defect", tracking=True)
    shop_diagnosis_deadline = fields.Datetime(
        "Diagnosis deadline",
        compute="_compute_shop_diagnosis_deadline",
        store=True,
        readonly=False,
        groups="base.group_user",
    )
    shop_diagnosis_done_date = fields.Datetime("Diagnosis done on", readonly=True, copy=False, groups="base.group_user")
    shop_diagnosis_overdue = fields.Boolean(
        compute="_compute_shop_overdue", search="_search_shop_diagnosis_overdue", groups="base.group_user"
    )
    shop_overdue_notified = fields.Boolean(readonly=True, copy=False, groups="base.group_user")
    shop_delivery_date = fields.Datetime("Promised delivery", tracking=True)
    shop_delivery_overdue = fields.Boolean(
        compute="_compute_shop_overdue", search="_search_shop_delivery_overdue", groups="base.group_user"
    )
    shop_labor_ids = fields.One2many("shop.repair.labor", "repair_id", string="Labour", copy=True)
    shop_stage = fields.Selection(
        SHOP_STAGES,
        "Stage",
        compute="_compute_shop_stage",
        store=True,
        readonly=False,  # the kanban moves cards; write() runs the matching button or refuses the move
        index=True,
        tracking=True,
        group_expand=True,
    )
    # quote
    quote_state = fields.Selection(
        QUOTE_STATES, default="none", required=True, readonly=True, copy=False, tracking=True, index=True
    )
    shop_quote_sent_date = fields.Datetime("Quote sent on", readonly=True, copy=False)
    shop_quote_hash = fields.Char(readonly=True, copy=False, groups="base.group_user")
    shop_quote_amount = fields.Monetary(related="sale_order_id.amount_total", string="Quote total")
    currency_id = fields.Many2one(related="company_id.currency_id")
    shop_decline_reason = fields.Text("Decline reason", readonly=True, copy=False)
    shop_accepted_date = fields.Datetime("Accepted on", readonly=True, copy=False)
    shop_accepted_amount = fields.Monetary(
        "Accepted total",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="The quote total the customer accepted last.",
    )
    # collection
    shop_reminder_count = fields.Integer(
        "Collection reminders sent", readonly=True, copy=False, groups="base.group_user"
    )
    shop_last_reminder_date = fields.Datetime("Last collection notice", readonly=True, copy=False)
    shop_abandoned = fields.Boolean("Abandoned", readonly=True, copy=False, tracking=True)
    shop_intake_move_id = fields.Many2one(
        "stock.move", "Intake move", readonly=True, copy=False, groups="base.group_user"
    )
    shop_device_received = fields.Boolean("Device received", compute="_compute_shop_device_received", compute_sudo=True)
    shop_delivery_move_id = fields.Many2one(
        "stock.move", "Delivery move", readonly=True, copy=False, groups="base.group_user"
    )
    shop_delivered_date = fields.Datetime("Delivered to the customer on", readonly=True, copy=False, tracking=True)
    # the staff's own notes never reach the customer (the portal rule lets customers read their repairs)
    internal_notes = fields.Html(groups="base.group_user")

    # ------------------------------------------------------------------ computes
    @api.depends("shop_intake_date", "company_id")
    def _compute_shop_diagnosis_deadline(self):
        hours = self._get_diagnosis_hours()
        for repair in self:
            start = repair.shop_intake_date or fields.Datetime.now()
            calendar = repair.company_id.resource_calendar_id
            deadline = calendar.plan_hours(hours, start, compute_leaves=True) if calendar else False
            repair.shop_diagnosis_deadline = deadline or start + timedelta(hours=hours)

    @api.depends(
        "state", "quote_state", "shop_delivered_date", "shop_abandoned", "shop_reminder_count", "shop_diagnosis"
    )
    def _compute_shop_stage(self):
        for repair in self:
            repair.shop_stage = stage_of(
                repair.state,
                repair.quote_state,
                bool(repair.shop_delivered_date),
                repair.shop_abandoned,
                bool(repair.shop_reminder_count),
                bool(repair.shop_diagnosis),
            )

    @api.depends("shop_intake_move_id")
    def _compute_shop_device_received(self):
        for repair in self:
            repair.shop_device_received = bool(repair.shop_intake_move_id)

    def _compute_shop_overdue(self):
        now = fields.Datetime.now()
        for repair in self:
            repair.shop_diagnosis_overdue = bool(
                repair.shop_diagnosis_deadline
                and not repair.shop_diagnosis_done_date
                and repair.state not in ("done", "cancel")
                and repair.shop_diagnosis_deadline < now
            )
            repair.shop_delivery_overdue = bool(
                repair.shop_delivery_date and repair.state not in ("done", "cancel") and repair.shop_delivery_date < now
            )

    def _search_shop_diagnosis_overdue(self, operator, value):
        domain = [
            ("shop_diagnosis_deadline", "<", fields.Datetime.now()),
            ("shop_diagnosis_done_date", "=", False),
            ("state", "not in", ("done", "cancel")),
        ]
        return domain if (operator == "=") == bool(value) else ["!", *self._normalize(domain)]

    def _search_shop_delivery_overdue(self, operator, value):
        domain = [("shop_delivery_date", "<", fields.Datetime.now()), ("state", "not in", ("done", "cancel"))]
        return domain if (operator == "=") == bool(value) else ["!", *self._normalize(domain)]

    @api.model
    def _normalize(self, domain):
        return ["&"] * (len(domain) - 1) + domain

    def _compute_access_url(self):  # pylint: disable=missing-return
        super()._compute_access_url()
        for repair in self:
            repair.access_url = f"/my/repairs/{repair.id}"

    # ------------------------------------------------------------------ constraints
    @api.constrains("shop_delivery_date", "shop_intake_date")
    def _check_shop_delivery_date(self):
        for repair in self:
            if (
                repair.shop_delivery_date
                and repair.shop_intake_date
                and repair.shop_delivery_date < repair.shop_intake_date
            ):
                raise ValidationError(self.env._("The promised delivery date cannot be before the intake date."))

    @api.constrains("move_ids")
    def _check_shop_parts(self):
        # quantities: a part's move refuses a negative quantity written on it (stock.move.write), and Odoo's
        # action_validate refuses a negative line; a draft line may be negative on the way, as in Odoo
        for move in self.move_ids:
            if move.sale_line_id and move.sale_line_id.price_unit < 0:
                raise ValidationError(self.env._("Part quantities and prices cannot be negative."))

    # ------------------------------------------------------------------ params
    @api.model
    def _get_param(self, key, default):
        value = self.env["ir.config_parameter"].sudo().get_param(f"shop_repairs.{key}", default)
        try:
            return int(value)
        except (TypeError, ValueError):
            return default

    @api.model
    def _get_diagnosis_hours(self):
        return self._get_param("diagnosis_hours", 48)

    @api.model
    def _shop_abandon_policy(self):
        """The store's policy quoted in the final notice: the manager's text, else the default in the reader's
        language (the e-mail renders in the customer's)."""
        # sudo: the policy is a system parameter the notice quotes to the customer
        policy = self.env["ir.config_parameter"].sudo().get_param("shop_repairs.abandon_policy")
        return policy or self.env._(
            "Devices not collected within 90 days of this notice may be sold or recycled to cover the store's "
            "costs, as stated in the intake terms."
        )

    def _shop_customer_tz(self):
        """The time zone the customer reads the repair's hours in (e-mails and portal alike): theirs, else the
        store's."""
        self.ensure_one()
        # sudo: the store's own time zone, read for a customer on the portal who may not read the store's contact
        return self.partner_id.tz or self.sudo().company_id.partner_id.tz or "UTC"

    @api.model
    def _shop_format_quantity(self, quantity):
        """A quantity as the reader's language writes it (1, 1,5 in pt_BR), without needless decimals."""
        digits = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        text = tools.formatLang(self.env, quantity, digits=digits)
        decimal_point = get_lang(self.env).decimal_point
        if decimal_point in text:
            text = text.rstrip("0").rstrip(decimal_point)
        return text

    @api.model
    def _shop_deposit_percent(self):
        """The deposit a customer pays to accept a repair quote, in percent (0: the signature is enough)."""
        return min(max(self._get_param("deposit_percent", 0), 0), 100)

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        location = self.env.ref("shop_repairs.stock_location_customer_devices", raise_if_not_found=False)
        for vals in vals_list:
            # a customer's device waits in the customers' devices location; the store's own equipment (no
            # customer) and a returned product (from its return) keep Odoo's locations
            if location and vals.get("partner_id") and not vals.get("picking_id"):
                vals.setdefault("product_location_src_id", location.id)
                vals.setdefault("product_location_dest_id", location.id)
            if vals.get("quote_state", "none") != "none":
                self._shop_check_quote_flow()
        repairs = super().create(vals_list)
        repairs._shop_receive_devices()
        return repairs

    def write(self, vals):
        if "shop_stage" in vals:
            vals = dict(vals)
            self._shop_move_to_stage(vals.pop("shop_stage"))
            if not vals:
                return True
        if "quote_state" in vals:
            self._shop_check_quote_flow()
        if "product_id" in vals or "lot_id" in vals:
            self._shop_check_device_locked(vals)
        res = super().write(vals)
        if "lot_id" in vals or "product_id" in vals or "partner_id" in vals:
            self._shop_receive_devices()
        if "shop_labor_ids" in vals or "move_ids" in vals or "shop_diagnosis" in vals:
            self._shop_resend_if_sent()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_active_repair(self):
        # ondelete checks run in the order of their names: this one comes before Odoo's
        # _unlink_except_confirmed, which would cancel a confirmed repair and let it be deleted
        if self.filtered(lambda r: r.state not in ("draft", "cancel")):
            raise UserError(self.env._("A confirmed repair cannot be deleted: cancel it instead."))

    def _shop_move_to_stage(self, target):
        """A card dragged on the kanban: the stage follows the repair's events, so the move runs the button
        that makes the event happen (start, finish, deliver) or is refused."""
        labels = dict(self._fields["shop_stage"]._description_selection(self.env))
        for repair in self:
            if repair.shop_stage == target:
                continue
            method = STAGE_MOVES.get((repair.shop_stage, target))
            if method:
                getattr(repair, method)()
            if repair.shop_stage != target:
                raise UserError(
                    self.env._(
                        "%(repair)s cannot move from %(current)s to %(target)s: its stage follows what happened "
                        "to it (the customer's answer, the repair, the delivery).",
                        repair=repair.name,
                        current=labels.get(repair.shop_stage),
                        target=labels.get(target, target),
                    )
                )

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

    def _shop_check_device_locked(self, vals):
        """The device received (and its serial number) is the one the intake receipt names."""
        for repair in self.filtered("shop_intake_move_id"):
            if ("product_id" in vals and (vals["product_id"] or False) != repair.product_id.id) or (
                "lot_id" in vals and (vals["lot_id"] or False) != repair.lot_id.id
            ):
                raise UserError(
                    self.env._(
                        "The device and the serial number of %s were received at the intake: they cannot be "
                        "changed. Register a new repair for another device.",
                        repair.name,
                    )
                )

    # ------------------------------------------------------------------ quote
    def _shop_quote_fingerprint(self):
        self.ensure_one()
        parts = [
            (m.product_id.id, m.product_uom_qty, m.sale_line_id.price_unit or m.product_id.lst_price)
            for m in self.move_ids
            if m.repair_line_type == "add"
        ]
        labor = [(line.product_id.id, line.name or "", line.quantity, line.price_unit) for line in self.shop_labor_ids]
        return quote_fingerprint(self.shop_diagnosis, self.shop_delivery_date, parts, labor)

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
            if repair.quote_state == "accepted":
                raise UserError(self.env._("The customer already accepted the quote of %s.", repair.name))

    def _shop_sync_quotation(self):
        """Create or update the repair's quotation from its parts and labour; no line is synced twice."""
        for repair in self:
            if not repair.sale_order_id:
                repair.action_create_sale_order()
            order = repair.sale_order_id
            if order.state == "cancel":
                order.action_draft()
            # parts: Odoo's repair keeps 'add' moves and their sale lines in step; create what is missing
            repair.move_ids._create_repair_sale_order_line()
            for labor in repair.shop_labor_ids:
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
            # labour lines removed from the repair leave the quotation too (a confirmed order keeps the line at
            # zero, as Odoo asks)
            linked = repair.shop_labor_ids.sale_line_id | repair.move_ids.sale_line_id
            stale = order.order_line.filtered(lambda line, linked=linked: line not in linked and not line.display_type)
            if order.state == "sale":
                stale.filtered("product_uom_qty").write({"product_uom_qty": 0})
            else:
                stale.unlink()
            validity = self._get_param("quote_validity_days", 7)
            deposit = self._shop_deposit_percent()
            values = {
                "validity_date": fields.Date.add(fields.Date.context_today(repair), days=validity),
                "require_signature": True,
                "commitment_date": repair.shop_delivery_date,
                # accepted by signature alone, or after paying the deposit when the bench asks one
                "require_payment": bool(deposit),
            }
            if deposit:
                values["prepayment_percent"] = deposit / 100
            order.write(values)

    def action_send_quote(self):
        """Diagnosis done: (re)build the quotation and e-mail it to the customer at once."""
        self._shop_check_quote()
        for repair in self:
            fingerprint = repair._shop_quote_fingerprint()
            if repair.quote_state == "sent" and repair.shop_quote_hash == fingerprint:
                raise UserError(
                    self.env._(
                        "The quote of %s was already sent and nothing changed since: nothing was sent.", repair.name
                    )
                )
        for repair in self:
            repair.with_context(shop_no_resend=True)._shop_sync_quotation()
            repair._shop_mail_quote()
        return True

    def _shop_mail_quote(self):
        self.ensure_one()
        now = fields.Datetime.now()
        self.with_context(shop_no_resend=True)._shop_write_quote(
            {
                "quote_state": "sent",
                "shop_quote_sent_date": now,
                "shop_quote_hash": self._shop_quote_fingerprint(),
                "shop_diagnosis_done_date": self.shop_diagnosis_done_date or now,
                "shop_reminder_count": 0,
                "shop_last_reminder_date": False,
            }
        )
        if self.sale_order_id.state == "draft":
            self.sale_order_id.state = "sent"
        self._shop_send_template("shop_repairs.mail_template_repair_quote")

    def _shop_resend_if_sent(self):
        self.filtered(lambda r: r.quote_state == "sent" and r.sale_order_id)._shop_resend_if_changed()
        self.filtered(
            lambda r: r.quote_state == "accepted" and r.sale_order_id and r.state not in ("done", "cancel")
        )._shop_amend_if_changed()

    def _shop_amend_if_changed(self):
        """Parts or labour changed after the customer accepted: everything goes on the quotation (nothing done
        goes unbilled); a change that raises the accepted total goes back to the customer as a new version to
        accept, a change that lowers it is billed as it is."""
        if self.env.context.get("shop_no_resend"):
            return
        for repair in self:
            if repair._shop_quote_fingerprint() == repair.shop_quote_hash:
                continue
            repair.with_context(shop_no_resend=True)._shop_sync_quotation()
            order = repair.sale_order_id
            if order.currency_id.compare_amounts(order.amount_total, repair.shop_accepted_amount) > 0:
                repair._shop_requote()
            else:
                repair._shop_write_quote({"shop_quote_hash": repair._shop_quote_fingerprint()})

    def _shop_requote(self):
        """The quotation goes back to the customer as a new version to sign."""
        self.ensure_one()
        order = self.sale_order_id
        if order.state == "sale":
            # not a decline: the customer is asked again
            order.with_context(shop_from_repair=True)._action_cancel()
            order.action_draft()
        self.with_context(shop_no_resend=True)._shop_mail_quote()

    def _shop_resend_if_changed(self):
        if self.env.context.get("shop_no_resend"):
            return
        for repair in self:
            if repair._shop_quote_fingerprint() != repair.shop_quote_hash:
                repair.with_context(shop_no_resend=True)._shop_sync_quotation()
                repair._shop_mail_quote()

    def _shop_send_template(self, xmlid):
        template = self.env.ref(xmlid)
        for repair in self:
            repair.with_context(lang=repair.partner_id.lang or self.env.lang).message_post_with_source(
                template, message_type="comment", subtype_xmlid="mail.mt_comment"
            )

    # ------------------------------------------------------------------ answers
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

    def _shop_lock_expiring(self):
        """The repairs of an expiry batch the cron may expire: those still waiting for an answer, skipping the
        ones a customer is answering at this very moment (the next run sees them if they still wait)."""
        if not self:
            return self
        rows = self.env.execute_query(
            SQL(
                "SELECT id FROM %s WHERE id IN %s AND quote_state = 'sent' ORDER BY id FOR UPDATE SKIP LOCKED",
                SQL.identifier(self._table),
                tuple(self.ids),
            )
        )
        self.invalidate_recordset()
        return self.browse([row[0] for row in rows])

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

    def _shop_on_declined(self, reason=False):
        self._shop_write_quote(
            {
                "quote_state": "declined",
                "shop_decline_reason": reason or False,
                "shop_last_reminder_date": fields.Datetime.now(),
            }
        )
        self._shop_send_template("shop_repairs.mail_template_repair_collect")

    def _shop_waiting_for_customer(self):
        """Repairs whose customer quote is not accepted: only those wait (a repair without a customer quote,
        the store's own equipment, a warranty or a return, runs as in Odoo)."""
        return self.filtered(lambda r: not r.under_warranty and r.quote_state in ("sent", "declined", "expired"))

    def _shop_check_accepted(self):
        refused = self._shop_waiting_for_customer()
        if refused:
            raise UserError(
                self.env._(
                    "The customer has not accepted the quote of %s yet (and it is not under warranty).",
                    ", ".join(refused.mapped("name")),
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
        orders = self.sale_order_id.filtered(lambda o: o.state in ("draft", "sent"))
        if orders and not self.env.context.get("shop_from_order"):
            orders.with_context(shop_from_repair=True)._action_cancel()
        return res

    def action_shop_deliver(self):
        """The device leaves the store: repaired, or returned unrepaired."""
        for repair in self:
            if repair.shop_delivered_date:
                raise UserError(self.env._("%s was already delivered.", repair.name))
            if repair.state not in ("done", "cancel") and repair.quote_state not in ("declined", "expired"):
                raise UserError(self.env._("Finish or cancel the repair %s before delivering the device.", repair.name))
        self.write({"shop_delivered_date": fields.Datetime.now()})
        self._shop_return_devices()
        return self.env.ref("shop_repairs.action_report_repair_delivery").report_action(self)

    # ------------------------------------------------------------------ the device's own moves
    def _shop_devices_location(self):
        return self.env.ref("shop_repairs.stock_location_customer_devices", raise_if_not_found=False)

    def _shop_device_move_vals(self, source, destination):
        self.ensure_one()
        uom = self.product_uom or self.product_id.uom_id
        return {
            "name": self.name,
            "origin": self.name,
            "product_id": self.product_id.id,
            "product_uom": uom.id,
            "product_uom_qty": self.product_qty or 1.0,
            "partner_id": self.partner_id.id,
            "location_id": source.id,
            "location_dest_id": destination.id,
            "company_id": self.company_id.id,
            "picked": True,
            "move_line_ids": [
                Command.create(
                    {
                        "product_id": self.product_id.id,
                        "lot_id": self.lot_id.id,
                        "product_uom_id": uom.id,
                        "quantity": self.product_qty or 1.0,
                        "location_id": source.id,
                        "location_dest_id": destination.id,
                        "company_id": self.company_id.id,
                    }
                )
            ],
        }

    def _shop_move_devices(self, source, destination):
        """One done stock move per repair's device, between two partner locations (so never valued)."""
        moves = self.env["stock.move"].create([repair._shop_device_move_vals(source, destination) for repair in self])
        moves._action_done()
        return moves

    def _shop_receive_devices(self):
        """Intake: the customer's device enters the customers' devices location (traceable by serial number).

        Only a customer's device kept in stock (storable: its serial number's history matters) is moved; a tracked
        device waits for its serial number; a repair without a customer (the store's own equipment) or without a
        device moves nothing, as in Odoo."""
        location = self._shop_devices_location()
        todo = self.filtered(
            lambda r: (
                location
                and r.product_id
                and r.partner_id
                and r.product_id.is_storable
                and not r.shop_intake_move_id
                and r.state != "cancel"
                and (r.product_id.tracking == "none" or r.lot_id)
            )
        )
        if todo:
            moves = todo._shop_move_devices(location.location_id, location)
            for repair, move in zip(todo, moves, strict=True):
                repair.shop_intake_move_id = move

    def _shop_return_devices(self):
        """Delivery: the device leaves the store, back to the customer."""
        location = self._shop_devices_location()
        todo = self.filtered(lambda r: r.shop_intake_move_id and not r.shop_delivery_move_id)
        if todo:
            moves = todo._shop_move_devices(location, location.location_id)
            for repair, move in zip(todo, moves, strict=True):
                repair.shop_delivery_move_id = move

    def action_print_intake(self):
        return self.env.ref("shop_repairs.action_report_repair_intake").report_action(self)

    # ------------------------------------------------------------------ cron
    @api.model
    def _get_expiry_domain(self, now):
        validity = self._get_param("quote_validity_days", 7)
        return [
            ("quote_state", "=", "sent"),
            ("shop_quote_sent_date", "<", now - timedelta(days=validity)),
            # a repair the shop cancelled, or a device already handed back, awaits no answer
            ("state", "!=", "cancel"),
            ("shop_delivered_date", "=", False),
        ]

    @api.model
    def _get_reminder_domain(self, now):
        interval = self._get_param("reminder_interval_days", 7)
        return [
            ("quote_state", "in", ("expired", "declined")),
            ("shop_delivered_date", "=", False),
            ("shop_abandoned", "=", False),
            ("shop_last_reminder_date", "<", now - timedelta(days=interval)),
        ]

    @api.model
    def _get_overdue_diagnosis_domain(self, now):
        return [("shop_diagnosis_overdue", "=", True), ("shop_overdue_notified", "=", False)]

    @api.model
    def _shop_cron_select(self, now):
        """The cron's whole selection in one SQL statement, built from the hook domains (record rules apply).

        Returns a dict kind -> recordset, kind in ``expire``, ``remind``, ``overdue``."""
        domains = {
            "expire": self._get_expiry_domain(now),
            "remind": self._get_reminder_domain(now),
            "overdue": self._get_overdue_diagnosis_domain(now),
        }
        selects = [
            self._search(domain).select(SQL.identifier(self._table, "id"), SQL("%s", kind))
            for kind, domain in domains.items()
        ]
        # execute_query flushes what the statement reads first
        rows = self.env.execute_query(SQL(" UNION ALL ").join(SQL("(%s)", select) for select in selects))
        ids = {kind: [] for kind in domains}
        for record_id, kind in rows:
            ids[kind].append(record_id)
        return {kind: self.browse(sorted(record_ids)) for kind, record_ids in ids.items()}

    @api.model
    def _cron_quote_expiry(self, batch_size=500):
        """Expire unanswered quotes, remind customers to collect, flag abandoned devices.

        Idempotent: each step moves the repair's state or dates forward, so a second run the same day
        finds nothing to send. Selects everything in one query, whatever the number of open repairs."""
        now = fields.Datetime.now()
        # commit between batches only when run by the scheduler (never in tests, demo data or the bench)
        commit = self.env.context.get("shop_cron_commit") and not tools.config["test_enable"]
        selected = self._shop_cron_select(now)
        expiring, reminding = selected["expire"], selected["remind"]
        total, done = len(expiring) + len(reminding), 0
        if expiring or reminding:
            max_reminders = self._get_param("reminder_max", 3)
        for start in range(0, len(expiring), batch_size):
            batch = expiring[start : start + batch_size]._shop_lock_expiring()
            batch._shop_write_quote({"quote_state": "expired", "shop_last_reminder_date": now})
            batch._shop_send_template("shop_repairs.mail_template_repair_collect")
            done += len(batch)
            self.env["ir.cron"]._notify_progress(done=done, remaining=total - done)
            if commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
        for start in range(0, len(reminding), batch_size):
            batch = reminding[start : start + batch_size]
            abandoned = batch.filtered(lambda r: r.shop_reminder_count >= max_reminders)
            remind = batch - abandoned
            if remind:
                # one write per distinct count (a handful), not one per repair
                for count in set(remind.mapped("shop_reminder_count")):
                    remind.filtered(lambda r, c=count: r.shop_reminder_count == c).write(
                        {"shop_reminder_count": count + 1, "shop_last_reminder_date": now}
                    )
                remind._shop_send_template("shop_repairs.mail_template_repair_reminder")
            if abandoned:
                abandoned.write({"shop_abandoned": True, "shop_last_reminder_date": now})
                abandoned._shop_send_template("shop_repairs.mail_template_repair_abandoned")
            done += len(batch)
            self.env["ir.cron"]._notify_progress(done=done, remaining=total - done)
            if commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
        self._shop_notify_overdue_diagnoses(selected["overdue"])
        if total:
            _logger.info("repair quote expiry: %d expired, %d reminded or abandoned", len(expiring), len(reminding))
        return done

    def _shop_notify_overdue_diagnoses(self, overdue):
        """Each overdue diagnosis gets one activity for its technician (flagged, so never twice)."""
        for repair in overdue:
            repair.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Diagnosis overdue"),
                user_id=repair._shop_followup_user().id,
            )
        overdue.write({"shop_overdue_notified": True})
        return overdue

    # ------------------------------------------------------------------ diagnosis memory
    def _shop_past_diagnoses(self, limit=5):
        """Defects recorded on past repairs of the same device model and brand, most frequent first."""
        self.ensure_one()
        if not self.product_id:
            return []
        groups = self._read_group(
            [
                ("product_id", "=", self.product_id.id),
                ("shop_brand_id", "=", self.shop_brand_id.id),
                ("shop_diagnosis", "!=", False),
                ("id", "!=", self.id or 0),
            ],
            ["shop_diagnosis"],
            ["__count", "id:array_agg"],
            order="__count desc",
            limit=limit,
        )
        return [{"diagnosis": diagnosis, "count": count, "repair_ids": ids} for diagnosis, count, ids in groups]

    shop_suggestion_html = fields.Html(
        "Past diagnoses", compute="_compute_shop_suggestion_html", sanitize=False, groups="base.group_user"
    )

    @api.depends("product_id")
    def _compute_shop_suggestion_html(self):
        for repair in self:
            rows = repair._shop_past_diagnoses() if repair.id and repair.product_id else []
            if not rows:
                repair.shop_suggestion_html = False
                continue
            items = "".join(
                f"<li>{tools.html_escape(row['diagnosis'])} "
                f"<span class='badge text-bg-secondary'>{row['count']}×</span></li>"
                for row in rows
            )
            repair.shop_suggestion_html = f"<ul class='mb-0'>{items}</ul>"

    def action_shop_copy_suggestion(self):
        """One click: copy the most frequent past diagnosis with its parts and labour."""
        self.ensure_one()
        rows = self._shop_past_diagnoses(limit=1)
        if not rows:
            raise UserError(self.env._("No past repair of this device model has a diagnosis yet."))
        source = self.browse(max(rows[0]["repair_ids"]))
        self.shop_diagnosis = rows[0]["diagnosis"]
        for move in source.move_ids.filtered(lambda m: m.repair_line_type == "add"):
            self.move_ids = [
                Command.create(
                    {
                        "product_id": move.product_id.id,
                        "product_uom_qty": move.product_uom_qty,
                        "repair_line_type": "add",
                    }
                )
            ]
        self.shop_labor_ids = [
            Command.create(
                {
                    "product_id": line.product_id.id,
                    "name": line.name,
                    "quantity": line.quantity,
                    "price_unit": line.price_unit,
                }
            )
            for line in source.shop_labor_ids
        ]
        return True
