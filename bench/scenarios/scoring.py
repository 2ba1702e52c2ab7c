"""Customer scoring and the owner's dashboard on 100 000 customers and 1 000 000 invoice lines.

Data (scale 1.0): 100 000 customers; 200 000 posted customer invoices of 5 product lines each (1 000 000
product lines, plus one receivable line per invoice), spread over the last 400 days. Four in five are paid,
through a partial reconciliation dated from 0 to 44 days after the invoice (so some are paid late); the
others are open. Built with SQL copies of one invoice (and one payment) made through the ORM.

Measures:
- scoring every customer (`res.partner._shop_compute_scores`: the aggregation, the formula in Python and one
  bulk UPDATE of the changed rows) against the same aggregation run as one raw SQL statement: on the first
  run (every row written, reported) and on the nightly run (yesterday's scores stored; limit 2x);
- the same scoring on a tenth of the customers: the query count must not change;
- the dashboard's main query (the KPI cards: `shop.profit.report` summed over a year) against the same sums in
  raw SQL (limit 1.5x) and against Odoo's own invoice analysis (`account.invoice.report` per month) over the
  same lines (limit 1x); and the pivot per month and business line against the same raw GROUP BY (1.5x).
"""

from datetime import timedelta

from benchlib import copy_invoices, copy_partners, copy_rows

from odoo import Command, fields
from odoo.tools import SQL

ADDONS = ["shop_customer_scoring"]
LINES_PER_INVOICE = 5
KPIS = ["revenue", "discount", "cost", "margin", "stock_loss", "cancelled"]


