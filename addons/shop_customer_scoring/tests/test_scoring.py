import io
import zipfile
from datetime import date, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.misc import format_amount

from ..models.scoring import ScoreParams, compute_score
from .common import ScoringCase

TODAY = date(2026, 6, 15)


@tagged("post_install", "-at_install")
class TestScoreFormula(TransactionCase):
    def test_formula(self):
        params = ScoreParams()
        self.assertEqual(
            compute_score({"invoices": 4, "late": 0, "overdue_days": 0, "bought": 4000, "days_since_last": 10}, params)[
                :2
            ],
            (88, "positive"),
        )
        self.assertEqual(
            compute_score({"invoices": 1, "late": 0, "overdue_days": 0, "bought": 500, "days_since_last": 0}, params)[
                :2
            ],
            (76, "neutral"),
        )
        self.assertEqual(
            compute_score(
                {"invoices": 4, "late": 4, "overdue_days": 60, "bought": 4000, "days_since_last": 70}, params
            )[1],
            "negative",
        )
        self.assertEqual(
            ScoreParams(payment_weight=70, buying_weight=40).check(),
            ["the payment and buying weights must add up to 100"],
        )
        self.assertTrue(ScoreParams(positive_threshold=30, negative_threshold=40).check())

    def test_missed_appointments_take_points_off(self):
        """No-shows and late cancellations (figures other addons give) lower the score, down to 0, and the why
        says so; without them the score and the why are the same as ever."""
        params = ScoreParams()
        figures = {"invoices": 4, "late": 0, "overdue_days": 0, "bought": 4000, "days_since_last": 10}
        _score, _rating, why = compute_score(figures, params)
        self.assertNotIn("appointments", why)
        self.assertEqual(compute_score({**figures, "no_shows": 0, "late_cancellations": 0}, params)[2], why)
        score, rating, why = compute_score({**figures, "no_shows": 2, "late_cancellations": 1}, params)
        self.assertEqual((score, rating), (88 - 25, "neutral"))
        self.assertTrue(why.endswith("; appointments: 2 no-shows, 1 late cancellation (-25)"), why)
        self.assertIn("appointments: 1 no-show (-10)", compute_score({**figures, "no_shows": 1}, params)[2])
        self.assertEqual(compute_score({**figures, "no_shows": 20}, params)[:2], (0, "negative"))
        lenient = ScoreParams(no_show_penalty=1, late_cancel_penalty=0)
        self.assertEqual(compute_score({**figures, "no_shows": 2, "late_cancellations": 3}, lenient)[0], 86)
        self.assertEqual(ScoreParams(no_show_penalty=-1).check(), ["penalties cannot be negative"])
        # a client who only missed appointments owes nothing: a low score, not a debtor
        self.assertEqual(compute_score({"invoices": 0, "no_shows": 2}, params)[:2], (10, "neutral"))


