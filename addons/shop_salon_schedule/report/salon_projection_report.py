from odoo import fields, models
from odoo.tools import SQL

from ..models.res_partner import GENDER_SELECTION


class SalonProjectionReport(models.Model):
    """Expected sales from the agenda: one row per scheduled appointment and service.

    An appointment's price is shared among its services in proportion to their list prices, so that the totals
    by service add up to the appointments' prices."""

    _name = "salon.projection.report"
    _inherit = "shop.sql.report"
    _description = "Salon projections"
    _auto = False
    _order = "date"

    date = fields.Datetime("Start", readonly=True)
    appointment_id = fields.Many2one("salon.appointment", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    gender = fields.Selection(GENDER_SELECTION, readonly=True)
    product_id = fields.Many2one("product.product", string="Service", readonly=True)
    employee_id = fields.Many2one("hr.employee", string="Professional", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    amount = fields.Float("Expected revenue", readonly=True)
    appointment_count = fields.Integer("Appointments", readonly=True, aggregator="count_distinct")

    def _select(self):
        return SQL(
            """
            row_number() OVER (ORDER BY a.id, rel.product_product_id) AS id,
            a.start AS date, a.id AS appointment_id, a.partner_id, a.partner_gender AS gender,
            rel.product_product_id AS product_id, a.employee_id, a.company_id,
            CASE WHEN SUM(COALESCE(pt.list_price, 0)) OVER (PARTITION BY a.id) = 0
                 THEN a.price / COUNT(*) OVER (PARTITION BY a.id)
                 ELSE a.price * COALESCE(pt.list_price, 0) / SUM(COALESCE(pt.list_price, 0)) OVER (PARTITION BY a.id)
            END AS amount,
            a.id AS appointment_count
            """
        )

    def _from(self):
        return SQL(
            """
            salon_appointment a
            JOIN product_product_salon_appointment_rel rel ON rel.salon_appointment_id = a.id
            JOIN product_product pp ON pp.id = rel.product_product_id
            JOIN product_template pt ON pt.id = pp.product_tmpl_id
            """
        )

    def _where(self):
        return SQL("a.state = 'scheduled'")
