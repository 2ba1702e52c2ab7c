from odoo.tests import new_test_user, tagged

from .common import StockAlertsCommon


@tagged("post_install", "-at_install")
class TestAlertFlowAsRead(StockAlertsCommon):
    """The alert flow as the buyer and the owner read it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("pt_BR")
        cls.stock_user = new_test_user(cls.env, "estoquista_fluxo", groups="stock.group_stock_user")

    def test_activity_goes_to_the_supplier_buyer_in_their_language(self):
        buyer = new_test_user(self.env, "comprador_fornecedor", groups="purchase.group_purchase_user", lang="pt_BR")
        self.supplier2.buyer_id = buyer
        self._validate_delivery(self.stock_user, self.cable, 2)  # 4 -> 2, minimum 3, maximum 10
        activity = self._alerts(self.cable).activity_ids
        self.assertRecordValues(activity, [{"user_id": buyer.id, "summary": "Estoque baixo: Cabo HDMI"}])
        self.assertIn("Previsão 2,00 Unidades, mínimo 3,00 Unidades: comprar 8,00 Unidades.", str(activity.note))

    def test_owner_is_told_the_automatic_rfq_was_not_emailed(self):
        self.cable.product_tmpl_id.shop_auto_reorder = True
        self.cable.seller_ids.partner_id = self.supplier_no_email
        self._validate_delivery(self.stock_user, self.cable, 2)
        order = self._alerts(self.cable).purchase_order_id
        owners = self.env.ref("shop_base.group_shop_owner").users.partner_id
        message = order.message_ids.filtered(lambda m: m.partner_ids & owners)
        self.assertEqual(len(message), 1)
        self.assertIn("created automatically from stock alerts, but not e-mailed", str(message.body))
        self.assertNotIn("and sent", str(message.body))
