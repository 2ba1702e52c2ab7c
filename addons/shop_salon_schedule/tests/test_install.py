from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_module_installed(self):
        module = self.env["ir.module.module"].search([("name", "=", "shop_salon_schedule")])
        self.assertEqual(module.state, "installed")
        self.assertTrue(self.env.ref("shop_base.shop_menu_root"))
