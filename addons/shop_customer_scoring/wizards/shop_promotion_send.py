from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

OWNER = "shop_base.group_shop_owner"


class ShopPromotionSend(models.TransientModel):
    """ "Send promotions now": who gets a coupon of the promotion program, and the e-mail they will read,
    before anything is sent."""

    _name = "shop.promotion.send"
    _description = "Send promotions now"

    program_id = fields.Many2one(
        "loyalty.program", string="Promotion program", readonly=True, default=lambda self: self._default_program_id()
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "shop_promotion_send_partner_rel",
        string="Will get a coupon",
        compute="_compute_recipients",
    )
    skipped_partner_ids = fields.Many2many(
        "res.partner",
        "shop_promotion_send_skipped_rel",
        string="Good customers without e-mail",
        compute="_compute_recipients",
        help="Good customers without an e-mail address, or who asked for no e-mails: they get nothing.",
    )
    recipient_count = fields.Integer("Customers", compute="_compute_recipients")
    preview_subject = fields.Char("Subject", compute="_compute_preview")
    preview_body = fields.Html("E-mail preview", compute="_compute_preview", sanitize=False)

    @api.model
    def _default_program_id(self):
        return self.env["res.partner"]._shop_promotion_program().id

    @api.depends("program_id")
    def _compute_recipients(self):
        Partner = self.env["res.partner"]
        for wizard in self:
            partners, skipped = (
                Partner._shop_promotion_recipients(wizard.program_id)
                if wizard.program_id
                else (
                    Partner,
                    Partner,
                )
            )
            wizard.partner_ids = partners
            wizard.skipped_partner_ids = skipped
            wizard.recipient_count = len(partners)

    @api.depends("partner_ids")
    def _compute_preview(self):
        template = self.env.ref("shop_customer_scoring.mail_template_promotion")
        for wizard in self:
            partner = wizard.partner_ids[:1]
            if not partner:
                wizard.preview_subject = wizard.preview_body = False
                continue
            template = template.with_context(shop_promotion_preview=True, lang=partner.lang)
            wizard.preview_subject = template._render_field("subject", partner.ids)[partner.id]
            wizard.preview_body = template._render_field("body_html", partner.ids)[partner.id]

    def action_send(self):
        self.ensure_one()
        if not self.env.user.has_group(OWNER):
            raise AccessError(self.env._("Only the shop owner may send promotions."))
        if not self.program_id:
            raise UserError(self.env._("Pick a promotion program in the customer scoring settings first."))
        partners, _skipped = self.env["res.partner"]._shop_promotion_recipients(self.program_id)
        sent = partners._shop_send_promotion(self.program_id)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": self.env._("%s promotion e-mail(s) sent.", sent),
                "type": "success",
                "sticky": False,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
