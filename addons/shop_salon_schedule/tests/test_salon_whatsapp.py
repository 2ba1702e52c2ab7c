from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SalonCommon

# 17:30 UTC: 14:30 in São Paulo (UTC-3), 13:30 in Manaus (UTC-4)
START = datetime(2030, 3, 15, 17, 30)


@tagged("post_install", "-at_install")
class TestSalonWhatsapp(SalonCommon):
    """The appointment's WhatsApp button, pressed by the agenda: the number and the reminder's text."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("pt_BR")
        cls.env["ir.module.module"]._load_module_terms(["shop_base", "shop_salon_schedule"], ["pt_BR"], overwrite=True)
        cls.env.company.name = "Salão Teste"
        cls.env.company.partner_id.tz = False
        cls.calendar = cls.env["resource.calendar"].create({"name": "Salão", "tz": "America/Sao_Paulo"})
        cls.stylist.resource_calendar_id = cls.calendar
        cls.ana = cls.env["res.partner"].create(
            {"name": "Ana Souza", "lang": "pt_BR", "mobile": "(21) 99876-5432", "gender": "female"}
        )

    def _press(self, appointment):
        self.env.invalidate_all()  # what the agenda reads comes from the database, through its access rights
        action = appointment.with_user(self.agenda_user).action_shop_whatsapp()
        self.assertEqual((action["type"], action["target"]), ("ir.actions.act_url", "new"))
        parts = urlsplit(action["url"])
        self.assertEqual(f"{parts.scheme}://{parts.netloc}", "https://wa.me")
        return parts.path.strip("/"), parse_qs(parts.query)["text"][0]

    def test_reminder_on_the_salon_clock(self):
        appointment = self._book(start=START, services=self.haircut | self.nails, partner=self.ana)
        self.assertEqual(
            self._press(appointment),
            (
                "5521998765432",
                "Olá, Ana! Lembrete do seu horário no dia 15/03/2030 às 14:30: Corte, Unhas com Cabeleireira. "
                "Até breve!\nSalão Teste",
            ),
        )

    def test_time_zone_of_the_professional_else_the_company_else_sao_paulo(self):
        self.calendar.tz = "America/Manaus"
        appointment = self._book(start=START, partner=self.ana)
        self.assertIn("no dia 15/03/2030 às 13:30: Corte com Cabeleireira.", self._press(appointment)[1])
        self.stylist.resource_calendar_id = False
        self.env.company.partner_id.tz = "America/Manaus"
        self.assertIn("às 13:30", self._press(appointment)[1])
        self.env.company.partner_id.tz = False
        self.assertIn("às 14:30", self._press(appointment)[1])

    def test_name_on_the_salon_clock(self):
        """The appointment's name (agenda, chatter, e-mails) gives the time the client comes, not UTC's."""
        appointment = self._book(start=START, partner=self.ana)
        self.assertEqual(appointment.name, "Ana Souza 15/03/2030 14:30")
        self.calendar.tz = "America/Manaus"
        appointment.start = START + timedelta(hours=1)
        self.assertEqual(appointment.name, "Ana Souza 15/03/2030 14:30")

    def test_english_client(self):
        self.env["res.lang"]._activate_lang("en_US")
        self.ana.write({"lang": "en_US", "mobile": "+1 415 555 0100"})
        number, text = self._press(self._book(start=START, partner=self.ana))
        self.assertEqual(number, "14155550100")
        self.assertTrue(text.startswith("Hello Ana! A reminder of your appointment on 03/15/2030 at 2:30"), text)

    def test_client_without_number(self):
        appointment = self._book(start=START)  # the common client has no number
        with self.assertRaisesRegex(UserError, "Cliente não tem celular nem telefone"):
            appointment.with_user(self.agenda_user).with_context(lang="pt_BR").action_shop_whatsapp()
