from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..models.scoring import ScoreParams

OWNER = "shop_base.group_shop_owner"
# field name -> system parameter under shop_customer_scoring. (the score's parameters are ScoreParams' fields)
PARAMS = [*ScoreParams.__dataclass_fields__, "reminder_interval_days", "promotion_program_id"]


class ShopScoringSettings(models.TransientModel):
    """Customer scoring settings for the shop owner (Odoo's Settings screen is for system administrators only).

    Stored as system parameters ``shop_customer_scoring.<field>``, which the scores, the crons and the
    e-mails read."""

    _name = "shop.scoring.settings"
    _description = "Customer scoring settings"

    payment_weight = fields.Float("Payment weight", help="Share of the payment behaviour in the score.")
    buying_weight = fields.Float("Buying weight", help="Share of the buying behaviour; both weights add up to 100.")
    amount_reference = fields.Float(
        "Yearly amount of a top customer", help="Buying this much in 12 months gives full points for the amount."
    )
    positive_threshold = fields.Float("Good customer from score")
    negative_threshold = fields.Float("Debtor below score")
    negative_overdue_days = fields.Integer("Debtor after days overdue")
    min_invoices = fields.Integer("Invoices needed to be a good customer")
    reminder_interval_days = fields.Integer(
        "Days between debt reminders", help="At most one reminder per customer in this many days."
    )
    promotion_program_id = fields.Many2one(
        "loyalty.program",
        string="Promotion program",
        domain="[('program_type', 'in', ('coupons', 'promo_code', 'next_order_coupons'))]",
        help="Good customers receive a personal coupon of this program, once each.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        params = self.env["res.partner"]._shop_score_params()
        values.update({name: getattr(params, name) for name in ScoreParams.__dataclass_fields__})
        # the owner reads the addon's own parameters only
        get = self.env["ir.config_parameter"].sudo().get_param
        values["reminder_interval_days"] = int(get("shop_customer_scoring.reminder_interval_days", 7))
        values["promotion_program_id"] = self.env["res.partner"]._shop_promotion_program().id
        return {name: value for name, value in values.items() if name in fields_list}

    @api.constrains(*PARAMS)
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

    def action_save(self):
        self.ensure_one()
        if not self.env.user.has_group(OWNER):
            raise AccessError(self.env._("Only the shop owner may change the customer scoring settings."))
        params = self.env["ir.config_parameter"].sudo()  # the owner writes only the shop_customer_scoring.* keys below
        for name in PARAMS:
            value = self[name].id if name == "promotion_program_id" else self[name]
            params.set_param(f"shop_customer_scoring.{name}", str(value or 0))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": self.env._("The customer scoring settings are saved."),
                "type": "success",
                "sticky": False,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
