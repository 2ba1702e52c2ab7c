from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.shop_customer_scoring.tests.common import pay, post_move

G = "shop_salon_schedule.group_salon_"
TODAY = date(2026, 6, 15)
NOW = datetime(2026, 6, 15, 15, 0)


@tagged("post_install", "-at_install")
class TestBookingScore(TransactionCase):
    """No-shows and late cancellations at the salon count in the customer's score, next to the payment
    behaviour; clients who only missed appointments are scored too."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.agenda = new_test_user(cls.env, "agenda_pontos", groups=G + "agenda")
        cls.owner = new_test_user(
            cls.env,
            "dono_pontos",
            groups="base.group_user,shop_base.group_shop_owner",
            company_ids=[Command.set(cls.env.company.ids)],
        )
        cls.ana = cls.env["hr.employee"].create({"name": "Ana Pontos"})
        cls.haircut = cls.env["product.product"].create(
            {"name": "Corte Pontos", "type": "service", "salon_service": True, "salon_duration": 1.0}
        )
        Partner = cls.env["res.partner"]
        cls.faltou = Partner.create({"name": "Faltou Uma Vez", "email": "faltou@example.com"})
        cls.pontual = Partner.create({"name": "Sempre Pontual", "email": "pontual@example.com"})
        cls.so_agenda = Partner.create({"name": "Só Agenda", "email": "agenda@example.com"})
        cls.headset = cls.env["product.product"].create(
            {"name": "Fone Pontos", "type": "consu", "list_price": 1000.0, "taxes_id": [Command.clear()]}
        )
        with freeze_time(TODAY):
            for partner in cls.faltou | cls.pontual:
                for days in (150, 100, 50, 10):
                    day = TODAY - timedelta(days=days)
                    lines = [{"product_id": cls.headset.id, "price_unit": 1000.0}]
                    pay(cls.env, post_move(cls.env, "out_invoice", partner, lines, day, day + timedelta(days=10)), day)

    def _book(self, partner, start):
        with freeze_time(start - timedelta(days=1)):
            return (
                self.env["salon.appointment"]
                .with_user(self.agenda)
                .create(
                    {
                        "partner_id": partner.id,
                        "employee_id": self.ana.id,
                        "service_ids": [Command.set(self.haircut.ids)],
                        "start": start,
                    }
                )
            )

    def _no_show(self, partner, start):
        """The desk marks the client absent after the appointment's time."""
        appointment = self._book(partner, start)
        with freeze_time(start + timedelta(hours=2)):
            appointment.action_no_show()
        return appointment

    def _late_cancel(self, partner, start):
        """The client calls an hour before: the desk cancels, late (after the deadline for online changes)."""
        appointment = self._book(partner, start)
        with freeze_time(start - timedelta(hours=1)):
            appointment.action_cancel()
        self.assertTrue(appointment.salon_cancelled_late)
        return appointment

    def _nightly_scores(self):
        """The nightly job, as Odoo's runner calls it: as the cron's user, again while work remains."""
        cron = self.env.ref("shop_customer_scoring.cron_compute_scores")
        with freeze_time(TODAY):
            for _call in range(10):
                cron_env, progress = cron.with_user(cron.user_id)._add_progress()
                cron_env.env["res.partner"]._cron_compute_scores()
                if not progress.remaining:
                    return
        raise AssertionError("the scores job still reports work remaining")

    def test_no_show_lowers_the_score(self):
        """Same invoices, paid on time: the client who missed an appointment scores 10 points less, and the why
        says so; the owner's button gives the same score as the nightly job."""
        self._no_show(self.faltou, NOW - timedelta(days=20))
        self._nightly_scores()
        self.assertRecordValues(self.pontual | self.faltou, [{"shop_score": 88}, {"shop_score": 78}])
        self.assertIn("appointments: 1 no-show (-10)", self.faltou.shop_score_why)
        self.assertNotIn("appointments", self.pontual.shop_score_why)
        self._late_cancel(self.faltou, NOW - timedelta(days=5))
        with freeze_time(TODAY):
            self.faltou.with_user(self.owner).action_shop_compute_score()
        self.assertEqual(self.faltou.shop_score, 73)
        self.assertIn("appointments: 1 no-show, 1 late cancellation (-15)", self.faltou.shop_score_why)

    def test_client_with_only_missed_appointments_is_scored(self):
        """A client with no invoice, two no-shows and a late cancellation: scored by the nightly job, once a day;
        cancellations in time and old no-shows do not count."""
        for days in (30, 60):
            self._no_show(self.so_agenda, NOW - timedelta(days=days))
        self._late_cancel(self.so_agenda, NOW - timedelta(days=40))
        self._no_show(self.so_agenda, NOW - timedelta(days=400))
        in_time = self._book(self.so_agenda, NOW - timedelta(days=50))
        with freeze_time(in_time.start - timedelta(hours=3)):
            in_time.action_cancel()
        self.assertFalse(in_time.salon_cancelled_late)
        self._nightly_scores()
        self.assertRecordValues(self.so_agenda, [{"shop_score": 30 - 25, "shop_rating": "neutral"}])
        self.assertIn("0 invoices", self.so_agenda.shop_score_why)
        self.assertIn("appointments: 2 no-shows, 1 late cancellation (-25)", self.so_agenda.shop_score_why)
        self.assertEqual(self.so_agenda.shop_score_date, TODAY)

    def test_owner_sets_the_penalties(self):
        """The owner makes no-shows weigh more and late cancellations nothing in the scoring settings."""
        self._no_show(self.faltou, NOW - timedelta(days=20))
        self._late_cancel(self.faltou, NOW - timedelta(days=10))
        settings = self.env["shop.scoring.settings"].with_user(self.owner)
        settings.create({"no_show_penalty": 20, "late_cancel_penalty": 0}).action_save()
        self._nightly_scores()
        self.assertEqual(self.faltou.shop_score, 88 - 20)
        self.assertIn("1 no-show, 1 late cancellation (-20)", self.faltou.shop_score_why)

    def test_blacklist_report_shows_who_is_asked_to_call(self):
        """Salão › Relatórios › Lista negra: the statistics user sees the late cancellations apart and which
        clients the booking page asks to call (at least 3 no-shows and late cancellations by default)."""
        stats = new_test_user(self.env, "estat_pontos", groups=G + "statistics")
        for days in (30, 60):
            self._no_show(self.so_agenda, NOW - timedelta(days=days))
        self._late_cancel(self.so_agenda, NOW - timedelta(days=40))
        self._no_show(self.faltou, NOW - timedelta(days=20))
        rows = self.env["salon.blacklist.report"].with_user(stats).search([], order="partner_id")
        self.assertRecordValues(
            rows.sorted(lambda row: row.partner_id.name),
            [
                {"partner_id": self.faltou.id, "no_show_count": 1, "late_cancel_count": 0, "salon_ask_to_call": False},
                {
                    "partner_id": self.so_agenda.id,
                    "no_show_count": 2,
                    "late_cancel_count": 1,
                    "salon_ask_to_call": True,
                },
            ],
        )