def populate(env, scale):
    n_customers = max(int(100_000 * scale), 100)
    n_invoices = max(int(1_000_000 * scale) // LINES_PER_INVOICE, 100)
    today = fields.Date.context_today(env["res.partner"])
    template_partner = env["res.partner"].create({"name": "Bench template customer", "email": "bench@example.com"})
    category = env["product.category"].create({"name": "Bench category"})
    products = env["product.product"].create(
        [
            {"name": f"Bench product {i}", "type": "consu", "list_price": 10.0 * i, "categ_id": category.id}
            for i in range(1, LINES_PER_INVOICE + 1)
        ]
    )
    invoice = env["account.move"].create(
        {
            "move_type": "out_invoice",
            "partner_id": template_partner.id,
            "invoice_date": today,
            "invoice_payment_term_id": False,
            "invoice_line_ids": [
                Command.create({"product_id": p.id, "quantity": 2, "discount": 5.0, "tax_ids": [Command.clear()]})
                for p in products
            ],
        }
    )
    invoice.action_post()
    env["account.payment.register"].with_context(active_model="account.move", active_ids=invoice.ids).create(
        {"payment_date": today}
    )._create_payments()
    env.flush_all()
    partial = invoice.line_ids.filtered(lambda line: line.display_type == "payment_term").matched_credit_ids

    copy_partners(env, template_partner, n_customers, "Bench customer ", "bench_partner")
    # invoices: the g-th for customer g mod n, dated g*7 mod 400 days ago, due 30 days later; 4 in 5 paid
    day = SQL("(%s::date - mod(g * 7, 400)::int)", today)
    copy_invoices(env, invoice, n_invoices, "BENCH/", "bench_partner", day, paid=SQL("(mod(g, 5) <> 0)"))
    # the payments of the paid ones, 0 to 44 days after the invoice (after 30: paid late)
    copy_rows(
        env,
        "account_partial_reconcile",
        SQL(
            "t.id = %s AND l.display_type = 'payment_term' AND l.reconciled AND l.move_name LIKE %s",
            partial.id,
            "BENCH/%",
        ),
        SQL("account_move_line l"),
        {
            "debit_move_id": SQL("l.id"),
            "max_date": SQL("l.date + mod(l.id, 45)::int"),
            "full_reconcile_id": SQL("NULL::int"),
        },
    )
    env.cr.execute(
        "ANALYZE account_move; ANALYZE account_move_line; ANALYZE account_partial_reconcile; ANALYZE res_partner"
    )
    env.cr.commit()


def run(env, bench):
    Partner = env["res.partner"]
    env.cr.execute("SELECT id FROM res_partner WHERE name LIKE 'Bench customer %%' ORDER BY id")
    all_ids = [i for (i,) in env.cr.fetchall()]
    tenth = all_ids[: len(all_ids) // 10]
    today = fields.Date.context_today(Partner)
    env.cr.execute("SELECT COUNT(*) FROM account_move_line WHERE display_type = 'product'")
    print(f"  scoring        {len(all_ids)} customers, {env.cr.fetchone()[0]} invoice product lines", flush=True)

    def raw_scoring():
        env.cr.execute(Partner._shop_score_query(today))
        env.cr.fetchall()

    # first run: no score stored yet, so every customer's row is written
    env.cr.execute("UPDATE res_partner SET shop_score = NULL, shop_rating = NULL, shop_score_why = NULL")
    env.cr.commit()
    bench.measure("raw SQL scoring aggregation (baseline)", raw_scoring, repeat=2)
    bench.measure("scoring, first run (every row written)", lambda: Partner._shop_compute_scores())
    bench.measure("scoring, first run, a tenth", lambda: Partner._shop_compute_scores(tenth))
    # the nightly run: yesterday's scores are stored, only the changed ones are written
    Partner._shop_compute_scores()
    env.cr.commit()
    bench.measure("scoring, nightly run, all customers", lambda: Partner._shop_compute_scores(), repeat=2)
    bench.measure("scoring, nightly run, a tenth", lambda: Partner._shop_compute_scores(tenth))
    bench.check_ratio("scoring, nightly run, all customers", "raw SQL scoring aggregation (baseline)", limit=2.0)
    bench.check_queries_constant("scoring, nightly run, a tenth", "scoring, nightly run, all customers")
    bench.check_queries_constant("scoring, first run, a tenth", "scoring, first run (every row written)")

    Report = env["shop.profit.report"]
    year_ago = today - timedelta(days=365)
    domain = [("date", ">=", year_ago), ("date", "<=", today)]
    sums = SQL(", ").join(SQL("SUM(%s)", SQL.identifier(k)) for k in KPIS)

    def dashboard_cards():
        # what the dashboard reads for its KPI cards (shop.profit.dashboard._kpi_figures), over a whole year
        Report.invalidate_model()
        Report._read_group(domain, [], [f"{k}:sum" for k in KPIS])

    def raw_cards():
        env.cr.execute(
            SQL("SELECT %s FROM (%s) r WHERE date >= %s AND date <= %s", sums, Report._query(), year_ago, today)
        )
        env.cr.fetchall()

    def pivot():
        Report.invalidate_model()
        Report._read_group(domain, ["date:month", "business_line"], [f"{k}:sum" for k in KPIS])

    def raw_group_by():
        env.cr.execute(
            SQL(
                "SELECT date_trunc('month', date), business_line, %s FROM (%s) r "
                "WHERE date >= %s AND date <= %s GROUP BY 1, 2 ORDER BY 1, 2",
                sums,
                Report._query(),
                year_ago,
                today,
            )
        )
        env.cr.fetchall()

    def invoice_analysis():
        env["account.invoice.report"]._read_group(
            [("invoice_date", ">=", year_ago), ("invoice_date", "<=", today)],
            ["invoice_date:month"],
            ["price_subtotal:sum", "quantity:sum"],
        )

    bench.measure("Odoo invoice analysis per month", invoice_analysis, repeat=3)
    bench.measure("raw SQL sums of the dashboard (baseline)", raw_cards, repeat=3)
    bench.measure("dashboard main query (KPI cards, a year)", dashboard_cards, repeat=3)
    bench.measure("raw SQL GROUP BY month, line (baseline)", raw_group_by, repeat=3)
    bench.measure("dashboard pivot per month and line", pivot, repeat=3)
    bench.check_ratio("dashboard main query (KPI cards, a year)", "raw SQL sums of the dashboard (baseline)", limit=1.5)
    bench.check_ratio("dashboard main query (KPI cards, a year)", "Odoo invoice analysis per month", limit=1.0)
    bench.check_ratio("dashboard pivot per month and line", "raw SQL GROUP BY month, line (baseline)", limit=1.5)
