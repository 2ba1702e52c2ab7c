from odoo import api, models
from odoo.exceptions import AccessError, UserError

ROOT = "shop_salon_schedule.group_salon_root"
REGISTRY = "shop_salon_schedule.group_salon_registry"
# employee fields the salon's registry may not set: they tie a professional to a user account or to a partner
PROFESSIONAL_PROTECTED_FIELDS = {"user_id", "work_contact_id"}


def is_salon_registry_only(env):
    """A salon user below ROOT (checked on the server whatever the client sends)."""
    return not env.su and env.user.has_group(REGISTRY) and not env.user.has_group(ROOT)


def check_salon_root(env, vals):
    """Only ROOT archives/reactivates records and sets loyalty; other salon users are refused, whatever
    the client sends (the fields are also read-only in their views)."""
    check_salon_loyalty(env, vals)
    if is_salon_registry_only(env) and "active" in vals:
        raise AccessError(env._("Only ROOT users can archive or reactivate records."))


def check_salon_loyalty(env, vals, creating=False):
    """Only ROOT makes a client loyal, at creation too, whatever other groups the user has."""
    if env.su or ("salon_loyal" not in vals if not creating else not vals.get("salon_loyal")):
        return
    if not env.user.has_group(ROOT):
        raise AccessError(env._("Only ROOT users can make a client loyal or remove loyalty."))


def check_salon_unlink(env):
    if is_salon_registry_only(env):
        raise AccessError(env._("Only ROOT users can delete records; archive them instead."))


def can_manage_users(env):
    return env.su or any(
        env.user.has_group(group) for group in ("base.group_erp_manager", "shop_base.group_shop_user_manager")
    )


class ProductProductGuard(models.Model):
    _inherit = "product.product"

    def write(self, vals):
        check_salon_root(self.env, vals)
        return super().write(vals)


class HrEmployeeGuard(models.Model):
    _inherit = "hr.employee"

    def _check_salon_professional_vals(self, vals):
        """The registry registers professionals: their work data, never their link to a user or a partner (the
        private fields are HR officers' by their own groups)."""
        if not self.env.su and not self.env.user.has_group("hr.group_hr_user"):
            protected = PROFESSIONAL_PROTECTED_FIELDS & vals.keys()
            if protected and self.env.user.has_group(REGISTRY):
                raise AccessError(
                    self.env._("You may not change these fields of a professional: %s", ", ".join(sorted(protected)))
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_salon_professional_vals(vals)
        if self.env.su or self.env.user.has_group("hr.group_hr_user") or not self.env.user.has_group(REGISTRY):
            return super().create(vals_list)
        # The registry registers professionals without being an HR officer: its right to create employees and to
        # set each given field is checked here, for the user; what HR apps add to a new employee on their own
        # (e.g. hr_skills' first resume line, restricted to one's own employee) is then done as superuser.
        self.check_access("create")
        for vals in vals_list:
            self.check_field_access_rights("create", list(vals))
        return super(HrEmployeeGuard, self.sudo()).create(vals_list).with_env(self.env)

    def write(self, vals):
        check_salon_root(self.env, vals)
        self._check_salon_professional_vals(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_salon_history(self):
        """The professional named on sales records stays: the salon's history and statistics need them."""
        # the records' lines are looked up whatever the deleting user may read of the sales records
        if self.env["account.move.line"].sudo().search_count([("salon_employee_id", "in", self.ids)], limit=1):
            raise UserError(
                self.env._("A professional named on sales records cannot be deleted: archive them instead.")
            )
