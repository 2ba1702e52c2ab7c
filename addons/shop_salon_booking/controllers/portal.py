from datetime import date as date_type
from datetime import datetime

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request, url_encode
from odoo.osv import expression

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.salon_appointment import to_wall_clock
from .booking import day_values, format_day, format_duration, salon_tz

# what the detail page says after a change (?message=...)
MESSAGES = ("cancelled", "rescheduled")


class SalonPortal(CustomerPortal):
    """The client's appointments in the portal: the list (logged in) and one appointment, by the owner or with the
    e-mail's token, which the client may cancel or move until the cut-off time."""

    def _salon_appointments_domain(self):
        """The current user's own appointments (the portal record rule says the same for portal users; staff who
        read every appointment see theirs here too)."""
        partner = request.env.user.partner_id
        return [("partner_id", "child_of", partner.commercial_partner_id.id)]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "salon_appointment_count" in counters:
            Appointment = request.env["salon.appointment"]
            values["salon_appointment_count"] = (
                Appointment.search_count(self._salon_appointments_domain()) if Appointment.has_access("read") else 0
            )
        return values

    @http.route(
        ["/my/appointments", "/my/appointments/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_salon_appointments(self, page=1, **kw):
        Appointment = request.env["salon.appointment"]
        now = fields.Datetime.now()
        domain = self._salon_appointments_domain()
        upcoming_domain = expression.AND([domain, [("state", "=", "scheduled"), ("start", ">=", now)]])
        past_domain = expression.AND([domain, ["|", ("state", "!=", "scheduled"), ("start", "<", now)]])
        upcoming = Appointment.search(upcoming_domain, order="start, id")
        total = Appointment.search_count(past_domain)
        pager = portal_pager(url="/my/appointments", total=total, page=page, step=self._items_per_page)
        past = Appointment.search(
            past_domain, order="start desc, id desc", limit=self._items_per_page, offset=pager["offset"]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                # the client's own appointments (searched with their rights above) show their professional, whom
                # portal users may not read
                "upcoming": upcoming.sudo(),
                "past": past.sudo(),
                "pager": pager,
                "page_name": "salon_appointment",
                "default_url": "/my/appointments",
                "salon_when": self._salon_when,
            }
        )
        return request.render("shop_salon_booking.portal_my_salon_appointments", values)

    # ------------------------------------------------------------------ one appointment
    @staticmethod
    def _salon_when(appointment):
        """'segunda-feira, 07/12/2026 14:30' in the salon's time zone and the visitor's language."""
        local = to_wall_clock(appointment.start, salon_tz(appointment.employee_id))
        return f"{format_day(local.date())} {local.strftime('%H:%M')}"

    def _salon_check_access(self, appointment_id, access_token):
        """The appointment (sudo) when the visitor owns it or holds its token; None otherwise."""
        try:
            return self._document_check_access("salon.appointment", appointment_id, access_token=access_token)
        except (AccessError, MissingError):
            return None

    def _salon_detail_values(self, appointment_sudo, access_token, **kw):
        tz = salon_tz(appointment_sudo.employee_id)
        deadline = to_wall_clock(appointment_sudo._salon_online_deadline(), tz)
        values = {
            "appointment": appointment_sudo,
            "page_name": "salon_appointment",
            "when": self._salon_when(appointment_sudo),
            "deadline": f"{format_day(deadline.date())} {deadline.strftime('%H:%M')}",
            "can_change": appointment_sudo._salon_can_change_online(),
            "duration": format_duration(sum(appointment_sudo.service_ids.mapped("salon_duration"))),
            "token_query": f"?{url_encode({'access_token': access_token})}" if access_token else "",
            "message": kw.get("message") if kw.get("message") in MESSAGES else None,
            "error": kw.get("error"),
        }
        return self._get_page_view_values(
            appointment_sudo, access_token, values, "my_salon_appointments_history", False
        )

    def _salon_detail_url(self, appointment_sudo, access_token, message=None):
        query = {"access_token": access_token, "message": message}
        return f"/my/appointments/{appointment_sudo.id}?{url_encode({k: v for k, v in query.items() if v})}"

    @http.route("/my/appointments/<int:appointment_id>", type="http", auth="public", website=True, readonly=True)
    def portal_my_salon_appointment(self, appointment_id, access_token=None, message=None, **kw):
        appointment_sudo = self._salon_check_access(appointment_id, access_token)
        if not appointment_sudo:
            return request.redirect("/my")
        values = self._salon_detail_values(appointment_sudo, access_token, message=message)
        return request.render("shop_salon_booking.portal_my_salon_appointment", values)

    @http.route(
        "/my/appointments/<int:appointment_id>/cancel",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_my_salon_appointment_cancel(self, appointment_id, access_token=None, **kw):
        appointment_sudo = self._salon_check_access(appointment_id, access_token)
        if not appointment_sudo:
            return request.redirect("/my")
        try:
            appointment_sudo.action_salon_online_cancel()
        except UserError as error:
            values = self._salon_detail_values(appointment_sudo, access_token, error=error.args[0])
            return request.render("shop_salon_booking.portal_my_salon_appointment", values, status=400)
        return request.redirect(self._salon_detail_url(appointment_sudo, access_token, "cancelled"), code=303)

    def _salon_reschedule_values(self, appointment_sudo, access_token, day, **kw):
        tz = salon_tz(appointment_sudo.employee_id)
        Appointment = request.env["salon.appointment"]
        # the times the appointment can move to, with any professional, the appointment itself not holding its own
        # time (what _salon_online_reschedule accepts): the model's free times with ``ignore``
        free = Appointment._salon_free_starts(
            appointment_sudo.service_ids.sudo(),
            Appointment._salon_bookable_employees(appointment_sudo.service_ids),
            day,
            day,
            ignore=appointment_sudo,
        )
        values = self._salon_detail_values(appointment_sudo, access_token, **kw)
        values.update(
            {
                **day_values(sorted(set().union(*free.values())), day, tz),
                "reschedule_url": f"/my/appointments/{appointment_sudo.id}/reschedule",
                "access_token": access_token,
            }
        )
        return values

    @http.route(
        "/my/appointments/<int:appointment_id>/reschedule",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_my_salon_appointment_reschedule(self, appointment_id, access_token=None, date=None, start=None, **kw):
        appointment_sudo = self._salon_check_access(appointment_id, access_token)
        if not appointment_sudo:
            return request.redirect("/my")
        tz = salon_tz(appointment_sudo.employee_id)
        try:
            day = date_type.fromisoformat(date) if date else to_wall_clock(appointment_sudo.start, tz).date()
            start = datetime.strptime(start, "%Y-%m-%d %H:%M:%S") if start else None
        except ValueError:
            return request.redirect(self._salon_detail_url(appointment_sudo, access_token))
        if request.httprequest.method == "POST":
            if not start:
                values = self._salon_reschedule_values(
                    appointment_sudo, access_token, day, error=request.env._("Please choose a time.")
                )
                return request.render("shop_salon_booking.portal_salon_reschedule", values, status=400)
            try:
                appointment_sudo._salon_online_reschedule(start)
            except (UserError, ValidationError) as error:
                values = self._salon_reschedule_values(appointment_sudo, access_token, day, error=error.args[0])
                return request.render("shop_salon_booking.portal_salon_reschedule", values, status=400)
            return request.redirect(self._salon_detail_url(appointment_sudo, access_token, "rescheduled"), code=303)
        if not appointment_sudo._salon_can_change_online():
            return request.redirect(self._salon_detail_url(appointment_sudo, access_token))
        values = self._salon_reschedule_values(appointment_sudo, access_token, day)
        return request.render("shop_salon_booking.portal_salon_reschedule", values)