@tagged("post_install", "-at_install")
class TestCustomerScoring(ScoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.good = Partner.create({"name": "Bom Pagador", "email": "bom@example.com"})
        cls.late = Partner.create({"name": "Atrasado Crônico", "email": "atrasado@example.com"})
        cls.new = Partner.create({"name": "Cliente Novo", "email": "novo@example.com"})
        cls.no_mail = Partner.create({"name": "Sem E-mail"})
        cls.product = cls.env["product.product"].create(
            {"name": "Fone", "type": "consu", "list_price": 1000.0, "taxes_id": [Command.clear()]}
        )
        with freeze_time(TODAY):
            for days in (150, 100, 50, 10):
                cls._pay(cls._invoice(cls.good, TODAY - timedelta(days=days)), TODAY - timedelta(days=days))
            for days in (160, 120, 90):
                inv = cls._invoice(cls.late, TODAY - timedelta(days=days))
                cls._pay(inv, inv.invoice_date_due + timedelta(days=20))
            cls.late_open = cls._invoice(cls.late, TODAY - timedelta(days=70))
            cls._invoice(cls.new, TODAY)
            cls.no_mail_open = cls._invoice(cls.no_mail, TODAY - timedelta(days=70))

    @classmethod
    def _invoice(cls, partner, day, amount=1000.0):
        """An invoice of one headset at ``amount``, due ten days after ``day``."""
        lines = [{"product_id": cls.product.id, "price_unit": amount}]
        return cls._move("out_invoice", partner, lines, day=day, due=day + timedelta(days=10))

    def test_ratings_of_hand_built_customers(self):
        with freeze_time(TODAY):
            self.env["res.partner"]._cron_compute_scores()
        self.assertRecordValues(
            self.good | self.late | self.new,
            [
                {"shop_rating": "positive", "shop_score": 88, "shop_overdue_amount": 0.0, "shop_bought_12m": 4000.0},
                {"shop_rating": "negative", "shop_score": 22, "shop_overdue_amount": 1000.0, "shop_bought_12m": 4000.0},
                {"shop_rating": "neutral", "shop_score": 77, "shop_overdue_amount": 0.0, "shop_bought_12m": 1000.0},
            ],
        )
        self.assertIn("4/4 late", self.late.shop_score_why)
        self.assertEqual(self.new.shop_last_purchase_date, TODAY)

    def test_debt_reminders_exact_amount_and_idempotent(self):
        Partner = self.env["res.partner"]
        with freeze_time(TODAY):
            sent, skipped = Partner._cron_send_debt_reminders()
            self.assertEqual((sent, skipped), (1, 1), "the late payer gets one, the customer without e-mail is skipped")
            self.assertEqual(Partner._cron_send_debt_reminders(), (0, 1), "running twice sends nothing twice")
        reminders = self.late.message_ids.filtered(lambda m: m.message_type == "comment" and self.late in m.partner_ids)
        self.assertEqual(len(reminders), 1)
        owed = format_amount(self.env, 1000.0, self.env.company.currency_id)
        self.assertIn(owed.replace("\xa0", "&nbsp;"), reminders.body)
        self.assertIn(self.late_open.name, reminders.body)
        self.assertEqual(self.late.shop_reminder_count, 1)
        self.assertFalse(self.good.message_ids.filtered(lambda m: m.message_type == "comment"), "nothing overdue")
        with freeze_time(TODAY + timedelta(days=8)):
            self.assertEqual(Partner._cron_send_debt_reminders()[0], 1, "again after the interval")

    def test_figures_of_other_addons_count(self):
        """Another addon's figures (the salon's missed appointments) join the invoices' and may bring customers
        who have no invoice at all."""
        walk_in = self.env["res.partner"].create({"name": "Só Agenda", "email": "agenda@example.com"})
        extra = {self.good.id: {"no_shows": 1}, walk_in.id: {"late_cancellations": 2}}
        Partner = type(self.env["res.partner"])
        with freeze_time(TODAY), patch.object(Partner, "_shop_score_extra_figures", lambda *_args: extra):
            self.assertEqual(self.env["res.partner"]._shop_compute_scores(), 5)
        self.assertRecordValues(self.good | walk_in, [{"shop_score": 88 - 10}, {"shop_score": 30 - 10}])
        self.assertIn("appointments: 1 no-show (-10)", self.good.shop_score_why)
        self.assertIn("0 invoices", walk_in.shop_score_why)
        self.assertIn("appointments: 2 late cancellations (-10)", walk_in.shop_score_why)

    def _reminders(self, partner):
        return partner.message_ids.filtered(lambda m: m.message_type == "comment" and partner in m.partner_ids)

    def test_cron_scores_a_batch_per_call(self):
        """The nightly job scores a bounded batch per call and reports its progress; the runner calls again
        until nothing remains; a customer scored today is not picked again."""
        customers = self.good | self.late | self.new | self.no_mail
        with freeze_time(TODAY):
            progresses = self._run_cron("_cron_compute_scores", batch_size=3)
            self.assertEqual([(p.done, p.remaining) for p in progresses], [(3, 1), (1, 0)])
            self.assertRecordValues(customers, [{"shop_score_date": TODAY}] * 4)
            self.assertEqual(self.good.shop_rating, "positive")
            again = self._run_cron("_cron_compute_scores", batch_size=3)
            self.assertEqual([(p.done, p.remaining) for p in again], [(0, 0)], "scored once a day")
        with freeze_time(TODAY + timedelta(days=1)):
            self.assertEqual(sum(p.done for p in self._run_cron("_cron_compute_scores")), 4, "again the next day")

    def test_cron_debt_reminders_a_batch_per_call(self):
        """One debtor per call: each gets one reminder, counted in the same call; none is skipped or sent
        twice, and the customer without e-mail is never picked."""
        other = self.env["res.partner"].create({"name": "Outro Devedor", "email": "outro@example.com"})
        with freeze_time(TODAY):
            self._invoice(other, TODAY - timedelta(days=40))
            progresses = self._run_cron("_cron_send_debt_reminders", batch_size=1)
            self.assertEqual([(p.done, p.remaining) for p in progresses], [(1, 1), (1, 0)])
            again = self._run_cron("_cron_send_debt_reminders", batch_size=1)
            self.assertEqual([(p.done, p.remaining) for p in again], [(0, 0)])
        for debtor in self.late | other:
            self.assertEqual(len(self._reminders(debtor)), 1, debtor.name)
        self.assertRecordValues(self.late | other | self.no_mail, [{"shop_reminder_count": n} for n in (1, 1, 0)])
        # the e-mails wait in Odoo's mail queue, woken up for them, rather than leave from the job's worker
        reminders = self._reminders(self.late) | self._reminders(other)
        mails = self.env["mail.mail"].search([("mail_message_id", "in", reminders.ids)])
        self.assertEqual(mails.mapped("state"), ["outgoing", "outgoing"])
        queue = self.env.ref("mail.ir_cron_mail_scheduler_action")
        self.assertTrue(self.env["ir.cron.trigger"].search_count([("cron_id", "=", queue.id)]))

    def test_cron_debt_reminders_killed_mid_batch(self):
        """The worker dies while sending a batch (its transaction is rolled back): the next run sends each
        debtor's reminder once."""
        other = self.env["res.partner"].create({"name": "Outro Devedor", "email": "outro@example.com"})
        Partner = type(self.env["res.partner"])
        message_post = Partner.message_post
        posted = []

        def dies_on_second(partner, *args, **kwargs):
            posted.append(partner)
            if len(posted) == 2:
                raise RuntimeError("cron worker killed")
            return message_post(partner, *args, **kwargs)

        with freeze_time(TODAY):
            self._invoice(other, TODAY - timedelta(days=40))
            with self.assertRaisesRegex(RuntimeError, "killed"), self.env.cr.savepoint():
                with patch.object(Partner, "message_post", dies_on_second):
                    self._run_cron("_cron_send_debt_reminders", batch_size=2)
            self.env.invalidate_all()
            self.assertEqual(len(posted), 2, "the first debtor's reminder was posted when the worker died")
            self.assertFalse(self._reminders(self.late) | self._reminders(other), "and went with the transaction")
            progresses = self._run_cron("_cron_send_debt_reminders", batch_size=2)
        self.assertEqual([(p.done, p.remaining) for p in progresses], [(2, 0)])
        for debtor in self.late | other:
            self.assertEqual(len(self._reminders(debtor)), 1, debtor.name)
            self.assertEqual(debtor.shop_reminder_count, 1)

    def test_cron_promotions_a_batch_per_call(self):
        """One good customer per call: each gets one coupon and its e-mail, then the job has nothing left."""
        program = self.env.ref("shop_customer_scoring.loyalty_program_promotion")
        fan = self.env["res.partner"].create({"name": "Outro Fiel", "email": "fiel@example.com"})
        with freeze_time(TODAY):
            for days in (40, 30, 20):
                self._pay(self._invoice(fan, TODAY - timedelta(days=days)), TODAY - timedelta(days=days))
            self.env["res.partner"]._shop_compute_scores()
            progresses = self._run_cron("_cron_send_promotions", batch_size=1)
            self.assertEqual([(p.done, p.remaining) for p in progresses], [(1, 1), (1, 0)])
            again = self._run_cron("_cron_send_promotions", batch_size=1)
            self.assertEqual([(p.done, p.remaining) for p in again], [(0, 0)])
        cards = self.env["loyalty.card"].search([("program_id", "=", program.id)])
        self.assertEqual(sorted(cards.partner_id.ids), sorted((self.good | fan).ids))
        for card in cards:
            self.assertEqual(len(card.partner_id.message_ids.filtered(lambda m, c=card: c.code in (m.body or ""))), 1)

    def test_promotions_once_per_customer(self):
        program = self.env["loyalty.program"].create(
            {
                "name": "Cupom cliente fiel",
                "program_type": "coupons",
                "reward_ids": [Command.create({"reward_type": "discount", "discount": 10})],
            }
        )
        self.env["ir.config_parameter"].set_param("shop_customer_scoring.promotion_program_id", program.id)
        Partner = self.env["res.partner"]
        with freeze_time(TODAY):
            Partner._shop_compute_scores()
            sent, _skipped = Partner._cron_send_promotions()
            self.assertEqual(Partner._cron_send_promotions()[0], 0)
        card = self.env["loyalty.card"].search([("program_id", "=", program.id)])
        self.assertEqual(card.partner_id, self.good)
        self.assertGreaterEqual(sent, 1)
        mail = self.good.message_ids.filtered(lambda m: card.code in (m.body or ""))
        self.assertEqual(len(mail), 1)

    def test_bad_settings(self):
        with self.assertRaisesRegex(ValidationError, "add up to 100"):
            self.env["res.config.settings"].create({"shop_payment_weight": 80, "shop_buying_weight": 40})
        with self.assertRaisesRegex(ValidationError, "negative < positive"):
            self.env["res.config.settings"].create({"shop_positive_threshold": 30, "shop_negative_threshold": 50})

    def test_salesman_sees_rating_only(self):
        with freeze_time(TODAY):
            self.env["res.partner"]._shop_compute_scores()
        partner = self.late.with_user(self.salesman)
        self.assertEqual(partner.shop_rating, "negative")
        with self.assertRaises(AccessError):
            partner.read(["shop_score"])
        with self.assertRaises(AccessError):
            self.env["shop.profit.report"].with_user(self.salesman).search([])

    def test_profit_dashboard_matches_invoices_and_stock(self):
        storable = self.env["product.product"].create(
            {"name": "Caixa de som", "is_storable": True, "standard_price": 60.0, "list_price": 100.0}
        )
        stock = self.env.ref("stock.stock_location_stock")
        customers = self.env.ref("stock.stock_location_customers")
        self._stock_move(storable, 3, stock, customers)
        cancelled = self._invoice(self.new, TODAY, amount=250.0)
        cancelled.button_cancel()
        self.env.flush_all()
        Report = self.env["shop.profit.report"]
        invoices = self.env["account.move"].search([("state", "=", "posted"), ("move_type", "=", "out_invoice")])
        expected_revenue = sum(invoices.mapped("amount_untaxed_signed"))
        ((revenue, cost, cancelled_sum),) = Report._read_group([], [], ["revenue:sum", "cost:sum", "cancelled:sum"])
        self.assertAlmostEqual(revenue, expected_revenue)
        self.assertAlmostEqual(cost, 180.0)
        self.assertAlmostEqual(cancelled_sum, 250.0)
        margin = Report._read_group([], [], ["margin:sum"])[0][0]
        self.assertAlmostEqual(margin, expected_revenue - 180.0)

    def test_top_products_per_customer(self):
        """O que mais compra, on the customer, as the owner."""
        action = self.good.with_user(self.owner).action_shop_view_purchases()
        rows = self.env["shop.customer.product.report"].with_user(self.owner).search(action["domain"])
        self.assertRecordValues(rows, [{"product_id": self.product.id, "amount": 4000.0, "quantity": 4.0}])

    def test_dashboard_cards_against_previous_period(self):
        """April's KPI cards against March, the overdue buckets and the Excel export, from the invoices."""
        invoices = self.env["account.move"].search([("state", "=", "posted"), ("move_type", "=", "out_invoice")])

        def revenue(first, last):
            return sum(invoices.filtered(lambda m: first <= m.invoice_date <= last).mapped("amount_untaxed_signed"))

        april = revenue(date(2026, 4, 1), date(2026, 4, 30))
        march = revenue(date(2026, 3, 2), date(2026, 3, 31))  # the 30 days before April
        self.assertEqual((april, march), (3000.0, 2000.0))
        with freeze_time(TODAY):
            dashboard = (
                self.env["shop.profit.dashboard"]
                .with_user(self.owner)
                .create({"date_from": date(2026, 4, 1), "date_to": date(2026, 4, 30)})
            )
            self.assertRecordValues(
                dashboard,
                [{"revenue": april, "margin": april, "revenue_change": "+50,0%", "cost": 0.0}],  # pt_BR owner
            )
            buckets = dict.fromkeys(["overdue_30", "overdue_60", "overdue_90", "overdue_90_plus"], 0.0)
            for invoice in invoices.filtered(lambda m: m.amount_residual and m.invoice_date_due < TODAY):
                days = (TODAY - invoice.invoice_date_due).days
                key = next(
                    name
                    for limit, name in (
                        (30, "overdue_30"),
                        (60, "overdue_60"),
                        (90, "overdue_90"),
                        (10**6, "overdue_90_plus"),
                    )
                    if days <= limit
                )
                buckets[key] += invoice.amount_residual
            self.assertEqual(buckets["overdue_60"], 2000.0)
            self.assertRecordValues(dashboard, [buckets])
            Line = self.env["account.move.line"].with_user(self.owner)
            overdue = Line.search(dashboard.with_context(shop_bucket="overdue_60").action_open_overdue()["domain"])
            self.assertEqual(overdue.move_id, self.late_open | self.no_mail_open)
            self.assertFalse(
                Line.search(dashboard.with_context(shop_bucket="overdue_30").action_open_overdue()["domain"])
            )
            charts = dashboard.action_open_charts()
            self.assertEqual(charts["views"][0][1], "graph")
            Report = self.env["shop.profit.report"].with_user(self.owner)
            ((year_revenue,),) = Report._read_group(charts["domain"], [], ["revenue:sum"])
            expected = revenue(date(2025, 5, 1), date(2026, 4, 30))
            self.assertEqual(year_revenue, expected, "the twelve months up to April")
            report = self.env.ref("shop_customer_scoring.shop_profit_dashboard_xlsx_action").with_user(self.owner)
            data = dashboard.action_export_xlsx()["data"]
            self.assertEqual(data, {"date_from": "2026-04-01", "date_to": "2026-04-30"})
            content, kind = report._render_xlsx(report.report_name, None, data)
        self.assertEqual(kind, "xlsx")
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            strings = book.read("xl/sharedStrings.xml").decode()
            summary = book.read("xl/worksheets/sheet1.xml").decode()
        self.assertIn("Net revenue", strings)
        self.assertRegex(strings, r"\+50[.,]0%")  # in the number format of the exporting user's language
        self.assertIn("<v>3000</v>", summary)
        self.assertIn("<v>2000</v>", summary)

    def test_dashboard_bad_period(self):
        Dashboard = self.env["shop.profit.dashboard"].with_user(self.owner)
        with self.assertRaises(UserError):
            Dashboard.create({"date_from": date(2026, 5, 1), "date_to": date(2026, 4, 1)})
        with self.assertRaises(UserError):
            Dashboard.get_dashboard_figures("2026-05-01", "2026-04-01")
        with freeze_time(TODAY):
            figures = Dashboard.get_dashboard_figures()
        self.assertEqual((figures["date_from"], figures["date_to"]), ("2026-06-01", "2026-06-30"), "this month")

    def test_default_promotion_ships_ready(self):
        """Promotions work out of the box: a 10% coupon program is the configured one and the weekly job runs."""
        program = self.env.ref("shop_customer_scoring.loyalty_program_promotion")
        self.assertEqual(self.env["res.partner"]._shop_promotion_program(), program)
        self.assertRecordValues(program.reward_ids, [{"reward_type": "discount", "discount": 10.0}])
        cron = self.env.ref("shop_customer_scoring.cron_send_promotions")
        self.assertRecordValues(cron, [{"active": True, "interval_number": 7, "interval_type": "days"}])

    def test_owner_previews_then_sends_promotions(self):
        """Enviar promoções agora: the owner sees who gets a coupon and the e-mail, then sends."""
        owner = self.owner
        program = self.env.ref("shop_customer_scoring.loyalty_program_promotion")
        with freeze_time(TODAY):
            self.env["res.partner"]._cron_compute_scores()
        Card = self.env["loyalty.card"]
        wizard = self.env["shop.promotion.send"].with_user(owner).create({})
        self.assertRecordValues(wizard, [{"program_id": program.id, "recipient_count": 1}])
        self.assertEqual(wizard.partner_ids, self.good)
        self.assertIn(self.good.name, wizard.preview_body)
        self.assertIn(program.reward_ids.description, wizard.preview_body)
        self.assertIn("XXXX-XXXX", wizard.preview_body)
        self.assertFalse(Card.search([("program_id", "=", program.id)]), "the preview sends nothing")
        wizard.action_send()
        card = Card.search([("program_id", "=", program.id)])
        self.assertRecordValues(card, [{"partner_id": self.good.id, "points": 1.0}])
        mail = self.good.message_ids.filtered(lambda m: card.code in (m.body or ""))
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.author_id, owner.partner_id)
        self.assertFalse(self.env["shop.promotion.send"].with_user(owner).create({}).partner_ids, "once each")

    def test_only_owner_sends_promotions(self):
        with self.assertRaises(AccessError):
            self.env["shop.promotion.send"].with_user(self.clerk).create({})

    def test_only_owner_and_accounting_recompute_scores(self):
        """The Recalcular pontuação button: the owner and accounting managers only."""
        with freeze_time(TODAY):
            with self.assertRaises(AccessError):
                self.late.with_user(self.salesman).action_shop_compute_score()
            self.assertFalse(self.late.shop_score, "nothing was computed")
            self.late.with_user(self.owner).action_shop_compute_score()
            self.good.with_user(self.accountant).action_shop_compute_score()
        self.assertRecordValues(
            self.late | self.good,
            [{"shop_rating": "negative", "shop_score": 22}, {"shop_rating": "positive", "shop_score": 88}],
        )

    def test_portal_customer_reads_no_score(self):
        """A customer on the portal reads his own partner: neither his score nor his rating."""
        with freeze_time(TODAY):
            self.env["res.partner"]._shop_compute_scores()
        portal = new_test_user(self.env, "atrasado_portal", groups="base.group_portal", partner_id=self.late.id)
        mine = self.late.with_user(portal)
        readable = mine.fields_get()
        staff_only = [name for name in mine._fields if name.startswith("shop_") and name != "shop_currency_id"]
        self.assertIn("shop_rating", staff_only)
        self.assertFalse(set(staff_only) & set(readable), "no staff-only field is offered over RPC")
        values = mine.read([name for name in readable if name.startswith(("shop_", "name", "email"))])[0]
        self.assertEqual(values["name"], self.late.name)
        for name in staff_only:
            with self.assertRaises(AccessError):
                mine.read([name])

    def test_owner_and_accountant_send_debt_reminder_now(self):
        """Enviar lembrete de dívida agora on the customer: the owner and accounting, who may not edit
        customers; other staff may not."""
        with freeze_time(TODAY):
            with self.assertRaises(AccessError):
                self.late.with_user(self.clerk).action_shop_send_debt_reminder()
            self.late.with_user(self.owner).action_shop_send_debt_reminder()
            self.late.with_user(self.accountant).action_shop_send_debt_reminder()
        reminders = self.late.message_ids.filtered(lambda m: self.late_open.name in (m.body or ""))
        self.assertEqual(reminders.author_id, self.accountant.partner_id | self.owner.partner_id)
        self.assertEqual(self.late.shop_reminder_count, 2)
