from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestShopUsers(TransactionCase):
    """The owner manages the shop's users and roles without any of Odoo's administration rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = new_test_user(cls.env, "owner_u", groups="base.group_user,shop_base.group_shop_owner")
        cls.manager_group = cls.env.ref("shop_base.group_shop_user_manager")
        cls.role = cls.env["res.groups"].create(
            {"name": "Test shop role", "category_id": cls.env.ref("shop_base.module_category_shop").id}
        )

    def _wizard(self, user, **vals):
        return self.env["shop.user.wizard"].with_user(user).create(vals)

    def test_owner_is_no_odoo_administrator(self):
        self.assertFalse(self.owner.has_group("base.group_erp_manager"))
        self.assertFalse(self.owner.has_group("base.group_system"))
        self.assertTrue(self.owner.has_group("shop_base.group_shop_user_manager"))

    def test_owner_creates_user_with_shop_role(self):
        with Form(self.env["shop.user.wizard"].with_user(self.owner)) as form:
            form.name = "Nova Técnica"
            form.login = "nova_tecnica"
            form.group_ids.add(self.role)
            wizard = form.save()
        wizard.action_apply()
        user = self.env["res.users"].search([("login", "=", "nova_tecnica")])
        self.assertTrue(user.has_group("base.group_user"))
        self.assertIn(self.role, user.groups_id)

    def test_owner_takes_a_role_back_and_archives(self):
        user = new_test_user(self.env, "staff_u", groups="base.group_user")
        user.groups_id = [Command.link(self.role.id)]
        self._wizard(self.owner, user_id=user.id, group_ids=[], active=False).action_apply()
        self.assertNotIn(self.role, user.groups_id)
        self.assertFalse(user.active)

    def test_no_administrator_group_through_the_wizard(self):
        wizard = self._wizard(
            self.owner, name="X", login="x_admin", group_ids=[Command.link(self.env.ref("base.group_system").id)]
        )
        with self.assertRaises(AccessError):
            wizard.action_apply()
        self.assertFalse(self.env["res.users"].search([("login", "=", "x_admin")]))

    def test_no_change_to_an_administrator(self):
        admin = self.env.ref("base.user_admin")
        wizard = self._wizard(self.owner, user_id=admin.id, login="taken_over", group_ids=[])
        with self.assertRaises(AccessError):
            wizard.action_apply()
        self.assertNotEqual(admin.login, "taken_over")

    def test_no_direct_write_on_users(self):
        user = new_test_user(self.env, "staff_v", groups="base.group_user")
        with self.assertRaises(AccessError):
            user.with_user(self.owner).write({"groups_id": [Command.link(self.env.ref("base.group_system").id)]})
        with self.assertRaises(AccessError):
            self.env["res.users"].with_user(self.owner).create({"name": "Y", "login": "y_direct"})

    def test_only_managers_use_the_wizard(self):
        clerk = new_test_user(self.env, "clerk_u", groups="base.group_user")
        with self.assertRaises(AccessError):
            self._wizard(clerk, name="Z", login="z_clerk").action_apply()


@tagged("post_install", "-at_install")
class TestHomeAction(TransactionCase):
    """Each role lands on its work: the landing follows the roles, a user's own home action is kept."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.group = cls.env["res.groups"].create({"name": "Landing role"})
        cls.action = cls.env["ir.actions.act_window"].create({"name": "Landing", "res_model": "res.partner"})
        cls.other_action = cls.env["ir.actions.act_window"].create({"name": "Mine", "res_model": "res.partner"})
        cls.env["ir.model.data"].create(
            [
                {"module": "shop_base_test", "name": "landing_group", "model": "res.groups", "res_id": cls.group.id},
                {
                    "module": "shop_base_test",
                    "name": "landing_action",
                    "model": "ir.actions.act_window",
                    "res_id": cls.action.id,
                },
            ]
        )
        Users = type(cls.env["res.users"])
        cls.classPatch(
            Users,
            "_shop_home_actions",
            lambda self: [(1, "shop_base_test.landing_group", "shop_base_test.landing_action")],
        )

    def test_role_given_sets_landing(self):
        user = new_test_user(self.env, "landing_u", groups="base.group_user")
        self.assertFalse(user.action_id)
        user.groups_id = [Command.link(self.group.id)]
        self.assertEqual(user.action_id.id, self.action.id)

    def test_own_choice_kept(self):
        user = new_test_user(self.env, "landing_v", groups="base.group_user")
        user.action_id = self.other_action.id
        user.groups_id = [Command.link(self.group.id)]
        self.assertEqual(user.action_id.id, self.other_action.id)

    def test_landing_at_login(self):
        """A user who got the role before the addon with the landing was installed lands there at login."""
        user = new_test_user(self.env, "landing_w", groups="base.group_user")
        user.groups_id = [Command.link(self.group.id)]
        self.env.cr.execute("UPDATE res_users SET action_id = NULL WHERE id = %s", [user.id])
        self.env.invalidate_all()
        user.with_user(user)._update_last_login()
        self.assertEqual(user.action_id.id, self.action.id)
