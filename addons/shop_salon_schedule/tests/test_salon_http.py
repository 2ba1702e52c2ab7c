import re
from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from .common import SalonCommon


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

    def test_login_redirects_to_welcome(self):
        form = self.url_open("/web/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
        response = self.url_open(
            "/web/login",
            data={"login": "agenda_t", "password": "agenda_t", "csrf_token": token},
            allow_redirects=False,
        )
        self.assertIn("/salon/welcome", response.headers.get("Location", ""))
