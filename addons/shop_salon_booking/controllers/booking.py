from datetime import date as date_type
from datetime import datetime, timedelta

from odoo import fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools import format_date

from ..models.salon_appointment import to_wall_clock

# local hour from which a start time is shown in the afternoon
AFTERNOON_HOUR = 12


def parse_ids(values):
    """Ids posted as repeated parameters (checkboxes) and/or comma-separated lists: ``["1,2", "3"]`` -> [1, 2, 3].
    ValueError on anything that is not a positive integer."""
    ids = []
    for value in values:
        for part in str(value).split(","):
            if part.strip():
                number = int(part)
                if number <= 0:
                    raise ValueError(part)
                ids.append(number)
    return list(dict.fromkeys(ids))


def format_duration(hours):
    """A salon duration in hours as people say it: 0.5 -> '30 min', 1.0 -> '1h', 1.5 -> '1h30'."""
    minutes = round((hours or 0.0) * 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60}h{minutes % 60:02d}" if minutes % 60 else f"{minutes // 60}h"


def salon_tz(employee=None):
    """The salon's time zone (pytz): the professional's working hours', else the company's (the model says)."""
    return request.env["salon.appointment"]._salon_shop_tz(employee or None)


def booking_window(tz):
    """First and last days clients can book, in the salon's time zone (today and the next booking_days - 1)."""
    today = to_wall_clock(fields.Datetime.now(), tz).date()
    days = request.env["salon.booking.settings"]._salon_setting("booking_days")
    return today, today + timedelta(days=days - 1)


def format_day(day):
    """'segunda-feira, 07/12/2026' in the visitor's language."""
    env = request.env
    return f"{format_date(env, day, date_format='EEEE')}, {format_date(env, day)}"


def day_values(starts, day, tz):
    """What a page of free times shows for ``day``: the day, its neighbours within the booking window, and the
    free ``starts`` (naive UTC) as times of the salon's clock, grouped by morning and afternoon."""
    first, last = booking_window(tz)
    morning, afternoon = [], []
    for start in starts:
        local = to_wall_clock(start, tz)
        entry = {"value": fields.Datetime.to_string(start), "label": local.strftime("%H:%M")}
        (morning if local.hour < AFTERNOON_HOUR else afternoon).append(entry)
    return {
        "day": day,
        "day_label": format_day(day),
        "previous_day": day - timedelta(days=1) if day > first else None,
        "next_day": day + timedelta(days=1) if day < last else None,
        "morning": morning,
        "afternoon": afternoon,
    }


class BadBookingRequest(ValueError):
    """A posted value no page of ours sends: unknown or not bookable ids, a malformed date."""


class SalonBooking(http.Controller):
    """The client's online booking: services, professional and day -> free times -> contact -> confirmation.
    Thin: the slots, the client and the booking itself are salon.appointment's methods."""

    def _salon_booking_model(self):
        # the booking methods read the services, the professionals and the agenda for the visitor themselves
        # (sudo inside, on what is bookable online only) and check every posted value
        return request.env["salon.appointment"]

    def _salon_read_choice(self, employee_id):
        """(services, employee or None for any) from the request; BadBookingRequest when not bookable."""
        Appointment = self._salon_booking_model()
        try:
            service_ids = parse_ids(request.httprequest.values.getlist("service_ids"))
            wanted_employee = None if employee_id in (None, "", "any") else parse_ids([employee_id])
        except ValueError as error:
            raise BadBookingRequest() from error
        services = Appointment._salon_booking_services()
        if not service_ids:
            raise BadBookingRequest(request.env._("Please choose at least one service."))
        if set(service_ids) - set(services.ids):
            raise BadBookingRequest()
        services = services.browse(service_ids)
        employee = None
        if wanted_employee:
            employee = Appointment._salon_bookable_employees().filtered(lambda e: e.id == wanted_employee[0])
            if not employee:
                raise BadBookingRequest()
        try:
            performers = Appointment._salon_employees_for(services, employee)
        except UserError as error:  # the professional does not perform one of the services
            raise BadBookingRequest(error.args[0]) from error
        if not performers:
            raise BadBookingRequest(
                request.env._("No professional performs all these services together: please book them one by one.")
            )
        return services, employee

    def _salon_read_date(self, value, tz):
        first, _last = booking_window(tz)
        if not value:
            return first
        try:
            return date_type.fromisoformat(value)
        except (TypeError, ValueError) as error:
            raise BadBookingRequest() from error

    def _salon_error_page(self, message=None, status=400):
        return request.render(
            "shop_salon_booking.salon_booking_error",
            {"message": message or request.env._("This booking request is not valid. Please start again.")},
            status=status,
        )

    def _salon_slots_values(self, services, employee, day, tz):
        """What the slots page shows for that day: the free times grouped by morning and afternoon."""
        Appointment = self._salon_booking_model()
        slots = Appointment._salon_booking_slots(services, employee=employee, date_from=day, date_to=day)
        return {
            **day_values([slot["start"] for slot in slots], day, tz),
            "services": services,
            "employee": employee,
            "employee_param": employee.id if employee else "any",
            "service_param": ",".join(str(i) for i in services.ids),
            "duration": format_duration(sum(services.mapped("salon_duration"))),
            "total": sum(services.mapped("lst_price")),
            "currency": request.env.company.currency_id,
            "is_public": request.env.user._is_public(),
            "user_partner": request.env.user.partner_id,
        }

    # ------------------------------------------------------------------ pages
    @http.route("/salon/book", type="http", auth="public", website=True, readonly=True, sitemap=False)
    def salon_book(self, employee_id=None, date=None, **kw):
        Appointment = self._salon_booking_model()
        services = Appointment._salon_booking_services()
        employees = Appointment._salon_bookable_employees()
        tz = salon_tz()
        first, last = booking_window(tz)
        # back from the times page ("Change services"): the choice made is kept, whatever the visitor typed
        try:
            chosen = parse_ids(request.httprequest.args.getlist("service_ids"))
            day = min(max(date_type.fromisoformat(date), first), last) if date else first
        except ValueError:
            chosen, day = [], first
        values = {
            "services": services,
            "employees": employees,
            "chosen_ids": chosen,
            "chosen_employee": employee_id or "any",
            "chosen_day": day,
            "durations": {service.id: format_duration(service.salon_duration) for service in services},
            "currency": request.env.company.currency_id,
            "first_day": first,
            "last_day": last,
            "page_name": "salon_booking",
        }
        return request.render("shop_salon_booking.salon_booking_page", values)

    @http.route("/salon/book/slots", type="http", auth="public", website=True, readonly=True, sitemap=False)
    def salon_book_slots(self, employee_id=None, date=None, **kw):
        try:
            services, employee = self._salon_read_choice(employee_id)
            tz = salon_tz(employee)
            day = self._salon_read_date(date, tz)
        except BadBookingRequest as error:
            return self._salon_error_page(*error.args)
        return request.render(
            "shop_salon_booking.salon_booking_slots", self._salon_slots_values(services, employee, day, tz)
        )

    @http.route("/salon/book/confirm", type="http", auth="public", methods=["POST"], website=True, sitemap=False)
    def salon_book_confirm(self, employee_id=None, start=None, name=None, email=None, phone=None, **kw):
        Appointment = self._salon_booking_model()
        try:
            services, employee = self._salon_read_choice(employee_id)
            start = datetime.strptime(start or "", "%Y-%m-%d %H:%M:%S")
        except (BadBookingRequest, ValueError) as error:
            return self._salon_error_page(*(error.args if isinstance(error, BadBookingRequest) else ()))
        tz = salon_tz(employee)
        contact = {"name": (name or "").strip(), "email": (email or "").strip(), "phone": (phone or "").strip()}
        try:
            # the client and the appointment together or nothing: a refused booking leaves no new contact behind
            with request.env.cr.savepoint():
                if request.env.user._is_public():
                    partner = Appointment._salon_booking_partner(contact["name"], contact["email"], contact["phone"])
                else:
                    partner = request.env.user.partner_id
                if partner._salon_is_blacklisted():
                    raise BlacklistedClient()
                appointment = Appointment._salon_book_online(services, employee, start, partner)
        except BlacklistedClient:
            phone_number = request.env["salon.booking.settings"]._salon_setting("salon_phone")
            return request.render("shop_salon_booking.salon_booking_call_us", {"salon_phone": phone_number}, status=403)
        except (UserError, ValidationError) as error:
            values = self._salon_slots_values(services, employee, to_wall_clock(start, tz).date(), tz)
            values.update(error=error.args[0], contact=contact)
            return request.render("shop_salon_booking.salon_booking_slots", values, status=400)
        return request.redirect(appointment.get_portal_url(), code=303)


class BlacklistedClient(Exception):
    """The client has too many no-shows and late cancellations to book online."""
