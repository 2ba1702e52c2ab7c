import io
import zipfile
from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..models import salon_appointment
from .common import SalonCommon


@tagged("post_install", "-at_install")
class TestSalonAgenda(SalonCommon):
    def test_end_and_price_from_services(self):
        appointment = self._book(services=self.haircut | self.nails)
        self.assertEqual(appointment.end, self.tomorrow + timedelta(hours=1.5))
        self.assertEqual(appointment.price, 150.0)

    def test_bad_bookings(self):
        self._book()
        with self.assertRaisesRegex(ValidationError, "already booked"), mute_logger("odoo.sql_db"):
            self._book(start=self.tomorrow + timedelta(minutes=30))
        self._book(start=self.tomorrow + timedelta(minutes=30), employee=self.manicure)  # another professional
        with self.assertRaisesRegex(ValidationError, "past"):
            self._book(start=fields.Datetime.now() - timedelta(days=1))
        appointment = self._book(start=self.tomorrow + timedelta(hours=5))
        with self.assertRaisesRegex(ValidationError, "after its start"):
            appointment.end = appointment.start - timedelta(hours=1)

    def test_cron_marks_pending_in_batches(self):
        """The cron as Odoo's runner calls it: one bounded batch per call, its progress reported so that the runner
        calls again while some remain; appointments not over yet stay scheduled."""
        past_ones = self._book() | self._book(employee=self.manicure)
        later = self._book(start=self.tomorrow + timedelta(days=5))
        cron = self.env.ref("shop_salon_schedule.cron_mark_pending")
        Progress = self.env["ir.cron.progress"]
        with freeze_time(self.tomorrow + timedelta(days=2)), patch.object(salon_appointment, "PENDING_BATCH_SIZE", 1):
            cron.method_direct_trigger()
            self.assertRecordValues(Progress.search([("cron_id", "=", cron.id)]), [{"done": 1, "remaining": 1}])
            self.assertEqual(sorted(past_ones.mapped("state")), ["pending", "scheduled"])
            cron.method_direct_trigger()
            self.assertRecordValues(
                Progress.search([("cron_id", "=", cron.id)], order="id desc", limit=1), [{"done": 1, "remaining": 0}]
            )
        self.assertEqual(set(past_ones.mapped("state")), {"pending"})
        self.assertEqual(later.state, "scheduled")

    def test_pending_marked_at_agenda_login(self):
        """The summary of the welcome and logout pages counts the appointments over but still scheduled without
        writing them; logging in marks them (agenda users, who may write them)."""
        appointment = self._book()
        with freeze_time(self.tomorrow + timedelta(days=2)):
            summary = self.env["salon.appointment"].with_user(self.agenda_user).salon_pending_summary()
            self.assertEqual(summary["pending_appointments"], 1, "counted before it is marked")
            self.assertIn("Agenda", summary["groups"])
            self.assertEqual(appointment.state, "scheduled", "the summary only reads")
            self.env["res.users"].with_user(self.billing_user)._update_last_login()
            self.assertEqual(appointment.state, "scheduled", "billing users do not handle the agenda")
            self.env["res.users"].with_user(self.agenda_user)._update_last_login()
        self.assertEqual(appointment.state, "pending")

    def test_done_creates_one_pending_record(self):
        appointment = self._book(services=self.haircut | self.nails)
        appointment.action_done()
        appointment.action_done()
        invoice = appointment.invoice_id
        self.assertEqual(len(invoice), 1)
        self.assertEqual(self.env["account.move"].search_count([("salon_appointment_ids", "in", appointment.ids)]), 1)
        self.assertRecordValues(invoice, [{"state": "draft", "partner_id": self.client.id, "salon_record": True}])
        self.assertEqual(invoice.salon_appointment_ids, appointment)
        self.assertEqual(sorted(invoice.invoice_line_ids.mapped("price_unit")), [50.0, 100.0])
        self.assertEqual(invoice.invoice_line_ids.salon_employee_id, self.stylist)
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")
        # a second appointment, a second record
        other = self._book(start=self.tomorrow + timedelta(hours=3))
        other.action_done()
        self.assertNotEqual(other.invoice_id, invoice)


