import re
from datetime import timedelta

from freezegun import freeze_time
from lxml import html

from odoo.http import url_encode
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import G, SalonCommon


@tagged("post_install", "-at_install")
class TestSalonSessionPages(HttpCase, SalonCommon):
    def test_welcome_and_logout_pending(self):
        self._book()
        with freeze_time(self.tomorrow + timedelta(days=2)):
            self.env["salon.appointment"]._cron_mark_pending()
        self._walk_in()  # a pending (draft) record
        self.authenticate("multi_t", "multi_t")
        welcome = self.url_open("/salon/welcome").text
        self.assertIn("o_salon_groups", welcome)
        self.assertIn("o_salon_pending_invoices", welcome)
        self.assertIn("o_salon_pending_appointments", welcome)
        page = self.url_open("/web/session/logout").text
        self.assertIn("o_salon_logout_anyway", page, "pending work is listed before logging out")
        self.assertTrue(self.session.uid, "still logged in")
        self.url_open("/web/session/logout?salon_confirm=1")
        response = self.url_open("/odoo", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303), "logged out")

    def test_pages_count_pending_and_login_marks_it(self):
        """The web client's session info, the welcome and the logout pages count an appointment over but still
        scheduled without writing it; the next login marks it."""
        appointment = self._book()
        self.authenticate("agenda_t", "agenda_t")
        self._move_to_yesterday(appointment)
        # what the web client loads on entering (the page /odoo embeds the same session_info)
        self.make_jsonrpc_request("/web/session/get_session_info")
        welcome = html.fromstring(self.url_open("/salon/welcome").text)
        self.assertEqual(welcome.xpath("string(//*[contains(@class, 'o_salon_pending_appointments')])").strip(), "1")
        self.assertIn("o_salon_logout_anyway", self.url_open("/web/session/logout").text)
        appointment.invalidate_recordset()
        self.assertEqual(appointment.state, "scheduled", "counted as pending, not written")
        self.authenticate("agenda_t", "agenda_t")
        appointment.invalidate_recordset()
        self.assertEqual(appointment.state, "pending", "marked by the login")

    def _move_to_yesterday(self, appointment):
        """An appointment over: booking in the past is refused, so it is moved there in the database."""
        yesterday = appointment.start - timedelta(days=2)
        self.env.cr.execute(
            'UPDATE salon_appointment SET start = %s, "end" = %s WHERE id = %s',
            [yesterday, yesterday + timedelta(hours=1), appointment.id],
        )
        appointment.invalidate_recordset()

    def test_tour_login_and_logout_with_pending_work(self):
        """In the browser: login form, welcome page with both kinds of pending work, logout page, leave anyway."""
        self.env["res.lang"]._activate_lang("pt_BR")
        new_test_user(self.env, "multi_tour", groups=f"{G}billing,{G}agenda", lang="pt_BR")
        appointment = self._book()
        self._move_to_yesterday(appointment)
        self._walk_in()  # a pending (draft) record
        # the tour navigates whole pages (login, welcome, web client, logout): headless Chrome preconnects sockets
        # it may not use, which Odoo's test server drops after 5 s with a werkzeug "Request timed out" log line
        with mute_logger("werkzeug"):
            self.start_tour("/web/login", "shop_salon_login_logout")
        appointment.invalidate_recordset()
        self.assertEqual(appointment.state, "pending", "marked pending when the agenda user logged in")

    def test_tour_loyal_discount_slider(self):
        """Billing slides a loyal client's discount to 15%: saved on the record and applied to its salon lines."""
        move = self._walk_in(partner=self.loyal)
        self.start_tour(
            f"/odoo/action-shop_salon_schedule.account_move_action_salon/{move.id}",
            "shop_salon_loyal_discount",
            login="caixa_t",
        )
        self.assertEqual(move.salon_discount, 15.0)
        self.assertEqual(move.invoice_line_ids.mapped("discount"), [15.0])

    def test_welcome_continues_to_local_paths_only(self):
        """The welcome page's button never runs a script nor leaves the site, whatever `redirect` says."""
        self.authenticate("agenda_t", "agenda_t")
        local = "/odoo/action-shop_salon_schedule.salon_appointment_action"
        for redirect, expected in (
            ("javascript:alert(document.cookie)", "/odoo"),
            ("https://elsewhere.example.com/login", "/odoo"),
            ("//elsewhere.example.com", "/odoo"),
            ("/\\elsewhere.example.com", "/odoo"),
            ("/\t/elsewhere.example.com", "/odoo"),
            (local, local),
        ):
            page = self.url_open("/salon/welcome?" + url_encode({"redirect": redirect})).text
            hrefs = html.fromstring(page).xpath("//a[contains(@class, 'o_salon_continue')]/@href")
            self.assertEqual(hrefs, [expected], redirect)

    def test_login_redirects_to_welcome(self):
        form = self.url_open("/web/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
        response = self.url_open(
            "/web/login",
            data={"login": "agenda_t", "password": "agenda_t", "csrf_token": token},
            allow_redirects=False,
        )
        self.assertIn("/salon/welcome", response.headers.get("Location", ""))


@tagged("post_install", "-at_install")
class TestSalonFrontDeskTour(HttpCase):
    def test_book_mark_done_and_emit(self):
        """The front desk books an appointment, marks it done and emits its sales record."""
        self.env["res.lang"]._activate_lang("pt_BR").date_format = "%d/%m/%Y"
        self.env.ref("base.user_admin").lang = "pt_BR"
        client = self.env["res.partner"].create({"name": "Cliente Tour"})
        self.env["hr.employee"].create({"name": "Profissional Tour"})
        self.env["product.product"].create(
            {"name": "Corte Tour", "type": "service", "salon_service": True, "list_price": 80.0}
        )
        self.start_tour(
            "/odoo/action-shop_salon_schedule.salon_appointment_action?view_type=list",
            "shop_salon_front_desk",
            login="admin",
        )
        appointment = self.env["salon.appointment"].search([("partner_id", "=", client.id)])
        self.assertEqual(appointment.state, "done")
        self.assertEqual(appointment.invoice_id.state, "posted")
        self.assertEqual(appointment.invoice_id.amount_untaxed, 80.0)
