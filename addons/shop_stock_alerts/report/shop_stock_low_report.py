from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class ShopStockLowReport(models.Model):
    """The owner's "Estoque baixo" board: products at or below their minimum, per warehouse."""

    _name = "shop.stock.low.report"
    _description = "Low stock board"
    _inherit = "shop.sql.report"
    _auto = False
    _order = "days_of_cover, product_id"

    product_id = fields.Many2one("product.product", readonly=True)
    product_brand_id = fields.Many2one("product.brand", string="Brand", readonly=True)
    categ_id = fields.Many2one("product.category", string="Category", readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    supplier_id = fields.Many2one("res.partner", string="Main supplier", readonly=True)
    qty_on_hand = fields.Float("On hand", readonly=True)
    min_qty = fields.Float("Minimum", readonly=True)
    max_qty = fields.Float("Maximum", readonly=True)
    value = fields.Float("Value at cost", readonly=True)
    daily_sales = fields.Float("Sold per day (30 days)", readonly=True)
    # a group of products lasts as long as its first one to run out, not the sum of their days
    days_of_cover = fields.Float("Days of cover", readonly=True, aggregator="min")
    rfq_qty = fields.Float("On open RFQs", readonly=True)

    @api.readonly
    def action_export_xlsx(self):
        """Excel export of the selected rows, or of the whole board when nothing is selected (only reads: served
        by the read replica when one is configured)."""
        rows = self or self.search([])
        if not rows:
            # an export of nothing would be a download address without records, which the report refuses
            raise UserError(self.env._("Nothing is low on stock: there is nothing to export."))
        return self.env.ref("shop_stock_alerts.shop_stock_low_report_xlsx_action").report_action(rows, config=False)

    # ------------------------------------------------------------------ query (hooks of shop.sql.report)
    def _with(self):
        return SQL(
            """
            stock AS (
                SELECT op.id AS orderpoint_id, COALESCE(SUM(q.quantity), 0) AS qty
                  FROM stock_warehouse_orderpoint op
                  JOIN stock_warehouse wh ON wh.id = op.warehouse_id
                  JOIN stock_location view ON view.id = wh.view_location_id
             LEFT JOIN stock_location loc ON loc.parent_path LIKE view.parent_path || '%%' AND loc.usage = 'internal'
             LEFT JOIN stock_quant q ON q.location_id = loc.id AND q.product_id = op.product_id
                 WHERE op.active
              GROUP BY op.id
            ), sales AS (
                SELECT m.product_id, m.warehouse_id, SUM(m.product_qty) / 30.0 AS per_day
                  FROM stock_move m
                  JOIN stock_location dest ON dest.id = m.location_dest_id
                 WHERE m.state = 'done' AND dest.usage = 'customer'
                   AND m.date >= (now() at time zone 'utc') - interval '30 days'
              GROUP BY m.product_id, m.warehouse_id
            ), rfq AS (
                -- still to receive, in the product's unit, on the open RFQs and orders of each company
                SELECT pol.product_id, po.company_id,
                       SUM(GREATEST(pol.product_qty - pol.qty_received, 0)
                           * pol.product_uom_qty / NULLIF(pol.product_qty, 0)) AS qty
                  FROM purchase_order_line pol
                  JOIN purchase_order po ON po.id = pol.order_id
                 WHERE po.state IN ('draft', 'sent', 'to approve', 'purchase')
              GROUP BY pol.product_id, po.company_id
            )
            """
        )

    def _select(self):
        return SQL(
            """
                   op.id AS id, op.product_id, pt.product_brand_id, pt.categ_id, op.warehouse_id, op.company_id,
                   -- the main supplier: the first vendor line in product.supplierinfo's own order, as on the
                   -- product form
                   (SELECT si.partner_id FROM product_supplierinfo si WHERE si.product_tmpl_id = pt.id
                       AND (si.company_id IS NULL OR si.company_id = op.company_id)
                     ORDER BY si.sequence, si.min_qty DESC, si.price, si.id LIMIT 1) AS supplier_id,
                   stock.qty AS qty_on_hand, op.product_min_qty AS min_qty, op.product_max_qty AS max_qty,
                   stock.qty * COALESCE((pp.standard_price ->> op.company_id::text)::numeric, 0) AS value,
                   COALESCE(sales.per_day, 0) AS daily_sales,
                   CASE WHEN COALESCE(sales.per_day, 0) > 0 THEN stock.qty / sales.per_day ELSE NULL END
                       AS days_of_cover,
                   COALESCE(rfq.qty, 0) AS rfq_qty
            """
        )

    def _from(self):
        return SQL(
            """
                   stock_warehouse_orderpoint op
              JOIN stock ON stock.orderpoint_id = op.id
              JOIN product_product pp ON pp.id = op.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
         LEFT JOIN sales ON sales.product_id = op.product_id AND sales.warehouse_id = op.warehouse_id
         LEFT JOIN rfq ON rfq.product_id = op.product_id AND rfq.company_id = op.company_id
            """
        )

    def _where(self):
        return SQL("op.active AND pp.active AND stock.qty <= op.product_min_qty")
