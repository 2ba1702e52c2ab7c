from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import StockAlertsCommon


@tagged("post_install", "-at_install")
class TestMultiCompany(StockAlertsCommon):
    def test_low_stock_board_per_company(self):
        """Two companies: each board row counts its own company's RFQs and suppliers (issue 11.12)."""
        company_a = self.env.company
        company_b = self.env["res.company"].create({"name": "Loja Filial"})
        warehouse_b = self.env["stock.warehouse"].search([("company_id", "=", company_b.id)], limit=1)
        product = self._make_product("Bateria", 5, 10, self.supplier, 30.0)  # company A's rule and supplier
        self.env["product.supplierinfo"].create(
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "partner_id": self.supplier2.id,
                "company_id": company_b.id,
                "sequence": 1,
                "price": 28.0,
            }
        )
        self.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": product.id,
                "warehouse_id": warehouse_b.id,
                "location_id": warehouse_b.lot_stock_id.id,
                "company_id": company_b.id,
                "product_min_qty": 5,
                "product_max_qty": 10,
                "trigger": "manual",
            }
        )
        for company, supplier, qty in ((company_a, self.supplier, 3), (company_b, self.supplier2, 7)):
            self.env["purchase.order"].with_company(company).create(
                {
                    "partner_id": supplier.id,
                    "company_id": company.id,
                    "order_line": [Command.create({"product_id": product.id, "product_qty": qty})],
                }
            )
        self.env.flush_all()
        owner_a = new_test_user(
            self.env,
            "dono_matriz",
            groups="base.group_user,shop_base.group_shop_owner",
            company_id=company_a.id,
            company_ids=[Command.set(company_a.ids)],
        )
        board = self.env["shop.stock.low.report"]
        rows = board.with_user(owner_a).search([("product_id", "=", product.id)])
        self.assertRecordValues(
            rows,
            [
                {
                    "company_id": company_a.id,
                    "warehouse_id": self.warehouse.id,
                    "rfq_qty": 3,
                    "supplier_id": self.supplier.id,
                }
            ],
        )
        rows = board.search([("product_id", "=", product.id), ("company_id", "=", company_b.id)])
        self.assertRecordValues(
            rows, [{"warehouse_id": warehouse_b.id, "rfq_qty": 7, "supplier_id": self.supplier2.id}]
        )
