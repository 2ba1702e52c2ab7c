from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SalonStatisticsExport(models.TransientModel):
    """The salon's statistics as one Excel workbook: sales, projections and the blacklist, one sheet each view."""

    _name = "salon.statistics.export"
    _description = "Salon statistics export"

    date_from = fields.Date("Sales from", help="Leave both sales dates empty for the whole period.")
    date_to = fields.Date("Sales to")
    projection_to = fields.Date(
        "Projections until",
        required=True,
        default=lambda self: fields.Date.context_today(self) + relativedelta(days=30),
    )

    @api.constrains("date_from", "date_to", "projection_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from and wizard.date_to and wizard.date_to < wizard.date_from:
                raise ValidationError(self.env._("The date range is reversed: the first date is after the last."))
            if wizard.projection_to < fields.Date.context_today(wizard):
                raise ValidationError(self.env._("Projections end today or later."))

    @api.model
    def _sales_domain(self, date_from=None, date_to=None):
        domain = []
        if date_from:
            domain.append(("date", ">=", date_from))
        if date_to:
            domain.append(("date", "<=", date_to))
        return domain

    @api.model
    def _projection_domain(self, projection_to):
        today = fields.Date.context_today(self)
        return [
            ("date", ">=", fields.Datetime.to_datetime(today)),
            ("date", "<", fields.Datetime.to_datetime(fields.Date.add(projection_to, days=1))),
        ]

    def _export_options(self):
        """The export's options as the report's data: the download reads them there (read only, served by the
        read replica, which may not have this record yet)."""
        self.ensure_one()
        return {
            "date_from": fields.Date.to_string(self.date_from) or False,
            "date_to": fields.Date.to_string(self.date_to) or False,
            "projection_to": fields.Date.to_string(self.projection_to),
        }

    def action_export_xlsx(self):
        self.ensure_one()
        report = self.env.ref("shop_salon_schedule.salon_statistics_xlsx_action")
        return report.report_action(None, data=self._export_options(), config=False)
