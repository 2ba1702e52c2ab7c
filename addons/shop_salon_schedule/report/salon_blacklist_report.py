from odoo import fields, models, tools
from odoo.tools import SQL


class SalonBlacklistReport(models.Model):
    """Clients with cancellations and no-shows, to decide loyalty."""

    _name = "salon.blacklist.report"
    _description = "Salon blacklist"
    _auto = False
    _order = "total_count desc"

    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    cancelled_count = fields.Integer("Cancellations", readonly=True)
    no_show_count = fields.Integer("No-shows", readonly=True)
    total_count = fields.Integer("Total", readonly=True)
    last_date = fields.Datetime("Last time", readonly=True)
    salon_loyal = fields.Boolean("Loyal", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW salon_blacklist_report AS (
                    SELECT MIN(a.id) AS id, a.partner_id, a.company_id,
                           COUNT(*) FILTER (WHERE a.state = 'cancelled') AS cancelled_count,
                           COUNT(*) FILTER (WHERE a.state = 'no_show') AS no_show_count,
                           COUNT(*) AS total_count, MAX(a.start) AS last_date, p.salon_loyal
                      FROM salon_appointment a
                      JOIN res_partner p ON p.id = a.partner_id
                     WHERE a.state IN ('cancelled', 'no_show')
                  GROUP BY a.company_id, a.partner_id, p.salon_loyal
                )
                """
            )
        )
