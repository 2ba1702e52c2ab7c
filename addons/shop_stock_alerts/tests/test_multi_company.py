from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import StockAlertsCommon


@tagged("post_install", "-at_install")
class TestMultiCompany(StockAlertsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Loja Filial"})
        cls.warehouse_b = cls.env["stock.warehouse"].search([("company_id", "=", cls.company_b.id)], limit=1)
        cls.battery = cls._make_product("Bateria", 5, 10, cls.supplier, 30.0)  # company A's rule and supplier
        cls.env["product.supplierinfo"].create(
            {
                "product_tmpl_id": cls.battery.product_tmpl_id.id,
                "partner_id": cls.supplier2.id,
                "company_id": cls.company_b.id,
                "sequence": 20,  # after company A's line (9)
                "price": 28.0,
            }
        )
        cls.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": cls.battery.id,
                "warehouse_id": cls.warehouse_b.id,
                "location_id": cls.warehouse_b.lot_stock_id.id,
                "company_id": cls.company_b.id,
                "product_min_qty": 5,
                "product_max_qty": 10,
                "trigger": "manual",
            }
        )

    def test_low_stock_board_per_company(self):
        """Two companies: each board row counts its own company's RFQs and suppliers (issue 11.12)."""
        for company, supplier, qty in ((self.company_a, self.supplier, 3), (self.company_b, self.supplier2, 7)):
            self.env["purchase.order"].with_company(company).create(
                {
                    "partner_id": supplier.id,
                    "company_id": company.id,
                    "order_line": [Command.create({"product_id": self.battery.id, "product_qty": qty})],
                }
            )
        self.env.flush_all()
        owner_a = new_test_user(
            self.env,
            "dono_matriz",
            groups="base.group_user,shop_base.group_shop_owner",
            company_id=self.company_a.id,
            company_ids=[Command.set(self.company_a.ids)],
        )
        board = self.env["shop.stock.low.report"]
        rows = board.with_user(owner_a).search([("product_id", "=", self.battery.id)])
        self.assertRecordValues(
            rows,
            [
                {
                    "company_id": self.company_a.id,
                    "warehouse_id": self.warehouse.id,
                    "rfq_qty": 3,
                    "supplier_id": self.supplier.id,
                }
            ],
        )
        rows = board.search([("product_id", "=", self.battery.id), ("company_id", "=", self.company_b.id)])
        self.assertRecordValues(
            rows, [{"warehouse_id": self.warehouse_b.id, "rfq_qty": 7, "supplier_id": self.supplier2.id}]
        )

    def test_each_company_alert_orders_from_its_own_supplier(self):
        """The alert of each company's rule names that company's vendor, and the buyer working in the
        other company orders it at that vendor's price."""
        self.env["shop.stock.alert"]._cron_check_stock_alerts()
        alerts = self._alerts(self.battery).sorted(lambda a: a.company_id == self.company_b)
        self.assertRecordValues(
            alerts,
            [
                {"company_id": self.company_a.id, "warehouse_id": self.warehouse.id, "supplier_id": self.supplier.id},
                {
                    "company_id": self.company_b.id,
                    "warehouse_id": self.warehouse_b.id,
                    "supplier_id": self.supplier2.id,
                },
            ],
        )
        buyer = new_test_user(
            self.env,
            "comprador_duas_lojas",
            groups="purchase.group_purchase_user,stock.group_stock_user",
            company_id=self.company_a.id,
            company_ids=[Command.set((self.company_a | self.company_b).ids)],
        )
        alert_b = alerts[1].with_user(buyer).with_context(allowed_company_ids=[self.company_a.id, self.company_b.id])
        action = alert_b.action_open_reorder_wizard()
        alert_b.env["shop.reorder.wizard"].with_context(**action["context"]).create({}).action_confirm()
        self.assertRecordValues(
            alert_b.purchase_order_id,
            [{"company_id": self.company_b.id, "partner_id": self.supplier2.id, "state": "sent"}],
        )
        self.assertRecordValues(alert_b.purchase_order_id.order_line, [{"product_qty": 10, "price_unit": 28.0}])
