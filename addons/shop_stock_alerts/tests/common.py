from odoo import Command
from odoo.tests import TransactionCase


class StockAlertsCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True))
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.env.company.id)], limit=1)
        cls.stock_location = cls.warehouse.lot_stock_id
        Partner = cls.env["res.partner"]
        cls.supplier = Partner.create({"name": "Fornecedor Um", "email": "um@fornecedor.example.com"})
        cls.supplier2 = Partner.create({"name": "Fornecedor Dois", "email": "dois@fornecedor.example.com"})
        cls.supplier_no_email = Partner.create({"name": "Fornecedor Sem E-mail"})
        cls.customer = Partner.create({"name": "Cliente Loja", "email": "cliente@example.com"})
        cls.charger = cls._make_product("Carregador", 5, 20, cls.supplier, 40.0, stock=10)
        cls.cable = cls._make_product("Cabo HDMI", 3, 10, cls.supplier2, 12.5, stock=4)

    @classmethod
    def _make_product(cls, name, minimum, maximum, supplier, price, stock=0.0):
        template = cls.env["product.template"].create(
            {"name": name, "is_storable": True, "standard_price": price, "list_price": price * 2}
        )
        values = {"shop_min_qty": minimum, "shop_max_qty": maximum}
        if supplier:
            values["shop_main_supplier_id"] = supplier.id
        template.write(values)
        if supplier:
            template.seller_ids.write({"price": price, "delay": 5})
        product = template.product_variant_id
        if stock:
            cls.env["stock.quant"]._update_available_quantity(product, cls.stock_location, stock)
        return product

    def _deliver(self, product, qty):
        """Sell and deliver: the done delivery move is what opens alerts."""
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": qty})],
            }
        )
        order.action_confirm()
        picking = order.picking_ids
        picking.action_assign()
        picking.move_ids.write({"quantity": qty, "picked": True})
        picking.button_validate()
        return order

    def _validate_delivery(self, user, product, qty):
        """A stock user ships goods and validates the delivery with its button."""
        customers = self.env.ref("stock.stock_location_customers")
        picking = (
            self.env["stock.picking"]
            .with_user(user)
            .create(
                {
                    "picking_type_id": self.warehouse.out_type_id.id,
                    "partner_id": self.customer.id,
                    "location_id": self.stock_location.id,
                    "location_dest_id": customers.id,
                    "move_ids": [
                        Command.create(
                            {
                                "name": product.name,
                                "product_id": product.id,
                                "product_uom_qty": qty,
                                "product_uom": product.uom_id.id,
                                "location_id": self.stock_location.id,
                                "location_dest_id": customers.id,
                            }
                        )
                    ],
                }
            )
        )
        picking.action_confirm()
        picking.action_assign()
        picking.move_ids.write({"quantity": qty, "picked": True})
        picking.button_validate()
        return picking

    def _alerts(self, product):
        return self.env["shop.stock.alert"].search([("product_id", "=", product.id)])
