from lxml import etree

from odoo.tests import new_test_user, tagged

from .common import StockAlertsCommon


@tagged("post_install", "-at_install")
class TestLowStockBoardReading(StockAlertsCommon):
    """The owner's low stock board reads right."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = new_test_user(cls.env, "dono_painel", groups="base.group_user,shop_base.group_shop_owner")

    def test_days_of_cover_of_a_group_is_its_first_product_to_run_out(self):
        brand = self.env["product.brand"].create({"name": "Multilaser"})
        (self.charger | self.cable).product_brand_id = brand
        self._deliver(self.cable, 2)  # 4 -> 2, 2 sold in 30 days: 30 days of cover
        self._deliver(self.charger, 6)  # 10 -> 4, 6 sold in 30 days: 20 days of cover
        self.env.flush_all()
        board = self.env["shop.stock.low.report"].with_user(self.owner)
        groups = board.web_read_group(
            [("product_id", "in", (self.charger | self.cable).ids)], ["days_of_cover"], ["product_brand_id"]
        )["groups"]
        self.assertEqual(len(groups), 1)
        self.assertAlmostEqual(groups[0]["days_of_cover"], 20, places=2)

    def test_days_of_cover_blank_when_nothing_was_sold(self):
        """A product never sold has no rate to cover: the board shows nothing rather than 0 days."""
        arch = self.env["shop.stock.low.report"].with_user(self.owner).get_views([(False, "list")])
        node = etree.fromstring(arch["views"]["list"]["arch"]).xpath("//field[@name='days_of_cover']")[0]
        self.assertEqual(node.get("invisible"), "not daily_sales")

    def test_main_supplier_is_the_product_form_one(self):
        """Two vendor lines of the same sequence: the board names the one the product form and the alerts
        name (the cheaper one, in product.supplierinfo's order), not the older one."""
        self.env["product.supplierinfo"].create(
            {"product_tmpl_id": self.cable.product_tmpl_id.id, "partner_id": self.supplier.id, "price": 11.0}
        ).sequence = self.cable.seller_ids.filtered(lambda s: s.partner_id == self.supplier2).sequence
        self.env.invalidate_all()  # the sale is delivered in another request
        self._deliver(self.cable, 2)  # 4 -> 2, minimum 3
        self.env.flush_all()
        self.assertEqual(self.cable.product_tmpl_id.shop_main_supplier_id, self.supplier)
        row = self.env["shop.stock.low.report"].with_user(self.owner).search([("product_id", "=", self.cable.id)])
        self.assertRecordValues(row, [{"supplier_id": self.supplier.id}])
        self.assertRecordValues(self._alerts(self.cable), [{"supplier_id": self.supplier.id}])
