from urllib.parse import parse_qs, urlsplit

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.misc import format_amount

from .common import RepairCommon


@tagged("post_install", "-at_install")
class TestRepairWhatsapp(RepairCommon):
    """The repair's WhatsApp button, pressed by the repair's technician: the number and the text of the link."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("pt_BR")
        cls.env["ir.module.module"]._load_module_terms(["shop_base", "shop_repairs"], ["pt_BR"], overwrite=True)
        cls.env.company.name = "Loja Teste"
        cls.customer.write(
            {
                "name": "Maria da Silva",
                "lang": "pt_BR",
                "mobile": "(11) 98765-4321",
                "country_id": cls.env.ref("base.br").id,
            }
        )

    def _press(self, repair, user=None):
        self.env.invalidate_all()  # what the user reads comes from the database, through the record rules
        action = repair.with_user(user or self.technician).action_shop_whatsapp()
        self.assertEqual((action["type"], action["target"]), ("ir.actions.act_url", "new"))
        parts = urlsplit(action["url"])
        self.assertEqual(f"{parts.scheme}://{parts.netloc}", "https://wa.me")
        return parts.path.strip("/"), parse_qs(parts.query)["text"][0]

    def test_quote_ready_with_its_link(self):
        repair = self._repair()
        # the manager sends the quote of the technician's repair: the quotation is the manager's
        repair.with_user(self.manager).action_send_quote()
        order = repair.sale_order_id
        number, text = self._press(repair)
        self.assertEqual(number, "5511987654321")
        amount = format_amount(self.env(context={"lang": "pt_BR"}), order.amount_total, order.currency_id)
        self.assertIn(f"Olá, Maria! O orçamento do reparo {repair.name} (Celular X) está pronto: {amount}.", text)
        self.assertIn(f"Veja e aprove ou recuse aqui: {order.get_base_url()}{order.get_portal_url()}", text)
        self.assertIn("access_token=", text)
        self.assertTrue(text.endswith("\nLoja Teste"))

    def test_device_ready_for_pickup(self):
        repair = self._repair()
        as_tech = repair.with_user(self.technician)
        as_tech.action_send_quote()
        repair.sale_order_id.action_confirm()  # the customer signs on the portal
        as_tech.action_repair_start()
        repair.move_ids.write({"quantity": 1, "picked": True})
        as_tech.action_repair_end()
        self.assertEqual(repair.shop_stage, "ready")
        self.assertEqual(
            self._press(repair),
            (
                "5511987654321",
                f"Olá, Maria! Boa notícia: o reparo {repair.name} (Celular X) foi concluído e seu aparelho está pronto "
                "para retirada.\nLoja Teste",
            ),
        )

    def test_declined_quote_and_other_stages(self):
        repair = self._repair()
        _number, text = self._press(repair)
        self.assertEqual(
            text, f"Olá, Maria! Novidades sobre o reparo {repair.name} (Celular X): Em diagnóstico.\nLoja Teste"
        )
        repair.with_user(self.technician).action_send_quote()
        repair.sale_order_id._action_cancel()  # the customer declines on the portal
        _number, text = self._press(repair)
        self.assertIn("não foi aprovado: seu aparelho está aguardando a retirada na loja.", text)

    def test_english_customer(self):
        self.customer.write({"lang": "en_US", "name": "John Smith", "mobile": "+1 415 555 0100"})
        repair = self._repair()
        repair.with_user(self.technician).action_send_quote()
        number, text = self._press(repair)
        self.assertEqual(number, "14155550100")
        self.assertTrue(text.startswith(f"Hello John! The quote of repair {repair.name} (Celular X) is ready: "), text)

    def test_customer_without_number(self):
        self.customer.mobile = False
        repair = self._repair()
        with self.assertRaisesRegex(UserError, "Maria da Silva não tem celular nem telefone"):
            repair.with_user(self.technician).with_context(lang="pt_BR").action_shop_whatsapp()
        repair.partner_id = False
        with self.assertRaisesRegex(UserError, "Set the customer first"):
            repair.with_user(self.technician).action_shop_whatsapp()
