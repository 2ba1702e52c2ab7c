from odoo import models

from ..wizards.shop_profit_dashboard import AGING, KPIS


class ShopProfitDashboardXlsx(models.AbstractModel):
    """The dashboard's figures as an Excel workbook: KPI cards, month by business line, overdue by age."""

    _name = "report.shop_customer_scoring.shop_profit_dashboard_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Gains and losses (Excel)"

    def generate_xlsx_report(self, workbook, data, dashboards):
        dashboard = dashboards[:1]
        bold = workbook.add_format({"bold": True, "bg_color": "#DDDDDD", "border": 1})
        money = workbook.add_format({"num_format": self._report_xlsx_currency_format(dashboard.currency_id)})
        fields_ = dashboard._fields
        label = lambda name: fields_[name]._description_string(self.env)  # noqa: E731

        sheet = workbook.add_worksheet(self.env._("Summary")[:31])
        sheet.set_column(0, 0, 36)
        sheet.set_column(1, 2, 18)
        sheet.write_string(0, 0, f"{dashboard.date_from} - {dashboard.date_to}", bold)
        sheet.write_string(0, 1, self.env._("Amount"), bold)
        sheet.write_string(0, 2, self.env._("Change"), bold)
        for row, name in enumerate(KPIS, start=1):
            sheet.write_string(row, 0, label(name))
            sheet.write_number(row, 1, dashboard[name], money)
            sheet.write_string(row, 2, dashboard[f"{name}_change"] or "")
        start = len(KPIS) + 2
        for row, (name, _low, _high) in enumerate(AGING, start=start):
            sheet.write_string(row, 0, label(name))
            sheet.write_number(row, 1, dashboard[name], money)

        sheet = workbook.add_worksheet(self.env._("Per month")[:31])
        report_fields = self.env["shop.profit.report"]._fields
        headers = [self.env._("Month"), report_fields["business_line"]._description_string(self.env)]
        headers += [report_fields[name]._description_string(self.env) for name in KPIS]
        for col, header in enumerate(headers):
            sheet.write_string(0, col, header, bold)
            sheet.set_column(col, col, 20)
        for row, (month, line, figures) in enumerate(dashboard._monthly_rows(), start=1):
            sheet.write_string(row, 0, month.strftime("%Y-%m") if month else "")
            sheet.write_string(row, 1, line)
            for col, name in enumerate(KPIS, start=2):
                sheet.write_number(row, col, figures[name], money)
        sheet.freeze_panes(1, 2)
