from dataclasses import asdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..models.scoring import ScoreParams


class ShopScoringSettings(models.TransientModel):
    """Customer scoring settings for the shop owner (Odoo's Settings screen is for system administrators only).

    Stored as system parameters ``shop_customer_scoring.<field>``, which the scores, the crons and the
    e-mails read (``res.partner._shop_setting``)."""

    _name = "shop.scoring.settings"
    _inherit = "shop.settings.mixin"
    _description = "Customer scoring settings"
    _shop_param_prefix = "shop_customer_scoring"
    _shop_settings_group = "shop_base.group_shop_owner"
    # the score's parameters are ScoreParams' fields
    _shop_param_defaults = {**asdict(ScoreParams()), "reminder_interval_days": 7, "promotion_program_id": False}

    payment_weight = fields.Float("Payment weight", help="Share of the payment behaviour in the score.")
    buying_weight = fields.Float("Buying weight", help="Share of the buying behaviour; both weights add up to 100.")
    amount_reference = fields.Float(
        "Yearly amount of a top customer", help="Buying this much in 12 months gives full points for the amount."
    )
    positive_threshold = fields.Float("Good customer from score")
    negative_threshold = fields.Float("Debtor below score")
    negative_overdue_days = fields.Integer("Debtor after days overdue")
    min_invoices = fields.Integer("Invoices needed to be a good customer")
    no_show_penalty = fields.Float(
        "Points off per no-show", help="Each appointment missed without notice in 12 months lowers the score so much."
    )
    late_cancel_penalty = fields.Float(
        "Points off per late cancellation",
        help="Each appointment cancelled too late in 12 months lowers the score so much.",
    )
    reminder_interval_days = fields.Integer(
        "Days between debt reminders", help="At most one reminder per customer in this many days."
    )
    promotion_program_id = fields.Many2one(
        "loyalty.program",
        string="Promotion program",
        domain="[('program_type', 'in', ('coupons', 'promo_code', 'next_order_coupons'))]",
        help="Good customers receive a personal coupon of this program, once each.",
    )

    @api.constrains(*_shop_param_defaults)
    def _check_values(self):
        for settings in self:
            problems = settings._score_params().check()
            if settings.reminder_interval_days < 1:
                problems.append(self.env._("debt reminders need at least one day between them"))
            if problems:
                raise ValidationError(self.env._("Customer scoring settings: %s.", "; ".join(problems)))
            program = settings.promotion_program_id
            if program and not program.reward_ids:
                raise ValidationError(self.env._("The promotion program %s has no reward to offer.", program.name))

    def _score_params(self):
        self.ensure_one()
        return ScoreParams(**{name: self[name] for name in ScoreParams.__dataclass_fields__})

    def _shop_settings_saved_message(self):
        return self.env._("The customer scoring settings are saved.")
