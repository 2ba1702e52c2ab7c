from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang

# the figures of shop.profit.report shown as KPI cards, in the order of the cards and the Excel sheet
KPIS = ["revenue", "discount", "cost", "margin", "stock_loss", "cancelled", "expense", "operating"]
AGING = [("overdue_30", 0, 30), ("overdue_60", 31, 60), ("overdue_90", 61, 90), ("overdue_90_plus", 91, None)]


def previous_period(date_from, date_to):
    """The period of the same length that ends the day before date_from."""
    length = date_to - date_from
    return date_from - length - timedelta(days=1), date_from - timedelta(days=1)


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

    @api.model
    def _period_domain(self, date_from, date_to):
        return [("date", ">=", date_from), ("date", "<=", date_to)]

    @api.model
    def _kpi_figures(self, date_from, date_to):
        """Sums of the KPI figures of shop.profit.report over a period (one query)."""
        self.env.flush_all()  # the report is a query over invoices, bills and stock valuation
        groups = self.env["shop.profit.report"]._read_group(
            self._period_domain(date_from, date_to), [], [f"{name}:sum" for name in KPIS]
        )
        return dict(zip(KPIS, (value or 0.0 for value in groups[0]), strict=True))

    @api.model
    def _kpi_values(self, date_from, date_to):
        """The KPI figures of a period and their changes against the previous one ("+12.5%", "—"): the one
        function of the dates behind the cards, the client action and the Excel export."""
        current = self._kpi_figures(date_from, date_to)
        previous = self._kpi_figures(*previous_period(date_from, date_to))
        values = dict(current)
        for name in KPIS:
            change = change_percent(current[name], previous[name])
            # in the reader's number format ("+12,5%" in pt_BR)
            values[f"{name}_change"] = (
                "—" if change is None else ("+" if change > 0 else "") + formatLang(self.env, change, digits=1) + "%"
            )
        return values

    @api.depends("date_from", "date_to")
    def _compute_kpis(self):
        for dashboard in self:
            if not (dashboard.date_from and dashboard.date_to):
                dashboard.update(dict.fromkeys(KPIS, 0.0) | {f"{name}_change": False for name in KPIS})
                continue
            dashboard.update(self._kpi_values(dashboard.date_from, dashboard.date_to))

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

    # ------------------------------------------------------------------ client action (read only)
    @api.model
    def _dashboard_period(self, date_from=None, date_to=None):
        """The period asked for (ISO strings or dates), the current month by default; refused when reversed."""
        today = fields.Date.context_today(self)
        date_from = fields.Date.to_date(date_from) or today.replace(day=1)
        date_to = fields.Date.to_date(date_to) or today + relativedelta(day=31)
        if date_from > date_to:
            raise UserError(self.env._("The period must start before it ends."))
        return date_from, date_to

    @api.model
    def _field_label(self, name):
        return self._fields[name]._description_string(self.env)

    @api.model
    def _card_labels(self):
        """The labels of the KPI and overdue cards (the overdue ones shorter than their fields' labels)."""
        return {name: self._field_label(name) for name in KPIS} | {
            "overdue_30": self.env._("Up to 30 days"),
            "overdue_60": self.env._("31 to 60 days"),
            "overdue_90": self.env._("61 to 90 days"),
            "overdue_90_plus": self.env._("Over 90 days"),
        }

    @api.model
    @api.readonly
    def get_dashboard_figures(self, date_from=None, date_to=None):
        """Everything the owner's dashboard shows for a period (current month by default), read only: the KPI
        cards with their change against the previous period, the overdue buckets and the currency."""
        self.browse().check_access("read")
        date_from, date_to = self._dashboard_period(date_from, date_to)
        values = self._kpi_values(date_from, date_to)
        buckets = self._overdue_buckets()
        labels = self._card_labels()
        currency = self.env.company.currency_id
        return {
            "date_from": fields.Date.to_string(date_from),
            "date_to": fields.Date.to_string(date_to),
            "currency": {
                "id": currency.id,
                "symbol": currency.symbol,
                "position": currency.position,
                "digits": currency.decimal_places,
            },
            "kpis": [
                {"name": name, "label": labels[name], "value": values[name], "change": values[f"{name}_change"]}
                for name in KPIS
            ],
            "overdue": [{"name": name, "label": labels[name], "value": buckets[name]} for name, _l, _h in AGING],
        }

    @api.model
    @api.readonly
    def get_report_action(self, date_from, date_to, measure=None):
        """Pivot (then list) of the period's figures per month and business line."""
        date_from, date_to = self._dashboard_period(date_from, date_to)
        action = self.env["ir.actions.act_window"]._for_xml_id("shop_customer_scoring.shop_profit_report_action")
        action["domain"] = self._period_domain(date_from, date_to)
        action["context"] = {"pivot_measures": [measure] if measure else KPIS, "graph_measure": measure or "margin"}
        return action

    @api.model
    @api.readonly
    def get_charts_action(self, date_from, date_to, measure=None):
        """Bar chart of the twelve months up to the period's end, per business line (then pivot and list)."""
        _date_from, date_to = self._dashboard_period(date_from, date_to)
        action = self.env["ir.actions.act_window"]._for_xml_id("shop_customer_scoring.shop_profit_report_action")
        start = date_to + relativedelta(day=1) - relativedelta(months=11)
        action["domain"] = self._period_domain(start, date_to)
        action["views"] = [(False, "graph"), (False, "pivot"), (False, "list")]
        action["context"] = {
            "graph_measure": measure or "margin",
            "graph_groupbys": ["date:month", "business_line"],
            "graph_mode": "bar",
        }
        return action

    @api.model
    @api.readonly
    def get_overdue_action(self, bucket=None):
        """Receivable lines overdue in the given age bucket (all overdue when none)."""
        today = fields.Date.context_today(self)
        domain = self._get_overdue_domain(today)
        age = next((b for b in AGING if b[0] == bucket), None)
        if age:
            _name, low, high = age
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

    @api.model
    @api.readonly
    def get_xlsx_action(self, date_from, date_to):
        """The Excel export of the period: the dates travel in the report's data (no record to browse, which a
        replica lagging behind could not find)."""
        date_from, date_to = self._dashboard_period(date_from, date_to)
        data = {"date_from": fields.Date.to_string(date_from), "date_to": fields.Date.to_string(date_to)}
        return self.env.ref("shop_customer_scoring.shop_profit_dashboard_xlsx_action").report_action(
            None, data=data, config=False
        )

    # ------------------------------------------------------------------ drill-down from a record
    def action_open_report(self):
        self.ensure_one()
        return self.get_report_action(self.date_from, self.date_to, self.env.context.get("shop_measure"))

    def action_open_charts(self):
        self.ensure_one()
        return self.get_charts_action(self.date_from, self.date_to, self.env.context.get("shop_measure"))

    def action_open_overdue(self):
        self.ensure_one()
        return self.get_overdue_action(self.env.context.get("shop_bucket"))

    def action_export_xlsx(self):
        self.ensure_one()
        return self.get_xlsx_action(self.date_from, self.date_to)

    # ------------------------------------------------------------------ Excel
    @api.model
    def _monthly_rows(self, date_from, date_to):
        """(month, business line label, figures) of the period, for the Excel sheet."""
        Report = self.env["shop.profit.report"]
        lines = dict(Report._fields["business_line"]._description_selection(self.env))
        groups = Report._read_group(
            self._period_domain(date_from, date_to),
            ["date:month", "business_line"],
            [f"{name}:sum" for name in KPIS],
            order="date:month, business_line",
        )
        return [
            (month, lines.get(line, line or ""), dict(zip(KPIS, (v or 0.0 for v in sums), strict=True)))
            for month, line, *sums in groups
        ]
