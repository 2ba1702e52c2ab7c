from odoo import models

from ..wizards.shop_profit_dashboard import AGING, KPIS


class ShopProfitDashboardXlsx(models.AbstractModel):
    """The dashboard's figures as an Excel workbook: KPI cards, month by business line, overdue by age."""

    _name = "report.shop_customer_scoring.shop_profit_dashboard_xlsx"
    _inherit = "shop.report.xlsx"
    _description = "Gains and losses (Excel)"

    def generate_xlsx_report(self, workbook, data, dashboards):
        dashboard = dashboards[:1]
        formats = self._shop_formats(workbook, dashboard.currency_id)

        def label(model, name):
            return model._fields[name]._description_string(self.env)

        kpis = [(label(dashboard, name), dashboard[name], dashboard[f"{name}_change"] or "") for name in KPIS]
        aging = [(label(dashboard, name), dashboard[name]) for name, _low, _high in AGING]
        self._shop_write_sheet(
            workbook,
            self.env._("Summary"),
            [f"{dashboard.date_from} - {dashboard.date_to}", self.env._("Amount"), self.env._("Change")],
            [*kpis, (), *aging],
            formats,
            col_formats=[None, "money", None],
            widths=[36, 18, 18],
        )

        Report = self.env["shop.profit.report"]
        headers = [self.env._("Month"), label(Report, "business_line"), *(label(Report, name) for name in KPIS)]
        rows = [
            (month.strftime("%Y-%m") if month else "", line, *(figures[name] for name in KPIS))
            for month, line, figures in dashboard._monthly_rows()
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
