from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import RepairCommon


@tagged("post_install", "-at_install")
class TestRepairQuote(RepairCommon):
    def test_intake_defaults(self):
        repair = self._repair()
        self.assertEqual(repair.product_location_src_id, self.env.ref("shop_repairs.stock_location_customer_devices"))
        self.assertEqual(repair.product_location_src_id.usage, "customer", "never valued as the store's stock")
        self.assertEqual(repair.shop_brand_id, self.brand)
        self.assertGreater(repair.shop_diagnosis_deadline, repair.shop_intake_date)
        self.assertEqual(repair.quote_state, "none")

    def test_send_quote_builds_quotation_and_mails_customer(self):
        repair = self._repair()
        repair.action_send_quote()
        order = repair.sale_order_id
        self.assertEqual(repair.quote_state, "sent")
        self.assertEqual(order.state, "sent")
        self.assertTrue(order.require_signature)
        self.assertEqual(order.validity_date, fields.Date.add(fields.Date.today(), days=7))
        self.assertEqual(sorted(order.order_line.mapped("product_id.name")), ["Mão de obra", "Tela Celular X"])
        self.assertAlmostEqual(order.amount_untaxed, 300 + 2 * 100)
        mails = self._quote_mails(repair)
        self.assertEqual(len(mails), 1)
        self.assertIn(order.get_portal_url(), mails.body)
        self.assertIn("Tela quebrada", mails.body)

    def test_unchanged_quote_is_not_sent_twice(self):
        repair = self._repair()
        repair.action_send_quote()
        with self.assertRaisesRegex(UserError, "already sent"):
            repair.action_send_quote()
        self.assertEqual(len(self._quote_mails(repair)), 1)

    def test_editing_lines_outdates_the_quote_and_sending_updates_it(self):
        repair = self._repair()
        as_tech = repair.with_user(self.technician)
        as_tech.action_send_quote()
        order = repair.sale_order_id
        lines_before = len(order.order_line)
        as_tech.shop_labor_ids.quantity = 3
        self.assertTrue(as_tech.shop_quote_outdated, "the customer has the previous version")
        self.assertEqual(len(self._quote_mails(repair)), 1, "an edit alone sends nothing")
        self.assertEqual(order.order_line.filtered(lambda line: line.product_id == self.labor).product_uom_qty, 2)
        as_tech.action_send_quote()  # the one way a new version goes out
        self.assertFalse(as_tech.shop_quote_outdated)
        self.assertEqual(len(order.order_line), lines_before, "no line synced twice")
        self.assertEqual(order.order_line.filtered(lambda line: line.product_id == self.labor).product_uom_qty, 3)
        self.assertEqual(len(self._quote_mails(repair)), 2, "the customer gets the current version")
        as_tech.shop_labor_ids = [Command.create({"product_id": self.labor.id, "name": "Limpeza", "quantity": 1})]
        as_tech.action_send_quote()
        self.assertEqual(len(order.order_line), lines_before + 1)
        self.assertEqual(len(self._quote_mails(repair)), 3)
        self.assertRecordValues(repair, [{"quote_state": "sent"}])

    def test_bad_input(self):
        no_mail = self.env["res.partner"].create({"name": "Sem e-mail"})
        repair = self._repair(partner=no_mail)
        with self.assertRaisesRegex(UserError, "no e-mail address"):
            repair.action_send_quote()
        self.assertFalse(repair.sale_order_id)
        self.assertEqual(repair.quote_state, "none")
        with self.assertRaisesRegex(ValidationError, "negative"):
            self._repair(shop_labor_ids=[Command.create({"product_id": self.labor.id, "quantity": -1})])
        with self.assertRaisesRegex(ValidationError, "negative"):
            self._repair(shop_labor_ids=[Command.create({"product_id": self.labor.id, "price_unit": -5})])
        with self.assertRaisesRegex(ValidationError, "before the intake"):
            self._repair(shop_delivery_date=fields.Datetime.now() - timedelta(days=1))

    def test_accept_confirms_repair_and_tells_technician(self):
        repair = self._repair()
        repair.action_send_quote()
        repair.sale_order_id.action_confirm()
        self.assertRecordValues(repair, [{"quote_state": "accepted", "state": "confirmed"}])
        self.assertTrue(repair.shop_accepted_date)
        self.assertEqual(repair.activity_ids.user_id, self.technician)
        repair.action_repair_start()
        self.assertEqual(repair.state, "under_repair")

    def test_decline_marks_repair_and_asks_to_collect(self):
        repair = self._repair()
        repair.action_send_quote()
        # what the portal's decline form does: Odoo cancels the quotation, the reason goes on the repair
        repair.sale_order_id._action_cancel()
        repair.sale_order_id._shop_record_decline_reason("Muito caro")
        repair.sale_order_id._shop_record_decline_reason("Outro motivo")  # the form posted again
        self.assertRecordValues(repair, [{"quote_state": "declined", "shop_decline_reason": "Muito caro"}])
        self.assertEqual(len(self._quote_mails(repair, "shop_repairs.mail_template_repair_collect")), 1)

    def test_start_refused_without_accepted_quote(self):
        repair = self._repair()
        repair.action_send_quote()
        with self.assertRaisesRegex(UserError, "not accepted"):
            repair.action_repair_start()
        self.assertEqual(repair.state, "draft")
        warranty = self._repair(under_warranty=True)
        warranty.action_repair_start()
        self.assertEqual(warranty.state, "under_repair")

    def test_cancel_repair_cancels_open_quotation(self):
        repair = self._repair()
        repair.action_send_quote()
        repair.action_repair_cancel()
        self.assertEqual(repair.sale_order_id.state, "cancel")
        self.assertEqual(repair.quote_state, "sent", "cancelling in the shop is not a customer's decline")

    def test_diagnosis_memory(self):
        old = self._repair(shop_diagnosis="Conector de carga oxidado")
        self._repair(shop_diagnosis="Conector de carga oxidado")
        self._repair(shop_diagnosis="Tela quebrada")
        new = self._repair(shop_diagnosis=False, move_ids=[], shop_labor_ids=[])
        suggestions = new._shop_past_diagnoses()
        self.assertEqual(suggestions[0]["diagnosis"], "Conector de carga oxidado")
        self.assertEqual(suggestions[0]["count"], 2)
        new.action_shop_copy_suggestion()
        self.assertEqual(new.shop_diagnosis, "Conector de carga oxidado")
        self.assertEqual(new.move_ids.product_id, self.part)
        self.assertEqual(new.shop_labor_ids.product_id, self.labor)
        # the diagnosis page as the technician sees it (a QWeb template, the text escaped)
        html = new.with_user(self.technician).shop_suggestion_html
        self.assertIn("<li>", html)
        self.assertIn("Conector de carga oxidado", html)
        self.assertIn("2×", html)
        self.assertNotIn(old, new, "the repair's own diagnosis is no suggestion")


