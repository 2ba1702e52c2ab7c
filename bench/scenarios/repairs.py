"""Repairs: the daily quote expiry cron on 20 000 open repairs.

Data (scale 1.0): 20 000 open repairs, copied in bulk with SQL from one repair made through the ORM: a third
waiting for their diagnosis, a third whose quote was sent today (still valid), a third accepted.
Measures `shop_repairs.cron_quote_expiry` (`repair.order._cron_quote_expiry`) on the everyday run (nothing due)
against the same selection written as one raw SQL statement, its query count at two sizes (a tenth of the open
repairs, then all of them), and the same with a fixed handful of due quotes among them (each due quote sends
its own e-mail, so that count depends on the due quotes, never on the open repairs).
"""

from benchlib import copy_rows, series

from odoo.tools import SQL

ADDONS = ["shop_repairs"]
DUE = 10


def populate(env, scale):
    n = max(int(20_000 * scale), 100)
    partner = env["res.partner"].create({"name": "Bench customer", "email": "bench.customer@example.com"})
    device = env["product.product"].create({"name": "Bench phone", "type": "consu"})
    template = env["repair.order"].create({"partner_id": partner.id, "product_id": device.id})
    env.flush_all()
    now = SQL("(now() at time zone 'utc')")
    copy_rows(
        env,
        "repair_order",
        template.id,
        series(env, n),
        {
            "name": SQL("'BENCH/' || g"),
            "quote_state": SQL("(ARRAY['none', 'sent', 'accepted'])[1 + mod(g, 3)]"),
            "shop_quote_sent_date": SQL("CASE WHEN mod(g, 3) = 0 THEN NULL ELSE %s END", now),
            "state": SQL("CASE WHEN mod(g, 3) = 2 THEN 'confirmed' ELSE 'draft' END"),
            "shop_diagnosis_done_date": SQL("CASE WHEN mod(g, 3) = 0 THEN NULL ELSE %s END", now),
            "shop_diagnosis_deadline": SQL("%s + interval '3 days'", now),
            "shop_intake_date": now,
        },
    )
    env.cr.commit()


def run(env, bench):
    Repair = env["repair.order"]
    env.cr.execute("SELECT MIN(id), MAX(id) FROM repair_order WHERE name LIKE 'BENCH/%%'")
    lo, hi = env.cr.fetchone()
    tenth = lo + (hi - lo) // 10
    env["ir.config_parameter"].set_param("shop_repairs.quote_validity_days", 7)
    env["ir.config_parameter"].set_param("shop_repairs.reminder_interval_days", 7)
    env.cr.commit()

    def raw():
        # the cron's whole selection (quotes to expire, reminders to send, overdue diagnoses) in one statement
        env.cr.execute(
            """
            SELECT id FROM repair_order
             WHERE (quote_state = 'sent' AND shop_quote_sent_date < (now() at time zone 'utc') - interval '7 days')
                OR (quote_state IN ('expired', 'declined') AND shop_delivered_date IS NULL
                    AND shop_abandoned IS NOT TRUE
                    AND shop_last_reminder_date < (now() at time zone 'utc') - interval '7 days')
                OR (shop_diagnosis_deadline < (now() at time zone 'utc') AND shop_diagnosis_done_date IS NULL
                    AND state NOT IN ('done', 'cancel') AND shop_overdue_notified IS NOT TRUE)
            """
        )
        env.cr.fetchall()

    def cron():
        Repair.invalidate_model()
        Repair._cron_quote_expiry()

    def keep_a_tenth():
        # close nine tenths of the open repairs to measure the same cron on fewer of them
        env.cr.execute("UPDATE repair_order SET state = 'cancel', quote_state = 'none' WHERE id > %s", [tenth])

    def make_due():
        env.cr.execute(
            "UPDATE repair_order SET shop_quote_sent_date = (now() at time zone 'utc') - interval '30 days' "
            "WHERE id IN (SELECT id FROM repair_order WHERE quote_state = 'sent' AND id <= %s ORDER BY id LIMIT %s)",
            [tenth, DUE],
        )

    def cron_tenth():
        keep_a_tenth()
        cron()

    def cron_due_tenth():
        keep_a_tenth()
        make_due()
        cron()

    def cron_due():
        make_due()
        cron()

    bench.measure("raw SQL selection (baseline)", raw, repeat=3)
    bench.measure("expiry cron, nothing due", cron, repeat=3)
    bench.measure("expiry cron, nothing due, a tenth", cron_tenth)
    bench.measure(f"expiry cron, {DUE} due", cron_due)
    bench.measure(f"expiry cron, {DUE} due, a tenth", cron_due_tenth)
    bench.check_ratio("expiry cron, nothing due", "raw SQL selection (baseline)", limit=2.0)
    # slack=1: the tenth's measure also runs the UPDATE that closes nine tenths
    bench.check_queries_constant("expiry cron, nothing due, a tenth", "expiry cron, nothing due", slack=1)
    bench.check_queries_constant(f"expiry cron, {DUE} due, a tenth", f"expiry cron, {DUE} due", slack=1)
