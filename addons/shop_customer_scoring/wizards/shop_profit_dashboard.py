from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

# the figures of shop.profit.report shown as KPI cards, in the order of the cards and the Excel sheet
KPIS = ["revenue", "discount", "cost", "margin", "stock_loss", "cancelled", "expense", "operating"]
AGING = [("overdue_30", 0, 30), ("overdue_60", 31, 60), ("overdue_90", 61, 90), ("overdue_90_plus", 91, None)]


def change_percent(current, previous):
    """Change of a figure against the previous period, in percent (None when there is nothing to compare)."""
    if not previous:
        return None
    return round((current - previous) / abs(previous) * 100.0, 1)


class ShopProfitDashboard(models.TransientModel):
    """The owner's dashboard: KPI cards of a period against the previous one, drill-down and Excel export."""

    _name = "shop.profit.dashboard"
    _description = "Gains and losses dashboard"

    date_from = fields.Date("From", required=True, default=lambda self: fields.Date.context_today(self).replace(day=1))
    date_to = fields.Date(
        "To", required=True, default=lambda self: fields.Date.context_today(self) + relativedelta(day=31)
    )
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.company.currency_id)
    revenue = fields.Monetary("Net revenue", compute="_compute_kpis")
    discount = fields.Monetary("Discounts granted", compute="_compute_kpis")
    cost = fields.Monetary("Cost of goods sold", compute="_compute_kpis")
    margin = fields.Monetary("Gross margin", compute="_compute_kpis")
    stock_loss = fields.Monetary("Stock losses", compute="_compute_kpis")
    cancelled = fields.Monetary("Cancelled sales", compute="_compute_kpis")
    expense = fields.Monetary("Expenses", compute="_compute_kpis")
    operating = fields.Monetary("Operating result", compute="_compute_kpis")
    revenue_change = fields.Char("Revenue vs previous period", compute="_compute_kpis")
    discount_change = fields.Char("Discounts vs previous period", compute="_compute_kpis")
    cost_change = fields.Char("Cost vs previous period", compute="_compute_kpis")
    margin_change = fields.Char("Margin vs previous period", compute="_compute_kpis")
    stock_loss_change = fields.Char("Losses vs previous period", compute="_compute_kpis")
    cancelled_change = fields.Char("Cancellations vs previous period", compute="_compute_kpis")
    expense_change = fields.Char("Expenses vs previous period", compute="_compute_kpis")
    operating_change = fields.Char("Operating result vs previous period", compute="_compute_kpis")
    overdue_30 = fields.Monetary("Overdue up to 30 days", compute="_compute_overdue")
    overdue_60 = fields.Monetary("Overdue 31 to 60 days", compute="_compute_overdue")
    overdue_90 = fields.Monetary("Overdue 61 to 90 days", compute="_compute_overdue")
    overdue_90_plus = fields.Monetary("Overdue over 90 days", compute="_compute_overdue")

    @api.depends("date_from", "date_to")
    def _compute_display_name(self):
        for dashboard in self:
            dashboard.display_name = self.env._("Owner's dashboard")

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for dashboard in self:
            if dashboard.date_from > dashboard.date_to:
                raise UserError(self.env._("The period must start before it ends."))

    def _previous_period(self):
        self.ensure_one()
        length = self.date_to - self.date_from
        return self.date_from - length - timedelta(days=1), self.date_from - timedelta(days=1)

    def _period_domain(self, date_from, date_to):
        return [("date", ">=", date_from), ("date", "<=", date_to)]

    def _kpi_figures(self, date_from, date_to):
        """Sums of the KPI figures of shop.profit.report over a period (one query)."""
        self.env.flush_all()  # the report is a query over invoices, bills and stock valuation
        groups = self.env["shop.profit.report"]._read_group(
            self._period_domain(date_from, date_to), [], [f"{name}:sum" for name in KPIS]
        )
        return dict(zip(KPIS, (value or 0.0 for value in groups[0]), strict=True))

    @api.depends("date_from", "date_to")
    def _compute_kpis(self):
        for dashboard in self:
            if not (dashboard.date_from and dashboard.date_to):
                dashboard.update(dict.fromkeys(KPIS, 0.0) | {f"{name}_change": False for name in KPIS})
                continue
            current = dashboard._kpi_figures(dashboard.date_from, dashboard.date_to)
            previous = dashboard._kpi_figures(*dashboard._previous_period())
            values = dict(current)
            for name in KPIS:
                change = change_percent(current[name], previous[name])
                values[f"{name}_change"] = "—" if change is None else f"{change:+.1f}%"
            dashboard.update(values)

    @api.model
    def _get_overdue_domain(self, today):
        """Receivable lines left to pay after their due date: the buckets and their drill-down."""
        return [
            ("parent_state", "=", "posted"),
            ("account_id.account_type", "=", "asset_receivable"),
            ("reconciled", "=", False),
            ("amount_residual", ">", 0),
            ("date_maturity", "<", today),
        ]

    @api.model
    def _overdue_buckets(self):
        """Overdue receivables (amount left) by age, in the company currency, in one grouped query."""
        today = fields.Date.context_today(self)
        buckets = dict.fromkeys([name for name, _low, _high in AGING], 0.0)
        groups = self.env["account.move.line"]._read_group(
            self._get_overdue_domain(today), ["date_maturity:day"], ["amount_residual:sum"]
        )
        for due, amount in groups:
            days = (today - due).days
            name = next(name for name, low, high in AGING if days >= low and (high is None or days <= high))
            buckets[name] += amount
        return buckets

    def _compute_overdue(self):
        buckets = self._overdue_buckets()
        for dashboard in self:
            dashboard.update(buckets)

    # ------------------------------------------------------------------ actions
    @api.model
    def action_open_dashboard(self):
        """The menu's entry: a dashboard of the current month, opened ready to read (no 'New' record)."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Owner's dashboard"),
            "res_model": self._name,
            "res_id": self.create({}).id,
            "view_mode": "form",
            "views": [(self.env.ref("shop_customer_scoring.shop_profit_dashboard_view_form").id, "form")],
            "target": "current",
        }

    # ------------------------------------------------------------------ drill-down
    def action_open_report(self):
        """Pivot (then list) of the period's figures per month and business line."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("shop_customer_scoring.shop_profit_report_action")
        action["domain"] = self._period_domain(self.date_from, self.date_to)
        measure = self.env.context.get("shop_measure")
        action["context"] = {"pivot_measures": [measure] if measure else KPIS, "graph_measure": measure or "margin"}
        return action

    def action_open_charts(self):
        """Bar chart of the twelve months up to the period's end, per business line (then pivot and list)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("shop_customer_scoring.shop_profit_report_action")
        start = self.date_to + relativedelta(day=1) - relativedelta(months=11)
        action["domain"] = self._period_domain(start, self.date_to)
        action["views"] = [(False, "graph"), (False, "pivot"), (False, "list")]
        action["context"] = {
            "graph_measure": self.env.context.get("shop_measure") or "margin",
            "graph_groupbys": ["date:month", "business_line"],
            "graph_mode": "bar",
        }
        return action

    def action_open_overdue(self):
        """Receivable lines overdue in the age bucket given in the context (all overdue when none)."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        domain = self._get_overdue_domain(today)
        bucket = next((b for b in AGING if b[0] == self.env.context.get("shop_bucket")), None)
        if bucket:
            _name, low, high = bucket
            domain.append(("date_maturity", "<=", today - timedelta(days=low)))
            if high:
                domain.append(("date_maturity", ">=", today - timedelta(days=high)))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Overdue receivables"),
            "res_model": "account.move.line",
            "view_mode": "list,pivot",
            "views": [(False, "list"), (False, "pivot")],
            "domain": domain,
            "context": {"group_by": ["partner_id"]},
        }

    def action_export_xlsx(self):
        self.ensure_one()
        return self.env.ref("shop_customer_scoring.shop_profit_dashboard_xlsx_action").report_action(self)

    # ------------------------------------------------------------------ Excel
    def _monthly_rows(self):
        """(month, business line label, figures) of the period, for the Excel sheet."""
        self.ensure_one()
        Report = self.env["shop.profit.report"]
        lines = dict(Report._fields["business_line"]._description_selection(self.env))
        groups = Report._read_group(
            self._period_domain(self.date_from, self.date_to),
            ["date:month", "business_line"],
            [f"{name}:sum" for name in KPIS],
            order="date:month, business_line",
        )
        return [
            (month, lines.get(line, line or ""), dict(zip(KPIS, (v or 0.0 for v in sums), strict=True)))
            for month, line, *sums in groups
        ]