@tagged("post_install", "-at_install")
class TestRepairCron(RepairCommon):
    def test_expiry_reminders_and_abandon(self):
        start = fields.Datetime.now()
        with freeze_time(start):
            repair = self._repair()
            repair.action_send_quote()
        Repair = self.env["repair.order"]
        collect = "shop_repairs.mail_template_repair_collect"
        reminder = "shop_repairs.mail_template_repair_reminder"
        with freeze_time(start + timedelta(days=6)):
            Repair._cron_quote_expiry()
            self.assertEqual(repair.quote_state, "sent", "still valid")
        with freeze_time(start + timedelta(days=8)):
            Repair._cron_quote_expiry()
            Repair._cron_quote_expiry()
            self.assertEqual(repair.quote_state, "expired")
            self.assertEqual(len(self._quote_mails(repair, collect)), 1, "running twice sends nothing twice")
            with self.assertRaisesRegex(UserError, "expired"):
                repair.sale_order_id.action_confirm()
        for week in (1, 2, 3):
            with freeze_time(start + timedelta(days=8 + 7 * week, hours=week)):
                Repair._cron_quote_expiry()
                Repair._cron_quote_expiry()
                self.assertEqual(len(self._quote_mails(repair, reminder)), week)
        self.assertFalse(repair.shop_abandoned)
        with freeze_time(start + timedelta(days=8 + 7 * 4, hours=5)):
            Repair._cron_quote_expiry()
            Repair._cron_quote_expiry()
        repair.invalidate_recordset()
        self.assertTrue(repair.shop_abandoned, repair.read(["shop_reminder_count", "shop_last_reminder_date"]))
        self.assertEqual(len(self._quote_mails(repair, "shop_repairs.mail_template_repair_abandoned")), 1)
        self.assertEqual(len(self._quote_mails(repair, reminder)), 3, "at most the configured number of reminders")
        repair.action_shop_deliver()
        self.assertTrue(repair.shop_delivered_date)

    def test_cron_handles_one_batch_per_call(self):
        """Odoo 18's cron protocol: each call handles a bounded batch and reports what remains; the next call
        (after the runner's commit) takes the rest, never a repair handled before."""
        start = fields.Datetime.now()
        with freeze_time(start):
            repairs = self._repair() | self._repair(partner=self.customer2) | self._repair()
            repairs.with_user(self.technician).action_send_quote()
        cron = self.env.ref("shop_repairs.cron_quote_expiry")
        collect = "shop_repairs.mail_template_repair_collect"
        with freeze_time(start + timedelta(days=8)):
            for expected_done, expected_remaining in ((2, 1), (1, 0)):
                cron_env, progress = cron.with_user(cron.user_id)._add_progress()
                Repair = cron_env.env["repair.order"]
                self.assertEqual(Repair._cron_quote_expiry(batch_size=2), expected_done)
                self.assertRecordValues(progress, [{"done": expected_done, "remaining": expected_remaining}])
            self.assertEqual(Repair._cron_quote_expiry(batch_size=2), 0, "nothing left")
        self.assertEqual(repairs.mapped("quote_state"), ["expired"] * 3)
        for repair in repairs:
            self.assertEqual(len(self._quote_mails(repair, collect)), 1, "one e-mail each, never two")

    def test_cron_selects_in_one_query(self):
        """Nothing due: one query, however many repairs are open."""
        Repair = self.env["repair.order"]
        self._repair()
        Repair._cron_quote_expiry()  # warm the parameter cache
        with self.assertQueryCount(1):
            Repair._cron_quote_expiry()
        for partner in (self.customer, self.customer2) * 3:
            self._repair(partner=partner).action_send_quote()
        self.env.flush_all()
        Repair._cron_quote_expiry()
        with self.assertQueryCount(1):
            Repair._cron_quote_expiry()
        selected = Repair._shop_cron_select(fields.Datetime.now() + timedelta(days=8))
        self.assertEqual(len(selected["expire"]), 6)
        self.assertFalse(selected["remind"])


