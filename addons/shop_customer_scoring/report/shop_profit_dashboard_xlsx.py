from odoo import models

from ..wizards.shop_profit_dashboard import AGING, KPIS


class ShopProfitDashboardXlsx(models.AbstractModel):
    """The dashboard's figures as an Excel workbook: KPI cards, month by business line, overdue by age."""

    _name = "report.shop_customer_scoring.shop_profit_dashboard_xlsx"
    _inherit = "shop.report.xlsx"
    _description = "Gains and losses (Excel)"

    def generate_xlsx_report(self, workbook, data, dashboards):
        """Reads only: the period comes in the report's data (a dashboard record's dates otherwise)."""
        Dashboard = self.env["shop.profit.dashboard"]
        if data.get("date_from"):
            date_from, date_to = Dashboard._dashboard_period(data["date_from"], data.get("date_to"))
        else:
            date_from, date_to = dashboards[:1].date_from, dashboards[:1].date_to
        values = Dashboard._kpi_values(date_from, date_to) | Dashboard._overdue_buckets()
        formats = self._shop_formats(workbook, self.env.company.currency_id)

        def label(model, name):
            return model._fields[name]._description_string(self.env)

        kpis = [(label(Dashboard, name), values[name], values[f"{name}_change"] or "") for name in KPIS]
        aging = [(label(Dashboard, name), values[name]) for name, _low, _high in AGING]
        self._shop_write_sheet(
            workbook,
            self.env._("Summary"),
            [f"{date_from} - {date_to}", self.env._("Amount"), self.env._("Change")],
            [*kpis, (), *aging],
            formats,
            col_formats=[None, "money", None],
            widths=[36, 18, 18],
        )

        Report = self.env["shop.profit.report"]
        headers = [self.env._("Month"), label(Report, "business_line"), *(label(Report, name) for name in KPIS)]
        rows = [
            (month.strftime("%Y-%m") if month else "", line, *(figures[name] for name in KPIS))
            for month, line, figures in Dashboard._monthly_rows(date_from, date_to)
        ]
        sheet = self._shop_write_sheet(
            workbook,
            self.env._("Per month"),
            headers,
            rows,
            formats,
            col_formats=[None, None, *["money"] * len(KPIS)],
            widths=[20] * len(headers),
        )
        sheet.freeze_panes(1, 2)
