from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz
from psycopg2 import errors

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

from odoo.addons.shop_salon_schedule.models.salon_appointment import DEFAULT_TZ, FREEING_STATES


# ---------------------------------------------------------------------- interval arithmetic (no ORM)
def merge_intervals(intervals):
    """The union of ``(start, end)`` intervals as a sorted list of disjoint ones (touching ones joined)."""
    merged = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def subtract_intervals(intervals, holes):
    """The parts of ``intervals`` outside ``holes`` (both lists of ``(start, end)``), sorted and disjoint."""
    holes = merge_intervals(holes)
    result = []
    for start, end in merge_intervals(intervals):
        for hole_start, hole_end in holes:
            if hole_end <= start or hole_start >= end:
                continue
            if hole_start > start:
                result.append((start, hole_start))
            start = max(start, hole_end)
            if start >= end:
                break
        if start < end:
            result.append((start, end))
    return result


def free_starts(work_intervals, busy_intervals, duration, step, earliest=None, latest=None):
    """The start times at which ``duration`` fits in ``work_intervals`` without touching ``busy_intervals``.

    All datetimes are naive and read on the same wall clock (the shop's); ``duration`` and ``step`` are
    timedeltas. Starts are aligned on the clock every ``step`` from midnight (09:00, 09:30...), are at or after
    ``earliest`` and before ``latest`` (when given). Returns a sorted list of datetimes."""
    starts = []
    for free_start, free_end in subtract_intervals(work_intervals, busy_intervals):
        first = max(free_start, earliest) if earliest else free_start
        midnight = datetime.combine(first.date(), time.min)
        candidate = midnight + step * -(-(first - midnight) // step)  # the next aligned time, rounding up
        while candidate + duration <= free_end and (latest is None or candidate < latest):
            starts.append(candidate)
            candidate += step
    return starts


def to_wall_clock(value, tz):
    """A naive UTC datetime (or an aware one) as a naive datetime on the clock of ``tz``."""
    if value.tzinfo is None:
        value = pytz.utc.localize(value)
    return value.astimezone(tz).replace(tzinfo=None)


def to_utc(value, tz):
    """A naive datetime read on the clock of ``tz`` as a naive UTC datetime."""
    return tz.localize(value).astimezone(pytz.utc).replace(tzinfo=None)


def ics_text(value):
    """Text escaped for an iCalendar property value (RFC 5545, 3.3.11)."""
    return (
        (value or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def ics_fold(line):
    """An iCalendar content line folded at 75 octets (RFC 5545, 3.1)."""
    data = line.encode()
    chunks = []
    while len(data) > 75:
        cut = 75 if not chunks else 74
        while cut and (data[cut] & 0xC0) == 0x80:  # never inside a UTF-8 character
            cut -= 1
        chunks.append(data[:cut])
        data = data[cut:]
    chunks.append(data)
    return b"\r\n ".join(chunks)


class SalonAppointment(models.Model):
    _inherit = ["salon.appointment", "portal.mixin"]
    _name = "salon.appointment"

    salon_online = fields.Boolean("Booked online", readonly=True, copy=False, index=True)
    salon_cancelled_late = fields.Boolean(
        "Late cancellation",
        readonly=True,
        copy=False,
        help="Cancelled after the deadline for online changes: counts towards the client's blacklist.",
    )

    def _compute_access_url(self):  # pylint: disable=missing-return
        super()._compute_access_url()
        for appointment in self:
            appointment.access_url = f"/my/appointments/{appointment.id}"

    # ------------------------------------------------------------------ actions
    def action_cancel(self):
        """The front desk cancels: after the deadline for online changes the cancellation counts as late."""
        now = fields.Datetime.now()
        late = self.filtered(lambda a: a.state in ("scheduled", "pending") and now >= a._salon_online_deadline())
        res = super().action_cancel()
        late.write({"salon_cancelled_late": True})
        return res

    def action_salon_online_cancel(self):
        """The client cancels by the link of the confirmation e-mail, until the deadline for online changes."""
        for appointment in self:
            appointment._salon_check_online_change()
        self.write({"state": "cancelled"})
        for appointment in self:
            appointment.message_post(
                body=self.env._("Cancelled online by the client."), author_id=appointment.partner_id.id
            )
        return True

    # ------------------------------------------------------------------ what can be booked
    @api.model
    def _salon_booking_services(self):
        """The services clients can book online."""
        # sudo: visitors of the booking page choose services they may not read otherwise
        return (
            self.env["product.product"]
            .sudo()
            .search(
                [
                    ("salon_service", "=", True),
                    ("sale_ok", "=", True),
                    ("company_id", "in", [False, self.env.company.id]),
                ],
                order="name, id",
            )
        )

    @api.model
    def _salon_bookable_employees(self, services=None):
        """The professionals clients can book online, ordered by name; with ``services``, only those who perform
        all of them (a service without professionals is performed by all)."""
        # sudo: visitors of the booking page choose professionals they may not read otherwise
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [
                    ("salon_bookable", "=", True),
                    ("company_id", "=", self.env.company.id),
                    ("resource_calendar_id", "!=", False),
                ],
                order="name, id",
            )
        )
        for service in (services or self.env["product.product"]).sudo():
            if service.salon_employee_ids:
                employees &= service.salon_employee_ids
        return employees

    @api.model
    def _salon_shop_tz(self, employee=None):
        """The shop's time zone (pytz): the one of the professional's working hours (of the first bookable
        professional when none is given), else the company's, else São Paulo's."""
        employee = employee or self._salon_bookable_employees()[:1]
        # sudo: the working hours and the company's address are read for visitors of the booking page
        tz = employee.sudo().resource_calendar_id.tz or self.env.company.sudo().partner_id.tz or DEFAULT_TZ
        return pytz.timezone(tz)

    def _salon_tz(self):
        """The time zone this appointment is read in (its professional's shop), as pytz."""
        self.ensure_one()
        return pytz.timezone(self.sudo()._salon_local_tz())

    @api.model
    def _salon_booking_setting(self, name):
        # sudo: the settings are system parameters, read for visitors of the booking page
        return self.env["salon.booking.settings"].sudo()._salon_setting(name)

    @api.model
    def _salon_check_services(self, services):
        """The services, if all of them can be booked online (sudo records)."""
        services = services.sudo()
        if not services or services - self._salon_booking_services():
            raise UserError(self.env._("Please choose services that can be booked online."))
        return services

    @api.model
    def _salon_services_duration(self, services):
        """The time the services take, as the appointment's end is computed."""
        return timedelta(hours=sum(services.mapped("salon_duration")) or 1.0)

    @api.model
    def _salon_holding_domain(self, employees, start, end):
        """The appointments that hold ``employees`` between ``start`` and ``end`` (naive UTC)."""
        return [
            ("employee_id", "in", employees.ids),
            ("state", "not in", FREEING_STATES),
            ("start", "<", end),
            ("end", ">", start),
        ]

    @api.model
    def _salon_free_starts(self, services, employees, date_from=None, date_to=None, ignore=None):
        """{employee: [free starts as naive UTC datetimes]} for the services' duration, between the shop days
        ``date_from`` and ``date_to`` (inclusive, clamped to the bookable days). ``ignore``: appointments that
        do not hold their professional (the one being moved)."""
        get = self._salon_booking_setting
        tz = self._salon_shop_tz(employees[:1])
        now = fields.Datetime.now()
        today = to_wall_clock(now, tz).date()
        last_day = today + timedelta(days=get("booking_days"))  # the first day that cannot be booked
        date_from = max(fields.Date.to_date(date_from) or today, today)
        date_to = min(fields.Date.to_date(date_to) or last_day, last_day - timedelta(days=1))
        if date_from > date_to or not employees:
            return {}
        local_start = datetime.combine(date_from, time.min)
        local_end = datetime.combine(date_to + timedelta(days=1), time.min)
        period_start, period_end = to_utc(local_start, tz), to_utc(local_end, tz)
        # one search for the appointments of every candidate professional in the period
        # sudo: the booking page shows free times to visitors who may not read the agenda
        holding = (
            self.sudo()
            .search_fetch(
                self._salon_holding_domain(employees, period_start, period_end), ["employee_id", "start", "end"]
            )
            .filtered(lambda a: a not in (ignore or self.browse()))
        )
        busy = defaultdict(list)
        for appointment in holding:
            busy[appointment.employee_id.id].append(
                (to_wall_clock(appointment.start, tz), to_wall_clock(appointment.end, tz))
            )
        aware_start, aware_end = pytz.utc.localize(period_start), pytz.utc.localize(period_end)
        work = {}
        for calendar in employees.resource_calendar_id:
            staff = employees.filtered(lambda e, c=calendar: e.resource_calendar_id == c)
            # working hours minus time off (the professional's and the calendar's public holidays)
            intervals = calendar._work_intervals_batch(
                aware_start, aware_end, resources=staff.resource_id, tz=pytz.timezone(calendar.tz or tz.zone)
            )
            for employee in staff:
                work[employee] = [
                    (to_wall_clock(start, tz), to_wall_clock(end, tz))
                    for start, end, _meta in intervals[employee.resource_id.id]
                ]
        duration = self._salon_services_duration(services)
        step = timedelta(minutes=get("slot_minutes"))
        earliest = to_wall_clock(now + timedelta(hours=get("min_notice_hours")), tz)
        latest = datetime.combine(last_day, time.min)
        return {
            employee: [
                to_utc(start, tz)
                for start in free_starts(
                    work.get(employee, []), busy[employee.id], duration, step, earliest=earliest, latest=latest
                )
            ]
            for employee in employees
        }

    @api.model
    def _salon_booking_slots(self, services, employee=None, date_from=None, date_to=None):
        """The free times to book ``services`` with ``employee`` (None: any bookable professional), between the
        shop days ``date_from`` and ``date_to`` (inclusive; default: every bookable day).

        Returns a list of ``{"start", "end"}`` (naive UTC) and ``"employee"`` (an hr.employee, sudo: the page
        shows its name), sorted by start; with any professional each start appears once, with the first free
        professional by name."""
        services = services.sudo()
        employees = self._salon_employees_for(services, employee)
        duration = self._salon_services_duration(services)
        first_free = {}
        for staff, starts in self._salon_free_starts(services, employees, date_from, date_to).items():
            for start in starts:
                first_free.setdefault(start, staff)
        return [
            {"start": start, "end": start + duration, "employee": first_free[start]} for start in sorted(first_free)
        ]

    # ------------------------------------------------------------------ booking
    @api.model
    def _salon_booking_partner(self, name, email, phone):
        """The client booking online: the contact with this e-mail, else a new one (sudo record)."""
        name, email, phone = ((value or "").strip() for value in (name, email, phone))
        if not (name and email and phone):
            raise ValidationError(self.env._("Please give your name, e-mail and phone."))
        normalized = tools.email_normalize(email)
        if not normalized:
            raise ValidationError(self.env._("Please give a valid e-mail address."))
        # sudo: visitors of the booking page are not users who may read or create contacts
        Partner = self.env["res.partner"].sudo()
        partner = Partner.search([("email_normalized", "=", normalized)], order="id", limit=1)
        if not partner:
            lang = self.env.lang if self.env.lang in dict(self.env["res.lang"].get_installed()) else False
            partner = Partner.create({"name": name, "email": email, "phone": phone, "lang": lang})
        return partner

    @api.model
    def _salon_check_not_blacklisted(self, partner):
        if partner.sudo()._salon_is_blacklisted():
            raise UserError(self.env._("Please call the salon to book: %s", self._salon_booking_setting("salon_phone")))

    @api.model
    def _salon_employees_for(self, services, employee=None):
        """The bookable professionals who perform all ``services``: ``employee`` alone, or every one (None)."""
        employees = self._salon_bookable_employees(services)
        if employee:
            if employee not in self._salon_bookable_employees():
                raise UserError(self.env._("This professional cannot be booked online."))
            employees &= employee
            if not employees:
                raise UserError(
                    self.env._(
                        "%s does not perform all the chosen services. Please choose another professional.",
                        employee.sudo().name,
                    )
                )
        return employees

    @api.model
    def _salon_candidates(self, services, employee, start, ignore=None):
        """The professionals free at ``start`` (naive UTC) for the services: ``employee`` or, when None, every
        bookable one in name order. Refused when the time is not one of the free times."""
        employees = self._salon_employees_for(services, employee)
        day = to_wall_clock(start, self._salon_shop_tz(employees[:1])).date()
        free = self._salon_free_starts(services, employees, day, day, ignore=ignore)
        candidates = employees.filtered(lambda e: start in free.get(e, []))
        if not candidates:
            raise UserError(self.env._("This time cannot be booked. Please choose another time."))
        return candidates

    def _salon_is_overlap_error(self, error):
        return isinstance(error.__cause__, errors.ExclusionViolation)

    def _salon_just_booked_error(self):
        return UserError(self.env._("This time was just booked by someone else. Please choose another time."))

    @api.model
    def _salon_book_online(self, services, employee, start, partner):
        """Book ``services`` at ``start`` (naive UTC) with ``employee`` (None: any free professional) for
        ``partner``, as the online booking page does; e-mail the confirmation. Returns the appointment (sudo)."""
        services = self._salon_check_services(services)
        start = fields.Datetime.to_datetime(start)
        self._salon_check_not_blacklisted(partner)
        for candidate in self._salon_candidates(services, employee, start):
            try:
                with self.env.cr.savepoint():
                    # sudo: the client books as a visitor of the website, who may not write the agenda (and
                    # who does not follow the appointment: the client gets its e-mails)
                    Appointment = self.sudo().with_context(mail_create_nosubscribe=True)
                    appointment = Appointment.create(
                        {
                            "partner_id": partner.id,
                            "employee_id": candidate.id,
                            "service_ids": [fields.Command.set(services.ids)],
                            "start": start,
                            "company_id": candidate.company_id.id,
                            "salon_online": True,
                        }
                    )
            except ValidationError as error:
                # the database refused the overlap: someone booked this professional meanwhile
                if not self._salon_is_overlap_error(error):
                    raise
                continue
            appointment = self.sudo().browse(appointment.id)  # without the creation's context key
            appointment._salon_send_confirmation()
            return appointment
        raise self._salon_just_booked_error()

    # ------------------------------------------------------------------ online changes
    def _salon_online_deadline(self):
        """Until when the client may cancel or reschedule online (naive UTC)."""
        self.ensure_one()
        return self.start - timedelta(hours=self._salon_booking_setting("cutoff_hours"))

    def _salon_can_change_online(self):
        self.ensure_one()
        return self.state == "scheduled" and fields.Datetime.now() < self._salon_online_deadline()

    def _salon_format_datetime(self, value):
        """A datetime as the client reads it: shop time zone, the language's short format."""
        return tools.format_datetime(self.env, value, tz=self._salon_tz().zone, dt_format="short")

    def _salon_check_online_change(self):
        self.ensure_one()
        if not self._salon_can_change_online():
            if self.state != "scheduled":
                raise UserError(self.env._("This appointment cannot be changed anymore."))
            raise UserError(
                self.env._(
                    "Online changes are possible until %s. Please call the salon.",
                    self._salon_format_datetime(self._salon_online_deadline()),
                )
            )

    def _salon_online_reschedule(self, start, employee=None):
        """The client moves the appointment by the link of the confirmation e-mail (same services) to ``start``
        (naive UTC) with ``employee`` (None: keep its professional, or any free one if they are busy)."""
        self.ensure_one()
        self._salon_check_online_change()
        start = fields.Datetime.to_datetime(start)
        services = self.service_ids.sudo()
        candidates = self._salon_candidates(services, employee, start, ignore=self)
        if not employee:
            own = candidates & self.employee_id
            candidates = own | (candidates - own)  # its own professional first, when free
        vals = {"start": start}
        if "salon_reminder_sent" in self._fields:
            vals["salon_reminder_sent"] = False  # the reminder goes out again for the new time
        for candidate in candidates:
            try:
                with self.env.cr.savepoint():
                    self.write(dict(vals, employee_id=candidate.id))
            except ValidationError as error:
                if not self._salon_is_overlap_error(error):
                    raise
                continue
            self.message_post(body=self.env._("Rescheduled online by the client."), author_id=self.partner_id.id)
            self._salon_send_confirmation()
            return True
        raise self._salon_just_booked_error()

    # ------------------------------------------------------------------ confirmation
    def _salon_send_confirmation(self):
        """E-mail the client the confirmation, with the appointment as an .ics file, and keep it in the chatter."""
        self.ensure_one()
        # sudo: the client books and changes as a visitor; the link's token and the e-mail are the system's
        appointment = self.sudo()
        appointment._portal_ensure_token()
        lang = appointment.partner_id.lang or self.env.lang
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": self.with_context(lang=lang).env._("appointment.ics"),
                    "raw": appointment._salon_ics(),
                    "mimetype": "text/calendar",
                    # a pending attachment of the composer: posting links it to the appointment, also when the
                    # poster is the website's visitor (who may only post attachments of their own composer)
                    "res_model": "mail.compose.message",
                    "res_id": 0,
                }
            )
        )
        # queued, not sent inside the client's request: Odoo's mail queue, woken up for it, sends it once the
        # booking is committed (a slow or unreachable mail server neither slows nor fails the booking)
        queued = appointment.with_env(appointment.partner_id._shop_cron_mailing().env)
        return queued._shop_post_template(
            "shop_salon_booking.mail_template_booking_confirmed",
            attachment_ids=[fields.Command.set(attachment.ids)],
        )

    def _salon_portal_link(self):
        """The absolute link of the appointment's page, with its token."""
        self.ensure_one()
        return self.get_base_url() + self.get_portal_url()

    def _salon_company_address(self):
        """The salon's address on one line, for the e-mail and the calendar file."""
        self.ensure_one()
        partner = self.sudo().company_id.partner_id
        return ", ".join(
            part for part in (partner.street, partner.street2, partner.city, partner.state_id.code) if part
        )

    def _salon_ics(self):
        """The appointment as an iCalendar file (bytes) for the client's calendar."""
        self.ensure_one()
        appointment = self.sudo()
        stamp = "%Y%m%dT%H%M%SZ"
        lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Shop Suite//Salon booking//EN",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            f"UID:salon-appointment-{appointment.id}@{ics_text(appointment.get_base_url().split('//')[-1])}",
            f"DTSTAMP:{fields.Datetime.now().strftime(stamp)}",
            f"DTSTART:{appointment.start.strftime(stamp)}",
            f"DTEND:{appointment.end.strftime(stamp)}",
            f"SUMMARY:{ics_text(', '.join(appointment.service_ids.mapped('name')))}",
            f"LOCATION:{ics_text(appointment._salon_company_address())}",
            f"DESCRIPTION:{ics_text(appointment._salon_portal_link())}",
            "END:VEVENT",
            "END:VCALENDAR",
        ]
        return b"".join(ics_fold(line) + b"\r\n" for line in lines)
