from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _shop_home_actions(self):
        """Agenda users land on the agenda, billing users on the pending sales records (agenda first)."""
        return [
            *super()._shop_home_actions(),
            (30, "shop_salon_schedule.group_salon_agenda", "shop_salon_schedule.salon_appointment_action"),
            (40, "shop_salon_schedule.group_salon_billing", "shop_salon_schedule.account_move_action_salon_pending"),
        ]
