from odoo import fields, models, tools
from odoo.tools import SQL


class ShopCustomerProductReport(models.Model):
    """What each customer buys: amount and quantity per customer, product and category (posted invoices)."""

    _name = "shop.customer.product.report"
    _description = "Customers' purchases"
    _auto = False
    _order = "amount desc"

    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    categ_id = fields.Many2one("product.category", string="Category", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    amount = fields.Float(readonly=True)
    quantity = fields.Float(readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW shop_customer_product_report AS (
                    SELECT MIN(aml.id) AS id, am.commercial_partner_id AS partner_id, aml.product_id,
                           pt.categ_id, am.company_id, SUM(-aml.balance) AS amount,
                           SUM(CASE WHEN am.move_type = 'out_refund' THEN -aml.quantity ELSE aml.quantity END)
                               AS quantity
                      FROM account_move_line aml
                      JOIN account_move am ON am.id = aml.move_id
                      JOIN product_product pp ON pp.id = aml.product_id
                      JOIN product_template pt ON pt.id = pp.product_tmpl_id
                     WHERE am.state = 'posted' AND am.move_type IN ('out_invoice', 'out_refund')
                       AND aml.display_type = 'product'
                  GROUP BY am.commercial_partner_id, aml.product_id, pt.categ_id, am.company_id
                )
                """
            )
        )
