import hashlib
import json
import logging
from datetime import timedelta

from odoo import Command, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

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
    _name = "repair.order"
    _inherit = ["repair.order", "portal.mixin"]

    # intake
    shop_intake_date = fields.Datetime("Intake date", default=fields.Datetime.now, copy=False, tracking=True)
    shop_brand_id = fields.Many2one(related="product_id.product_brand_id", string="Brand", store=True)
    shop_accessories = fields.Text("Accessories received")
    shop_condition = fields.Text("Visible condition")
    shop_photo_ids = fields.Many2many("ir.attachment", string="Photos")
    # diagnosis
    shop_diagnosis = fields.Text("Possible defect", tracking=True)
    shop_diagnosis_deadline = fields.Datetime(
        "Diagnosis deadline", compute="_compute_shop_diagnosis_deadline", store=True, readonly=False
    )
    shop_diagnosis_done_date = fields.Datetime("Diagnosis done on", readonly=True, copy=False)
    shop_diagnosis_overdue = fields.Boolean(compute="_compute_shop_overdue", search="_search_shop_diagnosis_overdue")
    shop_overdue_notified = fields.Boolean(readonly=True, copy=False)
    shop_delivery_date = fields.Datetime("Promised delivery", tracking=True)
    shop_delivery_overdue = fields.Boolean(compute="_compute_shop_overdue", search="_search_shop_delivery_overdue")
    shop_labor_ids = fields.One2many("shop.repair.labor", "repair_id", string="Labour", copy=True)
    # quote
    quote_state = fields.Selection(QUOTE_STATES, default="none", required=True, copy=False, tracking=True, index=True)
    shop_quote_sent_date = fields.Datetime("Quote sent on", readonly=True, copy=False)
    shop_quote_hash = fields.Char(readonly=True, copy=False)
    shop_quote_amount = fields.Monetary(related="sale_order_id.amount_total", string="Quote total")
    currency_id = fields.Many2one(related="company_id.currency_id")
    shop_decline_reason = fields.Text("Decline reason", readonly=True, copy=False)
    shop_accepted_date = fields.Datetime("Accepted on", readonly=True, copy=False)
    # collection
    shop_reminder_count = fields.Integer("Collection reminders sent", readonly=True, copy=False)
    shop_last_reminder_date = fields.Datetime("Last collection notice", readonly=True, copy=False)
    shop_abandoned = fields.Boolean("Abandoned", readonly=True, copy=False, tracking=True)
    shop_intake_move_id = fields.Many2one("stock.move", "Intake move", readonly=True, copy=False)
    shop_delivery_move_id = fields.Many2one("stock.move", "Delivery move", readonly=True, copy=False)
    shop_delivered_date = fields.Datetime("Delivered to the customer on", readonly=True, copy=False, tracking=True)

    # ------------------------------------------------------------------ computes
    @api.depends("shop_intake_date", "company_id")
    def _compute_shop_diagnosis_deadline(self):
        hours = self._get_diagnosis_hours()
        for repair in self:
            start = repair.shop_intake_date or fields.Datetime.now()
            calendar = repair.company_id.resource_calendar_id
            deadline = calendar.plan_hours(hours, start, compute_leaves=True) if calendar else False
            repair.shop_diagnosis_deadline = deadline or start + timedelta(hours=hours)

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
        for move in self.move_ids:
            if move.product_uom_qty < 0 or (move.sale_line_id and move.sale_line_id.price_unit < 0):
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

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        location = self.env.ref("shop_repairs.stock_location_customer_devices", raise_if_not_found=False)
        for vals in vals_list:
            if location:
                vals.setdefault("product_location_src_id", location.id)
                vals.setdefault("product_location_dest_id", location.id)
        repairs = super().create(vals_list)
        repairs._shop_receive_devices()
        return repairs

    def write(self, vals):
        res = super().write(vals)
        if "lot_id" in vals or "product_id" in vals:
            self._shop_receive_devices()
        if "shop_labor_ids" in vals or "move_ids" in vals or "shop_diagnosis" in vals:
            self._shop_resend_if_sent()
        return res

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
            # labour lines removed from the repair leave the quotation too
            linked = repair.shop_labor_ids.sale_line_id | repair.move_ids.sale_line_id
            stale = order.order_line.filtered(lambda line, linked=linked: line not in linked and not line.display_type)
            stale.unlink()
            validity = self._get_param("quote_validity_days", 7)
            order.write(
                {
                    "validity_date": fields.Date.add(fields.Date.context_today(repair), days=validity),
                    "require_signature": True,
                    "commitment_date": repair.shop_delivery_date,
                }
            )

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
        self.with_context(shop_no_resend=True).write(
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
    def _shop_on_accepted(self):
        expired = self.filtered(lambda r: r.quote_state == "expired")
        if expired:
            raise UserError(
                self.env._("The quote of %s expired: ask the store for a new one.", ", ".join(expired.mapped("name")))
            )
        self.write({"quote_state": "accepted", "shop_accepted_date": fields.Datetime.now()})
        for repair in self:
            if repair.state == "draft":
                repair._action_repair_confirm()
            repair.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Quote accepted: start the repair"),
                user_id=repair.user_id.id or self.env.uid,
                date_deadline=(repair.shop_delivery_date or fields.Datetime.now()).date(),
            )

    def _shop_on_declined(self, reason=False):
        self.write(
            {
                "quote_state": "declined",
                "shop_decline_reason": reason or False,
                "shop_last_reminder_date": fields.Datetime.now(),
            }
        )
        self._shop_send_template("shop_repairs.mail_template_repair_collect")

    def action_repair_start(self):
        refused = self.filtered(lambda r: not r.under_warranty and r.quote_state != "accepted")
        if refused:
            raise UserError(
                self.env._(
                    "The customer has not accepted the quote of %s yet (and it is not under warranty).",
                    ", ".join(refused.mapped("name")),
                )
            )
        return super().action_repair_start()

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

        A tracked device waits for its serial number; a repair without a device moves nothing."""
        location = self._shop_devices_location()
        todo = self.filtered(
            lambda r: (
                location
                and r.product_id
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
        return [("quote_state", "=", "sent"), ("shop_quote_sent_date", "<", now - timedelta(days=validity))]

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
            batch = expiring[start : start + batch_size]
            batch.write({"quote_state": "expired", "shop_last_reminder_date": now})
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
                user_id=repair.user_id.id or self.env.uid,
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

    shop_suggestion_html = fields.Html("Past diagnoses", compute="_compute_shop_suggestion_html", sanitize=False)

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
