from odoo import api, fields, models
from odoo.exceptions import AccessError

from .salon_guard import REGISTRY, can_manage_users, check_salon_loyalty, check_salon_root, check_salon_unlink

# the client's gender (partner_contact_gender's values) as the salon's reports show it, with the salon's labels
GENDER_SELECTION = [("male", "Male"), ("female", "Female"), ("other", "Other")]


class ResPartner(models.Model):
    _inherit = "res.partner"

    salon_loyal = fields.Boolean(
        "Loyal client", copy=False, tracking=True, help="Loyal clients may get a discount of up to 20%."
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_salon_loyalty(self.env, vals, creating=True)
        return super().create(vals_list)

    def write(self, vals):
        check_salon_root(self.env, vals)
        if "email" in vals:
            self._check_salon_user_email()
        return super().write(vals)

    def unlink(self):
        check_salon_unlink(self.env)
        return super().unlink()

    def _check_salon_user_email(self):
        """A user's e-mail is how a password reset reaches them: salon users who may not manage users cannot
        change it (their own excepted), or they could take the account over."""
        if can_manage_users(self.env) or not self.env.user.has_group(REGISTRY):
            return
        others = self - self.env.user.partner_id
        # every user counts, archived and portal ones included, whatever the salon user may read of them
        if others.sudo().with_context(active_test=False).user_ids:
            raise AccessError(self.env._("Only user managers can change the e-mail of a partner who has a user."))
