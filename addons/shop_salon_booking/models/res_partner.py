from collections import defaultdict
from datetime import timedelta

from odoo import api, models
from odoo.osv import expression
from odoo.tools import SQL


class ResPartner(models.Model):
    """The salon's clients: their missed appointments (no-shows and late cancellations) decide whether they may
    book online and count in the customer's score (shop_customer_scoring), next to the payment behaviour;
    clients with only missed appointments and no invoice are scored too."""

    _inherit = "res.partner"

    def _salon_appointment_counts(self, domain):
        """{partner id: number of the salon appointments matching ``domain`` of its commercial partner (the
        company and its contacts together)}."""
        commercial = self.commercial_partner_id
        # sudo: counted for the booking page's visitors too, who may not read the agenda
        groups = (
            self.env["salon.appointment"]
            .sudo()
            ._read_group(domain + [("partner_id", "child_of", commercial.ids)], ["partner_id"], ["__count"])
        )
        per_commercial = defaultdict(int)
        for partner, count in groups:
            per_commercial[partner.commercial_partner_id.id] += count
        return {partner.id: per_commercial[partner.commercial_partner_id.id] for partner in self}

    def _salon_no_show_count(self):
        return self._salon_appointment_counts([("state", "=", "no_show")])

    def _salon_late_cancel_count(self):
        return self._salon_appointment_counts([("state", "=", "cancelled"), ("salon_cancelled_late", "=", True)])

    def _salon_is_blacklisted(self):
        """Whether the client has missed or late-cancelled too many appointments to book online (loyal clients
        too): they are asked to call the salon."""
        self.ensure_one()
        limit = self.env["salon.booking.settings"].sudo()._salon_setting("blacklist_count")
        return self._salon_no_show_count()[self.id] + self._salon_late_cancel_count()[self.id] >= limit

    # ------------------------------------------------------------------ the customer score
    @api.model
    def _get_salon_missed_domain(self):
        """The appointments that count against a client: no-shows and late cancellations in the companies."""
        return [
            ("company_id", "in", self.env.companies.ids),
            "|",
            ("state", "=", "no_show"),
            "&",
            ("state", "=", "cancelled"),
            ("salon_cancelled_late", "=", True),
        ]

    @api.model
    def _get_score_partner_domain(self):
        """Also the clients who ever missed an appointment, so that their score follows the last 12 months."""
        # sudo: the scores are computed by the nightly job or the owner, who need not read the salon's agenda
        appointments = self.env["salon.appointment"].sudo()._search(self._get_salon_missed_domain())
        clients = (
            self.sudo().with_context(active_test=False)._search([("id", "in", appointments.subselect("partner_id"))])
        )
        return expression.OR(
            [super()._get_score_partner_domain(), [("id", "in", clients.subselect("commercial_partner_id"))]]
        )

    @api.model
    def _shop_score_extra_figures(self, today, partner_ids=None):
        """The no-shows and late cancellations of the last 12 months per commercial partner, in one grouped query:
        every client who ever missed an appointment is listed (with zeros once they are older)."""
        result = super()._shop_score_extra_figures(today, partner_ids)
        self.env["salon.appointment"].flush_model(
            ["partner_id", "company_id", "state", "start", "salon_cancelled_late"]
        )
        where_partner = SQL("AND p.commercial_partner_id = ANY(%s)", partner_ids) if partner_ids else SQL()
        self.env.cr.execute(
            SQL(
                """
                SELECT p.commercial_partner_id,
                       COUNT(*) FILTER (WHERE a.state = 'no_show' AND a.start >= %(year_ago)s),
                       COUNT(*) FILTER (WHERE a.state = 'cancelled' AND a.start >= %(year_ago)s)
                  FROM salon_appointment a
                  JOIN res_partner p ON p.id = a.partner_id
                 WHERE (a.state = 'no_show' OR (a.state = 'cancelled' AND a.salon_cancelled_late))
                   AND a.company_id = ANY(%(companies)s) %(where_partner)s
              GROUP BY p.commercial_partner_id
                """,
                year_ago=today - timedelta(days=365),
                companies=self.env.companies.ids,
                where_partner=where_partner,
            )
        )
        for partner_id, no_shows, late_cancellations in self.env.cr.fetchall():
            figures = result.setdefault(partner_id, {})
            figures["no_shows"] = figures.get("no_shows", 0) + no_shows
            figures["late_cancellations"] = figures.get("late_cancellations", 0) + late_cancellations
        return result
