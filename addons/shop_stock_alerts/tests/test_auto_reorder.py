from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from ..models.shop_stock_alert import suggested_quantity
from .common import StockAlertsCommon

LOGGER = "odoo.addons.shop_stock_alerts.models.shop_stock_alert"


@tagged("post_install", "-at_install")
class TestAutoReorderNeverBlocks(StockAlertsCommon):
    """Issue 10.17: automatic reordering never blocks a stock operation nor the hourly sweep."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stock_user = new_test_user(cls.env, "estoquista_auto", groups="stock.group_stock_user")
        cls.supplier.shop_auto_reorder = True  # the charger's supplier is trusted

    def test_suggested_quantity_never_zero(self):
        self.assertEqual(suggested_quantity(4, 5, 20), 16)
        self.assertEqual(suggested_quantity(5, 5, 5), 1, "minimum = maximum: one unit, never 0")
        self.assertEqual(suggested_quantity(4.5, 5, 5), 0.5)

    def test_delivery_of_min_equal_max_product_with_trusted_supplier(self):
        self.charger.product_tmpl_id.write({"shop_min_qty": 4, "shop_max_qty": 4})
        picking = self._validate_delivery(
            self.stock_user, self.charger, 6
        )  # 10 -> 4: at the minimum, which is the maximum
        self.assertEqual(picking.state, "done")
        alert = self._alerts(self.charger)
        self.assertRecordValues(alert, [{"state": "ordered", "qty_at_alert": 4, "suggested_qty": 1}])
        self.assertRecordValues(alert.purchase_order_id.order_line, [{"product_id": self.charger.id, "product_qty": 1}])

    def test_failed_automatic_purchase_keeps_the_delivery(self):
        """Whatever refuses the automatic RFQ, the delivery is validated and the alert waits for the buyer."""
        wizard_class = type(self.env["shop.reorder.wizard"])

        reason = "Fornecedor bloqueado"

        def refuse(wizard):
            raise UserError(reason)

        with patch.object(wizard_class, "_create_orders", refuse), self.assertLogs(LOGGER, "WARNING"):
            picking = self._validate_delivery(self.stock_user, self.charger, 6)  # 10 -> 4, minimum 5
        self.assertEqual(picking.state, "done")
        alert = self._alerts(self.charger)
        self.assertRecordValues(alert, [{"state": "open", "purchase_order_id": False}])
        self.assertIn("Fornecedor bloqueado", "".join(str(body) for body in alert.message_ids.mapped("body")))

    def test_rfq_waiting_for_the_supplier_is_not_ordered_again(self):
        """A trusted supplier's RFQ waits for the supplier: neither the next sale nor the hourly sweep orders
        the same shortage again, and the supplier gets the RFQ alone, not the note for the owner."""
        self._validate_delivery(self.stock_user, self.charger, 6)  # 10 -> 4, minimum 5: an RFQ of 16 leaves
        self._validate_delivery(self.stock_user, self.charger, 1)  # 4 -> 3
        self.env["shop.stock.alert"]._cron_check_stock_alerts()
        alert = self._alerts(self.charger)
        self.assertRecordValues(alert, [{"state": "ordered"}])
        self.assertRecordValues(alert.purchase_order_id, [{"state": "sent", "partner_id": self.supplier.id}])
        to_supplier = alert.purchase_order_id.message_ids.filtered(lambda m: self.supplier in m.notified_partner_ids)
        self.assertEqual(len(to_supplier), 1, "the RFQ e-mail")

    def test_sweep_orders_min_equal_max_product(self):
        Orderpoint = self.env["stock.warehouse.orderpoint"]
        Orderpoint.search([("product_id", "=", self.charger.id)]).write({"product_min_qty": 10, "product_max_qty": 10})
        Orderpoint.search([("product_id", "=", self.cable.id)]).write({"product_min_qty": 6})
        self.env["shop.stock.alert"]._cron_check_stock_alerts()
        self.assertRecordValues(self._alerts(self.charger), [{"state": "ordered", "suggested_qty": 1}])
        self.assertRecordValues(self._alerts(self.cable), [{"state": "open", "suggested_qty": 6}])

    def test_sweep_isolates_a_failing_product(self):
        self.env["stock.warehouse.orderpoint"].search(
            [("product_id", "in", (self.charger | self.cable).ids)]
        ).product_min_qty = 10
        Alert = self.env["shop.stock.alert"]
        alert_class = type(Alert)
        notify = alert_class._notify_responsible
        cable, reason = self.cable, "Cabo com dados ruins"

        def notify_but_cable(alerts):
            if cable in alerts.product_id:
                raise ValidationError(reason)
            return notify(alerts)

        with (
            patch.object(alert_class, "_notify_responsible", notify_but_cable),
            self.assertLogs(LOGGER, "WARNING") as logs,
        ):
            Alert._cron_check_stock_alerts()
        self.assertRecordValues(self._alerts(self.charger), [{"state": "ordered"}])
        self.assertFalse(self._alerts(self.cable), "the failing product is retried at the next sweep")
        self.assertIn("Cabo HDMI", "\n".join(logs.output))
        Alert._cron_check_stock_alerts()
        self.assertRecordValues(self._alerts(self.cable), [{"state": "open"}])


@tagged("post_install", "-at_install")
class TestConcurrentAlerts(TransactionCase):
    """Two validations of the same product racing, each in its own transaction."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            template = env["product.template"].create({"name": "Produto Corrida", "is_storable": True})
            template.write({"shop_min_qty": 5, "shop_max_qty": 10})  # no stock: at its minimum
            self.template_id = template.id
            self.product_id = template.product_variant_id.id
        self.addCleanup(self._remove_committed_data)

    def _remove_committed_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["shop.stock.alert"].search([("product_id", "=", self.product_id)]).unlink()
            env["stock.warehouse.orderpoint"].with_context(active_test=False).search(
                [("product_id", "=", self.product_id)]
            ).unlink()
            env["product.template"].browse(self.template_id).unlink()
            env["bus.bus"].search([("message", "like", "Produto Corrida")]).unlink()

    def _new_env(self):
        cr = self.registry.cursor()
        self.addCleanup(cr.close)
        return api.Environment(cr, SUPERUSER_ID, {})

    def test_second_validation_finds_the_open_alert(self):
        env1, env2 = self._new_env(), self._new_env()
        # both transactions have started (and read the stock) before either commits
        for env in (env1, env2):
            self.assertFalse(env["shop.stock.alert"].search([("product_id", "=", self.product_id)]))
        # what stock.move does when each validation is done
        alerts1 = env1["shop.stock.alert"].sudo()._check_products(env1["product.product"].browse(self.product_id))
        env1.cr.commit()
        alerts2 = env2["shop.stock.alert"].sudo()._check_products(env2["product.product"].browse(self.product_id))
        env2.cr.commit()
        self.assertEqual(len(alerts1), 1)
        self.assertFalse(alerts2, "the second validation goes on with the alert the first one opened")
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            open_alerts = env["shop.stock.alert"].search([("product_id", "=", self.product_id), ("state", "=", "open")])
            self.assertEqual(open_alerts.ids, alerts1.ids)
