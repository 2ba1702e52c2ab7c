import pytz

from odoo import http
from odoo.tests import tagged

from .test_booking_http import BookingHttpCommon


@tagged("post_install", "-at_install")
class TestBookingTour(BookingHttpCommon):
    def authenticate(self, user, password, browser=None):
        """The anonymous visitor of the tour comes with a browser in Brazilian Portuguese (Odoo keeps the
        visitor's language in the session)."""
        session = super().authenticate(user, password, browser=browser)
        if not user:
            session.context["lang"] = "pt_BR"
            http.root.session_store.save(session)
        return session

    def test_anonymous_client_books_online(self):
        self.start_tour("/salon/book", "salon_booking_tour", login=None)
        appointment = self.env["salon.appointment"].search([("partner_id.email", "=", "maria.tour@example.com")])
        self.assertEqual(len(appointment), 1)
        self.assertRecordValues(appointment, [{"salon_online": True, "state": "scheduled"}])
        self.assertEqual(appointment.service_ids, self.haircut | self.nails)
        self.assertIn(appointment.employee_id, self.ana | self.bia)
        self.assertRecordValues(
            appointment.partner_id, [{"name": "Maria Tour", "phone": "11 98765-4321", "lang": "pt_BR"}]
        )
        local = pytz.utc.localize(appointment.start).astimezone(pytz.timezone("America/Sao_Paulo"))
        self.assertEqual(local.date(), self.tomorrow)
        self.assertGreaterEqual(local.hour, 12, "an afternoon time")
        mails = self.env["mail.mail"].search([("model", "=", "salon.appointment"), ("res_id", "=", appointment.id)])
        self.assertTrue(mails, "the confirmation e-mail is queued")
        self.assertIn(appointment.partner_id, mails.recipient_ids)
        self.assertIn(appointment.access_token, mails[0].body_html)
