import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)


class RepairOrder(models.Model):
    """The daily cron: unanswered quotes expire, devices not collected get reminders, then are flagged abandoned;
    overdue diagnoses get an activity."""

    _inherit = "repair.order"  # pylint: disable=consider-merging-classes-inherited

    shop_reminder_count = fields.Integer(
        "Collection reminders sent", readonly=True, copy=False, groups="base.group_user"
    )
    shop_last_reminder_date = fields.Datetime("Last collection notice", readonly=True, copy=False)
    shop_abandoned = fields.Boolean("Abandoned", readonly=True, copy=False, tracking=True)

    @api.model
    def _get_expiry_domain(self, now):
        validity = self._get_param("quote_validity_days", 7)
        return [
            ("quote_state", "=", "sent"),
            ("shop_quote_sent_date", "<", now - timedelta(days=validity)),
            # a repair the shop cancelled, or a device already handed back, awaits no answer
            ("state", "!=", "cancel"),
            ("shop_delivered_date", "=", False),
        ]

    @api.model
    def _get_reminder_domain(self, now):
        interval = self._get_param("reminder_interval_days", 7)
        return [
            ("quote_state", "in", ("expired", "declined")),
            ("shop_delivered_date", "=", False),
            ("shop_abandoned", "=", False),
            ("shop_last_reminder_date", "<", now - timedelta(days=interval)),
        ]

    @api.model
    def _shop_cron_rows(self, now, limit=None):
        """The cron's selection in one SQL statement, built from the hook domains (record rules apply): rows
        ``(id, kind, total)`` ordered by kind and id, at most ``limit``; ``total`` counts every due row."""
        domains = {
            "expire": self._get_expiry_domain(now),
            "remind": self._get_reminder_domain(now),
            "overdue": self._get_overdue_diagnosis_domain(now),
        }
        selects = SQL(" UNION ALL ").join(
            SQL("(%s)", self._search(domain).select(SQL.identifier(self._table, "id"), SQL("%s::varchar", kind)))
            for kind, domain in domains.items()
        )
        # execute_query flushes what the statement reads first
        return self.env.execute_query(
            SQL(
                "SELECT due.id, due.kind, count(*) OVER () FROM (%s) AS due(id, kind) ORDER BY due.kind, due.id %s",
                selects,
                SQL("LIMIT %s", limit) if limit else SQL(),
            )
        )

    @api.model
    def _shop_cron_select(self, now, limit=None):
        """The due repairs by kind (``expire``, ``remind``, ``overdue``), at most ``limit`` in all."""
        ids = {"expire": [], "remind": [], "overdue": []}
        for record_id, kind, _total in self._shop_cron_rows(now, limit):
            ids[kind].append(record_id)
        return {kind: self.browse(record_ids) for kind, record_ids in ids.items()}

    @api.model
    def _cron_quote_expiry(self, batch_size=500):
        """Expire unanswered quotes, remind customers to collect, flag abandoned devices, flag overdue diagnoses.

        Odoo 18's cron protocol: one call handles one batch of at most ``batch_size`` due repairs and reports its
        progress; the runner commits and calls again while some remain. A repair handled here changes its state
        (or counter, or date) in the same transaction as its e-mail, so the next call never selects it again, and
        a call that dies sends nothing (its e-mails leave only once committed). Returns the number handled."""
        now = fields.Datetime.now()
        rows = self._shop_cron_rows(now, batch_size)
        if not rows:
            return 0
        total = rows[0][2]
        ids = {"expire": [], "remind": [], "overdue": []}
        for record_id, kind, _total in rows:
            ids[kind].append(record_id)
        expired = self.browse(ids["expire"])._shop_lock_expiring()._shop_expire(now)
        reminded = self.browse(ids["remind"])._shop_remind(now)
        self.browse(ids["overdue"])._shop_notify_overdue_diagnoses()
        # a quote a customer is answering right now was skipped: the next run sees it if it still waits
        self.env["ir.cron"]._notify_progress(done=len(rows), remaining=total - len(rows))
        _logger.info("repair quote expiry: %d expired, %d reminded or abandoned", len(expired), len(reminded))
        return len(expired) + len(reminded) + len(ids["overdue"])

    def _shop_lock_expiring(self):
        """The repairs the cron may expire: those still waiting for an answer, skipping the ones a customer is
        answering at this very moment."""
        if not self:
            return self
        rows = self.env.execute_query(
            SQL(
                "SELECT id FROM %s WHERE id IN %s AND quote_state = 'sent' ORDER BY id FOR UPDATE SKIP LOCKED",
                SQL.identifier(self._table),
                tuple(self.ids),
            )
        )
        self.invalidate_recordset()
        return self.browse([row[0] for row in rows])

    def _shop_expire(self, now):
        """The quote expired: the customer is asked to collect the device."""
        if self:
            self._shop_write_quote({"quote_state": "expired", "shop_last_reminder_date": now})
            self._shop_post_template("shop_repairs.mail_template_repair_collect")
        return self

    def _shop_remind(self, now):
        """A reminder to collect the device, or the final notice after the configured number of them."""
        if not self:
            return self
        max_reminders = self._get_param("reminder_max", 3)
        abandoned = self.filtered(lambda r: r.shop_reminder_count >= max_reminders)
        remind = self - abandoned
        # one write per distinct count (a handful), not one per repair
        for count in set(remind.mapped("shop_reminder_count")):
            remind.filtered(lambda r, c=count: r.shop_reminder_count == c).write(
                {"shop_reminder_count": count + 1, "shop_last_reminder_date": now}
            )
        remind._shop_post_template("shop_repairs.mail_template_repair_reminder")
        if abandoned:
            abandoned.write({"shop_abandoned": True, "shop_last_reminder_date": now})
            abandoned._shop_post_template("shop_repairs.mail_template_repair_abandoned")
        return self
