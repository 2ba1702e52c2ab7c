from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestStockAlertTour(HttpCase):
    def test_owner_orders_from_alert(self):
        """The owner opens the open alert, orders it and lands on the sent RFQ."""
        supplier = self.env["res.partner"].create({"name": "Fornecedor Tour", "email": "tour@fornecedor.example.com"})
        template = self.env["product.template"].create({"name": "Produto Tour Alerta", "is_storable": True})
        template.write({"shop_min_qty": 5, "shop_max_qty": 15, "shop_main_supplier_id": supplier.id})
        self.env["shop.stock.alert"]._cron_check_stock_alerts()
        alert = self.env["shop.stock.alert"].search([("product_id", "=", template.product_variant_id.id)])
        self.assertEqual(alert.state, "open")
        self.start_tour(
            "/odoo/action-shop_stock_alerts.shop_stock_alert_action", "shop_stock_alert_order", login="admin"
        )
        self.assertEqual(alert.state, "ordered")
        self.assertEqual(alert.purchase_order_id.state, "sent")
        self.assertEqual(alert.purchase_order_id.order_line.product_qty, 15)
