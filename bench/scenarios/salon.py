"""Salon: overdue appointments become pending in one statement, whatever their number.

Data: 100 000 past appointments (scale 1.0) still `scheduled`, inserted in bulk with SQL.
Measures the ORM method (`salon.appointment._mark_pending`) against the same UPDATE written by hand,
and its query count at two sizes (a tenth of the rows, then all of them).
"""

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
                   now() - interval '400 days' + (g || ' minutes')::interval,
                   now() - interval '400 days' + (g || ' minutes')::interval + interval '30 minutes',
                   50, %(company)s, 'scheduled', 1, 1, now(), now()
              FROM generate_series(1, %(n)s) g
            """,
            partner=partner.id,
            employees=employees.ids,
            company=env.company.id,
            n=n,
        )
    )
    env.cr.commit()


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
