import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from lxml import html

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.shop_customer_scoring.tests.common import ScoringCase, pay

from ..hooks import post_init_hook

PIX_KEY = "71d6c6e1-64ea-4a11-9560-a10870c40ca2"


@tagged("post_install", "-at_install")
class TestPix(HttpCase, ScoringCase):
    """A Brazilian shop with a Pix key on its bank account: each overdue invoice of the debt reminder e-mail and
    the portal invoice page offer its Pix code (the EMV string of l10n_br's Pix QR code) and QR code."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.BRL").active = True
        cls.env.ref("base.EUR").active = True
        cls.company = cls.env.company
        cls.company.write({"country_id": cls.env.ref("base.br").id, "city": "São Paulo"})
        cls.bank = cls.env["res.partner.bank"].create(
            {
                "acc_number": "0001 12345-6",
                "partner_id": cls.company.partner_id.id,
                "proxy_type": "br_random",
                "proxy_value": PIX_KEY,
                "include_reference": True,
            }
        )
        cls.debtor = cls.env["res.partner"].create(
            {"name": "Devedora Silva", "email": "devedora@example.com", "lang": "en_US"}
        )
        cls.product = cls.env["product.product"].create({"name": "Escova", "type": "consu"})
        cls.brl_1000 = cls._invoice(1000.0, "BRL")
        cls.brl_250 = cls._invoice(250.5, "BRL")
        cls.eur = cls._invoice(80.0, "EUR")

    @classmethod
    def _invoice(cls, amount, currency, days_late=30):
        """A posted invoice of ``amount`` in ``currency`` to the debtor, due ``days_late`` days ago."""
        day = cls.today - timedelta(days=days_late + 10)
        invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.debtor.id,
                "currency_id": cls.env.ref(f"base.{currency}").id,
                "invoice_date": day,
                "invoice_payment_term_id": False,
                "invoice_line_ids": [
                    Command.create({"product_id": cls.product.id, "price_unit": amount, "tax_ids": [Command.clear()]})
                ],
            }
        )
        invoice.invoice_date_due = cls.today - timedelta(days=days_late)
        invoice.action_post()
        return invoice

    def _expected_code(self, invoice):
        """The Pix code l10n_br builds for what is left to pay on ``invoice`` (as the invoice PDF's QR code)."""
        return self.bank._get_qr_vals(
            "emv_qr",
            invoice.amount_residual,
            invoice.currency_id,
            invoice.partner_id,
            invoice.name,
            invoice.payment_reference,
        )

    def _send_reminder(self):
        """The debt reminder cron's e-mail to the debtor: (mail.mail, its body parsed)."""
        self._run_cron("_cron_send_debt_reminders")
        mail = self.env["mail.mail"].search([("recipient_ids", "in", self.debtor.ids)])
        self.assertEqual(len(mail), 1)
        return mail, html.fromstring(mail.body_html)

    def _pix_blocks(self, tree):
        """{invoice name: (code, QR image URL)} of the Pix rows of a reminder."""
        blocks = {}
        for row in tree.xpath("//tr[contains(@class, 'o_shop_pix')]"):
            invoice_row = row.getprevious()
            code = row.xpath(".//*[contains(@class, 'o_shop_pix_code')]")[0].text_content().strip()
            blocks[invoice_row.xpath(".//a")[0].text_content().strip()] = (code, row.xpath(".//img/@src")[0])
        return blocks

    def test_code_is_l10n_br_pix(self):
        """The code offered is l10n_br's Pix payload for the amount left: the key, BRL, the amount, BR."""
        code = self.brl_1000._shop_pix_values()["code"]
        self.assertEqual(code, self._expected_code(self.brl_1000))
        for part in ("000201", "0014br.gov.bcb.pix0136" + PIX_KEY, "5303986", "54071000.00", "5802BR", "6009SAO PAULO"):
            self.assertIn(part, code)
        pay(self.env, self.brl_250, self.today)
        self.assertEqual(self.brl_250._shop_pix_values(), {}, "nothing left to pay")
        self.assertEqual(self.eur._shop_pix_values(), {}, "Pix is in BRL only")

    def test_reminder_with_pix_key(self):
        """Each overdue BRL invoice of the e-mail has its Pix code and a QR image the mail client can load from
        Odoo's public barcode route; the EUR one has none."""
        mail, tree = self._send_reminder()
        self.assertEqual(mail.recipient_ids, self.debtor)
        blocks = self._pix_blocks(tree)
        self.assertEqual(set(blocks), {self.brl_1000.name, self.brl_250.name}, "no Pix for the invoice in EUR")
        self.assertIn(self.eur.name, mail.body_html, "still listed")
        for invoice in self.brl_1000 | self.brl_250:
            code, src = blocks[invoice.name]
            self.assertEqual(code, self._expected_code(invoice))
            url = urlsplit(src)
            self.assertEqual(f"{url.scheme}://{url.netloc}", invoice.get_base_url(), "an absolute URL")
            self.assertEqual(url.path, "/report/barcode/")
            self.assertEqual(parse_qs(url.query)["value"], [code])
            self.assertEqual(parse_qs(url.query)["barcode_type"], ["QR"])
            image = self.url_open(f"{url.path}?{url.query}")
            self.assertEqual(image.status_code, 200, "a visitor (the mail client) gets the image")
            self.assertEqual(image.headers["Content-Type"], "image/png")
            self.assertTrue(image.content.startswith(b"\x89PNG"))

    def test_reminder_in_portuguese(self):
        self.debtor.lang = "pt_BR"
        self.env["res.lang"]._activate_lang("pt_BR")
        mail, tree = self._send_reminder()
        self.assertIn("Pague com Pix", mail.body_html)
        self.assertEqual(len(self._pix_blocks(tree)), 2)

    def test_reminder_without_pix_key(self):
        """No Pix key on the company's account: the reminder is the one shop_customer_scoring sends."""
        self.bank.write({"proxy_type": "none", "proxy_value": False})
        mail, tree = self._send_reminder()
        self.assertFalse(tree.xpath("//*[contains(@class, 'o_shop_pix')]"))
        for text in ("br.gov.bcb.pix", "/report/barcode", "Pix"):
            self.assertNotIn(text, mail.body_html)
        for invoice in self.brl_1000 | self.brl_250 | self.eur:
            self.assertIn(invoice.name, mail.body_html)

    def test_reminder_button_of_the_owner(self):
        """The owner's "send reminder now" posts the same Pix block on the customer."""
        self.debtor.with_user(self.owner).action_shop_send_debt_reminder()
        message = self.debtor.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertEqual(len(message), 1)
        self.assertEqual(
            self._pix_blocks(html.fromstring(message.body))[self.brl_1000.name][0], self._expected_code(self.brl_1000)
        )

    def _portal_card(self, invoice):
        """The Pix card of ``invoice``'s portal page, opened by its customer with the e-mail's link."""
        response = self.url_open(invoice.get_portal_url())
        self.assertEqual(response.status_code, 200)
        self.assertIn(invoice.name, response.text)
        return html.fromstring(response.text).xpath("//div[contains(@class, 'o_shop_pix')]")

    def test_portal_invoice(self):
        new_test_user(self.env, "devedora", groups="base.group_portal", partner_id=self.debtor.id)
        self.authenticate("devedora", "devedora")
        (card,) = self._portal_card(self.brl_1000)
        code = card.xpath(".//input[contains(@class, 'o_shop_pix_code')]")[0]
        self.assertEqual(code.get("value"), self._expected_code(self.brl_1000))
        self.assertIsNotNone(code.get("readonly"))
        self.assertTrue(card.xpath(".//button[contains(@class, 'o_shop_pix_copy')]"))
        src = card.xpath(".//img/@src")[0]
        self.assertEqual(parse_qs(urlsplit(src).query)["value"], [code.get("value")])
        self.assertEqual(self.url_open(src).headers["Content-Type"], "image/png")
        self.assertFalse(self._portal_card(self.eur), "another currency: no Pix")
        pay(self.env, self.brl_250, self.today)
        self.assertFalse(self._portal_card(self.brl_250), "paid: no Pix")
        self.bank.write({"proxy_type": "none", "proxy_value": False})
        self.assertFalse(self._portal_card(self.brl_1000), "no Pix key: no Pix")

    def test_portal_copy_button(self):
        """The customer copies the code with the card's button (tour)."""
        self.start_tour(self.brl_1000.get_portal_url(), "shop_pix_portal_copy")

    def test_upgraded_translations_get_the_hook(self):
        """A database whose translated reminder predates the per-invoice hook gets it back at install."""
        template = self.env.ref("shop_customer_scoring.mail_template_debt_reminder")
        current = template.with_context(lang="pt_BR").body_html
        self.assertIn("Olá", current)
        stale = re.sub(r'<t t-call="shop_customer_scoring.debt_reminder_invoice_extra"\s*(/>|></t>)', "", current)
        template.with_context(lang="pt_BR").body_html = stale
        self.assertNotIn("debt_reminder_invoice_extra", template.with_context(lang="pt_BR").body_html)
        post_init_hook(self.env)
        self.assertEqual(template.with_context(lang="pt_BR").body_html, current)
