from odoo import fields, models
from odoo.tools import SQL

from ..models.res_partner import GENDER_SELECTION


class SalonSalesReport(models.Model):
    """Sales made: one row per emitted salon invoice line (cancelled and draft records excluded)."""

    _name = "salon.sales.report"
    _inherit = "shop.sql.report"
    _description = "Salon sales statistics"
    _auto = False
    _order = "date desc"

    date = fields.Date(readonly=True)
    move_id = fields.Many2one("account.move", string="Sales record", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    gender = fields.Selection(GENDER_SELECTION, readonly=True)
    product_id = fields.Many2one("product.product", string="Service", readonly=True)
    employee_id = fields.Many2one("hr.employee", string="Professional", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    amount = fields.Float("Total", readonly=True)
    quantity = fields.Float(readonly=True)
    record_count = fields.Integer("Records", readonly=True, aggregator="count_distinct")
    # per row the line's amount; aggregated, the total divided by the number of distinct records
    average_ticket = fields.Float("Average ticket", readonly=True, aggregator="avg")

    def _select(self):
        return SQL(
            """
            aml.id, am.invoice_date AS date, am.id AS move_id, am.partner_id, p.gender,
            aml.product_id, aml.salon_employee_id AS employee_id, am.company_id,
            -aml.balance AS amount, aml.quantity, am.id AS record_count,
            -aml.balance AS average_ticket
            """
        )

    def _from(self):
        return SQL(
            """
            account_move_line aml
            JOIN account_move am ON am.id = aml.move_id
            JOIN res_partner p ON p.id = am.partner_id
            """
        )

    def _where(self):
        return SQL(
            "am.move_type = 'out_invoice' AND am.state = 'posted' AND am.salon_record AND aml.display_type = 'product'"
        )

    def _read_group_select(self, aggregate_spec, query):
        """`average_ticket:<any>` is the sales total over the number of sales records, whatever the grouping."""
        if aggregate_spec.split(":")[0] == "average_ticket":
            return SQL(
                "SUM(%s) / NULLIF(COUNT(DISTINCT %s), 0)",
                self._field_to_sql(self._table, "amount", query),
                self._field_to_sql(self._table, "move_id", query),
            )
        return super()._read_group_select(aggregate_spec, query)
