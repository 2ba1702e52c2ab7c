from unittest.mock import patch

from psycopg2 import OperationalError

from odoo.tests import new_test_user, tagged

from .common import StockAlertsCommon


class WorkerKilled(OperationalError):
    """The cron worker dies before its transaction commits: its connection is gone."""


@tagged("post_install", "-at_install")
class TestSweepCron(StockAlertsCommon):
    """Issue 13.1: the hourly sweep follows Odoo 18's cron protocol, one bounded batch per call."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.battery = cls._make_product("Bateria", 5, 10, cls.supplier2, 30.0, stock=20)
        Orderpoint = cls.env["stock.warehouse.orderpoint"]
        cls.rules = Orderpoint.search([("product_id", "in", (cls.charger | cls.cable | cls.battery).ids)], order="id")
        Orderpoint.search([("id", "not in", cls.rules.ids)]).active = False  # only this test's rules
        cls.rules.write({"product_min_qty": 30, "product_max_qty": 40})  # all three low: the sweep finds them
        (cls.supplier | cls.supplier2).shop_auto_reorder = True  # their RFQs leave by themselves
        cls.env["ir.config_parameter"].set_param("shop_stock_alerts.sweep_batch_size", 2)
        cls.cron = cls.env.ref("shop_stock_alerts.cron_check_stock_alerts")
        cls.admin = new_test_user(cls.env, "admin_agendador", groups="base.group_system")

    def _run_cron(self):
        """One call of the job, as the scheduler (or *Run manually*) makes it; returns its progress."""
        self.cron.with_user(self.admin).method_direct_trigger()
        return self.env["ir.cron.progress"].search([("cron_id", "=", self.cron.id)], order="id desc", limit=1)

    def _rfq_emails(self, order):
        return self.env["mail.mail"].search(
            [("model", "=", "purchase.order"), ("res_id", "=", order.id), ("recipient_ids", "in", order.partner_id.id)]
        )

    def test_each_call_sweeps_one_batch_and_the_next_goes_on(self):
        self.assertRecordValues(self._run_cron(), [{"done": 2, "remaining": 1}])
        self.assertRecordValues(self._alerts(self.charger) | self._alerts(self.cable), [{"state": "ordered"}] * 2)
        self.assertFalse(self._alerts(self.battery), "the third rule waits for the next call")
        self.assertRecordValues(self._run_cron(), [{"done": 1, "remaining": 0}])
        for product in self.charger | self.cable | self.battery:
            self.assertEqual(len(self._alerts(product)), 1, "each rule swept once in the round")

    def test_killed_batch_is_redone_and_each_rfq_emailed_once(self):
        self._run_cron()  # first batch committed: the charger and the cable are ordered
        with (
            patch.object(type(self.env["ir.cron"]), "_notify_progress", side_effect=WorkerKilled),
            self.assertRaises(WorkerKilled),
            self.env.cr.savepoint(),
        ):
            self._run_cron()  # the battery's batch dies before its commit: nothing of it stays
        self.assertFalse(self._alerts(self.battery))
        self.assertRecordValues(self._run_cron(), [{"done": 1, "remaining": 0}])
        alerts = self._alerts(self.charger) | self._alerts(self.cable) | self._alerts(self.battery)
        self.assertRecordValues(alerts, [{"state": "ordered"}] * 3)
        self.assertEqual(len(alerts.purchase_order_id), 3, "one RFQ per batch and supplier")
        for order in alerts.purchase_order_id:
            # queued: the mail queue marks each e-mail sent as it leaves, so a kill cannot send it twice
            self.assertRecordValues(self._rfq_emails(order), [{"state": "outgoing"}])

    def test_next_round_orders_only_what_no_rfq_covers(self):
        """An RFQ waiting for its supplier is in no forecast: the next rounds do not order it again, until
        the supplier refuses it."""
        self._run_cron()
        self._run_cron()  # first round: the three products ordered
        orders = (self._alerts(self.charger) | self._alerts(self.cable)).purchase_order_id
        self.assertRecordValues(self._run_cron(), [{"done": 0, "remaining": 0}])  # each waits for its supplier
        orders.filtered(lambda o: o.partner_id == self.supplier).button_confirm()  # its receipt is forecast
        orders.filtered(lambda o: o.partner_id == self.supplier2).button_cancel()  # refused: the cable is short
        self.assertRecordValues(self._run_cron(), [{"done": 2, "remaining": 0}])
        self.assertEqual(len(self._alerts(self.charger)), 1)
        self.assertEqual(len(self._alerts(self.battery)), 1)
        new_order = self._alerts(self.cable).purchase_order_id - orders
        self.assertRecordValues(new_order, [{"partner_id": self.supplier2.id, "state": "sent"}])
        self.assertEqual(len(self._rfq_emails(new_order)), 1)
