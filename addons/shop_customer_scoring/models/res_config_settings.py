from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .scoring import ScoreParams

P = "shop_customer_scoring."


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    shop_payment_weight = fields.Float("Payment weight", config_parameter=P + "payment_weight", default=60.0)
    shop_buying_weight = fields.Float("Buying weight", config_parameter=P + "buying_weight", default=40.0)
    shop_positive_threshold = fields.Float(
        "Good customer from score", config_parameter=P + "positive_threshold", default=70.0
    )
    shop_negative_threshold = fields.Float(
        "Debtor below score", config_parameter=P + "negative_threshold", default=40.0
    )
    shop_negative_overdue_days = fields.Integer(
        "Debtor after days overdue", config_parameter=P + "negative_overdue_days", default=30
    )
    shop_min_invoices = fields.Integer(
        "Invoices needed to be a good customer", config_parameter=P + "min_invoices", default=3
    )
    shop_amount_reference = fields.Float(
        "Yearly amount of a top customer", config_parameter=P + "amount_reference", default=5000.0
    )
    shop_reminder_interval_days = fields.Integer(
        "Days between debt reminders", config_parameter=P + "reminder_interval_days", default=7
    )
    shop_promotion_program_id = fields.Many2one(
        "loyalty.program", string="Promotion program", config_parameter=P + "promotion_program_id"
    )

    @api.constrains("shop_payment_weight", "shop_buying_weight", "shop_positive_threshold", "shop_negative_threshold")
    def _check_shop_scoring(self):
        for settings in self:
            problems = ScoreParams(
                payment_weight=settings.shop_payment_weight,
                buying_weight=settings.shop_buying_weight,
                positive_threshold=settings.shop_positive_threshold,
                negative_threshold=settings.shop_negative_threshold,
                amount_reference=settings.shop_amount_reference or 1,
            ).check()
            if problems:
                raise ValidationError(self.env._("Customer scoring settings: %s.", "; ".join(problems)))
            program = settings.shop_promotion_program_id
            if program and not program.reward_ids:
                raise ValidationError(self.env._("The promotion program %s has no reward to offer.", program.name))