@tagged("post_install", "-at_install")
class TestRepairDiagnosisDeadline(RepairCommon):
    def test_overdue_diagnosis_gets_one_activity(self):
        repair = self._repair(shop_diagnosis=False)
        Repair = self.env["repair.order"]
        self.assertFalse(repair.shop_diagnosis_overdue)
        with freeze_time(repair.shop_diagnosis_deadline + timedelta(hours=1)):
            self.assertIn(repair, Repair.search([("shop_diagnosis_overdue", "=", True)]))
            Repair._cron_quote_expiry()
            Repair._cron_quote_expiry()
        activities = repair.activity_ids.filtered(lambda a: a.summary == "Diagnosis overdue")
        self.assertEqual(len(activities), 1, "one activity, however often the cron runs")
        self.assertEqual(activities.user_id, self.technician)


@tagged("post_install", "-at_install")
class TestRepairAccess(RepairCommon):
    def test_technician_sees_own_repairs_only(self):
        mine = self._repair(user=self.technician)
        other = self._repair(user=self.technician2)
        Repair = self.env["repair.order"].with_user(self.technician)
        found = Repair.search([("id", "in", (mine | other).ids)])
        self.assertEqual(found, mine)
        with self.assertRaises(AccessError):
            other.with_user(self.technician).read(["name"])
        manager_found = self.env["repair.order"].with_user(self.manager).search([("id", "in", (mine | other).ids)])
        self.assertEqual(manager_found, mine | other)

    def test_technician_sends_quote(self):
        repair = self._repair(user=self.technician)
        repair.with_user(self.technician).action_send_quote()
        self.assertEqual(repair.quote_state, "sent")


