import re
from datetime import datetime, time, timedelta

import pytz
from lxml import html

from odoo import Command, fields, http
from odoo.tests import HttpCase, new_test_user, tagged

TZ = pytz.timezone("America/Sao_Paulo")


def utc(day, hour, minute=0):
    """The naive UTC datetime of a time of the salon's clock (São Paulo)."""
    return TZ.localize(datetime.combine(day, time(hour, minute))).astimezone(pytz.utc).replace(tzinfo=None)


class BookingHttpCommon(HttpCase):
    """A salon open every day 08:00-18:00 (São Paulo) with two bookable professionals and two services."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("pt_BR")
        cls.env["ir.module.module"]._load_module_terms(
            ["portal", "shop_salon_schedule", "shop_salon_booking"], ["pt_BR"], overwrite=True
        )
        cls.env.company.write({"phone": "+55 11 5555-0000", "email": "salao@example.com"})
        cls.env.company.partner_id.tz = "America/Sao_Paulo"
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Salão todos os dias",
                "tz": "America/Sao_Paulo",
                "attendance_ids": [Command.clear()]
                + [
                    Command.create({"name": f"Dia {day}", "dayofweek": str(day), "hour_from": 8, "hour_to": 18})
                    for day in range(7)
                ],
            }
        )
        Employee = cls.env["hr.employee"]
        # only the professionals of the test are bookable (a database with demo data has its own)
        Employee.search([("salon_bookable", "=", True)]).salon_bookable = False
        cls.ana = Employee.create({"name": "Ana Tour", "resource_calendar_id": cls.calendar.id, "salon_bookable": True})
        cls.bia = Employee.create({"name": "Bia Tour", "resource_calendar_id": cls.calendar.id, "salon_bookable": True})
        cls.hidden = Employee.create({"name": "Caio Interno", "resource_calendar_id": cls.calendar.id})
        Product = cls.env["product.product"]
        service = {"type": "service", "salon_service": True, "sale_ok": True}
        cls.haircut = Product.create(dict(service, name="Corte Tour", salon_duration=1.0, list_price=100.0))
        cls.nails = Product.create(dict(service, name="Unhas Tour", salon_duration=0.5, list_price=50.0))
        cls.shampoo = Product.create({"name": "Xampu", "type": "consu", "list_price": 30.0})
        cls.today = datetime.now(TZ).date()
        cls.tomorrow = cls.today + timedelta(days=1)

    def _visit_in_portuguese(self):
        """A new visitor whose browser asks for Brazilian Portuguese (Odoo keeps the language in the session)."""
        self.authenticate(None, None)
        self.session.context["lang"] = "pt_BR"
        http.root.session_store.save(self.session)


@tagged("post_install", "-at_install")
class TestBookingHttp(BookingHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.maria = Partner.create({"name": "Maria", "email": "maria@example.com", "phone": "11 91111-1111"})
        cls.joana = Partner.create({"name": "Joana", "email": "joana@example.com", "phone": "11 92222-2222"})
        cls.portal_maria = new_test_user(
            cls.env, "maria_portal", groups="base.group_portal", partner_id=cls.maria.id, email="maria@example.com"
        )

    # ------------------------------------------------------------------ helpers
    def _slots_url(self, services, employee="any", day=None):
        ids = ",".join(str(i) for i in services.ids)
        return f"/salon/book/slots?service_ids={ids}&employee_id={employee}&date={day or self.tomorrow}"

    def _csrf(self, page):
        """The csrf token of the page's form, else the one every frontend page declares for its scripts."""
        token = html.fromstring(page).xpath("string(//input[@name='csrf_token']/@value)")
        return token or re.search(r'csrf_token: "([^"]+)"', page).group(1)

    def _book(self, when, services=None, employee="any", **contact):
        """POST the booking form as the slots page does (its csrf token first)."""
        services = services or self.haircut
        page = self.url_open(self._slots_url(services, employee, when.date())).text
        data = {
            "csrf_token": self._csrf(page),
            "service_ids": ",".join(str(i) for i in services.ids),
            "employee_id": employee,
            "start": fields.Datetime.to_string(when),
            "name": "Cliente Online",
            "email": "online@example.com",
            "phone": "(11) 93333-3333",
        }
        data.update(contact)
        return self.url_open("/salon/book/confirm", data=data, allow_redirects=False)

    def _appointment(self, partner, start, employee=None, state="scheduled"):
        appointment = self.env["salon.appointment"].create(
            {
                "partner_id": partner.id,
                "employee_id": (employee or self.ana).id,
                "service_ids": [Command.set(self.haircut.ids)],
                "start": start,
            }
        )
        if state != "scheduled":
            appointment.state = state
        appointment._portal_ensure_token()
        return appointment

    def _post(self, url, page, **data):
        return self.url_open(url, data=dict(data, csrf_token=self._csrf(page)), allow_redirects=False)

    # ------------------------------------------------------------------ booking pages
    def test_booking_page_in_portuguese(self):
        self._visit_in_portuguese()
        page = self.url_open("/salon/book")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Agende seu horário", page.text)
        self.assertIn("Qualquer profissional", page.text)
        for name in ("Corte Tour", "Unhas Tour", "Ana Tour", "Bia Tour", "1h", "30 min"):
            self.assertIn(name, page.text)
        for name in ("Xampu", "Caio Interno"):
            self.assertNotIn(name, page.text, "neither products nor professionals that cannot be booked online")

    def test_change_services_keeps_the_choice(self):
        page = self.url_open(self._slots_url(self.nails, self.bia.id)).text
        back = html.fromstring(page).xpath("string(//a[contains(@class, 'o_salon_change')]/@href)")
        form = html.fromstring(self.url_open(back).text)
        self.assertEqual(form.xpath("//input[@name='service_ids'][@checked]/@value"), [str(self.nails.id)])
        self.assertEqual(form.xpath("//select[@name='employee_id']/option[@selected]/@value"), [str(self.bia.id)])
        self.assertEqual(form.xpath("string(//input[@name='date']/@value)"), str(self.tomorrow))

    def test_pages_only_read(self):
        """The booking and appointment pages are read-only routes (served by the read replica when there is one):
        they render in a read-only transaction without Odoo retrying them on a read/write cursor."""
        appointment = self._appointment(self.joana, utc(self.tomorrow, 15))
        with self.assertNoLogs("odoo.http", level="WARNING"):
            for url in ("/salon/book", self._slots_url(self.haircut), appointment.get_portal_url()):
                self.assertEqual(self.url_open(url).status_code, 200, url)

    def test_slots_page_lists_the_free_times(self):
        self._appointment(self.joana, utc(self.tomorrow, 9), employee=self.ana)
        self._visit_in_portuguese()
        page = self.url_open(self._slots_url(self.haircut | self.nails, self.ana.id))
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.tomorrow.strftime("%d/%m/%Y"), page.text, "the day in the Brazilian format")
        self.assertIn("Manhã", page.text)
        self.assertIn("Tarde", page.text)
        labels = html.fromstring(page.text).xpath("//label[contains(@class, 'o_salon_slot')]/text()")
        values = html.fromstring(page.text).xpath("//input[@name='start']/@value")
        self.assertEqual(labels[0], "10:00", "08:00 would overlap Joana's 09:00-10:00 with Ana (1h30 of services)")
        self.assertEqual(labels[-1], "16:30", "1h30 of services end by 18:00")
        self.assertNotIn("09:00", labels)
        self.assertEqual(values[0], fields.Datetime.to_string(utc(self.tomorrow, 10)), "posted in UTC")
        self.assertIn("Seu contato", page.text)
        self.assertTrue(self._csrf(page.text))
        # the last bookable day (30 days by default) links to no next day; later days offer nothing
        last = self.url_open(self._slots_url(self.haircut, "any", self.today + timedelta(days=29))).text
        self.assertIn("o_salon_slot", last)
        self.assertNotIn("o_salon_next_day", last)
        empty = self.url_open(self._slots_url(self.haircut, "any", self.today + timedelta(days=30))).text
        self.assertIn("o_salon_no_slot", empty)

    def test_book_online_redirects_to_the_page_of_the_token(self):
        response = self._book(utc(self.tomorrow, 14), services=self.haircut | self.nails)
        self.assertEqual(response.status_code, 303, response.text)
        appointment = self.env["salon.appointment"].search([("partner_id.email", "=", "online@example.com")])
        self.assertEqual(len(appointment), 1)
        self.assertRecordValues(
            appointment,
            [
                {
                    "salon_online": True,
                    "state": "scheduled",
                    "employee_id": self.ana.id,
                    "start": utc(self.tomorrow, 14),
                    "end": utc(self.tomorrow, 15, 30),
                }
            ],
        )
        self.assertEqual(appointment.service_ids, self.haircut | self.nails)
        self.assertRecordValues(appointment.partner_id, [{"name": "Cliente Online", "phone": "(11) 93333-3333"}])
        location = response.headers["Location"]
        self.assertRegex(location, rf"/my/appointments/{appointment.id}\?access_token={appointment.access_token}$")
        page = self.url_open(location)
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_salon_booked", page.text)
        self.assertIn("Corte Tour, Unhas Tour", page.text)
        self.assertIn("14:00", page.text, "the time on the salon's clock")
        self.assertIn("12:00", page.text, "the cut-off time, 2 hours before")
        # a second visitor with the same e-mail is the same client
        again = self._book(utc(self.tomorrow, 14), services=self.nails, name="Outra", phone="1")
        self.assertEqual(again.status_code, 303)
        self.assertEqual(
            self.env["salon.appointment"].search([("partner_id.email", "=", "online@example.com")]).partner_id,
            appointment.partner_id,
        )

    def test_logged_in_client_books_as_themselves(self):
        self.authenticate("maria_portal", "maria_portal")
        page = self.url_open(self._slots_url(self.haircut)).text
        self.assertIn("o_salon_booking_as", page)
        self.assertNotIn('name="email"', page)
        response = self._post(
            "/salon/book/confirm",
            page,
            service_ids=str(self.haircut.id),
            employee_id="any",
            start=fields.Datetime.to_string(utc(self.tomorrow, 11)),
        )
        self.assertEqual(response.status_code, 303, response.text)
        appointment = self.env["salon.appointment"].search([("partner_id", "=", self.maria.id)])
        self.assertRecordValues(appointment, [{"salon_online": True, "start": utc(self.tomorrow, 11)}])

    def test_wrong_token_no_access(self):
        appointment = self._appointment(self.joana, utc(self.tomorrow, 15))
        for url in (
            f"/my/appointments/{appointment.id}?access_token=wrong",
            f"/my/appointments/{appointment.id}",
            f"/my/appointments/{appointment.id}/reschedule?access_token=wrong",
        ):
            response = self.url_open(url)
            self.assertNotIn("Joana", response.text)
            self.assertNotIn("o_salon_appointment", response.text)
        page = self.url_open(appointment.get_portal_url()).text
        cancel = self._post(f"/my/appointments/{appointment.id}/cancel", page, access_token="wrong")
        self.assertIn(cancel.status_code, (302, 303))
        self.assertEqual(appointment.state, "scheduled")

    def test_cancel_by_token_before_the_cutoff(self):
        appointment = self._appointment(self.joana, utc(self.tomorrow, 15))
        self._visit_in_portuguese()
        page = self.url_open(appointment.get_portal_url()).text
        self.assertIn("Você pode cancelar ou remarcar pela internet até", page)
        response = self._post(f"/my/appointments/{appointment.id}/cancel", page, access_token=appointment.access_token)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(appointment.state, "cancelled")
        self.assertFalse(appointment.salon_cancelled_late)
        page = self.url_open(response.headers["Location"]).text
        self.assertIn("Seu horário foi cancelado", page)
        self.assertNotIn("o_salon_cancel", page)

    def test_cancel_after_the_cutoff_is_refused(self):
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(minutes=90)
        appointment = self._appointment(self.joana, start)
        self._visit_in_portuguese()
        page = self.url_open(appointment.get_portal_url()).text
        self.assertNotIn("o_salon_cancel", page, "no cancel button after the cut-off")
        self.assertIn("Por favor, ligue para o salão", page)
        response = self._post(f"/my/appointments/{appointment.id}/cancel", page, access_token=appointment.access_token)
        self.assertEqual(response.status_code, 400)
        self.assertIn("o_salon_error", response.text, "the cut-off is explained")
        self.assertEqual(appointment.state, "scheduled")

    def test_reschedule_by_token(self):
        appointment = self._appointment(self.joana, utc(self.tomorrow, 15))
        # the appointment moves half an hour later: only its own professional is free then, whom it holds itself
        self._appointment(self.maria, utc(self.tomorrow, 15), employee=self.bia)
        self._appointment(self.maria, utc(self.tomorrow, 16), employee=self.bia)
        url = f"/my/appointments/{appointment.id}/reschedule?access_token={appointment.access_token}"
        page = self.url_open(f"{url}&date={self.tomorrow}").text
        later = fields.Datetime.to_string(utc(self.tomorrow, 15, 30))
        self.assertIn(later, html.fromstring(page).xpath("//input[@name='start']/@value"))
        response = self._post(
            f"/my/appointments/{appointment.id}/reschedule", page, access_token=appointment.access_token, start=later
        )
        self.assertEqual(response.status_code, 303, response.text)
        self.assertRecordValues(appointment, [{"start": utc(self.tomorrow, 15, 30), "employee_id": self.ana.id}])
        page = self.url_open(f"{url}&date={self.tomorrow}").text
        values = html.fromstring(page).xpath("//input[@name='start']/@value")
        new_start = fields.Datetime.to_string(utc(self.tomorrow, 10))
        self.assertIn(new_start, values)
        response = self._post(
            f"/my/appointments/{appointment.id}/reschedule",
            page,
            access_token=appointment.access_token,
            date=str(self.tomorrow),
            start=new_start,
        )
        self.assertEqual(response.status_code, 303, response.text)
        self.assertIn("message=rescheduled", response.headers["Location"])
        self.assertRecordValues(appointment, [{"start": utc(self.tomorrow, 10), "employee_id": self.ana.id}])
        # a time that is not offered moves nothing
        response = self._post(
            f"/my/appointments/{appointment.id}/reschedule",
            page,
            access_token=appointment.access_token,
            start=fields.Datetime.to_string(utc(self.tomorrow, 10, 10)),
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(appointment.start, utc(self.tomorrow, 10))

    def test_portal_user_lists_only_their_appointments(self):
        mine = self._appointment(self.maria, utc(self.tomorrow, 10))
        past = self._appointment(self.maria, utc(self.tomorrow, 16), state="cancelled")
        other = self._appointment(self.joana, utc(self.tomorrow, 11), employee=self.bia)
        self.authenticate("maria_portal", "maria_portal")
        home = self.url_open("/my/home").text
        self.assertIn("/my/appointments", home)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["salon_appointment_count"]})
        self.assertEqual(counters["salon_appointment_count"], 2)
        listing = self.url_open("/my/appointments").text
        self.assertIn(f"/my/appointments/{mine.id}", listing)
        self.assertIn(f"/my/appointments/{past.id}", listing)
        self.assertNotIn(f"/my/appointments/{other.id}", listing)
        self.assertLess(listing.index(f"/my/appointments/{mine.id}"), listing.index(f"/my/appointments/{past.id}"))
        own = self.url_open(f"/my/appointments/{mine.id}")
        self.assertIn("o_salon_cancel", own.text, "the owner needs no token")
        response = self.url_open(f"/my/appointments/{other.id}")
        self.assertTrue(response.url.endswith("/my"), "another client's appointment redirects")
        self.assertNotIn("Joana", response.text)

    def test_blacklisted_client_is_asked_to_call(self):
        for hour in (9, 10, 11):
            self._appointment(self.maria, utc(self.tomorrow, hour), state="no_show")
        count = self.env["salon.appointment"].search_count([])
        self._visit_in_portuguese()
        response = self._book(utc(self.tomorrow, 14), email="MARIA@example.com")
        self.assertEqual(response.status_code, 403)
        self.assertIn("Por favor, ligue para o salão para agendar", response.text)
        self.assertIn("+55 11 5555-0000", response.text)
        self.assertEqual(self.env["salon.appointment"].search_count([]), count)

    def test_bad_input_is_refused_cleanly(self):
        count = self.env["salon.appointment"].search_count([])
        partners = self.env["res.partner"].search_count([])
        start = utc(self.tomorrow, 14)
        for params in (
            "service_ids=abc&employee_id=any",
            f"service_ids={self.shampoo.id}&employee_id=any",
            f"service_ids={self.haircut.id}&employee_id={self.hidden.id}",
            f"service_ids={self.haircut.id}&employee_id=x1",
            f"service_ids={self.haircut.id}&employee_id=any&date=31/12/2026",
            "employee_id=any",
        ):
            response = self.url_open(f"/salon/book/slots?{params}")
            self.assertEqual(response.status_code, 400, params)
            self.assertIn("o_salon_error", response.text)
            self.assertNotIn("Traceback", response.text)
        bad_posts = (
            {"service_ids": "9999999"},
            {"service_ids": "1;DROP"},
            {"employee_id": str(self.hidden.id)},
            {"start": "amanhã"},
            {"start": fields.Datetime.to_string(start + timedelta(minutes=10))},  # not a proposed time
            {"start": fields.Datetime.to_string(utc(self.today - timedelta(days=1), 10))},
            {"email": "not an e-mail"},
            {"name": ""},
        )
        for values in bad_posts:
            response = self._book(start, **values)
            self.assertEqual(response.status_code, 400, values)
            self.assertIn("o_salon_error", response.text, values)
            self.assertNotIn("Traceback", response.text)
        no_csrf = self.url_open(
            "/salon/book/confirm",
            data={"service_ids": str(self.haircut.id), "employee_id": "any", "start": str(start)},
            allow_redirects=False,
        )
        self.assertEqual(no_csrf.status_code, 400)
        self.assertEqual(self.env["salon.appointment"].search_count([]), count, "nothing booked")
        self.assertEqual(self.env["res.partner"].search_count([]), partners, "no contact left behind")

    def test_professional_who_does_not_perform_the_service(self):
        """The page says so, in the visitor's words, instead of showing no free time."""
        self.haircut.salon_employee_ids = self.ana
        response = self.url_open(self._slots_url(self.haircut, self.bia.id))
        self.assertEqual(response.status_code, 400)
        self.assertIn("Bia Tour não faz todos os serviços escolhidos", response.text)
        self.nails.salon_employee_ids = self.bia
        response = self.url_open(self._slots_url(self.haircut | self.nails))
        self.assertEqual(response.status_code, 400)
        self.assertIn("Nenhum profissional faz todos esses serviços juntos", response.text)
        self.assertEqual(self.url_open(self._slots_url(self.haircut)).status_code, 200)

    def test_time_just_taken_shows_the_times_again(self):
        page = self.url_open(self._slots_url(self.haircut, self.ana.id)).text
        self._appointment(self.joana, utc(self.tomorrow, 14), employee=self.ana)
        response = self._post(
            "/salon/book/confirm",
            page,
            service_ids=str(self.haircut.id),
            employee_id=str(self.ana.id),
            start=fields.Datetime.to_string(utc(self.tomorrow, 14)),
            name="Cliente",
            email="cliente@example.com",
            phone="1",
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("o_salon_error", response.text)
        self.assertTrue(re.search(r'name="email"[^>]*value="cliente@example.com"', response.text), "kept")
        self.assertFalse(self.env["res.partner"].search([("email", "=", "cliente@example.com")]))
