from odoo import models

# number formats of the suite's Excel exports (the currency format depends on the currency)
NUMBER_FORMATS = {"number": "#,##0.00", "decimal1": "#,##0.0", "integer": "#,##0"}
HEAD_FORMAT = {"bold": True, "bg_color": "#DDDDDD", "border": 1}


class ShopReportXlsx(models.AbstractModel):
    """The Excel exports' common look: a grey bold header row, frozen, and the suite's number formats."""

    _name = "shop.report.xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Shop Excel report"

    def _shop_formats(self, workbook, currency=None):
        """The workbook's formats by name: head, money (in ``currency``, the company's by default), number,
        decimal1, integer."""
        currency = currency or self.env.company.currency_id
        formats = {name: workbook.add_format({"num_format": fmt}) for name, fmt in NUMBER_FORMATS.items()}
        formats["head"] = workbook.add_format(HEAD_FORMAT)
        formats["money"] = workbook.add_format({"num_format": self._report_xlsx_currency_format(currency)})
        return formats

    def _shop_write_sheet(self, workbook, title, headers, rows, formats, col_formats=None, widths=None):
        """Write one sheet: the header row in ``formats["head"]`` (frozen), then ``rows`` (iterables of values);
        ``col_formats`` names a format of ``formats`` (or None) per column, ``widths`` a width per column (18 by
        default). Returns the sheet."""
        sheet = workbook.add_worksheet(title[:31])
        col_formats = col_formats or [None] * len(headers)
        for col, header in enumerate(headers):
            sheet.write_string(0, col, header, formats["head"])
            sheet.set_column(col, col, widths[col] if widths else 18)
        for row_index, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                fmt = formats.get(col_formats[col]) if col_formats[col] else None
                if value is None or value is False:
                    sheet.write_blank(row_index, col, None, fmt)
                elif isinstance(value, (int, float)) and not isinstance(value, bool):
                    sheet.write_number(row_index, col, value, fmt)
                else:
                    sheet.write(row_index, col, value if isinstance(value, str) else str(value), fmt)
        sheet.freeze_panes(1, 0)
        return sheet
