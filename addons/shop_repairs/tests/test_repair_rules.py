from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import RepairCommon


@tagged("post_install", "-at_install")
class TestRepairSalesperson(RepairCommon):
    def test_salesperson_confirms_an_ordinary_sale(self):
        """A salesperson without repair rights confirms an ordinary sales order (Odoo's own flow)."""
        salesman = new_test_user(self.env, "vendedor", groups="sales_team.group_sale_salesman")
        order = (
            self.env["sale.order"]
            .with_user(salesman)
            .create(
                {
                    "partner_id": self.customer.id,
                    "order_line": [Command.create({"product_id": self.labor.id, "product_uom_qty": 1})],
                }
            )
        )
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        order.with_user(salesman)._action_cancel()
        self.assertEqual(order.state, "cancel")

    def test_contact_readable_without_repair_access(self):
        salesman = new_test_user(self.env, "vendedor2", groups="sales_team.group_sale_salesman")
        self._repair()
        partner = self.customer.with_user(salesman)
        # every field the shop addons add to the contact, as his contact form reads them (Odoo's own fields are
        # Odoo's: with purchase_stock installed, its on_time_rate fails for a salesman in plain Odoo too)
        offered = partner.fields_get()
        names = ["name", "email", *(n for n in offered if n.startswith(("shop_", "salon_")))]
        self.assertNotIn("shop_repair_count", offered)
        values = partner.read(names)[0]
        self.assertNotIn("shop_repair_count", values)
        self.assertEqual(self.customer.with_user(self.technician).shop_repair_count, 1)


@tagged("post_install", "-at_install")
class TestRepairWithoutQuote(RepairCommon):
    def test_own_equipment_repair_runs_as_in_odoo(self):
        """No customer quote (the store's own equipment, a warranty, a return): start and finish at once."""
        repair = self._repair(partner=self.customer, shop_labor_ids=[])
        repair.partner_id = False
        as_tech = repair.with_user(self.technician)
        as_tech.action_validate()
        as_tech.action_repair_start()
        self.assertEqual(repair.state, "under_repair")
        repair.move_ids.quantity = 1
        repair.move_ids.picked = True
        as_tech.action_repair_end()
        self.assertEqual(repair.state, "done")


@tagged("post_install", "-at_install")
class TestRepairCustomerDecides(RepairCommon):
    def test_staff_cannot_write_the_answer(self):
        repair = self._repair()
        repair.with_user(self.technician).action_send_quote()
        with self.assertRaisesRegex(UserError, "customer's answer"):
            repair.with_user(self.technician).write({"quote_state": "accepted"})
        with self.assertRaisesRegex(UserError, "customer's answer"):
            repair.with_user(self.manager).with_context(shop_quote_flow=True).write({"quote_state": "accepted"})
        with self.assertRaisesRegex(UserError, "customer's answer"):
            self._repair(quote_state="accepted")
        self.assertEqual(repair.quote_state, "sent")
        self.assertTrue(repair.fields_get(["quote_state"])["quote_state"]["readonly"])

    def test_unaccepted_quote_cannot_start_nor_finish(self):
        repair = self._repair()
        as_tech = repair.with_user(self.technician)
        as_tech.action_send_quote()
        for method in ("action_repair_start", "action_repair_end", "action_repair_done"):
            with self.assertRaisesRegex(UserError, "not accepted"):
                getattr(as_tech, method)()
        self.assertEqual(repair.state, "draft")

    def test_confirmed_repair_cannot_be_deleted(self):
        repair = self._repair()
        repair.with_user(self.manager).action_validate()
        self.assertEqual(repair.state, "confirmed")
        with self.assertRaisesRegex(UserError, "cancel it instead"):
            repair.with_user(self.manager).unlink()
        self.assertTrue(repair.exists())
        draft = self._repair()
        draft.with_user(self.manager).unlink()
        self.assertFalse(draft.exists())

    def test_device_locked_after_intake(self):
        phone = self.env["product.product"].create({"name": "Celular Y", "is_storable": True, "tracking": "serial"})
        imei, other_imei = self.env["stock.lot"].create(
            [{"name": "IMEI-0001", "product_id": phone.id}, {"name": "IMEI-0002", "product_id": phone.id}]
        )
        repair = self._repair(product_id=phone.id, lot_id=imei.id)
        self.assertTrue(repair.shop_intake_move_id)
        as_tech = repair.with_user(self.technician)
        with self.assertRaisesRegex(UserError, "received at the intake"):
            as_tech.write({"product_id": self.device.id})
        with self.assertRaisesRegex(UserError, "received at the intake"):
            as_tech.write({"lot_id": other_imei.id})
        as_tech.write({"product_id": phone.id, "lot_id": imei.id, "shop_condition": "Riscada"})
        self.assertRecordValues(repair, [{"product_id": phone.id, "lot_id": imei.id}])

    def test_part_quantity_never_negative(self):
        repair = self._repair()
        with self.assertRaisesRegex(ValidationError, "negative"):
            repair.move_ids.with_user(self.technician).write({"product_uom_qty": -1})

    def test_technician_reads_no_labour_of_others(self):
        other = self._repair(user=self.technician2)
        mine = self._repair(user=self.technician)
        Labor = self.env["shop.repair.labor"].with_user(self.technician)
        self.assertEqual(Labor.search([("repair_id", "in", (mine | other).ids)]), mine.shop_labor_ids)
        with self.assertRaises(AccessError):
            other.shop_labor_ids.with_user(self.technician).read(["price_unit"])
        manager_sees = self.env["shop.repair.labor"].with_user(self.manager).search([("repair_id", "in", other.ids)])
        self.assertEqual(manager_sees, other.shop_labor_ids)


