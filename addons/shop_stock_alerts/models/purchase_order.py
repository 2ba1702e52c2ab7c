from odoo import fields, models


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    shop_alert_ids = fields.One2many("shop.stock.alert", "purchase_order_id", string="Stock alerts")
    shop_alert_count = fields.Integer(compute="_compute_shop_alert_count", string="Alerts")

    def _compute_shop_alert_count(self):
        counts = dict(
            self.env["shop.stock.alert"]._read_group(
                [("purchase_order_id", "in", self.ids)], ["purchase_order_id"], ["__count"]
            )
        )
        for order in self:
            order.shop_alert_count = counts.get(order, 0)

    def action_view_shop_alerts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("shop_stock_alerts.shop_stock_alert_action")
        action["domain"] = [("purchase_order_id", "=", self.id)]
        action["context"] = {}
        return action

    def _shop_send_rfq(self, alerts):
        """E-mail the RFQ with its PDF (Odoo's RFQ template) in the supplier's language.

        A supplier without e-mail keeps the RFQ as a draft; the alerts say why nothing went."""
        self.ensure_one()
        if not self.partner_id.email:
            alerts.email_error = self.env._(
                "The RFQ was not e-mailed: %s has no e-mail address.", self.partner_id.display_name
            )
            self.message_post(body=alerts[:1].email_error)
            return False
        self._shop_post_template(
            "purchase.email_template_edi_purchase",
            email_layout_xmlid="mail.mail_notification_layout_with_responsible_signature",
        )
        if self.state == "draft":
            self.write({"state": "sent"})
        return True
