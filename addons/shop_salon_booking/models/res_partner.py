from collections import defaultdict

from odoo import models


class ResPartner(models.Model):
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
