from odoo import fields, models
from odoo.tools import SQL


class SalonBlacklistReport(models.Model):
    """Clients with cancellations and no-shows, to decide loyalty."""

    _name = "salon.blacklist.report"
    _inherit = "shop.sql.report"
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

    def _select(self):
        return SQL(
            """
            MIN(a.id) AS id, a.partner_id, a.company_id,
            COUNT(*) FILTER (WHERE a.state = 'cancelled') AS cancelled_count,
            COUNT(*) FILTER (WHERE a.state = 'no_show') AS no_show_count,
            COUNT(*) AS total_count, MAX(a.start) AS last_date, p.salon_loyal
            """
        )

    def _from(self):
        return SQL("salon_appointment a JOIN res_partner p ON p.id = a.partner_id")

    def _where(self):
        return SQL("a.state IN ('cancelled', 'no_show')")

    def _group_by(self):
        return SQL("a.company_id, a.partner_id, p.salon_loyal")
