from urllib.parse import parse_qs, urlsplit

from odoo.exceptions import UserError
from odoo.tests import BaseCase, TransactionCase, new_test_user, tagged

from ..models.shop_whatsapp_mixin import whatsapp_number, whatsapp_url


def split_whatsapp_url(url):
    """(number, text) of a wa.me link."""
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc) == ("https", "wa.me"), url
    return parts.path.strip("/"), parse_qs(parts.query)["text"][0]


@tagged("post_install", "-at_install")
class TestWhatsappLink(BaseCase):
    """The number and the text of the link, as plain functions."""

    def test_brazilian_numbers(self):
        for phone, number in [
            ("(11) 98765-4321", "5511987654321"),
            ("11987654321", "5511987654321"),
            ("(11) 3456-7890", "551134567890"),  # a landline: area code and 8 digits
            ("+55 11 98765-4321", "5511987654321"),
            ("55 11 98765-4321", "5511987654321"),  # the country code without "+"
            ("011 98765-4321", "5511987654321"),  # the long-distance 0
            ("0 21 11 98765-4321", "5511987654321"),  # 0 and a carrier code
            ("+1 415 555 0100", "14155550100"),  # another country's number keeps its code
            (" +351 912 345 678 ", "351912345678"),
        ]:
            with self.subTest(phone=phone):
                self.assertEqual(whatsapp_number(phone), number)

    def test_numbers_that_cannot_be_dialled(self):
        for phone in ["", None, "   ", "abc", "98765-4321", "00 1 415 555 0100", "+12"]:
            with self.subTest(phone=phone):
                self.assertEqual(whatsapp_number(phone), "")
                self.assertEqual(whatsapp_url(phone, "Olá"), "")

    def test_text_is_encoded(self):
        quote_url = "https://loja.example.com/my/orders/7?access_token=a1-b2&x=1"
        text = f"Olá, João! Seu orçamento está pronto: R$\N{NO-BREAK SPACE}400,00\nVeja aqui: {quote_url}"
        url = whatsapp_url("(11) 98765-4321", text)
        self.assertTrue(url.startswith("https://wa.me/5511987654321?text="))
        encoded = url.split("?text=", 1)[1]
        for raw in (" ", "\n", "&", "?", "=", "/", ":"):
            self.assertNotIn(raw, encoded, "every reserved character is percent-encoded")
        self.assertIn("Ol%C3%A1", encoded, "UTF-8")
        self.assertIn("%0A", encoded, "the line break")
        self.assertEqual(split_whatsapp_url(url), ("5511987654321", text))


@tagged("post_install", "-at_install")
class TestPartnerWhatsapp(TransactionCase):
    """The contact's WhatsApp button, pressed by an internal user of the shop."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("pt_BR")
        cls.env["ir.module.module"]._load_module_terms(["shop_base"], ["pt_BR"], overwrite=True)
        cls.env.company.name = "Loja Teste"
        cls.user = new_test_user(cls.env, "atendente_wa", groups="base.group_user", lang="en_US")
        brazil = cls.env.ref("base.br")
        cls.maria = cls.env["res.partner"].create(
            {
                "name": "Maria da Silva",
                "lang": "pt_BR",
                "country_id": brazil.id,
                "phone": "(11) 3456-7890",
                "mobile": "(11) 98765-4321",
            }
        )
        cls.john = cls.env["res.partner"].create({"name": "John Smith", "lang": "en_US", "phone": "+1 415 555 0100"})
        cls.nobody = cls.env["res.partner"].create({"name": "Sem Telefone", "lang": "pt_BR"})

    def _press(self, partner):
        action = partner.with_user(self.user).action_shop_whatsapp()
        self.assertEqual((action["type"], action["target"]), ("ir.actions.act_url", "new"))
        return split_whatsapp_url(action["url"])

    def test_greeting_in_the_customer_language(self):
        self.assertEqual(
            self._press(self.maria), ("5511987654321", "Olá, Maria! Tudo bem? Aqui é a equipe Loja Teste.")
        )
        self.assertEqual(self._press(self.john), ("14155550100", "Hello John! This is the Loja Teste team."))

    def test_phone_when_no_mobile(self):
        self.maria.mobile = False
        self.assertEqual(self._press(self.maria)[0], "551134567890")

    def test_no_number(self):
        with self.assertRaisesRegex(UserError, "Sem Telefone has no mobile or phone number"):
            self.nobody.with_user(self.user).action_shop_whatsapp()
        # the user reads the message in their own language (the web client's context)
        with self.assertRaisesRegex(UserError, "Sem Telefone não tem celular nem telefone"):
            self.nobody.with_user(self.user).with_context(lang="pt_BR").action_shop_whatsapp()

    def test_number_without_area_code(self):
        self.maria.write({"mobile": "98765-4321", "phone": False})
        with self.assertRaisesRegex(UserError, "cannot be used on WhatsApp"):
            self.maria.with_user(self.user).action_shop_whatsapp()