@tagged("post_install", "-at_install")
class TestSalonBilling(SalonCommon):
    def test_emit_needs_lines_and_professionals(self):
        empty = self.env["account.move"].create({"move_type": "out_invoice", "partner_id": self.client.id})
        with self.assertRaisesRegex(UserError, "without lines"):
            empty.action_post()
        self.assertEqual(empty.state, "draft")
        no_pro = self._walk_in(lines=[(self.haircut, None)])
        with self.assertRaisesRegex(UserError, "professional"):
            no_pro.action_post()
        self.assertEqual(no_pro.state, "draft")

    def test_emitted_cannot_be_edited_and_cancel_needs_right(self):
        record = self._walk_in(env=self.env(user=self.billing_user))
        record.with_user(self.billing_user).action_post()
        with self.assertRaises(UserError):
            record.with_user(self.billing_user).button_draft()
        with self.assertRaises(AccessError):
            record.with_user(self.billing_user).button_cancel()
        record.with_user(self.root_user).button_cancel()
        self.assertEqual(record.state, "cancel")
        self.assertTrue(record.invoice_line_ids, "a cancelled record keeps its lines")

    def test_loyalty_discount_limits(self):
        record = self._walk_in(partner=self.loyal)
        record.with_user(self.billing_user).write({"salon_discount": 20})
        self.assertEqual(record.invoice_line_ids.discount, 20)
        self.assertAlmostEqual(record.amount_untaxed, 80.0)
        with self.assertRaises(ValidationError) as refused:  # rolled back, as the request would be
            # what a crafted RPC call would send
            record.with_user(self.billing_user).write({"salon_discount": 50})
        self.assertIn("between 0 and 20", str(refused.exception))
        self.assertEqual(record.salon_discount, 20)
        other = self._walk_in(partner=self.client)
        with self.assertRaisesRegex(ValidationError, "Only loyal"):
            other.with_user(self.billing_user).write({"salon_discount": 5})
        with self.assertRaisesRegex(ValidationError, "Only loyal"):
            self.env["account.move"].with_user(self.billing_user).create(
                {"move_type": "out_invoice", "partner_id": self.client.id, "salon_discount": 10}
            )


@tagged("post_install", "-at_install")
class TestSalonPermissions(SalonCommon):
    def test_registry_only(self):
        Partner = self.env["res.partner"].with_user(self.registry_user)
        client = Partner.create({"name": "Nova cliente"})
        client.write({"phone": "11 99999-0000"})
        with self.assertRaisesRegex(AccessError, "archive"):
            client.write({"active": False})
        with self.assertRaisesRegex(AccessError, "loyal"):
            client.write({"salon_loyal": True})
        with self.assertRaises(AccessError):
            self.stylist.with_user(self.registry_user).write({"active": False})
        with self.assertRaises(AccessError):
            self.env["res.users"].with_user(self.registry_user).create({"name": "X", "login": "x_reg"})
        with self.assertRaises(AccessError):
            self.env["salon.sales.report"].with_user(self.registry_user).search([])
        with self.assertRaises(AccessError):
            self._book(env=self.env(user=self.registry_user))
        self.env["product.product"].with_user(self.registry_user).create({"name": "Escova", "type": "service"})
        self.env["hr.employee"].with_user(self.registry_user).create({"name": "Nova profissional"})

    def test_root(self):
        client = self.client.with_user(self.root_user)
        client.write({"salon_loyal": True})
        client.write({"active": False})
        client.write({"active": True})
        self.assertTrue(client.salon_loyal)

    def test_groups_are_cumulative(self):
        for user, expected in (
            (self.billing_user, {"Billing", "Registry"}),
            (self.agenda_user, {"Agenda", "Registry"}),
            (self.stats_user, {"Statistics", "Registry"}),
            (self.multi_user, {"Billing", "Agenda", "Registry"}),
        ):
            summary = self.env["salon.appointment"].with_user(user).salon_pending_summary()
            self.assertEqual(set(summary["groups"]), expected, user.login)
        self._book(env=self.env(user=self.agenda_user))
        with self.assertRaises(AccessError):
            self._book(env=self.env(user=self.billing_user), start=self.tomorrow + timedelta(hours=4))
        self.env["salon.sales.report"].with_user(self.stats_user).search([])
        with self.assertRaises(AccessError):
            self.env["salon.sales.report"].with_user(self.billing_user).search([])


