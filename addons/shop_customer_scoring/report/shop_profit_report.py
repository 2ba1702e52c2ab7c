from odoo import fields, models, tools
from odoo.tools import SQL

LINES = [
    ("product", "Product sales"),
    ("repair", "Repairs"),
    ("salon", "Salon services"),
    ("general", "General expenses"),
]


class ShopProfitReport(models.Model):
    """The owner's gains and losses per day and business line: invoices, stock valuation and vendor bills.

    Gross margin is revenue less the cost of goods sold (goods delivered to customers and parts consumed in
    repairs); the operating result is the gross margin less the expenses (vendor bills for anything but
    stocked goods)."""

    _name = "shop.profit.report"
    _description = "Gains and losses"
    _auto = False
    _order = "date desc"

    date = fields.Date(readonly=True)
    kind = fields.Selection(
        [
            ("sale", "Sales"),
            ("cogs", "Cost of goods sold"),
            ("loss", "Stock losses"),
            ("cancel", "Cancelled sales"),
            ("expense", "Expenses"),
        ],
        readonly=True,
    )
    business_line = fields.Selection(LINES, readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    categ_id = fields.Many2one("product.category", string="Category", readonly=True)
    account_id = fields.Many2one("account.account", readonly=True)
    partner_id = fields.Many2one("res.partner", readonly=True)
    revenue = fields.Float("Net revenue", readonly=True)
    discount = fields.Float("Discounts granted", readonly=True)
    cost = fields.Float("Cost of goods sold", readonly=True)
    margin = fields.Float("Gross margin", readonly=True)
    stock_loss = fields.Float("Scrapped and written-down stock", readonly=True)
    cancelled = fields.Float("Cancelled sales", readonly=True)
    expense = fields.Float("Expenses", readonly=True)
    operating = fields.Float("Operating result", readonly=True)

    @property
    def _table_query(self):
        return self._query()

    def _query(self):
        return SQL(
            "SELECT u.* FROM (%s UNION ALL %s UNION ALL %s UNION ALL %s) u",
            self._select_sales(),
            self._select_stock(),
            self._select_cancelled(),
            self._select_expenses(),
        )

    def _select_sales(self):
        """Invoiced revenue net of refunds, per invoice line."""
        return SQL(
            """
                SELECT aml.id * 4 AS id, am.invoice_date AS date, 'sale' AS kind,
                       COALESCE(pc.shop_business_line, 'product') AS business_line,
                       aml.company_id, aml.product_id, pt.categ_id, aml.account_id,
                       am.commercial_partner_id AS partner_id,
                       -aml.balance AS revenue,
                       CASE WHEN aml.discount > 0
                            THEN aml.price_unit * aml.quantity * aml.discount / 100.0
                                 * CASE WHEN am.move_type = 'out_refund' THEN -1 ELSE 1 END ELSE 0 END AS discount,
                       0.0 AS cost, -aml.balance AS margin, 0.0 AS stock_loss, 0.0 AS cancelled,
                       0.0 AS expense, -aml.balance AS operating
                  FROM account_move_line aml
                  JOIN account_move am ON am.id = aml.move_id
             LEFT JOIN product_product pp ON pp.id = aml.product_id
             LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
             LEFT JOIN product_category pc ON pc.id = pt.categ_id
                 WHERE am.state = 'posted' AND am.move_type IN ('out_invoice', 'out_refund')
                   AND aml.display_type = 'product'
            """
        )

    def _stock_cost_condition(self):
        """Valuation moves that are a cost of goods sold: goods to (or back from) customers, and parts
        consumed into a production location outside a manufacturing order (a repair's parts)."""
        conditions = [SQL("dest.usage = 'customer' OR src.usage = 'customer'")]
        consumed = SQL("dest.usage = 'production'")
        Move = self.env["stock.move"]
        for fname in ("raw_material_production_id", "production_id"):  # manufacturing, when installed
            if fname in Move._fields:
                consumed = SQL("%s AND %s IS NULL", consumed, SQL.identifier("sm", fname))
        conditions.append(consumed)
        return SQL("(%s)", SQL(" OR ").join(SQL("(%s)", c) for c in conditions))

    def _stock_business_line(self):
        """A repair's parts count in the repair business line (when repairs are installed); other goods in
        their category's line."""
        if "repair_id" in self.env["stock.move"]._fields:
            return SQL("CASE WHEN sm.repair_id IS NOT NULL THEN 'repair' ELSE pc.shop_business_line END")
        return SQL("pc.shop_business_line")

    def _select_stock(self):
        """Cost of goods sold and stock losses (scrap, inventory losses) from the stock valuation."""
        cost = self._stock_cost_condition()
        return SQL(
            """
                SELECT svl.id * 4 + 1, svl.create_date::date,
                       CASE WHEN %(cost)s THEN 'cogs' ELSE 'loss' END,
                       COALESCE(%(line)s, 'product'), svl.company_id, svl.product_id, pt.categ_id, NULL::int,
                       NULL::int, 0.0, 0.0,
                       CASE WHEN %(cost)s THEN -svl.value ELSE 0 END,
                       CASE WHEN %(cost)s THEN svl.value ELSE 0 END,
                       CASE WHEN dest.usage = 'inventory' THEN -svl.value ELSE 0 END, 0.0,
                       0.0, CASE WHEN %(cost)s THEN svl.value ELSE 0 END
                  FROM stock_valuation_layer svl
                  JOIN stock_move sm ON sm.id = svl.stock_move_id
                  JOIN stock_location src ON src.id = sm.location_id
                  JOIN stock_location dest ON dest.id = sm.location_dest_id
                  JOIN product_product pp ON pp.id = svl.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  JOIN product_category pc ON pc.id = pt.categ_id
                 WHERE %(cost)s OR dest.usage = 'inventory'
            """,
            cost=cost,
            line=self._stock_business_line(),
        )

    def _select_cancelled(self):
        return SQL(
            """
                SELECT am.id * 4 + 2, COALESCE(am.invoice_date, am.date), 'cancel', 'product', am.company_id,
                       NULL::int, NULL::int, NULL::int, am.commercial_partner_id,
                       0.0, 0.0, 0.0, 0.0, 0.0, am.amount_untaxed, 0.0, 0.0
                  FROM account_move am
                 WHERE am.state = 'cancel' AND am.move_type = 'out_invoice'
            """
        )

    def _select_expenses(self):
        """Expenses: posted vendor bill lines (net of vendor refunds) for anything but stocked goods, whose
        cost reaches the margin through the stock valuation instead. Lines without a product are general."""
        return SQL(
            """
                SELECT aml.id * 4 + 3, COALESCE(am.invoice_date, am.date), 'expense',
                       CASE WHEN aml.product_id IS NULL THEN 'general'
                            ELSE COALESCE(pc.shop_business_line, 'product') END,
                       aml.company_id, aml.product_id, pt.categ_id, aml.account_id, am.commercial_partner_id,
                       0.0, 0.0, 0.0, 0.0, 0.0, 0.0, aml.balance, -aml.balance
                  FROM account_move_line aml
                  JOIN account_move am ON am.id = aml.move_id
             LEFT JOIN product_product pp ON pp.id = aml.product_id
             LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
             LEFT JOIN product_category pc ON pc.id = pt.categ_id
                 WHERE am.state = 'posted' AND am.move_type IN ('in_invoice', 'in_refund')
                   AND aml.display_type = 'product' AND pt.is_storable IS NOT TRUE
            """
        )

    def init(self):
        # the report was a database view before it became a table query
        tools.drop_view_if_exists(self.env.cr, self._table)
