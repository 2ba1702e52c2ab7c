from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _shop_home_actions(self):
        """Where each shop role lands after logging in.

        A list of ``(sequence, group_xmlid, action_xmlid)``; each addon appends its own. A user lands on the
        action of the lowest sequence among the groups they hold.
        """
        return []

    def _shop_home_action(self):
        """The landing action of this user's shop role, or an empty recordset."""
        self.ensure_one()
        for _seq, group, xmlid in sorted(self._shop_home_actions()):
            action = self.env.ref(xmlid, raise_if_not_found=False)
            if action and self.has_group(group):
                return action
        return self.env["ir.actions.actions"]

    def _shop_refresh_home_action(self):
        """Set the home action of users who have none, or whose home action is a shop landing: a user's own
        choice of another home action is kept."""
        landings = {xmlid for _seq, _group, xmlid in self._shop_home_actions()}
        landing_ids = {a.id for a in (self.env.ref(x, raise_if_not_found=False) for x in landings) if a}
        for user in self.filtered(lambda u: not u.share):
            current = user.sudo().action_id
            if current and current.id not in landing_ids:
                continue
            target = user._shop_home_action()
            if target.id != current.id:
                # sudo: the landing follows the roles, whoever changed them (a shop users manager may not
                # write res.users); only action_id is written.
                user.sudo().action_id = target.id or False

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._shop_refresh_home_action()
        return users

    def write(self, vals):
        res = super().write(vals)
        if any(key == "groups_id" or key.startswith(("in_group_", "sel_groups_")) for key in vals):
            self._shop_refresh_home_action()
        return res

    def _update_last_login(self):
        # An addon installed after the user was made adds its landing: apply it at the next login.
        self._shop_refresh_home_action()
        return super()._update_last_login()
