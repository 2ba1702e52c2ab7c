from datetime import datetime, time, timedelta

import pytz

from odoo import Command, api, fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestBookingRace(TransactionCase):
    """Two clients book the same professional at the same time on the website, in two real transactions: the
    database lets one through, the other is told the time was just taken, and nothing of it is left."""

    def setUp(self):
        super().setUp()
        # data committed for real, so that the two transactions can meet in the database
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            calendar = env["resource.calendar"].create(
                {
                    "name": "Horário disputado",
                    "tz": "America/Sao_Paulo",
                    "attendance_ids": [Command.clear()]
                    + [
                        Command.create({"name": "Dia", "dayofweek": str(day), "hour_from": 9, "hour_to": 18})
                        for day in range(7)
                    ],
                }
            )
            company = env.ref("base.main_company")
            self.company_email = company.email
            company.email = company.email or "salao@example.com"  # the confirmations' sender
            self.data = {
                "calendar": calendar.id,
                "employee": env["hr.employee"]
                .create({"name": "Profissional disputada", "resource_calendar_id": calendar.id, "salon_bookable": True})
                .id,
                "service": env["product.product"]
                .create({"name": "Corte disputado", "type": "service", "salon_service": True, "salon_duration": 1.0})
                .id,
            }
        # leaving the cursor's block commits it
        self.addCleanup(self._remove_committed_data)
        tz = pytz.timezone("America/Sao_Paulo")
        tomorrow = datetime.now(tz).date() + timedelta(days=1)
        self.start = tz.localize(datetime.combine(tomorrow, time(10))).astimezone(pytz.utc).replace(tzinfo=None)

    def _remove_committed_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            appointments = env["salon.appointment"].search([("employee_id", "=", self.data["employee"])])
            clients = appointments.partner_id
            env["ir.attachment"].search(
                [("res_model", "=", "salon.appointment"), ("res_id", "in", appointments.ids)]
            ).unlink()
            appointments.unlink()
            clients.unlink()
            employee = env["hr.employee"].browse(self.data["employee"])
            contact = employee.work_contact_id
            employee.unlink()
            contact.unlink()
            env["product.product"].browse(self.data["service"]).product_tmpl_id.unlink()
            env["resource.calendar"].browse(self.data["calendar"]).unlink()
            env.ref("base.main_company").email = self.company_email

    def _book(self, env, name, email):
        """What the booking page does for a visitor: the client from the form, then the booking."""
        Appointment = env["salon.appointment"]
        partner = Appointment._salon_booking_partner(name, email, "+55 11 90000-0000")
        return Appointment._salon_book_online(
            env["product.product"].browse(self.data["service"]), None, self.start, partner
        )

    def test_two_clients_book_the_same_time(self):
        public = self.env.ref("base.public_user").id
        cr2 = self.registry.cursor()
        self.addCleanup(cr2.close)
        env2 = api.Environment(cr2, public, {"lang": "pt_BR"})
        # the second client's page showed the time free, before the first client confirmed
        Appointment2 = env2["salon.appointment"]
        service = env2["product.product"].browse(self.data["service"])
        self.assertIn(self.start, [slot["start"] for slot in Appointment2._salon_booking_slots(service)])
        with self.registry.cursor() as cr1:  # the first client confirms, and the transaction commits
            env1 = api.Environment(cr1, public, {"lang": "pt_BR"})
            first = self._book(env1, "Primeira Cliente", "primeira@example.com")
            self.assertTrue(first.salon_online)
        with (
            self.assertRaisesRegex(UserError, "Este horário acabou de ser reservado por outra pessoa"),
            mute_logger("odoo.sql_db"),
        ):
            self._book(env2, "Segunda Cliente", "segunda@example.com")
        cr2.rollback()  # what Odoo does with the request's transaction after the error
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            appointments = env["salon.appointment"].search([("employee_id", "=", self.data["employee"])])
            self.assertEqual(appointments.partner_id.mapped("name"), ["Primeira Cliente"])
            self.assertFalse(env["res.partner"].search_count([("email", "=", "segunda@example.com")]))
            self.assertEqual(
                env["mail.mail"].search_count(
                    [("model", "=", "salon.appointment"), ("res_id", "in", appointments.ids)]
                ),
                1,
                "one confirmation",
            )
            self.assertEqual(fields.Datetime.to_datetime(appointments.start), self.start)
