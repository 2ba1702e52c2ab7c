from odoo import fields, models, tools
from odoo.tools import SQL


class ShopProfitReport(models.Model):
    """The owner's gains and losses per day and business line, from invoices and stock valuation."""

    _name = "shop.profit.report"
    _description = "Gains and losses"
    _auto = False
    _order = "date desc"

    date = fields.Date(readonly=True)
    kind = fields.Selection(
        [("sale", "Sales"), ("cogs", "Cost of goods sold"), ("loss", "Stock losses"), ("cancel", "Cancelled sales")],
        readonly=True,
    )
    business_line = fields.Selection(
        [("product", "Product sales"), ("repair", "Repairs"), ("salon", "Salon services")], readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    partner_id = fields.Many2one("res.partner", readonly=True)
    revenue = fields.Float("Net revenue", readonly=True)
    discount = fields.Float("Discounts granted", readonly=True)
    cost = fields.Float("Cost of goods sold", readonly=True)
    margin = fields.Float("Gross margin", readonly=True)
    stock_loss = fields.Float("Scrapped and written-down stock", readonly=True)
    cancelled = fields.Float("Cancelled sales", readonly=True)

    def _query(self):
        return SQL(
            """
            SELECT u.* FROM (
                SELECT aml.id * 4 AS id, am.invoice_date AS date, 'sale' AS kind,
                       COALESCE(pc.shop_business_line, 'product') AS business_line,
                       aml.company_id, aml.product_id, am.commercial_partner_id AS partner_id,
                       -aml.balance AS revenue,
                       CASE WHEN aml.discount > 0
                            THEN aml.price_unit * aml.quantity * aml.discount / 100.0
                                 * CASE WHEN am.move_type = 'out_refund' THEN -1 ELSE 1 END ELSE 0 END AS discount,
                       0.0 AS cost, -aml.balance AS margin, 0.0 AS stock_loss, 0.0 AS cancelled
                  FROM account_move_line aml
                  JOIN account_move am ON am.id = aml.move_id
             LEFT JOIN product_product pp ON pp.id = aml.product_id
             LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
             LEFT JOIN product_category pc ON pc.id = pt.categ_id
                 WHERE am.state = 'posted' AND am.move_type IN ('out_invoice', 'out_refund')
                   AND aml.display_type = 'product'
             UNION ALL
                SELECT svl.id * 4 + 1, svl.create_date::date,
                       CASE WHEN dest.usage = 'customer' OR src.usage = 'customer' THEN 'cogs' ELSE 'loss' END,
                       COALESCE(pc.shop_business_line, 'product'), svl.company_id, svl.product_id, NULL,
                       0.0, 0.0,
                       CASE WHEN dest.usage = 'customer' OR src.usage = 'customer' THEN -svl.value ELSE 0 END,
                       CASE WHEN dest.usage = 'customer' OR src.usage = 'customer' THEN svl.value ELSE 0 END,
                       CASE WHEN dest.usage = 'inventory' THEN -svl.value ELSE 0 END, 0.0
                  FROM stock_valuation_layer svl
                  JOIN stock_move sm ON sm.id = svl.stock_move_id
                  JOIN stock_location src ON src.id = sm.location_id
                  JOIN stock_location dest ON dest.id = sm.location_dest_id
                  JOIN product_product pp ON pp.id = svl.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  JOIN product_category pc ON pc.id = pt.categ_id
                 WHERE dest.usage IN ('customer', 'inventory') OR src.usage = 'customer'
             UNION ALL
                SELECT am.id * 4 + 2, COALESCE(am.invoice_date, am.date), 'cancel', 'product', am.company_id, NULL,
                       am.commercial_partner_id, 0.0, 0.0, 0.0, 0.0, 0.0, am.amount_untaxed
                  FROM account_move am
                 WHERE am.state = 'cancel' AND am.move_type = 'out_invoice'
            ) u
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query()))
