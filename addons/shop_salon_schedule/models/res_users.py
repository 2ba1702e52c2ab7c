from odoo import Command, api, models

from .salon_appointment import PENDING_BATCH_SIZE

AGENDA = "shop_salon_schedule.group_salon_agenda"

# Odoo groups the salon roles used to imply, and who keeps them (HR managers stay HR officers, Settings
# administrators keep Access Rights)
LEGACY_IMPLIED_GROUPS = (
    ("shop_salon_schedule.group_salon_root", "base.group_erp_manager", "base.group_system"),
    ("shop_salon_schedule.group_salon_registry", "hr.group_hr_user", "hr.group_hr_manager"),
)


class ResUsers(models.Model):
    _inherit = "res.users"

    def _shop_home_actions(self):
        """Agenda users land on the agenda, billing users on the pending sales records (agenda first)."""
        return [
            *super()._shop_home_actions(),
            (30, "shop_salon_schedule.group_salon_agenda", "shop_salon_schedule.salon_appointment_action"),
            (40, "shop_salon_schedule.group_salon_billing", "shop_salon_schedule.account_move_action_salon_pending"),
        ]

    def _update_last_login(self):
        """Logging in, an agenda user's pending appointments are marked (their companies', as they may write
        them; the cron marks the rest)."""
        res = super()._update_last_login()
        if self.env.user._is_internal() and self.env.user.has_group(AGENDA):
            self.env["salon.appointment"]._mark_pending(limit=PENDING_BATCH_SIZE)
        return res

    @api.model
    def _salon_revoke_legacy_groups(self):
        """Take back from salon users the Odoo groups their roles implied before (upgrade of a database): the
        users were given them with the role, and a group no longer implied stays on its users."""
        for role_xmlid, legacy_xmlid, keeper_xmlid in LEGACY_IMPLIED_GROUPS:
            legacy = self.env.ref(legacy_xmlid)
            keepers = self.env.ref(keeper_xmlid).users
            users = (self.env.ref(role_xmlid).users & legacy.users) - keepers
            users.write({"groups_id": [Command.unlink(legacy.id)]})