@tagged("post_install", "-at_install")
class TestSalonStatistics(SalonCommon):
    def test_sales_statistics_match_invoices(self):
        a = self._walk_in(lines=[(self.haircut, self.stylist), (self.nails, self.manicure)])
        b = self._walk_in(partner=self.client_male, lines=[(self.haircut, self.stylist)])
        cancelled = self._walk_in(lines=[(self.nails, self.manicure)])
        pending = self._walk_in(lines=[(self.nails, self.manicure)])
        (a | b | cancelled).action_post()
        cancelled.button_cancel()
        self.assertEqual(pending.state, "draft")
        self.env.flush_all()
        posted = a | b
        expected_by_employee = {}
        for line in posted.invoice_line_ids:
            expected_by_employee[line.salon_employee_id] = (
                expected_by_employee.get(line.salon_employee_id, 0) + line.price_subtotal
            )
        Report = self.env["salon.sales.report"]
        domain = [("move_id", "in", (a | b | cancelled | pending).ids)]
        got = dict(Report._read_group(domain, ["employee_id"], ["amount:sum"]))
        self.assertEqual({e: round(v, 2) for e, v in got.items()}, expected_by_employee)
        by_gender = dict(Report._read_group(domain, ["gender"], ["amount:sum"]))
        self.assertEqual(by_gender, {"female": a.amount_untaxed, "male": b.amount_untaxed})
        self.assertEqual(Report._read_group(domain, [], ["move_id:count_distinct"])[0][0], 2)
        # average ticket: sales total over the number of emitted records, whatever the grouping
        ((ticket,),) = Report._read_group(domain, [], ["average_ticket:avg"])
        self.assertAlmostEqual(ticket, sum(posted.mapped("amount_untaxed")) / 2)
        by_employee = dict(Report._read_group(domain, ["employee_id"], ["average_ticket:avg"]))
        # the stylist worked on both records, the manicure on one
        self.assertAlmostEqual(by_employee[self.stylist], expected_by_employee[self.stylist] / 2)
        self.assertAlmostEqual(by_employee[self.manicure], expected_by_employee[self.manicure])

    def test_statistics_workbook(self):
        """The Excel export has one sheet per grouping, with the figures of the SQL reports."""
        a = self._walk_in(lines=[(self.haircut, self.stylist), (self.nails, self.manicure)])
        a.action_post()
        no_show = self._book()
        no_show.action_no_show()
        self._book(start=self.tomorrow + timedelta(hours=2), services=self.nails)
        wizard = self.env["salon.statistics.export"].with_user(self.stats_user).create({})
        report = self.env.ref("shop_salon_schedule.salon_statistics_xlsx_action")
        content, kind = report.with_user(self.stats_user)._render_xlsx(report.report_name, wizard.ids, {})
        self.assertEqual(kind, "xlsx")
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            workbook = book.read("xl/workbook.xml").decode()
            sheets = [book.read(f"xl/worksheets/sheet{n}.xml").decode() for n in range(1, 11)]
            strings = book.read("xl/sharedStrings.xml").decode()
        for title in (
            "Sales by service",
            "Sales by professional",
            "Sales by client",
            "Sales by gender",
            "Sales by day",
            "Sales by month",
            "Projection by service",
            "Projection by professional",
            "Projection by gender",
            "Blacklist",
        ):
            self.assertIn(f'name="{title}"', workbook)
        self.assertIn("<v>150</v>", sheets[5], "the month's total")  # by month: 100 + 50 in one record
        self.assertIn("<v>50</v>", sheets[6], "the scheduled nails service is expected")
        self.assertIn(self.client.name, strings, "the no-show client is on the blacklist")
        with self.assertRaisesRegex(ValidationError, "reversed"):
            self.env["salon.statistics.export"].create({"date_from": "2026-02-01", "date_to": "2026-01-01"})

    def test_gender_in_portuguese(self):
        """Both reports name the client's gender with the salon's labels, in the user's language."""
        self.env["res.lang"]._activate_lang("pt_BR")
        for model in ("salon.sales.report", "salon.projection.report"):
            Report = self.env[model].with_user(self.stats_user).with_context(lang="pt_BR")
            self.assertEqual(
                Report.fields_get(["gender"])["gender"]["selection"],
                [("male", "Masculino"), ("female", "Feminino"), ("other", "Outro")],
                model,
            )

    def test_query_and_projection_bad_input(self):
        with self.assertRaisesRegex(ValidationError, "reversed"):
            self.env["salon.invoice.query"].create({"mode": "numbers", "number_from": 10, "number_to": 2})
        with self.assertRaisesRegex(ValidationError, "reversed"):
            self.env["salon.invoice.query"].create(
                {"mode": "dates", "date_from": "2026-02-01", "date_to": "2026-01-01"}
            )
        with self.assertRaisesRegex(ValidationError, "today or later"):
            self.env["salon.projection"].create(
                {"date_from": fields.Date.today() - timedelta(days=1), "date_to": fields.Date.today()}
            )

    def test_query_modes_and_projection(self):
        a = self._walk_in()
        a.action_post()
        draft = self._walk_in(partner=self.client_male)
        Query = self.env["salon.invoice.query"]
        for mode, state, expected in (
            ("last", "all", a | draft),
            ("last", "posted", a),
            ("last", "draft", draft),
            ("partner", "all", a),
        ):
            action = Query.create({"mode": mode, "state": state, "partner_id": self.client.id}).action_search()
            found = self.env["account.move"].search(action["domain"]) & (a | draft)
            self.assertEqual(found, expected, (mode, state))
        booked = self._book(services=self.haircut | self.nails)
        discounted = self._book(services=self.haircut | self.nails, employee=self.manicure, partner=self.client_male)
        discounted.price = 120.0  # shared among its services by their list prices: 80 + 40
        self._book(start=self.tomorrow + timedelta(days=10))  # after the period
        self._book(start=self.tomorrow + timedelta(hours=3)).action_cancel()  # cancelled: not expected
        projection = self.env["salon.projection"].create(
            {"date_from": fields.Date.today(), "date_to": fields.Date.today() + timedelta(days=3)}
        )
        self.env.flush_all()
        Report = self.env["salon.projection.report"]
        domain = projection.action_open()["domain"]
        self.assertEqual(Report.search(domain).appointment_id, booked | discounted)
        self.assertEqual(
            dict(Report._read_group(domain, ["product_id"], ["amount:sum"])),
            {self.haircut: 100.0 + 80.0, self.nails: 50.0 + 40.0},
        )
        groups = Report._read_group(domain, ["employee_id"], ["amount:sum", "appointment_count:count_distinct"])
        by_employee = {employee: (amount, count) for employee, amount, count in groups}
        self.assertEqual(by_employee, {self.stylist: (150.0, 1), self.manicure: (120.0, 1)})
        by_gender = dict(Report._read_group(domain, ["gender"], ["amount:sum"]))
        self.assertEqual(by_gender, {"female": 150.0, "male": 120.0})