@tagged("post_install", "-at_install")
class TestRepairDevice(RepairCommon):
    def test_device_enters_and_leaves_the_customers_location(self):
        """Intake moves the device (with its serial number) into the customers' devices location, never valued;
        the delivery moves it back to the customer."""
        devices = self.env.ref("shop_repairs.stock_location_customer_devices")
        phone = self.env["product.product"].create(
            {"name": "Celular Serial", "is_storable": True, "tracking": "serial", "standard_price": 900.0}
        )
        imei = self.env["stock.lot"].create({"name": "IMEI-351234567890123", "product_id": phone.id})
        repair = self._repair(product_id=phone.id)
        self.assertFalse(repair.shop_intake_move_id, "a tracked device waits for its serial number")
        repair.lot_id = imei
        intake = repair.shop_intake_move_id
        self.assertRecordValues(
            intake, [{"state": "done", "location_id": devices.location_id.id, "location_dest_id": devices.id}]
        )
        self.assertEqual(intake.move_line_ids.lot_id, imei)
        self.assertFalse(intake.stock_valuation_layer_ids, "a customer's device is never valued as the store's")
        in_shop = self.env["repair.order"].search([("id", "=", repair.id), ("shop_delivered_date", "=", False)])
        self.assertEqual(in_shop, repair)
        repair.action_repair_cancel()
        repair.action_shop_deliver()
        self.assertRecordValues(
            repair.shop_delivery_move_id,
            [{"state": "done", "location_id": devices.id, "location_dest_id": devices.location_id.id}],
        )
        self.assertEqual(repair.shop_delivery_move_id.move_line_ids.lot_id, imei)
        history = self.env["stock.move.line"].search([("lot_id", "=", imei.id)])
        self.assertEqual(len(history), 2, "the serial number's history shows the intake and the delivery")

    def test_partner_smart_button(self):
        first, second = self._repair(), self._repair()
        self._repair(partner=self.customer2)
        contact = self.env["res.partner"].create({"name": "Contato", "parent_id": self.customer.id})
        self.assertEqual(self.customer.shop_repair_count, 2)
        self.assertEqual(contact.shop_repair_count, 2, "a contact shows its company's repairs")
        action = self.customer.action_shop_view_repairs()
        self.assertEqual(self.env["repair.order"].search(action["domain"]), first | second)
        # a technician counts only the repairs they may see
        self._repair(user=self.technician2)
        self.assertEqual(self.customer.with_user(self.technician).shop_repair_count, 2)

    def test_settings_for_managers(self):
        Settings = self.env["shop.repair.settings"].with_user(self.manager)
        settings = Settings.create({})
        self.assertEqual(settings.quote_validity_days, 7)
        settings.write({"quote_validity_days": 10, "reminder_max": 2, "abandon_policy": "Política"})
        settings.action_save()
        Param = self.env["ir.config_parameter"].sudo()
        self.assertEqual(Param.get_param("shop_repairs.quote_validity_days"), "10")
        self.assertEqual(self.env["repair.order"]._get_param("reminder_max", 3), 2)
        with self.assertRaises(ValidationError):
            Settings.create({"quote_validity_days": 0})
        self.assertEqual(Param.get_param("shop_repairs.quote_validity_days"), "10", "bad input changes nothing")
        with self.assertRaises(AccessError):
            self.env["shop.repair.settings"].with_user(self.technician).create({})
