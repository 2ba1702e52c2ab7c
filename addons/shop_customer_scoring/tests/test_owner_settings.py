from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import ScoringCase


@tagged("post_install", "-at_install")
class TestOwnerSettings(ScoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program = cls.env["loyalty.program"].create(
            {
                "name": "Cupom de aniversário",
                "program_type": "coupons",
                "reward_ids": [Command.create({"reward_type": "discount", "discount": 15})],
            }
        )

    def test_owner_saves_settings(self):
        """Loja › Configuração › Pontuação de clientes: the owner, who is no system administrator, opens the
        settings, changes them and saves."""
        self.assertFalse(self.owner.has_group("base.group_system"))
        with Form(self.env["shop.scoring.settings"].with_user(self.owner)) as form:
            self.assertEqual((form.payment_weight, form.buying_weight, form.reminder_interval_days), (60.0, 40.0, 7))
            form.payment_weight = 70
            form.buying_weight = 30
            form.positive_threshold = 80
            form.min_invoices = 2
            form.reminder_interval_days = 3
            form.promotion_program_id = self.program
            self.assertEqual((form.no_show_penalty, form.late_cancel_penalty), (10.0, 5.0))
            form.no_show_penalty = 15
            form.late_cancel_penalty = 0
        action = form.record.action_save()
        self.assertEqual(action["params"]["type"], "success")
        params = self.env["res.partner"]._shop_score_params()
        self.assertEqual(
            (params.payment_weight, params.buying_weight, params.positive_threshold, params.min_invoices),
            (70.0, 30.0, 80.0, 2),
        )
        self.assertEqual((params.no_show_penalty, params.late_cancel_penalty), (15.0, 0.0))
        get = self.env["ir.config_parameter"].get_param
        self.assertEqual(get("shop_customer_scoring.reminder_interval_days"), "3")
        self.assertEqual(self.env["res.partner"]._shop_promotion_program(), self.program)
        reopened = self.env["shop.scoring.settings"].with_user(self.owner).create({})
        self.assertRecordValues(reopened, [{"payment_weight": 70.0, "promotion_program_id": self.program.id}])

    def test_owner_cannot_save_nonsense(self):
        settings = self.env["shop.scoring.settings"].with_user(self.owner)
        with self.assertRaisesRegex(ValidationError, "add up to 100"):
            settings.create({"payment_weight": 80, "buying_weight": 40})
        with self.assertRaisesRegex(ValidationError, "at least one day"):
            settings.create({"reminder_interval_days": 0})
        with self.assertRaisesRegex(ValidationError, "penalties cannot be negative"):
            settings.create({"no_show_penalty": -5})

    def test_other_staff_cannot_change_settings(self):
        with self.assertRaises(AccessError):
            self.env["shop.scoring.settings"].with_user(self.clerk).create({"payment_weight": 10, "buying_weight": 90})
        self.assertEqual(self.env["res.partner"]._shop_score_params().payment_weight, 60.0)
