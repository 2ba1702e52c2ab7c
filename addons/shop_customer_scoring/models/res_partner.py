import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import SQL

from .scoring import ScoreParams, compute_score

_logger = logging.getLogger(__name__)
MANAGERS = "account.group_account_manager,shop_base.group_shop_owner"
# customers handled per call of each cron (the runner commits between calls and calls again while work remains)
SCORE_BATCH = 2000
REMINDER_BATCH = 200
PROMOTION_BATCH = 200
# the score figures stored on a customer (alias p), read with the figures to write only the scores that change
STORED_SCORE_COLUMNS = SQL(
    "p.shop_score, p.shop_rating, p.shop_score_why, p.shop_overdue_amount::float8, p.shop_bought_12m::float8, "
    "p.shop_last_purchase_date"
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    shop_score = fields.Integer("Score", readonly=True, groups=MANAGERS)
    shop_rating = fields.Selection(
        [("positive", "Good customer"), ("neutral", "Neutral"), ("negative", "Debtor")],
        string="Rating",
        readonly=True,
        index=True,
        groups="base.group_user",
    )
    shop_score_why = fields.Char("Why", readonly=True, groups=MANAGERS)
    shop_overdue_amount = fields.Monetary(
        "Overdue amount", readonly=True, groups=MANAGERS, currency_field="shop_currency_id"
    )
    shop_bought_12m = fields.Monetary(
        "Bought in 12 months", readonly=True, groups=MANAGERS, currency_field="shop_currency_id"
    )
    shop_last_purchase_date = fields.Date("Last purchase", readonly=True, groups=MANAGERS)
    shop_score_date = fields.Date(
        "Scored on", readonly=True, groups=MANAGERS, help="The day the nightly job last scored this customer."
    )
    shop_currency_id = fields.Many2one(related="company_id.currency_id", string="Shop currency")
    shop_reminder_count = fields.Integer("Debt reminders sent", readonly=True, groups=MANAGERS)
    shop_last_reminder_date = fields.Datetime("Last debt reminder", readonly=True, groups=MANAGERS)
    shop_no_promotions = fields.Boolean(
        "No promotions", help="The customer does not want promotion e-mails.", groups="base.group_user"
    )

    # ------------------------------------------------------------------ scoring
    @api.model
    def _shop_setting(self, name):
        """The value of the customer scoring setting ``name`` (see shop.scoring.settings)."""
        settings = self.env["shop.scoring.settings"]
        return settings._shop_settings_read(name, settings._shop_param_defaults[name])

    @api.model
    def _shop_score_params(self):
        return ScoreParams(**{name: self._shop_setting(name) for name in ScoreParams.__dataclass_fields__})

    @api.model
    def _shop_score_query(self, today, partner_ids=None):
        """The aggregation behind the scores: one row of figures per commercial partner."""
        year_ago = today - timedelta(days=365)
        where_partner = SQL("AND am.commercial_partner_id = ANY(%s)", partner_ids) if partner_ids else SQL()
        # the payments of these customers' invoices only, so that a batch reads its own rows
        where_paid = (
            SQL("AND aml.move_id IN (SELECT id FROM account_move WHERE commercial_partner_id = ANY(%s))", partner_ids)
            if partner_ids
            else SQL()
        )
        return SQL(
            """
                WITH paid AS (
                    SELECT aml.move_id, MAX(apr.max_date) AS paid_date
                      FROM account_move_line aml
                      JOIN account_partial_reconcile apr ON apr.debit_move_id = aml.id
                     WHERE aml.display_type = 'payment_term' %(where_paid)s
                  GROUP BY aml.move_id
                )
                SELECT am.commercial_partner_id,
                       COUNT(*) FILTER (WHERE am.move_type = 'out_invoice' AND am.invoice_date >= %(year_ago)s),
                       COUNT(*) FILTER (WHERE am.move_type = 'out_invoice' AND am.invoice_date >= %(year_ago)s
                                        AND ((am.amount_residual > 0 AND am.invoice_date_due < %(today)s)
                                             OR (paid.paid_date > am.invoice_date_due))),
                       COALESCE(SUM(am.amount_residual_signed) FILTER (
                           WHERE am.move_type = 'out_invoice' AND am.invoice_date_due < %(today)s), 0)::float8,
                       COALESCE(MAX(%(today)s - am.invoice_date_due) FILTER (
                           WHERE am.move_type = 'out_invoice' AND am.amount_residual > 0
                             AND am.invoice_date_due < %(today)s), 0),
                       COALESCE(SUM(am.amount_untaxed_signed) FILTER (
                           WHERE am.invoice_date >= %(year_ago)s), 0)::float8,
                       MAX(am.invoice_date) FILTER (WHERE am.move_type = 'out_invoice'),
                       %(today)s - MAX(am.invoice_date) FILTER (WHERE am.move_type = 'out_invoice')
                  FROM account_move am
             LEFT JOIN paid ON paid.move_id = am.id
                 WHERE am.state = 'posted' AND am.move_type IN ('out_invoice', 'out_refund')
                   AND am.company_id = ANY(%(companies)s) %(where_partner)s
              GROUP BY am.commercial_partner_id
                """,
            year_ago=year_ago,
            today=today,
            companies=self.env.companies.ids,
            where_partner=where_partner,
            where_paid=where_paid,
        )

    @api.model
    def _shop_score_extra_figures(self, today, partner_ids=None):
        """Figures of the score that other addons know of, ``{commercial partner id: {figure: value}}`` (hook).

        ``compute_score`` reads ``no_shows`` and ``late_cancellations``; a customer listed here is scored even
        without invoices. Only customers of ``partner_ids`` when given; one grouped query, as the invoices'."""
        return {}

    @api.model
    def _shop_score_figures(self, partner_ids=None):
        """Payment and buying figures of every customer, per commercial partner, in one query, with the score
        figures stored now (``stored``: score, rating, why, overdue, bought, last purchase) to write only changes.
        The figures of other addons (``_shop_score_extra_figures``) are added."""
        today = fields.Date.context_today(self)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH f AS (%s)
                SELECT f.*, %s
                  FROM f JOIN res_partner p ON p.id = f.commercial_partner_id
                """,
                self._shop_score_query(today, partner_ids),
                STORED_SCORE_COLUMNS,
            )
        )
        keys = ("partner_id", "invoices", "late", "overdue", "overdue_days", "bought", "last", "days_since_last")
        result = {}
        for row in self.env.cr.fetchall():
            figures = dict(zip(keys, row[:8], strict=True))
            figures["stored"] = row[8:]
            result[row[0]] = figures
        extra = self._shop_score_extra_figures(today, partner_ids)
        if missing := [partner_id for partner_id in extra if partner_id not in result]:
            # customers known to other addons only: no invoice figures
            self.env.cr.execute(
                SQL("SELECT p.id, %s FROM res_partner p WHERE p.id = ANY(%s)", STORED_SCORE_COLUMNS, missing)
            )
            for row in self.env.cr.fetchall():
                no_invoices = {"invoices": 0, "late": 0, "overdue": 0.0, "overdue_days": 0, "bought": 0.0}
                result[row[0]] = {
                    "partner_id": row[0],
                    **no_invoices,
                    "last": None,
                    "days_since_last": None,
                    "stored": row[1:],
                }
        for partner_id, figures in extra.items():
            if partner_id in result:
                result[partner_id].update(figures)
        return result

    @api.model
    def _shop_compute_scores(self, partner_ids=None):
        """Recompute every customer's score: one aggregation query, one bulk UPDATE of the changed customers.

        Returns the number of customers scored. The nightly run writes only the scores that changed."""
        params = self._shop_score_params()
        figures = self._shop_score_figures(partner_ids)
        rows = []
        for partner_id, fig in figures.items():
            score, rating, why = compute_score(fig, params)
            values = (score, rating, why, fig["overdue"], fig["bought"], fig["last"])
            if values != fig["stored"]:
                rows.append((partner_id, *values))
        self.env.flush_all()
        if rows:
            ids, scores, ratings, whys, overdues, boughts, lasts = (list(col) for col in zip(*rows, strict=True))
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE res_partner p
                       SET shop_score = v.score, shop_rating = v.rating, shop_score_why = v.why,
                           shop_overdue_amount = v.overdue, shop_bought_12m = v.bought,
                           shop_last_purchase_date = v.last
                      FROM (SELECT unnest(%s::int[]) AS id, unnest(%s::int[]) AS score, unnest(%s::varchar[]) AS rating,
                                   unnest(%s::varchar[]) AS why, unnest(%s::numeric[]) AS overdue,
                                   unnest(%s::numeric[]) AS bought, unnest(%s::date[]) AS last) v
                     WHERE p.id = v.id
                    """,
                    ids,
                    scores,
                    ratings,
                    whys,
                    overdues,
                    boughts,
                    lasts,
                )
            )
        self.invalidate_model(
            [
                "shop_score",
                "shop_rating",
                "shop_score_why",
                "shop_overdue_amount",
                "shop_bought_12m",
                "shop_last_purchase_date",
            ]
        )
        return len(figures)

    @api.model
    def _get_score_partner_domain(self):
        """Customers with a history to score: those with posted customer invoices or refunds in the companies
        (hook: other addons add the customers they have figures for)."""
        moves = self.env["account.move"]._search(
            [
                ("state", "=", "posted"),
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("company_id", "in", self.env.companies.ids),
            ]
        )
        return [("id", "in", moves.subselect(SQL.identifier("account_move", "commercial_partner_id")))]

    @api.model
    def _get_score_domain(self):
        """Customers the nightly job scores: those with a history (``_get_score_partner_domain``), not scored
        yet today."""
        return expression.AND(
            [
                self._get_score_partner_domain(),
                ["|", ("shop_score_date", "=", False), ("shop_score_date", "<", fields.Date.context_today(self))],
            ]
        )

    @api.model
    def _cron_compute_scores(self, batch_size=SCORE_BATCH):
        """Score one batch of the customers not scored today; the day's date marks them done, in the same
        transaction as their scores, so that the runner's next call takes the next batch."""
        domain = self._get_score_domain()
        partners = self.search(domain, order="id", limit=batch_size)
        if partners:
            self._shop_compute_scores(partners.ids)
        partners.write({"shop_score_date": fields.Date.context_today(self)})
        self.env["ir.cron"]._notify_progress(done=len(partners), remaining=self.search_count(domain))
        return len(partners)

    def action_shop_view_purchases(self):
        """What this customer buys most: by amount and by quantity, products and categories."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shop_customer_scoring.shop_customer_product_report_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"pivot_row_groupby": ["categ_id", "product_id"]}
        action["view_mode"] = "list,pivot"
        action["views"] = [(False, "list"), (False, "pivot")]
        return action

    def action_shop_compute_score(self):
        if not any(self.env.user.has_group(group) for group in MANAGERS.split(",")):
            raise AccessError(self.env._("Only the shop owner and accounting managers may recompute scores."))
        self._shop_compute_scores(self.commercial_partner_id.ids)
        return True

    # ------------------------------------------------------------------ e-mails of the jobs
    def _shop_cron_mailing(self):
        """These customers, set to queue the e-mails a job posts to them instead of sending them at the commit
        in the job's worker: Odoo's mail queue sends them, one committed e-mail at a time, and is woken up as
        soon as the batch is committed (a worker stopped while sending would send them again)."""
        if self:
            queue = self.env.ref("mail.ir_cron_mail_scheduler_action", raise_if_not_found=False)
            if queue:
                # sudo: the job's user need not manage scheduled actions to wake up the mail queue
                queue.sudo()._trigger()
        return self.with_context(mail_notify_force_send=False)

    # ------------------------------------------------------------------ debt reminders
    @api.model
    def _get_overdue_invoice_domain(self):
        """Customer invoices left to pay after their due date (what a debt reminder lists)."""
        return [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("amount_residual", ">", 0),
            ("invoice_date_due", "<", fields.Date.context_today(self)),
        ]

    def _shop_overdue_invoices(self):
        self.ensure_one()
        return self.env["account.move"].search(
            [("commercial_partner_id", "=", self.commercial_partner_id.id), *self._get_overdue_invoice_domain()],
            order="invoice_date_due",
        )

    def _shop_overdue_total(self):
        return sum(self._shop_overdue_invoices().mapped("amount_residual_signed"))

    @api.model
    def _get_debt_reminder_domain(self):
        """Customers due a debt reminder: something overdue, and no reminder within the interval."""
        interval = self._shop_setting("reminder_interval_days")
        overdue = self.env["account.move"]._search(
            [*self._get_overdue_invoice_domain(), ("company_id", "in", self.env.companies.ids)]
        )
        return [
            ("id", "in", overdue.subselect(SQL.identifier("account_move", "commercial_partner_id"))),
            "|",
            ("shop_last_reminder_date", "=", False),
            ("shop_last_reminder_date", "<", fields.Datetime.now() - timedelta(days=interval)),
        ]

    def _shop_send_debt_reminder(self):
        """E-mail these customers their overdue invoices and count the reminder, in one transaction: a
        customer counted is a customer e-mailed."""
        # sudo: posting on a customer needs the right to edit customers, which the owner and accounting need not
        # have (the button checks their group), and so does counting the reminder; the author stays the user
        partners = self.sudo()
        partners._shop_post_template("shop_customer_scoring.mail_template_debt_reminder")
        for partner in partners:
            partner.shop_reminder_count += 1
        partners.shop_last_reminder_date = fields.Datetime.now()
        return len(self)

    def action_shop_send_debt_reminder(self):
        self.ensure_one()
        if not any(self.env.user.has_group(group) for group in MANAGERS.split(",")):
            raise AccessError(self.env._("Only the shop owner and accounting managers may send debt reminders."))
        if not self.email:
            raise UserError(self.env._("%s has no e-mail address.", self.display_name))
        if not self._shop_overdue_invoices():
            raise UserError(self.env._("%s has nothing overdue.", self.display_name))
        self._shop_send_debt_reminder()
        return True

    @api.model
    def _cron_send_debt_reminders(self, batch_size=REMINDER_BATCH):
        """Send one batch of debt reminders. Returns (sent, skipped): customers due a reminder but without
        an e-mail address are skipped, never picked."""
        domain = self._get_debt_reminder_domain()
        sendable = [*domain, ("email", "!=", False)]
        partners = self.search(sendable, order="id", limit=batch_size)
        sent = partners._shop_cron_mailing()._shop_send_debt_reminder()
        remaining = self.search_count(sendable)
        self.env["ir.cron"]._notify_progress(done=sent, remaining=remaining)
        skipped = self.search_count([*domain, ("email", "=", False)])
        _logger.info("debt reminders: %d sent, %d left, %d skipped (no e-mail)", sent, remaining, skipped)
        return sent, skipped

    # ------------------------------------------------------------------ promotions
    @api.model
    def _shop_promotion_program(self):
        program = self.env["loyalty.program"].browse(self._shop_setting("promotion_program_id"))
        if program and not program.reward_ids:
            raise UserError(self.env._("The promotion program %s has no reward to offer.", program.name))
        return program

    @api.model
    def _get_promotion_domain(self):
        """Customers a promotion is meant for: good customers who accept promotions."""
        return [("shop_rating", "=", "positive"), ("shop_no_promotions", "=", False)]

    @api.model
    def _shop_promotion_due_domain(self, program):
        """Customers a promotion is meant for who hold no coupon of ``program`` yet."""
        # sudo: the coupons are read to send one coupon per customer, whoever asks for the list
        cards = self.env["loyalty.card"].sudo()._search([("program_id", "=", program.id), ("partner_id", "!=", False)])
        return [
            *self._get_promotion_domain(),
            ("id", "not in", cards.subselect(SQL.identifier("loyalty_card", "partner_id"))),
        ]

    @api.model
    def _shop_promotion_sendable_domain(self):
        """Customers who can be e-mailed a promotion."""
        return [("email", "!=", False), ("is_blacklisted", "=", False)]

    @api.model
    def _shop_promotion_recipients(self, program):
        """(customers who will get a coupon of ``program``, good customers skipped for want of an e-mail or
        because they are blacklisted). Customers who already hold a coupon of the program are left out."""
        partners = self.search(self._shop_promotion_due_domain(program))
        skipped = partners.filtered(lambda p: not p.email or p.is_blacklisted)
        return partners - skipped, skipped

    def _shop_send_promotion(self, program):
        """Give each of these customers a coupon of ``program`` and e-mail it to them, in one transaction: a
        customer holding the coupon is a customer e-mailed."""
        # coupons are created by the promotion job or the owner's wizard (checked there), never by hand
        self.env["loyalty.card"].sudo().create(
            [{"program_id": program.id, "partner_id": partner.id, "points": 1} for partner in self]
        )
        # sudo: posting on a customer needs the right to edit customers, which the owner need not have; the author
        # stays the user who sends
        self.sudo()._shop_post_template("shop_customer_scoring.mail_template_promotion")
        return len(self)

    @api.model
    def _cron_send_promotions(self, batch_size=PROMOTION_BATCH):
        """Send one batch of promotions. Returns (sent, skipped): good customers without an e-mail address
        or blacklisted are skipped, never picked."""
        program = self._shop_promotion_program()
        if not program:
            return 0, 0
        due = self._shop_promotion_due_domain(program)
        sendable = [*due, *self._shop_promotion_sendable_domain()]
        partners = self.search(sendable, order="id", limit=batch_size)
        sent = partners._shop_cron_mailing()._shop_send_promotion(program)
        self.env["ir.cron"]._notify_progress(done=sent, remaining=self.search_count(sendable))
        return sent, self.search_count(due) - self.search_count(sendable)

    def _shop_last_coupon(self):
        """The partner's coupon of the current promotion program (for the promotion e-mail)."""
        self.ensure_one()
        program = self._shop_promotion_program()
        if self.env.context.get("shop_promotion_preview"):
            # the e-mail preview of the owner's wizard, before any coupon exists
            return self.env["loyalty.card"].new({"program_id": program.id, "partner_id": self.id, "code": "XXXX-XXXX"})
        return self.env["loyalty.card"].search(
            [("partner_id", "=", self.id), ("program_id", "=", program.id)], order="id desc", limit=1
        )
