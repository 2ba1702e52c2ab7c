from odoo import api, fields, models
from odoo.exceptions import ValidationError

# field name -> (system parameter under shop_repairs., default)
PARAMS = {
    "quote_validity_days": 7,
    "diagnosis_hours": 48,
    "reminder_interval_days": 7,
    "reminder_max": 3,
    "deposit_percent": 0,
}


class ShopRepairSettings(models.TransientModel):
    """The repair bench's settings, for repair managers (Odoo's Settings screen is for administrators only).

    Stored as system parameters `shop_repairs.<field>`, which the repairs and the daily cron read."""

    _name = "shop.repair.settings"
    _description = "Repair bench settings"

    quote_validity_days = fields.Integer(
        "Quote validity (days)", help="Unanswered quotes expire after this many days and the customer is told."
    )
    diagnosis_hours = fields.Integer(
        "Diagnosis deadline (business hours)",
        help="Counted from the intake on the company's working calendar; an overdue diagnosis gets an activity.",
    )
    reminder_interval_days = fields.Integer(
        "Collection reminder every (days)", help="Days between two reminders to collect a declined or expired repair."
    )
    reminder_max = fields.Integer(
        "Collection reminders",
        help="After this many reminders the device is flagged abandoned and the final notice sent.",
    )
    deposit_percent = fields.Integer(
        "Deposit to accept a quote (%)",
        help="0: the customer accepts a repair quote by signing it. Above 0: the customer pays this share of the "
        "quote online to accept it, and the repair is confirmed once paid.",
    )
    abandon_policy = fields.Text(
        "Abandoned device notice", help="The store's policy, quoted in the final notice to the customer."
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        Repair = self.env["repair.order"]
        for name, default in PARAMS.items():
            values[name] = Repair._get_param(name, default)
        # managers may read the bench's own parameters
        values["abandon_policy"] = Repair._shop_abandon_policy()
        return values

    @api.constrains(*PARAMS)
    def _check_values(self):
        for settings in self:
            if (
                min(settings.quote_validity_days, settings.diagnosis_hours, settings.reminder_interval_days) < 1
                or settings.reminder_max < 0
                or not 0 <= settings.deposit_percent <= 100
            ):
                raise ValidationError(
                    self.env._(
                        "The quote validity, the diagnosis deadline and the reminder interval must be at least 1, "
                        "the number of reminders cannot be negative, and the deposit is a percentage from 0 to 100."
                    )
                )

    def action_save(self):
        self.ensure_one()
        params = self.env["ir.config_parameter"].sudo()  # only the shop_repairs.* keys below are written
        for name in PARAMS:
            params.set_param(f"shop_repairs.{name}", str(self[name]))
        params.set_param("shop_repairs.abandon_policy", self.abandon_policy or "")
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": self.env._("The repair bench settings are saved."),
                "type": "success",
                "sticky": False,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
