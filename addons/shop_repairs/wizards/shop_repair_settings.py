from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ShopRepairSettings(models.TransientModel):
    """The repair bench's settings, for repair managers (Odoo's Settings screen is for administrators only).

    Stored as system parameters `shop_repairs.<field>`, which the repairs and the daily cron read."""

    _name = "shop.repair.settings"
    _inherit = "shop.settings.mixin"
    _description = "Repair bench settings"
    _shop_param_prefix = "shop_repairs"
    _shop_settings_group = "shop_repairs.group_repair_manager"
    _shop_param_defaults = {
        "quote_validity_days": 7,
        "diagnosis_hours": 48,
        "reminder_interval_days": 7,
        "reminder_max": 3,
        "deposit_percent": 0,
        "abandon_policy": False,
    }

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

    def _shop_settings_read(self, name, default):
        if name == "abandon_policy":
            # the store's text, else the default policy in the manager's language
            return self.env["repair.order"]._shop_abandon_policy()
        return super()._shop_settings_read(name, default)

    @api.constrains(
        "quote_validity_days", "diagnosis_hours", "reminder_interval_days", "reminder_max", "deposit_percent"
    )
    def _check_values(self):
        self._shop_settings_check()

    def _shop_settings_check(self):
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

    def _shop_settings_saved_message(self):
        return self.env._("The repair bench settings are saved.")
