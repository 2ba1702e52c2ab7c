from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_pt_br_translations(self):
        """Screens and e-mails ship in Portuguese."""
        self.env["res.lang"]._activate_lang("pt_BR")
        self.env["ir.module.module"]._load_module_terms(["shop_repairs"], ["pt_BR"], overwrite=True)
        template = self.env.ref("shop_repairs.mail_template_repair_quote").with_context(lang="pt_BR")
        self.assertIn("orçamento do conserto", template.subject)
        self.assertIn("Aceitar ou recusar o orçamento", template.body_html)
        menu = self.env.ref("shop_repairs.repair_order_menu").with_context(lang="pt_BR")
        self.assertEqual(menu.name, "Bancada de consertos")
