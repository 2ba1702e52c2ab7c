from odoo import fields, models
from odoo.tools import SQL


class SalonBlacklistReport(models.Model):
    """The salon's blacklist with the late cancellations apart, and the clients the booking page asks to call."""

    _inherit = "salon.blacklist.report"

    late_cancel_count = fields.Integer("Cancelled late", readonly=True)
    salon_ask_to_call = fields.Boolean(
        "Asked to call",
        readonly=True,
        help="The client (with the other contacts of their company) has at least as many no-shows and late "
        "cancellations as the online booking settings allow: the booking page asks them to call the salon.",
    )

    def _select(self):
        limit = self.env["salon.booking.settings"]._salon_setting("blacklist_count")
        # counted over the commercial partner, in every company, as the booking page does
        return SQL(
            """%s,
            COUNT(*) FILTER (WHERE a.state = 'cancelled' AND a.salon_cancelled_late) AS late_cancel_count,
            SUM(COUNT(*) FILTER (WHERE a.state = 'no_show' OR (a.state = 'cancelled' AND a.salon_cancelled_late)))
                OVER (PARTITION BY p.commercial_partner_id) >= %s AS salon_ask_to_call
            """,
            super()._select(),
            limit,
        )

    def _group_by(self):
        return SQL("%s, p.commercial_partner_id", super()._group_by())
