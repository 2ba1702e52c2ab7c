from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import TransactionCase, new_test_user, tagged

G = "shop_salon_schedule.group_salon_"
# 12:00 in São Paulo
NOW = datetime(2026, 6, 15, 15, 0)
TEMPLATE = "shop_salon_booking.mail_template_booking_reminder"


@tagged("post_install", "-at_install")
class TestBookingReminder(TransactionCase):
    """The reminder e-mail the day before, sent by the hourly cron to every client with an appointment in the next
    24 hours, booked online or at the desk, once per date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.env["res.lang"]._activate_lang("pt_BR")
        cls.env["ir.module.module"]._load_module_terms(
            ["portal", "shop_salon_schedule", "shop_salon_booking"], ["pt_BR"], overwrite=True
        )
        cls.env.company.write({"phone": "+55 11 5555-0000", "email": "salao@example.com"})
        cls.env.company.partner_id.tz = "America/Sao_Paulo"
        cls.agenda = new_test_user(cls.env, "agenda_lembrete", groups=G + "agenda")
        cls.root = new_test_user(cls.env, "root_lembrete", groups=G + "root")
        calendar = cls.env["resource.calendar"].create({"name": "Salão", "tz": "America/Sao_Paulo"})
        Employee = cls.env["hr.employee"]
        cls.ana = Employee.create({"name": "Ana Lembrete", "resource_calendar_id": calendar.id})
        cls.bia = Employee.create({"name": "Bia Lembrete", "resource_calendar_id": calendar.id})
        cls.haircut = cls.env["product.product"].create(
            {"name": "Corte Lembrete", "type": "service", "salon_service": True, "salon_duration": 1.0}
        )
        Partner = cls.env["res.partner"]
        cls.maria = Partner.create({"name": "Maria Lembrete", "email": "maria@example.com", "lang": "pt_BR"})
        cls.joana = Partner.create({"name": "Joana Lembrete", "email": "joana@example.com", "lang": "pt_BR"})
        cls.no_mail = Partner.create({"name": "Sem E-mail", "lang": "pt_BR"})
        cls.cron = cls.env.ref("shop_salon_booking.cron_send_reminders")

    def _book(self, partner, hours, employee=None):
        """An appointment ``hours`` after NOW, booked at the desk by the agenda."""
        with freeze_time(NOW):
            return (
                self.env["salon.appointment"]
                .with_user(self.agenda)
                .create(
                    {
                        "partner_id": partner.id,
                        "employee_id": (employee or self.ana).id,
                        "service_ids": [Command.set(self.haircut.ids)],
                        "start": NOW + timedelta(hours=hours),
                    }
                )
                .with_env(self.env)
            )

    def _reminders(self, appointment):
        """The reminders posted on ``appointment`` for its client."""
        return appointment.message_ids.filtered(
            lambda m: m.message_type == "comment" and appointment.partner_id in m.partner_ids
        )

    def _run_cron(self, batch_size):
        """One call of the cron's method as Odoo's runner makes it: as the cron's user, with a progress record."""
        cron, progress = self.cron.with_user(self.cron.user_id)._add_progress()
        cron.env["salon.appointment"]._cron_send_reminders(batch_size=batch_size)
        return progress

    def test_one_reminder_per_appointment(self):
        """The cron runs every hour: each appointment of the next 24 hours gets one reminder (at the desk or
        online), in Portuguese, with the time on the salon's clock, the link to its page and the salon's phone;
        the e-mails wait in Odoo's mail queue."""
        tomorrow = self._book(self.maria, 20)
        online = self._book(self.joana, 23, employee=self.bia)
        online.salon_online = True
        with freeze_time(NOW):
            self.cron.method_direct_trigger()
        with freeze_time(NOW + timedelta(hours=1)):
            self.cron.method_direct_trigger()
        for appointment in tomorrow | online:
            self.assertEqual(len(self._reminders(appointment)), 1, appointment.partner_id.name)
        self.assertEqual(tomorrow.salon_reminder_sent, NOW)
        message = self._reminders(tomorrow)
        self.assertEqual(message.subject, f"{self.env.company.name}: lembrete do seu horário")
        self.assertIn("Esperamos você", message.body)
        self.assertIn("16/06/2026 08:00", message.body, "11:00 UTC on the salon's clock")
        self.assertIn(f"/my/appointments/{tomorrow.id}?access_token={tomorrow.access_token}", message.body)
        self.assertIn("+55 11 5555-0000", message.body)
        self.assertIn("Corte Lembrete", message.body)
        mail = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        self.assertRecordValues(mail, [{"state": "outgoing", "recipient_ids": self.maria.ids}])
        self.assertIn("Esperamos você", mail.body_html)
        # the mail queue sends it: it has a sender (the salon's address)
        self.assertIn("salao@example.com", message.email_from)

    def test_only_due_appointments(self):
        """Not for appointments beyond the reminder hours (until they come within them), cancelled ones, or
        clients without an e-mail address."""
        later = self._book(self.maria, 30)
        cancelled = self._book(self.joana, 5)
        cancelled.with_user(self.agenda).action_cancel()
        no_mail = self._book(self.no_mail, 6, employee=self.bia)
        with freeze_time(NOW):
            self.cron.method_direct_trigger()
        self.assertFalse(self._reminders(later) | self._reminders(cancelled) | self._reminders(no_mail))
        self.assertFalse((later | cancelled | no_mail).filtered("salon_reminder_sent"))
        with freeze_time(NOW + timedelta(hours=7)):
            self.cron.method_direct_trigger()
        self.assertEqual(len(self._reminders(later)), 1, "due the day before")

    def test_reminders_off(self):
        """The salon's ROOT turns reminders off in the online booking settings: none goes out."""
        appointment = self._book(self.maria, 20)
        self.env["salon.booking.settings"].with_user(self.root).create({"reminder_enabled": False}).action_save()
        with freeze_time(NOW):
            progress = self._run_cron(batch_size=10)
        self.assertRecordValues(progress, [{"done": 0, "remaining": 0}])
        self.assertFalse(self._reminders(appointment))
        self.assertFalse(appointment.salon_reminder_sent)

    def test_reschedule_rearms_the_reminder(self):
        """The desk moves a reminded appointment to another day: the new date gets its own reminder; a change that
        keeps the time does not."""
        appointment = self._book(self.maria, 20)
        with freeze_time(NOW):
            self.cron.method_direct_trigger()
            appointment.with_user(self.agenda).write({"start": appointment.start})
            self.assertEqual(appointment.salon_reminder_sent, NOW, "same time: still reminded")
            appointment.with_user(self.agenda).write({"start": NOW + timedelta(days=3)})
        self.assertFalse(appointment.salon_reminder_sent)
        with freeze_time(NOW + timedelta(days=2, hours=1)):
            self.cron.method_direct_trigger()
        self.assertEqual(len(self._reminders(appointment)), 2)
        self.assertIn("18/06/2026 12:00", self._reminders(appointment)[0].body)

    def test_cron_batches_and_reports_progress(self):
        """Odoo 18's cron protocol: one bounded batch per call, the progress reported so that the runner calls
        again while some remain; an appointment reminded in a call is never picked again."""
        appointments = self._book(self.maria, 2) | self._book(self.joana, 3) | self._book(self.maria, 4, self.bia)
        with freeze_time(NOW):
            progresses = [self._run_cron(batch_size=2) for _call in range(3)]
        self.assertEqual([(p.done, p.remaining) for p in progresses], [(2, 1), (1, 0), (0, 0)])
        for appointment in appointments:
            self.assertEqual(len(self._reminders(appointment)), 1)
        # the e-mails wait in Odoo's mail queue, woken up for them, rather than leave from the cron's worker
        queue = self.env.ref("mail.ir_cron_mail_scheduler_action")
        self.assertTrue(self.env["ir.cron.trigger"].search_count([("cron_id", "=", queue.id)]))
