from odoo import fields, models


class SalonStatisticsXlsx(models.AbstractModel):
    """The statistics workbook: each grouping of the sales, of the projections, and the blacklist on its sheet.

    Every sheet is one `_read_group` (one query) on the SQL report it shows, so the workbook has the figures the
    pivot views show."""

    _name = "report.shop_salon_schedule.salon_statistics_xlsx"
    _inherit = "shop.report.xlsx"
    _description = "Salon statistics (Excel)"

    def _sales_groupings(self):
        return [
            (self.env._("Sales by service"), "product_id"),
            (self.env._("Sales by professional"), "employee_id"),
            (self.env._("Sales by client"), "partner_id"),
            (self.env._("Sales by gender"), "gender"),
            (self.env._("Sales by day"), "date:day"),
            (self.env._("Sales by month"), "date:month"),
        ]

    def _projection_groupings(self):
        return [
            (self.env._("Projection by service"), "product_id"),
            (self.env._("Projection by professional"), "employee_id"),
            (self.env._("Projection by gender"), "gender"),
        ]

    def _label(self, model, groupby, value):
        if not value:
            return self.env._("None")
        field = model._fields[groupby.split(":")[0]]
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, value)
        if field.type in ("date", "datetime"):
            return value.strftime("%Y-%m" if groupby.endswith(":month") else "%Y-%m-%d")
        return value.display_name

    def _write_sheet(self, workbook, title, headers, rows, formats, col_formats):
        """One sheet in the suite's look, its first column (the grouping) wider."""
        widths = [32] + [16] * (len(headers) - 1)
        return self._shop_write_sheet(workbook, title, headers, rows, formats, col_formats=col_formats, widths=widths)

    def generate_xlsx_report(self, workbook, data, wizards):
        """Reads only: the options come in the report's data (an export wizard's otherwise)."""
        options = data if data.get("projection_to") else wizards[:1]._export_options()
        Export = self.env["salon.statistics.export"]
        sales_domain = Export._sales_domain(
            fields.Date.to_date(options.get("date_from")), fields.Date.to_date(options.get("date_to"))
        )
        projection_domain = Export._projection_domain(fields.Date.to_date(options["projection_to"]))
        formats = self._shop_formats(workbook)
        Sales = self.env["salon.sales.report"]
        headers = [
            "",
            Sales._fields["record_count"]._description_string(self.env),
            Sales._fields["quantity"]._description_string(self.env),
            Sales._fields["amount"]._description_string(self.env),
            Sales._fields["average_ticket"]._description_string(self.env),
        ]
        for title, groupby in self._sales_groupings():
            groups = Sales._read_group(
                sales_domain,
                [groupby],
                ["record_count:count_distinct", "quantity:sum", "amount:sum", "average_ticket:avg"],
                order=f"{groupby} ASC" if ":" in groupby or groupby == "gender" else "amount:sum DESC",
            )
            rows = [
                (self._label(Sales, groupby, key), count, qty, amount, ticket or 0.0)
                for key, count, qty, amount, ticket in groups
            ]
            self._write_sheet(
                workbook, title, [title, *headers[1:]], rows, formats, [None, "integer", "number", "money", "money"]
            )

        Projection = self.env["salon.projection.report"]
        for title, groupby in self._projection_groupings():
            groups = Projection._read_group(
                projection_domain,
                [groupby],
                ["appointment_count:count_distinct", "amount:sum"],
                order="amount:sum DESC",
            )
            headers = [
                title,
                Projection._fields["appointment_count"]._description_string(self.env),
                Projection._fields["amount"]._description_string(self.env),
            ]
            rows = [(self._label(Projection, groupby, key), count, amount) for key, count, amount in groups]
            self._write_sheet(workbook, title, headers, rows, formats, [None, "integer", "money"])

        Blacklist = self.env["salon.blacklist.report"]
        names = ["cancelled_count", "no_show_count", "total_count", "last_date", "salon_loyal"]
        headers = [self.env._("Blacklist")] + [Blacklist._fields[n]._description_string(self.env) for n in names]
        rows = [
            (
                line.partner_id.display_name,
                line.cancelled_count,
                line.no_show_count,
                line.total_count,
                line.last_date.strftime("%Y-%m-%d %H:%M") if line.last_date else "",
                self.env._("Yes") if line.salon_loyal else self.env._("No"),
            )
            for line in Blacklist.search([])
        ]
        self._write_sheet(
            workbook, self.env._("Blacklist"), headers, rows, formats, [None, *["integer"] * 3, None, None]
        )
