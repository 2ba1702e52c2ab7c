from odoo import fields, models
from odoo.tools import SQL

from ..models.product_category import BUSINESS_LINES

# the report's columns, in the order of every branch of its UNION: dimensions, then figures
DIMENSIONS = ["date", "kind", "business_line", "company_id", "product_id", "categ_id", "account_id", "partner_id"]
FIGURES = ["revenue", "discount", "cost", "margin", "stock_loss", "cancelled", "expense", "operating"]


class ShopProfitReport(models.Model):
    """The owner's gains and losses per day and business line: invoices, stock valuation and vendor bills.

    Gross margin is revenue less the cost of goods sold (goods delivered to customers and parts consumed in
    repairs); the operating result is the gross margin less the expenses (vendor bills for anything but
    stocked goods)."""

    _name = "shop.profit.report"
    _inherit = "shop.sql.report"
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
    business_line = fields.Selection([*BUSINESS_LINES, ("general", "General expenses")], readonly=True)
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

    def _select(self):
        return SQL("u.*")

    def _from(self):
        return SQL("(%s) u", SQL(" UNION ALL ").join(self._branches()))

    def _branches(self):
        """The parts of the report, one row per document line: sales, stock valuation, cancelled sales and
        expenses (hook: another addon adds its own with :meth:`_branch`)."""
        return [self._select_sales(), self._select_stock(), self._select_cancelled(), self._select_expenses()]

    def _branch(self, index, source, where, row, **columns):
        """One part of the report: its columns from ``source`` (a FROM clause) filtered by ``where``.

        ``row`` is the id of the source row (the report's id is ``row * 4 + index``, unique across the parts);
        ``columns`` give the SQL of the report's columns (DIMENSIONS and FIGURES); a dimension left out is NULL,
        a figure left out is 0."""
        values = dict.fromkeys(DIMENSIONS, SQL("NULL::int")) | dict.fromkeys(FIGURES, SQL("0.0"))
        unknown = set(columns) - set(values)
        if unknown:
            raise ValueError(f"shop.profit.report has no column {', '.join(sorted(unknown))}")
        values.update(columns)
        return SQL(
            "SELECT %s * 4 + %s AS id, %s FROM %s WHERE %s",
            row,
            index,
            SQL(", ").join(SQL("%s AS %s", values[name], SQL.identifier(name)) for name in values),
            source,
            where,
        )

    def _from_invoice_lines(self):
        return SQL(
            """
                 account_move_line aml
            JOIN account_move am ON am.id = aml.move_id
       LEFT JOIN product_product pp ON pp.id = aml.product_id
       LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
       LEFT JOIN product_category pc ON pc.id = pt.categ_id
            """
        )

    def _invoice_line_branch(self, index, move_types, *conditions, **columns):
        """A part of the report made of the product lines of posted moves of ``move_types`` (more
        ``conditions`` on them if given), with their company, product, category, account and partner."""
        where = [
            SQL("am.state = 'posted' AND am.move_type IN %s AND aml.display_type = 'product'", tuple(move_types)),
            *conditions,
        ]
        return self._branch(
            index,
            self._from_invoice_lines(),
            SQL(" AND ").join(where),
            SQL("aml.id"),
            company_id=SQL("aml.company_id"),
            product_id=SQL("aml.product_id"),
            categ_id=SQL("pt.categ_id"),
            account_id=SQL("aml.account_id"),
            partner_id=SQL("am.commercial_partner_id"),
            **columns,
        )

    def _select_sales(self):
        """Invoiced revenue net of refunds, per invoice line."""
        net = SQL("-aml.balance")
        return self._invoice_line_branch(
            0,
            ["out_invoice", "out_refund"],
            date=SQL("am.invoice_date"),
            kind="sale",
            business_line=SQL("COALESCE(pc.shop_business_line, 'product')"),
            revenue=net,
            discount=SQL(
                """CASE WHEN aml.discount > 0
                        THEN aml.price_unit * aml.quantity * aml.discount / 100.0
                             * CASE WHEN am.move_type = 'out_refund' THEN -1 ELSE 1 END ELSE 0 END"""
            ),
            margin=net,
            operating=net,
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
        cost_value = SQL("CASE WHEN %s THEN svl.value ELSE 0 END", cost)
        return self._branch(
            1,
            SQL(
                """
                     stock_valuation_layer svl
                JOIN stock_move sm ON sm.id = svl.stock_move_id
                JOIN stock_location src ON src.id = sm.location_id
                JOIN stock_location dest ON dest.id = sm.location_dest_id
                JOIN product_product pp ON pp.id = svl.product_id
                JOIN product_template pt ON pt.id = pp.product_tmpl_id
                JOIN product_category pc ON pc.id = pt.categ_id
                """
            ),
            SQL("%s OR dest.usage = 'inventory'", cost),
            SQL("svl.id"),
            date=SQL("svl.create_date::date"),
            kind=SQL("CASE WHEN %s THEN 'cogs' ELSE 'loss' END", cost),
            business_line=SQL("COALESCE(%s, 'product')", self._stock_business_line()),
            company_id=SQL("svl.company_id"),
            product_id=SQL("svl.product_id"),
            categ_id=SQL("pt.categ_id"),
            cost=SQL("-%s", cost_value),
            margin=cost_value,
            stock_loss=SQL("CASE WHEN dest.usage = 'inventory' THEN -svl.value ELSE 0 END"),
            operating=cost_value,
        )

    def _select_cancelled(self):
        """Cancelled customer invoices, untaxed."""
        return self._branch(
            2,
            SQL("account_move am"),
            SQL("am.state = 'cancel' AND am.move_type = 'out_invoice'"),
            SQL("am.id"),
            date=SQL("COALESCE(am.invoice_date, am.date)"),
            kind="cancel",
            business_line="product",
            company_id=SQL("am.company_id"),
            partner_id=SQL("am.commercial_partner_id"),
            cancelled=SQL("am.amount_untaxed"),
        )

    def _select_expenses(self):
        """Expenses: posted vendor bill lines (net of vendor refunds) for anything but stocked goods, whose
        cost reaches the margin through the stock valuation instead. Lines without a product are general."""
        return self._invoice_line_branch(
            3,
            ["in_invoice", "in_refund"],
            SQL("pt.is_storable IS NOT TRUE"),
            date=SQL("COALESCE(am.invoice_date, am.date)"),
            kind="expense",
            business_line=SQL(
                "CASE WHEN aml.product_id IS NULL THEN 'general' ELSE COALESCE(pc.shop_business_line, 'product') END"
            ),
            expense=SQL("aml.balance"),
            operating=SQL("-aml.balance"),
        )
