from datetime import date

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

STATE_DOMAINS = {
    "all": [],
    "posted": [("state", "=", "posted")],
    "draft": [("state", "=", "draft")],
    "cancel": [("state", "=", "cancel")],
}


class SalonInvoiceQuery(models.TransientModel):
    """Consulta de notas: the sales records by the criteria the front desk asks for."""

    _name = "salon.invoice.query"
    _description = "Sales records query"

    mode = fields.Selection(
        [
            ("last", "Last 50"),
            ("date", "Sale date"),
            ("partner", "Client"),
            ("numbers", "Range of record numbers"),
            ("dates", "Range of dates"),
        ],
        default="last",
        required=True,
    )
    state = fields.Selection(
        [("all", "All"), ("posted", "Emitted"), ("draft", "Pending"), ("cancel", "Cancelled")],
        default="all",
        required=True,
    )
    date = fields.Date()
    partner_id = fields.Many2one("res.partner", string="Client")
    number_from = fields.Integer()
    number_to = fields.Integer()
    year = fields.Integer(
        default=lambda self: fields.Date.context_today(self).year,
        help="Record numbers start again every year: the range is searched in this year.",
    )
    date_from = fields.Date()
    date_to = fields.Date()

    def _get_domain(self):
        self.ensure_one()
        domain = [("salon_record", "=", True), ("move_type", "=", "out_invoice"), *STATE_DOMAINS[self.state]]
        if self.mode == "date":
            if not self.date:
                raise UserError(self.env._("Choose the sale date."))
            domain += [("invoice_date", "=", self.date)]
        elif self.mode == "partner":
            if not self.partner_id:
                raise UserError(self.env._("Choose the client."))
            domain += [("partner_id", "=", self.partner_id.id)]
        elif self.mode == "numbers":
            domain += [("id", "in", self._ids_in_number_range())]
        elif self.mode == "dates":
            if not (self.date_from and self.date_to):
                raise UserError(self.env._("Choose both dates."))
            domain += [("invoice_date", ">=", self.date_from), ("invoice_date", "<=", self.date_to)]
        return domain

    @api.constrains("number_from", "number_to", "date_from", "date_to", "year")
    def _check_ranges(self):
        for query in self:
            if query.year and not 1900 <= query.year <= 9999:
                raise ValidationError(self.env._("The year of the record numbers is not valid."))
            if query.number_from and query.number_to and query.number_from > query.number_to:
                raise ValidationError(self.env._("The number range is reversed: the first number is above the last."))
            if query.date_from and query.date_to and query.date_from > query.date_to:
                raise ValidationError(self.env._("The date range is reversed: the first date is after the last."))

    def _ids_in_number_range(self):
        """Record numbers are the sequence part of the invoice name (INV/2026/00042 -> 42), counted again every
        year: the range is that of one year, never every year's records with those numbers."""
        if not self.year:
            raise UserError(self.env._("Choose the year of the record numbers."))
        moves = self.env["account.move"].search(
            [
                ("salon_record", "=", True),
                ("move_type", "=", "out_invoice"),
                ("sequence_number", ">=", max(self.number_from, 1)),
                ("sequence_number", "<=", self.number_to or 10**9),
                ("date", ">=", date(self.year, 1, 1)),
                ("date", "<=", date(self.year, 12, 31)),
            ]
        )
        return moves.ids

    def action_search(self):
        domain = self._get_domain()
        limit = 50 if self.mode == "last" else None
        moves = self.env["account.move"].search(domain, order="create_date desc, id desc", limit=limit)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Sales records"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("id", "in", moves.ids)],
            "context": {"default_move_type": "out_invoice"},
        }
