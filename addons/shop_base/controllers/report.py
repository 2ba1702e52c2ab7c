import json

from odoo import http
from odoo.http import request

from odoo.addons.report_xlsx.controllers.main import ReportController

# the suite's Excel reports: they only read, so their download may run on the read replica
SHOP_READONLY_REPORTS = frozenset(
    {
        "shop_customer_scoring.shop_profit_dashboard_xlsx",
        "shop_salon_schedule.salon_statistics_xlsx",
        "shop_stock_alerts.shop_stock_low_report_xlsx",
    }
)


def download_report_name(data):
    """The report name of a /report/download request's ``data`` ('["/report/xlsx/<name>[/<ids>]?...", "xlsx"]'),
    None when it is not an Excel report."""
    try:
        url, report_type = json.loads(data)[:2]
    except (TypeError, ValueError):
        return None
    if report_type != "xlsx" or "/report/xlsx/" not in url:
        return None
    return url.split("/report/xlsx/")[1].split("?")[0].split("/")[0]


class ShopReportController(ReportController):
    def _shop_download_readonly(self):
        """Read only for the suite's own Excel reports (Odoo's /report/download is read/write)."""
        # called before the dispatch sets request.params
        return download_report_name(request.get_http_params().get("data")) in SHOP_READONLY_REPORTS

    @http.route(readonly=_shop_download_readonly)
    def report_download(self, data, context=None, token=None, readonly=True):
        return super().report_download(data, context=context, token=token, readonly=readonly)
