from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.tests import tagged

from .common import ScoringCase


class ProfitCase(ScoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create({"name": "Cliente do conserto"})
        cls.vendor = cls.env["res.partner"].create({"name": "Imobiliária"})


@tagged("post_install", "-at_install")
class TestOperatingResult(ProfitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Category = cls.env["product.category"]
        cls.repair_categ = Category.create({"name": "Consertos", "shop_business_line": "repair"})
        cls.parts_categ = Category.create({"name": "Peças", "shop_business_line": "repair"})
        cls.rent_categ = Category.create({"name": "Aluguel e serviços", "shop_business_line": "product"})
        Product = cls.env["product.product"]
        cls.repair_service = Product.create(
            {"name": "Conserto de tela", "type": "service", "categ_id": cls.repair_categ.id, "list_price": 500.0}
        )
        cls.part = Product.create(
            {"name": "Tela", "is_storable": True, "standard_price": 80.0, "categ_id": cls.parts_categ.id}
        )
        cls.rent = Product.create({"name": "Aluguel", "type": "service", "categ_id": cls.rent_categ.id})
        stock = cls.env.ref("stock.stock_location_stock")
        # five parts bought into stock (a bill for stock: no expense), two consumed by a repair's bench
        cls._stock_move(cls.part, 5, cls.env.ref("stock.stock_location_suppliers"), stock)
        cls.consumed = cls._stock_move(cls.part, 2, stock, cls.part.property_stock_production)
        cls.sale = cls._move("out_invoice", cls.customer, [{"product_id": cls.repair_service.id, "price_unit": 500.0}])
        cls.bill = cls._move(
            "in_invoice",
            cls.vendor,
            [
                {"product_id": cls.rent.id, "price_unit": 1000.0},
                {"name": "Energia elétrica", "price_unit": 200.0},
                {"product_id": cls.part.id, "quantity": 5, "price_unit": 80.0},
            ],
        )
        cls.refund = cls._move("in_refund", cls.vendor, [{"product_id": cls.rent.id, "price_unit": 100.0}])

    def test_dashboard_counts_parts_and_expenses(self):
        """This month's cards as the owner: parts consumed are cost of goods sold, bills not for stock are
        expenses, the operating result is the gross margin less the expenses; per month and business line."""
        # the figures, computed from the documents themselves
        revenue = self.sale.amount_untaxed_signed
        parts_cost = -sum(self.consumed.stock_valuation_layer_ids.mapped("value"))
        stock_lines = self.bill.invoice_line_ids.filtered(lambda line: line.product_id.is_storable)
        expenses = (
            self.bill.amount_untaxed_signed + sum(stock_lines.mapped("balance")) + self.refund.amount_untaxed_signed
        )
        self.assertEqual((revenue, parts_cost, -expenses), (500.0, 160.0, 1100.0))
        dashboard = self.env["shop.profit.dashboard"].with_user(self.owner).create({})
        self.assertRecordValues(
            dashboard,
            [
                {
                    "revenue": revenue,
                    "cost": parts_cost,
                    "margin": revenue - parts_cost,
                    "expense": -expenses,
                    "operating": revenue - parts_cost + expenses,
                }
            ],
        )
        month = self.today + relativedelta(day=1)
        rows = {
            (m, line): figures for m, line, figures in dashboard._monthly_rows(dashboard.date_from, dashboard.date_to)
        }
        self.assertEqual(
            {
                line: (f["revenue"], f["cost"], f["margin"], f["expense"], f["operating"])
                for (m, line), f in rows.items()
            },
            {
                "Repairs": (500.0, 160.0, 340.0, 0.0, 340.0),
                "Product sales": (0.0, 0.0, 0.0, 900.0, -900.0),
                "General expenses": (0.0, 0.0, 0.0, 200.0, -200.0),
            },
        )
        self.assertEqual({m for m, _line in rows}, {month})
        by_category = dict(
            self.env["shop.profit.report"]
            .with_user(self.owner)
            ._read_group([("kind", "=", "expense")], ["categ_id"], ["expense:sum"])
        )
        self.assertEqual(by_category, {self.rent_categ: 900.0, self.env["product.category"]: 200.0})
        bills = (self.bill | self.refund).invoice_line_ids
        drill = (
            self.env["shop.profit.report"]
            .with_user(self.owner)
            .search(
                dashboard.with_context(shop_measure="expense").action_open_report()["domain"]
                + [("kind", "=", "expense")]
            )
        )
        self.assertEqual(drill.account_id, bills.filtered(lambda line: not line.product_id.is_storable).account_id)


@tagged("post_install", "-at_install")
class TestReportsPerCompany(ProfitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create(
            {"name": "Loja Filial", "currency_id": cls.company_a.currency_id.id}
        )
        cls.env["account.chart.template"].try_loading(
            cls.company_a.chart_template or "generic_coa", company=cls.company_b, install_demo=False
        )
        cls.owner.write({"company_ids": [Command.set((cls.company_a | cls.company_b).ids)]})
        cls.product = cls.env["product.product"].create({"name": "Capa", "type": "consu", "company_id": False})
        cls.service = cls.env["product.product"].create({"name": "Limpeza", "type": "service", "company_id": False})
        cls._move("out_invoice", cls.customer, [{"product_id": cls.product.id, "price_unit": 100.0}], cls.company_a)
        cls._move("out_invoice", cls.customer, [{"product_id": cls.product.id, "price_unit": 700.0}], cls.company_b)
        cls._move("in_invoice", cls.vendor, [{"product_id": cls.service.id, "price_unit": 30.0}], cls.company_a)
        cls._move("in_invoice", cls.vendor, [{"product_id": cls.service.id, "price_unit": 50.0}], cls.company_b)

    def test_each_company_sees_its_own_figures(self):
        """Every SQL report of the addon is read per company: the owner of two shops switches between them."""
        for company, revenue, expense in ((self.company_a, 100.0, 30.0), (self.company_b, 700.0, 50.0)):
            env = self.env(user=self.owner, context=dict(self.env.context, allowed_company_ids=company.ids))
            ((rev, exp),) = env["shop.profit.report"]._read_group([], [], ["revenue:sum", "expense:sum"])
            self.assertEqual((rev, exp), (revenue, expense), company.name)
            self.assertRecordValues(env["shop.profit.dashboard"].create({}), [{"revenue": revenue, "expense": expense}])
            purchases = env["shop.customer.product.report"].search([("partner_id", "=", self.customer.id)])
            self.assertRecordValues(purchases, [{"company_id": company.id, "amount": revenue}])
        both_ids = (self.company_a | self.company_b).ids
        both = self.env(user=self.owner, context=dict(self.env.context, allowed_company_ids=both_ids))
        self.assertEqual(both["shop.profit.report"]._read_group([], [], ["revenue:sum"])[0][0], 800.0)
