import base64
from datetime import timedelta

from freezegun import freeze_time

from odoo import SUPERUSER_ID
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import consteq, mute_logger

from .test_booking_slots import NOW, BookingCase, utc

G = "shop_salon_schedule.group_salon_"


@tagged("post_install", "-at_install")
class TestBookingModel(BookingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("pt_BR")
        cls.env["ir.module.module"]._load_module_terms(["shop_salon_booking"], ["pt_BR"], overwrite=True)
        cls.env.company.write(
            {
                "email": "salao@example.com",
                "phone": "+55 11 3333-4444",
                "street": "Rua das Flores, 10",
                "city": "São Paulo",
            }
        )
        cls.agenda_user = new_test_user(cls.env, "agenda_online", groups=G + "agenda")
        cls.registry_user = new_test_user(cls.env, "cadastro_online", groups=G + "registry")
        cls.root_user = new_test_user(cls.env, "root_online", groups=G + "root")
        cls._set(salon_phone="(11) 3333-4444")

    # ------------------------------------------------------------------ the doors
    def _visitor(self, lang="pt_BR"):
        """The booking page's model, as the website's visitor browsing in ``lang``."""
        return self.Appointment.with_user(self.public_user).with_context(lang=lang)

    def _book(self, start, employee=None, services=None, email="maria@example.com", lang="pt_BR"):
        Appointment = self._visitor(lang)
        partner = Appointment._salon_booking_partner("Maria Souza", email, "+55 11 99999-0000")
        return Appointment._salon_book_online(services or self.haircut, employee, start, partner)

    def _by_link(self, appointment, token=None):
        """The appointment as the portal's controller opens it for a visitor with the e-mail's link: the token is
        checked (``_document_check_access``), then the record is used as superuser."""
        document = self.Appointment.with_user(self.public_user).browse(appointment.id)
        with self.assertRaises(AccessError):
            document.check_access("read")
        token = token if token is not None else appointment.sudo().access_token
        self.assertTrue(consteq(appointment.sudo().access_token, token))
        return document.with_user(SUPERUSER_ID)

    def _confirmations(self, appointment):
        return self.env["mail.mail"].search(
            [("model", "=", "salon.appointment"), ("res_id", "=", appointment.id)], order="id"
        )

    # ------------------------------------------------------------------ booking
    def test_book_online_creates_the_client_and_confirms_in_portuguese(self):
        appointment = self._book(
            utc(10), employee=self.ana, services=self.haircut | self.nails, email=" Maria@Example.com"
        )
        self.assertRecordValues(
            appointment,
            [
                {
                    "employee_id": self.ana.id,
                    "start": utc(10),
                    "end": utc(11, 30),
                    "state": "scheduled",
                    "salon_online": True,
                    "salon_cancelled_late": False,
                }
            ],
        )
        client = appointment.partner_id
        self.assertRecordValues(client, [{"name": "Maria Souza", "phone": "+55 11 99999-0000", "lang": "pt_BR"}])
        self.assertEqual(client.email_normalized, "maria@example.com")
        again = self._visitor()._salon_booking_partner("Outro nome", "MARIA@example.com", "11 1111-1111")
        self.assertEqual(again, client, "the same e-mail is the same client")
        self.assertEqual(again.phone, "+55 11 99999-0000", "a visitor does not change a client's data")

        mail = self._confirmations(appointment)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, client)
        self.assertIn("agendamento está confirmado", mail.subject)
        body = mail.body_html
        token = appointment.sudo().access_token
        link = f"{appointment.get_base_url()}/my/appointments/{appointment.id}?access_token={token}"
        for text in (
            "Olá Maria Souza",
            "03/03/2026 10:00",
            "Corte, Unhas",
            "Ana",
            "Rua das Flores, 10, São Paulo",
            "(11) 3333-4444",
            "03/03/2026 08:00",
        ):
            self.assertIn(text, body)
        self.assertIn(link.replace("&", "&amp;"), body)
        self.assertIn("Cancelar ou remarcar", body)
        self.assertRecordValues(
            mail.attachment_ids,
            [{"name": "agendamento.ics", "res_model": "salon.appointment", "res_id": appointment.id}],
        )
        ics = base64.b64decode(mail.attachment_ids.datas).decode()
        self.assertIn("DTSTART:20260303T130000Z\r\n", ics)
        self.assertIn("DTEND:20260303T143000Z\r\n", ics)
        self.assertIn("SUMMARY:Corte\\, Unhas\r\n", ics)
        self.assertIn(f"UID:salon-appointment-{appointment.id}@", ics)
        self.assertIn("Rua das Flores\\, 10", ics.replace("\r\n ", ""))
        self.assertIn(mail.mail_message_id, appointment.message_ids, "the confirmation is in the chatter")
        self.assertEqual(mail.mail_message_id.author_id, self.env.company.partner_id)
        self.assertNotIn(self.public_user.partner_id, appointment.message_partner_ids, "the visitor follows nothing")
        # queued for Odoo's mail queue, which is woken up for it, not sent inside the client's request
        self.assertEqual(mail.state, "outgoing")
        self.assertTrue(
            self.env["ir.cron.trigger"].search(
                [("cron_id", "=", self.env.ref("mail.ir_cron_mail_scheduler_action").id)]
            )
        )

    def test_any_professional_takes_the_first_free_one(self):
        self._appointment(utc(10), employee=self.ana)
        appointment = self._book(utc(10))
        self.assertEqual(appointment.employee_id, self.bia)
        self._appointment(utc(14), employee=self.ana)
        self._appointment(utc(14), employee=self.bia)
        with self.assertRaisesRegex(UserError, "cannot be booked"):
            self._book(utc(14), email="joana@example.com", lang="en_US")

    def test_refused_bookings_leave_nothing_behind(self):
        Partner = self.env["res.partner"]
        partners = Partner.search_count([])
        Appointment = self._visitor("en_US")
        with self.assertRaisesRegex(ValidationError, "name, e-mail and phone"):
            Appointment._salon_booking_partner("Maria", "maria@example.com", " ")
        with self.assertRaisesRegex(ValidationError, "valid e-mail"):
            Appointment._salon_booking_partner("Maria", "maria@", "11 99999-0000")
        self.assertEqual(Partner.search_count([]), partners)
        appointments = self.Appointment.search_count([])
        with self.assertRaisesRegex(UserError, "cannot be booked"):
            Appointment._salon_book_online(self.haircut, self.ana, utc(12), self.client)  # lunch time
        with self.assertRaisesRegex(UserError, "cannot be booked"):
            Appointment._salon_book_online(self.haircut, self.ana, utc(10, 10), self.client)  # not a proposed time
        with self.assertRaisesRegex(UserError, "cannot be booked online"):
            Appointment._salon_book_online(self.haircut, self.staff_only, utc(10), self.client)
        not_online = self.env["product.product"].create({"name": "Produto", "type": "consu"})
        with self.assertRaisesRegex(UserError, "services that can be booked online"):
            Appointment._salon_book_online(not_online, self.ana, utc(10), self.client)
        self.assertEqual(self.Appointment.search_count([]), appointments)

    def test_blacklisted_client_is_asked_to_call(self):
        company = self.env["res.partner"].create({"name": "Empresa Cliente", "is_company": True, "salon_loyal": True})
        contact = self.env["res.partner"].create(
            {"name": "Contato", "parent_id": company.id, "email": "contato@example.com"}
        )
        with freeze_time(NOW - timedelta(days=10)):
            missed = self._appointment(NOW - timedelta(days=9), partner=company)
            late = self._appointment(NOW - timedelta(days=8), partner=contact)
        missed.action_no_show()
        with freeze_time(late.start - timedelta(hours=1)):
            late.with_user(self.agenda_user).action_cancel()
        self.assertEqual(company._salon_no_show_count(), {company.id: 1})
        self.assertEqual((company | contact)._salon_late_cancel_count(), {company.id: 1, contact.id: 1})
        self.assertFalse(contact._salon_is_blacklisted())
        self._set(blacklist_count=2)
        self.assertTrue(contact._salon_is_blacklisted(), "loyal clients too")
        with self.assertRaisesRegex(UserError, r"Please call the salon to book: \(11\) 3333-4444"):
            self._visitor("en_US")._salon_book_online(self.haircut, self.ana, utc(10), contact)
        self.assertFalse(self.Appointment.search([("start", "=", utc(10))]))

    # ------------------------------------------------------------------ changes by the client
    def test_client_reschedules_and_cancels_before_the_cut_off(self):
        appointment = self._book(utc(15), employee=self.ana)
        token = appointment.sudo().access_token
        with freeze_time(utc(12, 59)):
            self.assertTrue(self._by_link(appointment, token)._salon_can_change_online())
            self._by_link(appointment, token)._salon_online_reschedule(utc(16))
        self.assertRecordValues(appointment, [{"start": utc(16), "employee_id": self.ana.id, "state": "scheduled"}])
        confirmations = self._confirmations(appointment)
        self.assertEqual(len(confirmations), 2, "the new time is confirmed again")
        self.assertIn("03/03/2026 16:00", confirmations[-1].body_html)
        self.assertEqual(appointment._salon_online_deadline(), utc(14))
        self._appointment(utc(17), employee=self.ana)
        with freeze_time(utc(13)):
            self._by_link(appointment, token)._salon_online_reschedule(utc(17))  # Ana is busy then: Bia is free
            self.assertRecordValues(appointment, [{"start": utc(17), "employee_id": self.bia.id}])
            with self.assertRaisesRegex(UserError, "cannot be booked"):
                self._by_link(appointment, token)._salon_online_reschedule(utc(17), employee=self.ana)
            self._by_link(appointment, token).action_salon_online_cancel()
        self.assertRecordValues(appointment, [{"state": "cancelled", "salon_cancelled_late": False}])
        self.assertEqual(appointment.message_ids[0].author_id, appointment.partner_id)
        with self.assertRaisesRegex(UserError, "cannot be changed anymore"):
            self._by_link(appointment, token).action_salon_online_cancel()

    def test_no_online_change_after_the_cut_off(self):
        appointment = self._book(utc(15), employee=self.ana)
        with freeze_time(utc(13)):
            document = self._by_link(appointment)
            self.assertFalse(document._salon_can_change_online())
            with self.assertRaisesRegex(UserError, "Alterações online são possíveis até 03/03/2026 13:00"):
                document.with_context(lang="pt_BR")._salon_online_reschedule(utc(16))
            with self.assertRaisesRegex(UserError, "Online changes are possible until"):
                document.action_salon_online_cancel()
        self.assertRecordValues(appointment, [{"start": utc(15), "state": "scheduled"}])

    def test_staff_cancellation_after_the_cut_off_is_late(self):
        early = self._book(utc(15), employee=self.ana)
        late = self._book(utc(15), employee=self.bia, email="joana@example.com")
        agenda = self.Appointment.with_user(self.agenda_user)
        with freeze_time(utc(12)):
            agenda.browse(early.id).action_cancel()
        with freeze_time(utc(13, 30)):
            agenda.browse(late.id).action_cancel()
        self.assertRecordValues(early | late, [{"salon_cancelled_late": False}, {"salon_cancelled_late": True}])
        self.assertEqual(late.partner_id._salon_late_cancel_count(), {late.partner_id.id: 1})

    # ------------------------------------------------------------------ access
    def test_portal_users_read_only_their_own_appointments(self):
        mine = self._book(utc(10), employee=self.ana)
        other = self._appointment(utc(10), employee=self.bia)
        portal = new_test_user(self.env, "cliente_portal", groups="base.group_portal", partner_id=mine.partner_id.id)
        Appointment = self.Appointment.with_user(portal)
        self.assertEqual(Appointment.search([]), mine)
        self.assertEqual(mine.with_user(portal).access_url, f"/my/appointments/{mine.id}")
        with self.assertRaises(AccessError):
            other.with_user(portal).read(["start"])
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            mine.with_user(portal).write({"notes": "x"})

    def test_agenda_keeps_working(self):
        agenda = self.Appointment.with_user(self.agenda_user)
        appointment = agenda.create(
            {
                "partner_id": self.client.id,
                "employee_id": self.ana.id,
                "service_ids": [(6, 0, self.haircut.ids)],
                "start": utc(10),
            }
        )
        self.assertRecordValues(appointment, [{"salon_online": False}])
        appointment.write({"start": utc(11)})
        self.assertIn(utc(10), [slot["start"] for slot in self._slots(employee=self.ana)])

    def test_only_root_makes_a_professional_bookable(self):
        for user in (self.registry_user, self.agenda_user):
            with self.assertRaisesRegex(AccessError, "Only ROOT"):
                self.staff_only.with_user(user).write({"salon_bookable": True})
        self.staff_only.with_user(self.root_user).write({"salon_bookable": True})
        self.assertTrue(self.staff_only.salon_bookable)
        self.staff_only.with_user(self.registry_user).write({"job_title": "Cabeleireira"})

    def test_employees_stay_readable_without_hr_rights(self):
        """As Odoo's hr test_employee_fields_groups: the new field is public, internal users read employees."""
        internal = new_test_user(self.env, "interno_online", groups="base.group_user")
        self.env["hr.employee"].with_user(internal).search([]).read([])
        self.assertTrue(self.env["hr.employee.public"].with_user(internal).browse(self.ana.id).salon_bookable)
