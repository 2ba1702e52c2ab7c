from odoo import models

# board columns in the order of the sheet, with their format of shop.report.xlsx (None: text)
COLUMNS = [
    ("product_id", None),
    ("product_brand_id", None),
    ("categ_id", None),
    ("warehouse_id", None),
    ("supplier_id", None),
    ("qty_on_hand", "number"),
    ("min_qty", "number"),
    ("max_qty", "number"),
    ("value", "money"),
    ("daily_sales", "number"),
    ("days_of_cover", "decimal1"),
    ("rfq_qty", "number"),
]


class ShopStockLowReportXlsx(models.AbstractModel):
    """The "Estoque baixo" board as an Excel sheet, in the language of the user who exports it."""

    _name = "report.shop_stock_alerts.shop_stock_low_report_xlsx"
    _inherit = "shop.report.xlsx"
    _description = "Low stock board (Excel)"

    def generate_xlsx_report(self, workbook, data, rows):
        headers = [rows._fields[name]._description_string(self.env) for name, _fmt in COLUMNS]
        sheet = self._shop_write_sheet(
            workbook,
            self.env._("Low stock"),
            headers,
            (self._sheet_row(row) for row in rows),
            self._shop_formats(workbook),
            col_formats=[fmt for _name, fmt in COLUMNS],
            widths=[28 if col < 5 else 14 for col in range(len(COLUMNS))],
        )
        sheet.freeze_panes(1, 1)  # the product stays in sight
        sheet.autofilter(0, 0, max(len(rows), 1), len(COLUMNS) - 1)

    def _sheet_row(self, row):
        values = []
        for name, fmt in COLUMNS:
            if fmt is None:
                values.append(row[name].display_name or "")
            elif name == "days_of_cover" and not row.daily_sales:
                values.append(None)  # nothing sold: no rate to cover
            else:
                values.append(row[name])
        return values
