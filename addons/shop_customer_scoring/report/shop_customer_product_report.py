from odoo import fields, models
from odoo.tools import SQL


class ShopCustomerProductReport(models.Model):
    """What each customer buys: amount and quantity per customer, product and category (posted invoices)."""

    _name = "shop.customer.product.report"
    _inherit = "shop.sql.report"
    _description = "Customers' purchases"
    _auto = False
    _order = "amount desc"

    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    categ_id = fields.Many2one("product.category", string="Category", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    amount = fields.Float(readonly=True)
    quantity = fields.Float(readonly=True)

    def _select(self):
        return SQL(
            """
            MIN(aml.id) AS id, am.commercial_partner_id AS partner_id, aml.product_id, pt.categ_id, am.company_id,
            SUM(-aml.balance) AS amount,
            SUM(CASE WHEN am.move_type = 'out_refund' THEN -aml.quantity ELSE aml.quantity END) AS quantity
            """
        )

    def _from(self):
        return SQL(
            """
                 account_move_line aml
            JOIN account_move am ON am.id = aml.move_id
            JOIN product_product pp ON pp.id = aml.product_id
            JOIN product_template pt ON pt.id = pp.product_tmpl_id
            """
        )

    def _where(self):
        return SQL(
            "am.state = 'posted' AND am.move_type IN ('out_invoice', 'out_refund') AND aml.display_type = 'product'"
        )

    def _group_by(self):
        return SQL("am.commercial_partner_id, aml.product_id, pt.categ_id, am.company_id")
