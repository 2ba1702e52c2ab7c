from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError


class ShopUserWizard(models.TransientModel):
    """The shop's own user management: a shop users manager (the owner, salon ROOT) creates users, gives and
    takes shop roles and archives users, without any of Odoo's administration rights. Every assignment is
    checked here, on the server: only the shop's own groups, never an administrator's account."""

    _name = "shop.user.wizard"
    _description = "Shop users and roles"

    user_id = fields.Many2one(
        "res.users",
        domain=[("share", "=", False)],
        help="Leave empty to create a new user.",
    )
    name = fields.Char()
    login = fields.Char(help="The e-mail address or name the user logs in with.")
    email = fields.Char()
    # No field domain: a many2many reads through its domain, which would hide a foreign group from the check.
    group_ids = fields.Many2many("res.groups", string="Shop roles")
    role_ids = fields.Many2many("res.groups", string="Available roles", compute="_compute_role_ids")
    active = fields.Boolean(default=True, help="Untick to archive the user: their history stays.")

    @api.model
    def _shop_role_domain(self):
        return [("category_id", "child_of", self.env.ref("shop_base.module_category_shop").id)]

    @api.model
    def _shop_roles(self):
        return self.env["res.groups"].sudo().search(self._shop_role_domain())

    def _compute_role_ids(self):
        self.role_ids = self._shop_roles()

    @api.onchange("user_id")
    def _onchange_user_id(self):
        user = self.user_id
        if user:
            self.name, self.login, self.email = user.name, user.login, user.email
            self.active = user.active
            self.group_ids = user.groups_id & self._shop_roles()

    def _check_shop_user_manager(self):
        if not self.env.user.has_group("shop_base.group_shop_user_manager"):
            raise AccessError(self.env._("Only a shop users manager may manage the shop's users."))

    def _check_assignment(self):
        roles = self._shop_roles()
        foreign = self.group_ids - roles
        if foreign:
            raise AccessError(
                self.env._(
                    "Only shop roles can be given here, not: %(groups)s", groups=", ".join(foreign.mapped("full_name"))
                )
            )
        user = self.user_id.sudo()
        if user and (user._is_admin() or user.has_group("base.group_erp_manager") or user.share):
            raise AccessError(self.env._("The account of %(user)s is not managed here.", user=user.name))
        if not user and not (self.name and self.login):
            raise UserError(self.env._("A new user needs a name and a login."))

    def action_apply(self):
        self.ensure_one()
        self._check_shop_user_manager()
        self._check_assignment()
        roles = self._shop_roles()
        vals = {"name": self.name, "login": self.login, "email": self.email, "active": self.active}
        vals = {k: v for k, v in vals.items() if v or k == "active"}
        # sudo: shop users managers have no write access to res.users (it would let them give any group);
        # _check_assignment above allowed only the shop's roles on a non-administrator internal user.
        if self.user_id:
            user = self.user_id.sudo()
            removed = (user.groups_id & roles) - self.group_ids
            user.write(
                {
                    **vals,
                    "groups_id": [Command.unlink(g.id) for g in removed] + [Command.link(g.id) for g in self.group_ids],
                }
            )
        else:
            user = (
                self.env["res.users"]
                .sudo()
                .with_context(no_reset_password=True)
                .create(
                    {
                        **vals,
                        "groups_id": [Command.link(self.env.ref("base.group_user").id)]
                        + [Command.link(g.id) for g in self.group_ids],
                    }
                )
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(user)s saved with roles: %(roles)s",
                    user=user.name,
                    roles=", ".join((user.groups_id & roles).mapped("name")) or "-",
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
