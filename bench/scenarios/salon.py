"""Salon: overdue appointments become pending in one statement; statistics over a million invoice lines.

Data (scale 1.0): 100 000 past appointments still `scheduled` (back to back for each of 20 professionals: the
agenda refuses overlaps), inserted in bulk with SQL; 200 000 emitted sales records of 5 services each
(1 000 000 invoice lines, each with its professional) for 10 000 clients of both genders over the last 400
days, SQL copies of one record made through the ORM.
Measures the ORM method (`salon.appointment._mark_pending`) against the same UPDATE written by hand, and its
query count at two sizes (a tenth of the rows, then all of them); and the sales statistics
(`salon.sales.report` read by service, professional, gender and month, with counts and the average ticket)
against the same GROUP BY in raw SQL (limit 1.5x each).
"""

from benchlib import copy_invoices, copy_partners

from odoo import Command, fields
from odoo.tools import SQL

ADDONS = ["shop_salon_schedule"]


def populate(env, scale):
    n = max(int(100_000 * scale), 100)
    partner = env["res.partner"].create({"name": "Bench client"})
    employees = env["hr.employee"].create([{"name": f"Bench professional {i}"} for i in range(20)])
    env.flush_all()
    env.cr.execute(
        SQL(
            """
            INSERT INTO salon_appointment (name, partner_id, employee_id, start, "end", price, company_id, state,
                                           create_uid, write_uid, create_date, write_date)
            SELECT 'bench', %(partner)s, (%(employees)s::int[])[1 + mod(g, 20)],
                   now() - interval '400 days' + (g / 20) * interval '30 minutes',
                   now() - interval '400 days' + (g / 20 + 1) * interval '30 minutes',
                   50, %(company)s, 'scheduled', 1, 1, now(), now()
              FROM generate_series(1, %(n)s) g
            """,
            partner=partner.id,
            employees=employees.ids,
            company=env.company.id,
            n=n,
        )
    )
    _populate_sales(env, scale)
    env.cr.commit()


def _populate_sales(env, scale):
    n_records = max(int(1_000_000 * scale) // 5, 100)
    today = fields.Date.context_today(env["res.partner"])
    services = env["product.product"].create(
        [
            {"name": f"Bench service {i}", "type": "service", "salon_service": True, "list_price": 20.0 * i}
            for i in range(1, 6)
        ]
    )
    professionals = env["hr.employee"].search([("name", "like", "Bench professional")], limit=5)
    client = env["res.partner"].create({"name": "Bench salon client", "gender": "female"})
    record = env["account.move"].create(
        {
            "move_type": "out_invoice",
            "partner_id": client.id,
            "invoice_date": today,
            "invoice_line_ids": [
                Command.create({"product_id": s.id, "salon_employee_id": e.id, "tax_ids": [Command.clear()]})
                for s, e in zip(services, professionals, strict=True)
            ],
        }
    )
    record.action_post()
    env.flush_all()
    copy_partners(
        env,
        client,
        max(int(10_000 * scale), 10),
        "Bench salon client ",
        "bench_salon_client",
        extra={"gender": SQL("CASE WHEN mod(g, 3) = 0 THEN 'male' ELSE 'female' END")},
    )
    copy_invoices(
        env, record, n_records, "SALON/", "bench_salon_client", SQL("(%s::date - mod(g * 7, 400)::int)", today)
    )
    env.cr.execute("ANALYZE account_move; ANALYZE account_move_line; ANALYZE res_partner")


def run(env, bench):
    Appointment = env["salon.appointment"]
    env.cr.execute("SELECT MIN(id), MAX(id) FROM salon_appointment WHERE name = 'bench'")
    lo, hi = env.cr.fetchone()
    tenth = lo + (hi - lo) // 10

    def raw():
        env.cr.execute(
            "UPDATE salon_appointment SET state = 'pending', write_date = now() at time zone 'utc' "
            "WHERE state = 'scheduled' AND \"end\" < now() at time zone 'utc'"
        )

    def orm_tenth():
        # leave nine tenths out of reach to measure the same method on fewer rows
        env.cr.execute("UPDATE salon_appointment SET state = 'done' WHERE name = 'bench' AND id > %s", [tenth])
        Appointment._mark_pending()

    bench.measure("raw SQL UPDATE (baseline)", raw, repeat=3)
    bench.measure("_mark_pending (ORM method)", Appointment._mark_pending, repeat=3)
    bench.measure("_mark_pending on a tenth", orm_tenth)
    bench.check_ratio("_mark_pending (ORM method)", "raw SQL UPDATE (baseline)", limit=1.5)
    bench.check_queries_constant("_mark_pending on a tenth", "_mark_pending (ORM method)", slack=1)
    _run_statistics(env, bench)


def _run_statistics(env, bench):
    Report = env["salon.sales.report"]
    env.cr.execute(SQL("SELECT COUNT(*) FROM (%s) r", Report._query()))  # a report on _table_query: no view
    print(f"  salon          statistics over {env.cr.fetchone()[0]} sales lines", flush=True)
    raw_keys = {
        "service": SQL("product_id"),
        "professional": SQL("employee_id"),
        "gender": SQL("gender"),
        "month": SQL("date_trunc('month', date::timestamp)"),
    }
    orm_keys = {"service": "product_id", "professional": "employee_id", "gender": "gender", "month": "date:month"}
    for name, key in raw_keys.items():

        def raw(key=key):
            env.cr.execute(
                SQL(
                    "SELECT %s, SUM(amount), COUNT(DISTINCT move_id), SUM(amount) / NULLIF(COUNT(DISTINCT move_id), 0)"
                    " FROM (%s) r GROUP BY 1 ORDER BY 1",
                    key,
                    Report._query(),
                )
            )
            env.cr.fetchall()

        def orm(groupby=orm_keys[name]):
            Report.invalidate_model()
            Report._read_group(
                [], [groupby], ["amount:sum", "record_count:count_distinct", "average_ticket:avg"], order=groupby
            )

        bench.measure(f"raw SQL GROUP BY {name} (baseline)", raw, repeat=3)
        bench.measure(f"sales statistics by {name}", orm, repeat=3)
        bench.check_ratio(f"sales statistics by {name}", f"raw SQL GROUP BY {name} (baseline)", limit=1.5)
