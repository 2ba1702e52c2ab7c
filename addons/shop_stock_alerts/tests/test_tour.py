from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestStockAlertTour(HttpCase):
    def test_owner_orders_from_alert(self):
        """The owner opens the open alert, changes the quantity, orders it and lands on the sent RFQ."""
        self.env["res.lang"]._activate_lang("pt_BR")  # the shop works in Portuguese: 7,50 and 15,00
        new_test_user(self.env, "dono_tour", groups="base.group_user,shop_base.group_shop_owner", lang="pt_BR")
        supplier = self.env["res.partner"].create({"name": "Fornecedor Tour", "email": "tour@fornecedor.example.com"})
        template = self.env["product.template"].create({"name": "Produto Tour Alerta", "is_storable": True})
        template.write({"shop_min_qty": 5, "shop_max_qty": 15, "shop_main_supplier_id": supplier.id})
        template.seller_ids.write({"price": 7.5, "delay": 4})
        self.env["shop.stock.alert"]._cron_check_stock_alerts()
        alert = self.env["shop.stock.alert"].search([("product_id", "=", template.product_variant_id.id)])
        self.assertEqual(alert.state, "open")
        url = "/odoo/action-shop_stock_alerts.shop_stock_alert_action"
        # warm the web client up (templates, translations): on a loaded machine the browser's first page
        # outlasts the test server's 5 s socket timeout, which logs an error
        self.authenticate("dono_tour", "dono_tour")
        self.url_open(url, timeout=60)
        self.start_tour(url, "shop_stock_alert_order", login="dono_tour")
        self.assertEqual(alert.state, "ordered")
        order = alert.purchase_order_id
        self.assertEqual(order.state, "sent")
        self.assertRecordValues(order.order_line, [{"product_qty": 12, "price_unit": 7.5}])
        self.assertEqual(order.partner_id, supplier)
