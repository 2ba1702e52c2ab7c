from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL


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

    @api.depends("partner_id", "start")
    def _compute_name(self):
        for appointment in self:
            appointment.name = (
                f"{appointment.partner_id.name or ''} {fields.Datetime.to_string(appointment.start) or ''}"
            )

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

    @api.constrains("start", "end", "employee_id", "state")
    def _check_overlap(self):
        for appointment in self.filtered(lambda a: a.state == "scheduled"):
            clash = self.search_count(
                [
                    ("id", "!=", appointment.id),
                    ("employee_id", "=", appointment.employee_id.id),
                    ("state", "=", "scheduled"),
                    ("start", "<", appointment.end),
                    ("end", ">", appointment.start),
                ],
                limit=1,
            )
            if clash:
                raise ValidationError(self.env._("%s is already booked at that time.", appointment.employee_id.name))

    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now() - timedelta(minutes=5)
        for vals in vals_list:
            if vals.get("start") and fields.Datetime.to_datetime(vals["start"]) < now:
                raise ValidationError(self.env._("A client cannot be booked in the past."))
        return super().create(vals_list)

    # ------------------------------------------------------------------ actions
    def action_done(self):
        """The service was done: create its Pendente sales record (once) with services, professional, prices."""
        for appointment in self:
            if appointment.state == "cancelled":
                raise UserError(self.env._("A cancelled appointment cannot be marked done."))
            if not appointment.invoice_id:
                appointment.invoice_id = self.env["account.move"].create(appointment._prepare_invoice_values())
            appointment.state = "done"
        return True

    def _prepare_invoice_values(self):
        self.ensure_one()
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
                        "price_unit": service.lst_price,
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
    def _mark_pending(self):
        """Appointments still scheduled after their end become pending: one statement, whatever the count."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE salon_appointment SET state = 'pending', write_date = now() at time zone 'utc' "
                "WHERE state = 'scheduled' AND \"end\" < %s",
                fields.Datetime.now(),
            )
        )
        count = self.env.cr.rowcount
        self.invalidate_model(["state"])
        return count

    @api.model
    def _cron_mark_pending(self):
        count = self._mark_pending()
        self.env["ir.cron"]._notify_progress(done=count, remaining=0)
        return count

    @api.model
    def salon_pending_summary(self, mark=True):
        """What the current user is told about on entering and leaving: pending records and appointments.

        With ``mark`` (on entering) overdue appointments are first marked pending; without it (on leaving, a
        read-only request) they are counted as pending all the same."""
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
            domain = [("state", "=", "pending")]
            if mark:
                self._mark_pending()
            else:
                domain = ["|", *domain, "&", ("state", "=", "scheduled"), ("end", "<", fields.Datetime.now())]
            result["pending_appointments"] = self.search_count(domain)
        if user.has_group("shop_salon_schedule.group_salon_billing"):
            result["pending_invoices"] = self.env["account.move"].search_count(
                [("move_type", "=", "out_invoice"), ("state", "=", "draft"), ("salon_record", "=", True)]
            )
        return result
