from odoo import models

# board columns in the order of the sheet, with their xlsxwriter number format (None: text)
COLUMNS = [
    ("product_id", None),
    ("product_brand_id", None),
    ("categ_id", None),
    ("warehouse_id", None),
    ("supplier_id", None),
    ("qty_on_hand", "#,##0.00"),
    ("min_qty", "#,##0.00"),
    ("max_qty", "#,##0.00"),
    ("value", "money"),
    ("daily_sales", "#,##0.00"),
    ("days_of_cover", "#,##0.0"),
    ("rfq_qty", "#,##0.00"),
]


class ShopStockLowReportXlsx(models.AbstractModel):
    """The "Estoque baixo" board as an Excel sheet, in the language of the user who exports it."""

    _name = "report.shop_stock_alerts.shop_stock_low_report_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Low stock board (Excel)"

    def generate_xlsx_report(self, workbook, data, rows):
        sheet = workbook.add_worksheet(self.env._("Low stock")[:31])
        bold = workbook.add_format({"bold": True, "bg_color": "#DDDDDD", "border": 1})
        currency = self.env.company.currency_id
        formats = {
            "money": workbook.add_format({"num_format": self._report_xlsx_currency_format(currency)}),
            "#,##0.00": workbook.add_format({"num_format": "#,##0.00"}),
            "#,##0.0": workbook.add_format({"num_format": "#,##0.0"}),
        }
        fields_by_name = rows._fields
        for col, (name, _fmt) in enumerate(COLUMNS):
            sheet.write(0, col, fields_by_name[name]._description_string(self.env), bold)
            sheet.set_column(col, col, 28 if col < 5 else 14)
        for row_index, row in enumerate(rows, start=1):
            for col, (name, fmt) in enumerate(COLUMNS):
                value = row[name]
                if fmt is None:
                    sheet.write_string(row_index, col, value.display_name or "")
                elif name == "days_of_cover" and not row.daily_sales:
                    sheet.write_string(row_index, col, "")  # nothing sold: no rate to cover
                else:
                    sheet.write_number(row_index, col, value, formats[fmt])
        sheet.freeze_panes(1, 1)
        sheet.autofilter(0, 0, max(len(rows), 1), len(COLUMNS) - 1)
