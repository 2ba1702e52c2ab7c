from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_root_menu_translated(self):
        """The shared root menu is "Loja" for Portuguese speakers."""
        self.env["res.lang"]._activate_lang("pt_BR")
        self.env["ir.module.module"]._load_module_terms(["shop_base"], ["pt_BR"], overwrite=True)
        menu = self.env.ref("shop_base.shop_menu_root")
        self.assertEqual(menu.with_context(lang="pt_BR").name, "Loja")
        self.assertEqual(menu.with_context(lang="en_US").name, "Shop")

    def test_admin_is_owner(self):
        self.assertTrue(self.env.ref("base.user_admin").has_group("shop_base.group_shop_owner"))
