from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SalonBookingSettings(models.TransientModel):
    """Online booking settings of the salon, kept as system parameters ``shop_salon_booking.<field>`` and saved by
    the salon's ROOT group. Read anywhere with ``env["salon.booking.settings"]._salon_setting(name)``."""

    _name = "salon.booking.settings"
    _inherit = "shop.settings.mixin"
    _description = "Salon online booking settings"
    _shop_param_prefix = "shop_salon_booking"
    _shop_settings_group = "shop_salon_schedule.group_salon_root"
    _shop_param_defaults = {
        "cutoff_hours": 2,
        "blacklist_count": 3,
        "slot_minutes": 30,
        "booking_days": 30,
        "min_notice_hours": 1,
        "reminder_enabled": True,
        "reminder_hours": 24,
        "salon_phone": "",
    }

    cutoff_hours = fields.Integer(
        "Online changes until (hours before)",
        help="Clients may cancel or reschedule online until this many hours before the appointment; a "
        "cancellation after that counts as late.",
    )
    blacklist_count = fields.Integer(
        "Ask to call after (no-shows and late cancellations)",
        help="Clients with at least this many no-shows and late cancellations cannot book online: the page asks "
        "them to call the salon.",
    )
    slot_minutes = fields.Integer("Minutes between start times", help="Step between the times offered online.")
    booking_days = fields.Integer("Days ahead", help="How many days ahead clients can book online.")
    min_notice_hours = fields.Integer("Minimum notice (hours)", help="The earliest time offered is now plus this.")
    reminder_enabled = fields.Boolean("Send reminders", help="E-mail clients a reminder before their appointment.")
    reminder_hours = fields.Integer(
        "Reminder (hours before)", help="The reminder goes out for appointments starting within this many hours."
    )
    salon_phone = fields.Char("Salon phone", help="The number clients who cannot book online are asked to call.")

    @api.model
    def _salon_setting(self, name):
        """The value of setting ``name`` (its default when unset; the salon phone defaults to the company's)."""
        value = self._shop_settings_read(name, self._shop_param_defaults[name])
        if name == "salon_phone" and not value:
            value = self.env.company.phone or ""
        return value

    @api.constrains(*_shop_param_defaults)
    def _check_values(self):
        for settings in self:
            if settings.slot_minutes < 5 or settings.booking_days < 1 or settings.reminder_hours < 1:
                raise ValidationError(
                    self.env._(
                        "Start times need at least 5 minutes between them, and days ahead and the reminder at least 1."
                    )
                )
            if min(settings.cutoff_hours, settings.min_notice_hours) < 0 or settings.blacklist_count < 1:
                raise ValidationError(
                    self.env._("Hours cannot be negative and the blacklist needs at least one no-show.")
                )

    def _shop_settings_saved_message(self):
        return self.env._("The online booking settings are saved.")
