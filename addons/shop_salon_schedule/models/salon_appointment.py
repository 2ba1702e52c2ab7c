from datetime import timedelta

import pytz
from psycopg2 import errors

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, mute_logger
from odoo.tools.float_utils import float_round

# the salon's time zone when neither the professional's working hours nor the company say one
DEFAULT_TZ = "America/Sao_Paulo"
# states in which an appointment holds its professional's time
FREEING_STATES = ("cancelled", "no_show")
# appointments the cron marks pending per call
PENDING_BATCH_SIZE = 500


class SalonAppointment(models.Model):
    _name = "salon.appointment"
    _description = "Salon appointment"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "start desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one("res.partner", string="Client", required=True, index=True, tracking=True)
    employee_id = fields.Many2one("hr.employee", string="Professional", required=True, index=True, tracking=True)
    service_ids = fields.Many2many(
        "product.product", string="Services", required=True, domain="[('salon_service', '=', True)]"
    )
    start = fields.Datetime(required=True, tracking=True, index=True)
    end = fields.Datetime(compute="_compute_end", store=True, readonly=False, required=True, precompute=True)
    price = fields.Monetary(compute="_compute_price", store=True, readonly=False, precompute=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    notes = fields.Text()
    state = fields.Selection(
        [
            ("scheduled", "Scheduled"),
            ("done", "Service done"),
            ("cancelled", "Cancelled"),
            ("no_show", "No show"),
            ("pending", "Pending"),
        ],
        default="scheduled",
        required=True,
        tracking=True,
        index=True,
    )
    invoice_id = fields.Many2one("account.move", string="Sales record", readonly=True, copy=False)
    partner_gender = fields.Selection(related="partner_id.gender", store=True, string="Client gender")

    # a professional is never booked twice at once, even by two concurrent transactions (needs btree_gist)
    _sql_constraints = [
        (
            "employee_no_overlap",
            'EXCLUDE USING gist (employee_id WITH =, tsrange(start, "end") WITH &&) '
            "WHERE (state NOT IN ('cancelled', 'no_show'))",
            "The professional is already booked at that time.",
        ),
    ]

    def _auto_init(self):
        # the exclusion constraint compares integers with =, which gist indexes only with btree_gist; created here
        # and not in init() because _auto_init() adds the _sql_constraints, before init() runs
        self.env.cr.execute(SQL("CREATE EXTENSION IF NOT EXISTS btree_gist"))
        return super()._auto_init()

    @api.depends("partner_id", "start", "employee_id")
    def _compute_name(self):
        """The client and the time on the salon's clock (what the agenda, the chatter and the e-mails show; the
        start itself is stored in UTC)."""
        for appointment in self:
            when = ""
            if appointment.start:
                local = pytz.utc.localize(appointment.start).astimezone(pytz.timezone(appointment._salon_local_tz()))
                when = local.strftime("%d/%m/%Y %H:%M")
            appointment.name = f"{appointment.partner_id.name or ''} {when}".strip()

    def _salon_local_tz(self):
        """The salon's time zone: the professional's working hours', else the company's, else São Paulo's."""
        self.ensure_one()
        return self.employee_id.resource_calendar_id.tz or self.company_id.partner_id.tz or DEFAULT_TZ

    @api.depends("start", "service_ids")
    def _compute_end(self):
        for appointment in self:
            if appointment.start:
                hours = sum(appointment.service_ids.mapped("salon_duration")) or 1.0
                appointment.end = appointment.start + timedelta(hours=hours)

    @api.depends("service_ids")
    def _compute_price(self):
        for appointment in self:
            appointment.price = sum(appointment.service_ids.mapped("lst_price"))

    @api.constrains("start", "end")
    def _check_dates(self):
        for appointment in self:
            if appointment.end <= appointment.start:
                raise ValidationError(self.env._("The end of an appointment must be after its start."))

    def _check_not_in_past(self, start):
        if start and fields.Datetime.to_datetime(start) < fields.Datetime.now() - timedelta(minutes=5):
            raise ValidationError(self.env._("A client cannot be booked in the past."))

    def _double_booking_error(self, employees):
        """The exclusion constraint refused the booking: the same message as ever, in the user's language."""
        return ValidationError(self.env._("%s is already booked at that time.", ", ".join(employees.mapped("name"))))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_not_in_past(vals.get("start"))
        try:
            # the refused INSERT is the expected outcome of a double booking, not a server error: kept out of the
            # log as Odoo's stock.quant does for its row locks
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint(flush=False):
                appointments = super().create(vals_list)
        except errors.ExclusionViolation as error:
            employee_ids = {vals.get("employee_id") for vals in vals_list} - {None, False}
            raise self._double_booking_error(self.env["hr.employee"].browse(employee_ids)) from error
        return appointments

    def write(self, vals):
        if vals.get("start"):
            new_start = fields.Datetime.to_datetime(vals["start"])
            if any(appointment.start != new_start for appointment in self):
                self._check_not_in_past(new_start)
        res = super().write(vals)
        if {"start", "end", "employee_id", "state", "service_ids"} & vals.keys():
            try:
                with mute_logger("odoo.sql_db"), self.env.cr.savepoint(flush=False):
                    self.flush_recordset(["start", "end", "employee_id", "state"])
            except errors.ExclusionViolation as error:
                self.invalidate_recordset()  # the cache holds the refused values, the database the previous ones
                raise self._double_booking_error(self.employee_id) from error
        return res

    # ------------------------------------------------------------------ actions
    def action_done(self):
        """The service was done: create its Pendente sales record (once) with services, professional, prices."""
        # who may mark the appointment done (agenda, billing) may have the system issue its record
        self.check_access("write")
        for appointment in self:
            if appointment.state == "cancelled":
                raise UserError(self.env._("A cancelled appointment cannot be marked done."))
            if not appointment.invoice_id:
                # the system issues the Pendente record: agenda users mark services done without billing rights,
                # so only this creation runs as superuser, after the access check above
                appointment.invoice_id = (
                    self.env["account.move"].sudo().create(appointment._prepare_invoice_values()).id
                )
            appointment.state = "done"
        return True

    def _service_prices(self):
        """The agreed price shared among the services in proportion to their list prices (as the projections
        do); the last service takes the rounding rest so that the record totals the appointment's price."""
        self.ensure_one()
        services = self.service_ids
        list_total = sum(services.mapped("lst_price"))
        digits = self.currency_id.decimal_places if self.currency_id else 2
        prices, rest = {}, self.price
        for index, service in enumerate(services):
            if index == len(services) - 1:
                prices[service] = float_round(rest, precision_digits=digits)
                break
            share = self.price * service.lst_price / list_total if list_total else self.price / len(services)
            prices[service] = float_round(share, precision_digits=digits)
            rest -= prices[service]
        return prices

    def _prepare_invoice_values(self):
        self.ensure_one()
        prices = self._service_prices()
        return {
            "move_type": "out_invoice",
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "invoice_date": fields.Date.context_today(self, self.start),
            "invoice_line_ids": [
                Command.create(
                    {
                        "product_id": service.id,
                        "quantity": 1,
                        "price_unit": prices[service],
                        "salon_employee_id": self.employee_id.id,
                    }
                )
                for service in self.service_ids
            ],
        }

    def action_cancel(self):
        self.write({"state": "cancelled"})

    def action_no_show(self):
        self.write({"state": "no_show"})

    def action_view_invoice(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.invoice_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------ pending
    @api.model
    def _get_pending_domain(self):
        """The appointments the salon has pending: marked so, or still scheduled after their end (not marked yet
        by the cron or a login). What the welcome and logout pages count and what the cron marks."""
        return ["|", ("state", "=", "pending"), "&", ("state", "=", "scheduled"), ("end", "<", fields.Datetime.now())]

    @api.model
    def _get_unmarked_pending_domain(self):
        return expression.AND([self._get_pending_domain(), [("state", "=", "scheduled")]])

    @api.model
    def _mark_pending(self, limit=None):
        """The one writer of the pending state: appointments still scheduled after their end become pending,
        through the ORM (tracked in their chatter), at most ``limit`` of them. Only those the current user may
        read: the cron marks every company's, a user logging in their own companies'. Returns those marked."""
        appointments = self.search(self._get_unmarked_pending_domain(), order="end, id", limit=limit)
        appointments.write({"state": "pending"})
        return appointments

    @api.model
    def _cron_mark_pending(self, batch_size=None):
        """One batch per call: Odoo's cron runner commits and calls again while work remains."""
        batch_size = batch_size or PENDING_BATCH_SIZE
        marked = self._mark_pending(limit=batch_size)
        remaining = 0
        if len(marked) == batch_size:
            remaining = self.search_count(self._get_unmarked_pending_domain())
        self.env["ir.cron"]._notify_progress(done=len(marked), remaining=remaining)

    @api.model
    def salon_pending_summary(self):
        """What the current user is told about on entering and leaving: their roles, pending records and pending
        appointments (read only: the pending state is written by the cron and at login)."""
        user = self.env.user
        result = {"groups": [], "pending_invoices": 0, "pending_appointments": 0}
        for xmlid, label in (
            ("shop_salon_schedule.group_salon_root", self.env._("ROOT")),
            ("shop_salon_schedule.group_salon_billing", self.env._("Billing")),
            ("shop_salon_schedule.group_salon_statistics", self.env._("Statistics")),
            ("shop_salon_schedule.group_salon_agenda", self.env._("Agenda")),
            ("shop_salon_schedule.group_salon_registry", self.env._("Registry")),
        ):
            if user.has_group(xmlid):
                result["groups"].append(label)
        if user.has_group("shop_salon_schedule.group_salon_agenda"):
            result["pending_appointments"] = self.search_count(self._get_pending_domain())
        if user.has_group("shop_salon_schedule.group_salon_billing"):
            result["pending_invoices"] = self.env["account.move"].search_count(
                [("move_type", "=", "out_invoice"), ("state", "=", "draft"), ("salon_record", "=", True)]
            )
        return result
