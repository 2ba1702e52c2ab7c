"""Issue 15 §1: the owner's dashboard and the suite's Excel downloads only read, so Odoo serves them from the
read replica when one is configured. In test mode a read-only route or method runs in a read-only transaction:
a write there fails and Odoo retries on a read/write cursor, logging a warning on odoo.http."""

import json
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.shop_base.controllers.report import ShopReportController
from odoo.addons.shop_base.tests.common import XlsxDownloadMixin

from .common import OWNER_GROUPS, post_move

DASHBOARD = "shop.profit.dashboard"


@tagged("post_install", "-at_install")
class TestReadOnlyPaths(XlsxDownloadMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = new_test_user(cls.env, "dono_replica", groups=OWNER_GROUPS)
        partner = cls.env["res.partner"].create({"name": "Cliente Réplica"})
        today = fields.Date.context_today(partner)
        for day, amount in ((today, 800.0), (today - timedelta(days=45), 300.0)):
            post_move(cls.env, "out_invoice", partner, [{"name": "Serviço", "price_unit": amount}], day)

    def _call(self, method, *args):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{DASHBOARD}/{method}",
            {"model": DASHBOARD, "method": method, "args": list(args), "kwargs": {}},
        )

    def test_dashboard_reads_only(self):
        """As the owner: the figures, the drill-down actions and the Excel download, in read-only transactions."""
        self.authenticate("dono_replica", "dono_replica")
        with self.assertNoLogs("odoo.http", level="WARNING"):
            figures = self._call("get_dashboard_figures", False, False)
            # the owner changes the dates: the figures are asked again, nothing is saved
            longer = self._call("get_dashboard_figures", "2000-01-01", figures["date_to"])
            report = self._call("get_report_action", figures["date_from"], figures["date_to"], "revenue")
            overdue = self._call("get_overdue_action", "overdue_60")
            export = self._call("get_xlsx_action", figures["date_from"], figures["date_to"])
            response = self._download(export)
        kpis = {kpi["name"]: kpi for kpi in figures["kpis"]}
        self.assertEqual(kpis["revenue"]["value"], 800.0)
        self.assertEqual(kpis["revenue"]["label"], "Net revenue")
        self.assertEqual(longer["kpis"][0], {"name": "revenue", "label": "Net revenue", "value": 1100.0, "change": "—"})
        self.assertEqual({b["name"]: b["value"] for b in figures["overdue"]}["overdue_60"], 300.0)
        self.assertEqual(figures["currency"]["id"], self.env.company.currency_id.id)
        self.assertEqual(report["context"]["pivot_measures"], ["revenue"])
        self.assertEqual(overdue["res_model"], "account.move.line")
        self.assertEqual(export["data"], {"date_from": figures["date_from"], "date_to": figures["date_to"]})
        self._assert_xlsx(response)

    @mute_logger("odoo.sql_db")  # the refused UPDATE is logged as a bad query
    def test_a_write_is_retried(self):
        """Sanity: a write on these paths fails in the read-only transaction and Odoo retries (and logs) it."""
        self.authenticate("dono_replica", "dono_replica")
        Dashboard = self.registry[DASHBOARD]
        kpi_values = Dashboard._kpi_values

        def writing(self, *args):
            self.env.cr.execute("UPDATE res_users SET write_date = now() WHERE id = %s", [self.env.uid])
            return kpi_values(self, *args)

        with patch.object(Dashboard, "_kpi_values", writing), self.assertLogs("odoo.http", level="WARNING") as logs:
            self._call("get_dashboard_figures", False, False)
        self.assertIn("retrying with a read/write cursor", "\n".join(logs.output))

    def test_only_the_suite_reports_download_read_only(self):
        data = json.dumps(["/report/xlsx/shop_customer_scoring.shop_profit_dashboard_xlsx?options=%7B%7D", "xlsx"])
        self.assertEqual(
            ShopReportController.report_download.original_routing["readonly"].__name__, "_shop_download_readonly"
        )
        for payload, readonly in (
            (data, True),
            (json.dumps(["/report/xlsx/shop_stock_alerts.shop_stock_low_report_xlsx/4,5", "xlsx"]), True),
            (json.dumps(["/report/xlsx/other.report_xlsx/1", "xlsx"]), False),
            (json.dumps(["/report/pdf/shop_repairs.report_repair_intake/1", "qweb-pdf"]), False),
            ("not json", False),
        ):
            request = type("FakeRequest", (), {"get_http_params": lambda self, p=payload: {"data": p}})()
            with patch("odoo.addons.shop_base.controllers.report.request", request):
                self.assertEqual(ShopReportController()._shop_download_readonly(), readonly, payload)
