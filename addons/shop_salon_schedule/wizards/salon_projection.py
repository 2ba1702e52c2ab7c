from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SalonProjection(models.TransientModel):
    """Future projections from the agenda: expected revenue and counts from a date on."""

    _name = "salon.projection"
    _description = "Salon projections"

    date_from = fields.Date("From", required=True, default=fields.Date.context_today)
    date_to = fields.Date("To", required=True)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from < fields.Date.context_today(wizard):
                raise ValidationError(self.env._("Projections start today or later."))
            if wizard.date_to < wizard.date_from:
                raise ValidationError(self.env._("The end date is before the start date."))

    def _get_domain(self):
        """Domain of the `salon.projection.report` rows of the period."""
        self.ensure_one()
        return [
            ("date", ">=", fields.Datetime.to_datetime(self.date_from)),
            ("date", "<", fields.Datetime.to_datetime(fields.Date.add(self.date_to, days=1))),
        ]

    def action_open(self):
        """Pivot of the expected revenue per professional, to regroup by service or gender."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("shop_salon_schedule.salon_projection_report_action")
        action["domain"] = self._get_domain()
        return action
