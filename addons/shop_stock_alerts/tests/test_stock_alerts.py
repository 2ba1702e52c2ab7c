import io
from unittest.mock import patch

from openpyxl import load_workbook

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import StockAlertsCommon


@tagged("post_install", "-at_install")
class TestStockAlerts(StockAlertsCommon):
    # ------------------------------------------------------------ product form
    def test_product_form_writes_rule_and_vendor(self):
        orderpoint = self.env["stock.warehouse.orderpoint"].search([("product_id", "=", self.charger.id)])
        self.assertRecordValues(
            orderpoint,
            [{"product_min_qty": 5, "product_max_qty": 20, "warehouse_id": self.warehouse.id, "trigger": "manual"}],
        )
        self.assertEqual(self.charger.seller_ids.partner_id, self.supplier)
        template = self.charger.product_tmpl_id
        template.invalidate_recordset()
        self.assertRecordValues(
            template, [{"shop_min_qty": 5, "shop_max_qty": 20, "shop_main_supplier_id": self.supplier.id}]
        )
        template.shop_main_supplier_id = self.supplier2
        self.assertEqual(template.seller_ids.sorted("sequence")[:1].partner_id, self.supplier2)

    def test_min_above_max_refused(self):
        template = self.charger.product_tmpl_id
        with self.assertRaisesRegex(ValidationError, "above its maximum"):
            template.write({"shop_min_qty": 30, "shop_max_qty": 20})
        orderpoint = self.env["stock.warehouse.orderpoint"].search([("product_id", "=", self.charger.id)])
        self.assertEqual(orderpoint.product_min_qty, 5)

    def test_negative_quantities_refused(self):
        with self.assertRaisesRegex(ValidationError, "negative"):
            self.charger.product_tmpl_id.write({"shop_min_qty": -1, "shop_max_qty": 20})
        with self.assertRaises(ValidationError):
            self.env["stock.warehouse.orderpoint"].search([("product_id", "=", self.charger.id)]).product_min_qty = -2

    # ------------------------------------------------------------ real-time alerts
    def test_sale_crossing_minimum_opens_one_alert(self):
        self._deliver(self.charger, 4)  # 10 -> 6: still above 5
        self.assertFalse(self._alerts(self.charger))
        self._deliver(self.charger, 2)  # 6 -> 4: at or below minimum
        alert = self._alerts(self.charger)
        self.assertRecordValues(
            alert,
            [
                {
                    "state": "open",
                    "warehouse_id": self.warehouse.id,
                    "qty_at_alert": 4,
                    "min_qty": 5,
                    "max_qty": 20,
                    "suggested_qty": 16,
                    "supplier_id": self.supplier.id,
                }
            ],
        )
        self.assertTrue(alert.activity_ids, "the purchase responsible gets an activity")
        self._deliver(self.charger, 1)  # a second sale does not open another alert
        self.assertEqual(len(self._alerts(self.charger)), 1)

    def test_cron_sweeps_missed_minimums(self):
        # the minimum of the cable (stock 4) was lowered, then raised by hand above the stock
        orderpoint = self.env["stock.warehouse.orderpoint"].search([("product_id", "=", self.cable.id)])
        orderpoint.write({"product_min_qty": 6, "product_max_qty": 10})
        Alert = self.env["shop.stock.alert"]
        Alert._cron_check_stock_alerts()
        self.assertEqual(len(self._alerts(self.cable)), 1)
        self.assertFalse(self._alerts(self.charger), "the charger is above its minimum")
        Alert._cron_check_stock_alerts()
        self.assertEqual(len(self._alerts(self.cable)), 1, "running the sweep twice opens nothing more")

    # ------------------------------------------------------------ the purchase form
    def _open_alerts(self):
        self.env["stock.warehouse.orderpoint"].search(
            [("product_id", "in", (self.charger | self.cable).ids)]
        ).product_min_qty = 10
        self.env["shop.stock.alert"]._cron_check_stock_alerts()
        return self._alerts(self.charger) | self._alerts(self.cable)

    def _wizard(self, alerts):
        action = alerts.action_open_reorder_wizard()
        return alerts.env["shop.reorder.wizard"].with_context(**action["context"]).create({})

    def _rfq_mails(self, order):
        return order.message_ids.filtered(lambda m: m.message_type == "comment" and order.partner_id in m.partner_ids)

    def test_form_creates_one_rfq_per_supplier_and_emails_it(self):
        alerts = self._open_alerts()
        wizard = self._wizard(alerts)
        self.assertRecordValues(
            wizard.line_ids,
            [
                {"display_type": "line_section", "name": "Fornecedor Dois", "product_id": False},
                {"display_type": False, "name": "Cabo HDMI", "product_id": self.cable.id},
                {"display_type": "line_section", "name": "Fornecedor Um", "product_id": False},
                {"display_type": False, "name": "Carregador", "product_id": self.charger.id},
            ],
        )
        charger_line = wizard.line_ids.filtered(lambda line: line.product_id == self.charger)
        self.assertRecordValues(charger_line, [{"supplier_id": self.supplier.id, "quantity": 10, "price_unit": 40}])
        charger_line.quantity = 12
        wizard.action_confirm()
        orders = alerts.purchase_order_id
        self.assertEqual(len(orders), 2)
        self.assertEqual(set(alerts.mapped("state")), {"ordered"})
        for order in orders:
            self.assertEqual(order.state, "sent")
            mails = self._rfq_mails(order)
            self.assertEqual(len(mails), 1, "one e-mail per supplier")
            # the RFQ report (a PDF; rendered as HTML when tests run)
            self.assertEqual(len(mails.attachment_ids), 1)
            self.assertIn(order.name, mails.attachment_ids.name)
            self.assertIn(order.name, mails.subject)
            self.assertEqual(order.shop_alert_ids, alerts.filtered(lambda a, o=order: a.purchase_order_id == o))
        order1 = orders.filtered(lambda o: o.partner_id == self.supplier)
        self.assertRecordValues(
            order1.order_line, [{"product_id": self.charger.id, "product_qty": 12, "price_unit": 40}]
        )

    def test_rfq_email_in_portuguese(self):
        """A Brazilian supplier gets Odoo's RFQ template in pt_BR."""
        self.env["res.lang"]._activate_lang("pt_BR")
        self.env["ir.module.module"]._load_module_terms(["purchase"], ["pt_BR"])
        self.supplier2.lang = "pt_BR"
        self._deliver(self.cable, 2)
        alert = self._alerts(self.cable)
        self._wizard(alert).action_confirm()
        mail = self._rfq_mails(alert.purchase_order_id)
        self.assertTrue(mail.subject.startswith("Pedido:"), mail.subject)
        self.assertIn("Solicitação de cotação", mail.attachment_ids.name)

    def test_wizard_bad_quantities_refused(self):
        alerts = self._open_alerts()
        for field, value, message in (
            ("quantity", 0, "must be positive"),
            ("quantity", -3, "must be positive"),
            ("price_unit", -1, "cannot be negative"),
        ):
            wizard = self._wizard(alerts)
            wizard.line_ids.filtered("product_id")[:1][field] = value
            with self.assertRaisesRegex(UserError, message):
                wizard.action_confirm()
            self.assertFalse(alerts.purchase_order_id)
            self.assertEqual(set(alerts.mapped("state")), {"open"})

    def test_removed_line_keeps_its_alert_open(self):
        alerts = self._open_alerts()
        wizard = self._wizard(alerts)
        wizard.line_ids.filtered(lambda line: line.product_id == self.cable).unlink()
        wizard.action_confirm()
        self.assertEqual(self._alerts(self.charger).state, "ordered")
        self.assertRecordValues(self._alerts(self.cable), [{"state": "open", "purchase_order_id": False}])

    def test_supplier_without_email(self):
        self._open_alerts()
        self.cable.seller_ids.partner_id = self.supplier_no_email
        alert = self._alerts(self.cable)
        alert.supplier_id = self.supplier_no_email
        self._wizard(alert).action_confirm()
        self.assertEqual(alert.state, "ordered")
        self.assertEqual(alert.purchase_order_id.state, "draft")
        self.assertIn("no e-mail address", alert.email_error)
        self.assertFalse(self._rfq_mails(alert.purchase_order_id))

    def test_product_without_supplier_refused(self):
        lonely = self._make_product("Sem fornecedor", 5, 10, False, 10.0, stock=1)
        self.env["shop.stock.alert"]._cron_check_stock_alerts()
        alert = self._alerts(lonely)
        wizard = self._wizard(alert)
        orders_before = self.env["purchase.order"].search_count([])
        with self.assertRaisesRegex(UserError, "has no supplier"):
            wizard.action_confirm()
        self.assertEqual(self.env["purchase.order"].search_count([]), orders_before)
        self.assertEqual(alert.state, "open")

    def test_alert_ordered_meanwhile_refused(self):
        alerts = self._open_alerts()
        wizard = self._wizard(alerts)
        self._wizard(self._alerts(self.cable)).action_confirm()  # someone else was faster
        orders_before = self.env["purchase.order"].search_count([])
        with self.assertRaisesRegex(UserError, "handled meanwhile"):
            wizard.action_confirm()
        self.assertEqual(self.env["purchase.order"].search_count([]), orders_before)
        self.assertEqual(self._alerts(self.charger).state, "open")

    def test_receipt_closes_alert(self):
        alerts = self._open_alerts()
        self._wizard(alerts).action_confirm()
        order = self._alerts(self.charger).purchase_order_id
        order.button_confirm()
        receipt = order.picking_ids
        receipt.move_ids.write({"quantity": 12, "picked": True})
        receipt.button_validate()
        self.assertEqual(self._alerts(self.charger).state, "done")
        self.assertEqual(self._alerts(self.cable).state, "ordered")

    def test_automatic_mode_for_trusted_supplier(self):
        self.supplier.shop_auto_reorder = True
        self._deliver(self.charger, 6)
        alert = self._alerts(self.charger)
        self.assertEqual(alert.state, "ordered")
        self.assertEqual(alert.purchase_order_id.state, "sent")
        self.assertEqual(len(self._rfq_mails(alert.purchase_order_id)), 1)
        owner_partners = self.env.ref("shop_base.group_shop_owner").users.partner_id
        self.assertTrue(
            alert.purchase_order_id.message_ids.filtered(lambda m: m.partner_ids & owner_partners),
            "the owner is told",
        )

    def test_automatic_mode_per_product(self):
        self.cable.product_tmpl_id.shop_auto_reorder = True
        self._deliver(self.cable, 2)  # 4 -> 2, minimum 3
        self._deliver(self.charger, 6)  # 10 -> 4, minimum 5, not automatic
        self.assertRecordValues(self._alerts(self.cable), [{"state": "ordered"}])
        self.assertEqual(self._alerts(self.cable).purchase_order_id.order_line.product_qty, 8)
        self.assertRecordValues(self._alerts(self.charger), [{"state": "open", "purchase_order_id": False}])

    def test_automatic_mode_supplier_without_email(self):
        self.cable.product_tmpl_id.shop_auto_reorder = True
        self.cable.seller_ids.partner_id = self.supplier_no_email
        self._deliver(self.cable, 2)
        alert = self._alerts(self.cable)
        self.assertEqual(alert.state, "ordered")
        self.assertEqual(alert.purchase_order_id.state, "draft")
        self.assertIn("Fornecedor Sem E-mail has no e-mail address", alert.email_error)

    def test_scrap_and_inventory_adjustment_open_alerts(self):
        scrap = self.env["stock.scrap"].create(
            {"product_id": self.charger.id, "scrap_qty": 5, "location_id": self.stock_location.id}
        )
        scrap.action_validate()  # 10 -> 5
        self.assertRecordValues(self._alerts(self.charger), [{"state": "open", "qty_at_alert": 5}])
        quant = self.env["stock.quant"].search(
            [("product_id", "=", self.cable.id), ("location_id", "=", self.stock_location.id)]
        )
        quant.with_context(inventory_mode=True).write({"inventory_quantity": 1})
        quant.action_apply_inventory()  # 4 -> 1
        self.assertRecordValues(self._alerts(self.cable), [{"state": "open", "qty_at_alert": 1, "suggested_qty": 9}])

    def test_responsible_is_notified_in_web_client(self):
        self.env["bus.bus"].search([]).unlink()
        self._deliver(self.charger, 6)
        alert = self._alerts(self.charger)
        responsible = alert.activity_ids.user_id
        self.assertEqual(len(responsible), 1)
        self.env.cr.precommit.run()  # the bus sends at commit
        # in the responsible's language (pt_BR or English, whichever the responsible reads)
        notifications = self.env["bus.bus"].search(
            [("message", "like", "simple_notification"), ("message", "like", "Carregador")]
        )
        self.assertTrue(notifications, "a notification pops up in the responsible's web client")

    def test_activity_in_the_responsible_language(self):
        self.env["res.lang"]._activate_lang("pt_BR")
        buyer = new_test_user(self.env, "comprador", groups="purchase.group_purchase_user", lang="pt_BR")
        self.charger.product_tmpl_id.responsible_id = buyer
        self._deliver(self.charger, 6)
        activity = self._alerts(self.charger).activity_ids
        self.assertEqual(activity.user_id, buyer)
        self.assertEqual(activity.summary, "Estoque baixo: Carregador")

    def test_low_stock_board_excel(self):
        self._deliver(self.cable, 2)
        self.env.flush_all()
        board = self.env["shop.stock.low.report"]
        action = board.action_export_xlsx()
        self.assertEqual(action["report_type"], "xlsx")
        content, kind = self.env["ir.actions.report"]._render(
            "shop_stock_alerts.shop_stock_low_report_xlsx", board.search([]).ids, {}
        )
        self.assertEqual(kind, "xlsx")
        sheet = load_workbook(io.BytesIO(content), read_only=True).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][:2], ("Product", "Brand"))
        cable_row = next(row for row in rows if row[0] == "Cabo HDMI")
        self.assertEqual(cable_row[5:9], (2, 3, 10, 25))

    def test_empty_low_stock_board_export_says_so(self):
        """With nothing low, the export button says so instead of a download that fails."""
        board = self.env["shop.stock.low.report"]
        with patch.object(type(board), "search", return_value=board.browse()):
            with self.assertRaisesRegex(UserError, "nothing to export"):
                board.action_export_xlsx()

    def test_brand_in_purchase_report(self):
        brand = self.env["product.brand"].create({"name": "Multilaser"})
        self.charger.product_brand_id = brand
        alerts = self._open_alerts()
        self._wizard(alerts).action_confirm()
        self.env.flush_all()
        groups = self.env["purchase.report"]._read_group(
            [("product_id", "in", (self.charger | self.cable).ids)], ["product_brand_id"], ["qty_ordered:sum"]
        )
        self.assertEqual(dict(groups)[brand], 10)
        self.assertEqual(alerts.product_brand_id, brand)

    def test_low_stock_board(self):
        self._deliver(self.cable, 2)  # 4 -> 2, minimum 3
        self.env.flush_all()
        rows = self.env["shop.stock.low.report"].search([("product_id", "in", (self.charger | self.cable).ids)])
        self.assertEqual(rows.product_id, self.cable, "only the cable is at or below its minimum")
        self.assertRecordValues(
            rows, [{"qty_on_hand": 2, "min_qty": 3, "value": 25.0, "supplier_id": self.supplier2.id}]
        )
        self.assertAlmostEqual(rows.daily_sales, 2 / 30, places=4)
        self.assertAlmostEqual(rows.days_of_cover, 30, places=2)

    # ------------------------------------------------------------ access
    def test_access_rights(self):
        stock_user = new_test_user(self.env, "estoquista", groups="stock.group_stock_user")
        buyer = new_test_user(self.env, "comprador", groups="purchase.group_purchase_user,stock.group_stock_user")
        alerts = self._open_alerts()
        self.assertEqual(alerts.with_user(stock_user).read(["state"])[0]["state"], "open")
        with self.assertRaises(AccessError):
            self._wizard(alerts.with_user(stock_user))
        with self.assertRaises(AccessError):
            alerts.with_user(stock_user).write({"suggested_qty": 1})
        with self.assertRaises(AccessError):
            alerts.with_user(stock_user).action_cancel()
        self._wizard(alerts.with_user(buyer)).action_confirm()
        self.assertEqual(set(alerts.mapped("state")), {"ordered"})

    def test_stock_user_move_opens_alert(self):
        """Whoever validates the move, the alert opens (stock users may not create alerts themselves)."""
        stock_user = new_test_user(self.env, "estoquista", groups="stock.group_stock_user")
        with self.assertRaises(AccessError):
            self.env["shop.stock.alert"].with_user(stock_user).create(
                {"product_id": self.charger.id, "warehouse_id": self.warehouse.id}
            )
        scrap = (
            self.env["stock.scrap"]
            .with_user(stock_user)
            .create({"product_id": self.charger.id, "scrap_qty": 6, "location_id": self.stock_location.id})
        )
        scrap.action_validate()
        self.assertEqual(self._alerts(self.charger).state, "open")

    def test_owner_rights(self):
        """The owner group alone is enough to see the board, order from alerts and set trusted suppliers."""
        owner = new_test_user(self.env, "dono_teste", groups="base.group_user,shop_base.group_shop_owner")
        self._deliver(self.cable, 2)
        alerts = self._alerts(self.cable).with_user(owner)
        self.assertTrue(self.env["shop.stock.low.report"].with_user(owner).search([("product_id", "=", self.cable.id)]))
        self._wizard(alerts).action_confirm()
        self.assertEqual(alerts.state, "ordered")
        self.supplier.with_user(owner).shop_auto_reorder = True
        self.charger.product_tmpl_id.with_user(owner).write({"shop_min_qty": 2, "shop_max_qty": 30})