@tagged("post_install", "-at_install")
class TestRepairQuoteContent(RepairCommon):
    def test_quote_needs_defect_and_delivery_date(self):
        no_date = self._repair(shop_delivery_date=False)
        with self.assertRaisesRegex(UserError, "promised delivery date"):
            no_date.with_user(self.technician).action_send_quote()
        no_defect = self._repair(shop_diagnosis=False)
        with self.assertRaisesRegex(UserError, "possible defect"):
            no_defect.with_user(self.technician).action_send_quote()
        self.assertRecordValues(no_date | no_defect, [{"quote_state": "none"}, {"quote_state": "none"}])

    def test_pt_br_emails(self):
        self.customer.lang = "pt_BR"
        repair = self._repair(
            shop_labor_ids=[Command.create({"product_id": self.labor.id, "quantity": 1.5})],
        )
        repair.with_user(self.technician).action_send_quote()
        body = self._quote_mails(repair).body
        self.assertIn(">1,5<", body)
        self.assertIn(">1<", body)
        self.assertNotIn("1.0", body)
        self.assertNotIn("1.5", body)
        # declined, reminded, then abandoned: the final notice quotes the policy in Portuguese
        repair.sale_order_id._action_cancel()
        Repair = self.env["repair.order"]
        start = fields.Datetime.now()
        for week in range(1, 5):
            with freeze_time(start + timedelta(days=7 * week, hours=week)):
                Repair._cron_quote_expiry()
        self.assertTrue(repair.shop_abandoned)
        notice = self._quote_mails(repair, "shop_repairs.mail_template_repair_abandoned")
        self.assertIn("Aparelhos não retirados", notice.body)
        self.assertNotIn("Devices not collected", notice.body)


@tagged("post_install", "-at_install")
class TestRepairCancelledHandedBack(RepairCommon):
    def test_no_collect_notice_for_a_cancelled_and_delivered_repair(self):
        start = fields.Datetime.now()
        with freeze_time(start):
            repair = self._repair()
            repair.with_user(self.technician).action_send_quote()
            repair.with_user(self.technician).action_repair_cancel()
            repair.with_user(self.technician).action_shop_deliver()
        Repair = self.env["repair.order"]
        for days in (8, 16, 24, 32):
            with freeze_time(start + timedelta(days=days)):
                Repair._cron_quote_expiry()
        for template in (
            "shop_repairs.mail_template_repair_collect",
            "shop_repairs.mail_template_repair_reminder",
            "shop_repairs.mail_template_repair_abandoned",
        ):
            self.assertFalse(self._quote_mails(repair, template), template)
        self.assertEqual(repair.quote_state, "sent")


@tagged("post_install", "-at_install")
class TestRepairPipeline(RepairCommon):
    def test_stages_follow_the_events(self):
        repair = self._repair(shop_diagnosis=False)
        as_tech = repair.with_user(self.technician)
        self.assertEqual(repair.shop_stage, "received")
        as_tech.shop_diagnosis = "Tela quebrada"
        self.assertEqual(repair.shop_stage, "diagnosis")
        as_tech.action_send_quote()
        self.assertEqual(repair.shop_stage, "quoted")
        with self.assertRaisesRegex(UserError, "cannot move"):
            as_tech.write({"shop_stage": "repairing"})
        repair.sale_order_id.action_confirm()  # the customer accepts
        self.assertEqual(repair.shop_stage, "approved")
        with self.assertRaisesRegex(UserError, "cannot move"):
            as_tech.write({"shop_stage": "delivered"})
        # dragging the card runs the button of the next step
        as_tech.write({"shop_stage": "repairing"})
        self.assertRecordValues(repair, [{"state": "under_repair", "shop_stage": "repairing"}])
        repair.move_ids.write({"quantity": 1, "picked": True})
        as_tech.write({"shop_stage": "ready"})
        self.assertRecordValues(repair, [{"state": "done", "shop_stage": "ready"}])
        as_tech.write({"shop_stage": "delivered"})
        self.assertTrue(repair.shop_delivered_date)
        self.assertEqual(repair.shop_stage, "delivered")

    def test_declined_awaits_collection_then_abandoned(self):
        start = fields.Datetime.now()
        with freeze_time(start):
            repair = self._repair()
            repair.with_user(self.technician).action_send_quote()
            repair.sale_order_id._action_cancel()  # the customer declines
        self.assertEqual(repair.shop_stage, "refused")
        Repair = self.env["repair.order"]
        with freeze_time(start + timedelta(days=8)):
            Repair._cron_quote_expiry()
        self.assertEqual(repair.shop_stage, "awaiting_collection")
        for week in (2, 3, 4):
            with freeze_time(start + timedelta(days=7 * week + 1, hours=week)):
                Repair._cron_quote_expiry()
        self.assertEqual(repair.shop_stage, "abandoned")
        groups = Repair.with_user(self.technician).read_group([], ["shop_stage"], ["shop_stage"])
        self.assertEqual(len(groups), 10, "the bench shows every stage, even empty")

    def test_bench_opens_on_open_repairs_with_final_columns_folded(self):
        """The bench (kanban by stage) opens on the open repairs; the Delivered and Abandoned columns are
        folded, so the web client reads no card of them."""
        action = self.env["ir.actions.act_window"]._for_xml_id("shop_repairs.repair_order_action")
        self.assertIn("'search_default_open_repairs': 1", action["context"])
        repair = self._repair()
        Repair = self.env["repair.order"].with_user(self.technician)
        groups = Repair.web_read_group([], [], ["shop_stage"])["groups"]
        folded = {group["shop_stage"] for group in groups if group["__fold"]}
        self.assertEqual(folded, {"delivered", "abandoned"})
        repair.with_user(self.technician).action_repair_cancel()
        repair.with_user(self.technician).action_shop_deliver()
        self.assertFalse(Repair.search([("id", "=", repair.id), ("shop_stage", "not in", ("delivered", "abandoned"))]))


@tagged("post_install", "-at_install")
class TestRepairChangesAfterAcceptance(RepairCommon):
    def _accepted(self):
        repair = self._repair()
        as_tech = repair.with_user(self.technician)
        as_tech.action_send_quote()
        repair.sale_order_id.action_confirm()  # the customer accepts
        as_tech.action_repair_start()
        return repair, as_tech

    def test_labour_added_after_acceptance_is_quoted_again(self):
        repair, as_tech = self._accepted()
        order = repair.sale_order_id
        accepted = order.amount_total
        as_tech.write(
            {"shop_labor_ids": [Command.create({"product_id": self.labor.id, "name": "Troca extra", "quantity": 1})]}
        )
        self.assertRecordValues(repair, [{"quote_state": "accepted", "shop_quote_outdated": True}])
        with self.assertRaisesRegex(UserError, "send the new version"):
            as_tech.action_repair_end()
        as_tech.action_send_quote()
        self.assertRecordValues(repair, [{"quote_state": "sent", "state": "under_repair"}])
        self.assertEqual(order.state, "sent", "a new version for the customer to sign")
        self.assertFalse(order.signature)
        self.assertIn("Troca extra", order.order_line.mapped("name"))
        self.assertGreater(order.amount_total, accepted)
        self.assertEqual(len(self._quote_mails(repair)), 2)
        with self.assertRaisesRegex(UserError, "not accepted"):
            as_tech.action_repair_end()
        order.action_confirm()  # the customer accepts the new version
        self.assertRecordValues(repair, [{"quote_state": "accepted", "shop_accepted_amount": order.amount_total}])
        self.assertEqual(order.state, "sale")

    def test_part_added_after_acceptance_is_not_billed_without_asking(self):
        repair, as_tech = self._accepted()
        order = repair.sale_order_id
        as_tech.write(
            {
                "move_ids": [
                    Command.create({"product_id": self.part.id, "product_uom_qty": 1, "repair_line_type": "add"})
                ]
            }
        )
        as_tech.action_send_quote()
        self.assertEqual(repair.quote_state, "sent")
        self.assertEqual(order.state, "sent")
        self.assertEqual(
            sum(order.order_line.filtered(lambda line: line.product_id == self.part).mapped("product_uom_qty")), 2
        )

    def test_lower_total_is_billed_as_it_is(self):
        repair, as_tech = self._accepted()
        order = repair.sale_order_id
        as_tech.shop_labor_ids.quantity = 1
        as_tech.action_send_quote()
        self.assertRecordValues(repair, [{"quote_state": "accepted", "shop_quote_outdated": False}])
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.order_line.filtered(lambda line: line.product_id == self.labor).product_uom_qty, 1)
        self.assertEqual(len(self._quote_mails(repair)), 1)
