"""Load, bounded (issue 12 §2): customers open their repair quote pages and accept or decline while front-desk
users book the same salon slots at once, on the production configuration.

Runs config/odoo.conf's prefork server (workers > 0, one cron worker) on loopback, on a database of its own,
`<bench db>_load`, driven by threads with `requests` (stops by itself). Scale 1.0: N = 20 customers and N = 20
front-desk users (Agenda group), all starting together:
- each customer opens the page of their repair quote (the link of the quote e-mail, /my/orders/<id> with its
  token) and the page of a plain Odoo quotation (same route, an order without repair) VIEWS times each, then
  accepts (signature) or declines (with a reason) the repair quote;
- each front-desk user tries to book every slot of the same PROFESSIONALS x SLOTS grid, in their own random
  order, over Odoo's external API (JSON-RPC, as themselves): each slot must be given exactly once, the others
  refused with the user message.
Printed: p50/p95 per kind of request, errors, 5xx, the ratio of the repair quote page's p95 to the plain
quotation page's p95, double bookings found in the database afterwards. Limits: no 5xx, no error, no double
booking, every answer recorded on its repair and order.
"""

import random
import re
import threading
import time
from datetime import timedelta

import requests
from serverlib import (
    Recorder,
    Stage,
    db_cursor,
    double_bookings,
    ensure_database,
    hold_crons,
    make_repair_quotes,
    open_env,
    percentile,
)

from odoo import fields

ADDONS = ["shop_repairs", "shop_salon_schedule"]
VIEWS = 5
PROFESSIONALS = 3
SLOTS = 6


def populate(env, scale):
    """Nothing in the runner's database: the scenario's server works on `<bench db>_load` (see run)."""


def build(env, n):
    """Front-desk users bench_desk_<i> (password = login), professionals, a service and a client; a product for
    quotations (what an earlier, smaller run made is kept)."""
    agenda = env.ref("shop_salon_schedule.group_salon_agenda")
    users = env["res.users"].with_context(active_test=False)
    logins = [f"bench_desk_{i}" for i in range(n)]
    missing = set(logins) - set(users.search([("login", "in", logins)]).mapped("login"))
    users.with_context(no_reset_password=True).create(
        [
            {
                "name": f"Bench front desk {login[11:]}",
                "login": login,
                "password": login,
                "groups_id": [(6, 0, [agenda.id, env.ref("base.group_user").id])],
            }
            for login in sorted(missing)
        ]
    )
    if not env["hr.employee"].search_count([("name", "like", "Bench professional")]):
        env["hr.employee"].create([{"name": f"Bench professional {i}"} for i in range(PROFESSIONALS)])
        env["product.product"].create(
            {
                "name": "Bench haircut",
                "type": "service",
                "salon_service": True,
                "salon_duration": 1.0,
                "list_price": 50.0,
            }
        )
        env["res.partner"].create({"name": "Bench salon client"})
        env["product.product"].create({"name": "Bench cable", "type": "consu", "list_price": 20.0})
    env["ir.config_parameter"].set_param("bench.h5.load.built", str(n))


def plain_quotations(env, count):
    """Odoo quotations without repair, sent: [(id, access token)]."""
    product = env["product.product"].search([("name", "=", "Bench cable")], limit=1)
    partner = env["res.partner"].create({"name": "Bench buyer", "email": "bench.buyer@example.com"})
    orders = env["sale.order"].create(
        [
            {"partner_id": partner.id, "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 2})]}
            for _i in range(count)
        ]
    )
    orders.action_quotation_sent()
    for order in orders:
        order._portal_ensure_token()
    return [(o.id, o.access_token) for o in orders]


def customer(server, rec, barrier, repair_quote, plain_quote, accept):
    session = requests.Session()
    (order_id, token), (plain_id, plain_token) = repair_quote, plain_quote
    barrier.wait(timeout=600)
    page = None
    for _i in range(VIEWS):
        page = rec.timed(
            "repair quote page",
            lambda: session.get(f"{server.url}/my/orders/{order_id}?access_token={token}", timeout=120),
        )
        rec.timed(
            "plain quotation page",
            lambda: session.get(f"{server.url}/my/orders/{plain_id}?access_token={plain_token}", timeout=120),
        )
    if accept:

        def accept_quote():
            resp, refusal = server.accept_quote(session, order_id, token)
            if refusal:
                with rec.lock:
                    rec.errors["accept"].append(str(refusal)[:300])
            return resp

        rec.timed("accept", accept_quote)
    else:
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text if page is not None else "")
        rec.timed(
            "decline",
            lambda: session.post(
                f"{server.url}/my/orders/{order_id}/decline",
                data={"access_token": token, "decline_message": "Muito caro", "csrf_token": csrf[1] if csrf else ""},
                timeout=120,
            ),
        )


def front_desk(server, rec, barrier, login, slots, refs):
    session = requests.Session()
    uid = session.post(
        f"{server.url}/jsonrpc",
        json={
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"service": "common", "method": "authenticate", "args": [server.db, login, login, {}]},
        },
        timeout=120,
    ).json()["result"]
    order = list(slots)
    random.shuffle(order)
    barrier.wait(timeout=600)
    for employee_id, start in order:
        vals = {
            "partner_id": refs["client"],
            "employee_id": employee_id,
            "service_ids": [(6, 0, [refs["service"]])],
            "start": start,
        }
        resp = rec.timed(
            "booking", lambda v=vals: server.call(uid, login, "salon.appointment", "create", [v], session=session)
        )
        if resp is None or resp.status_code != 200:
            continue
        error = resp.json().get("error")
        if error:
            name = (error.get("data") or {}).get("name", "")
            with rec.lock:
                if name.endswith("ValidationError"):
                    rec.counts["refused booking"] += 1
                else:
                    rec.errors["booking"].append(f"{name}: {(error.get('data') or {}).get('message', '')[:200]}")


def warm_up(server, repair_quote, plain_quote):
    """Every worker loads the registry and the page templates before the measure."""
    for _i in range(3 * server.workers):
        for order_id, token in (repair_quote, plain_quote):
            requests.get(f"{server.url}/my/orders/{order_id}?access_token={token}", timeout=120)


def run(env, bench):
    scale = float(env["ir.config_parameter"].get_param("bench.populated.load") or 1.0)
    n = max(int(20 * scale), 2)
    db = f"{env.cr.dbname}_load"
    ensure_database(db, ADDONS)
    registry, cr, lenv = open_env(db, {"mail_notify_force_send": False})
    with Stage("load", cr) as stage:
        if lenv["ir.config_parameter"].get_param("bench.h5.load.built") != str(n):
            build(lenv, n)
        repair_quotes = make_repair_quotes(lenv, n + 1, "bench.load")
        plain = plain_quotations(lenv, n + 1)
        employees = lenv["hr.employee"].search(
            [("name", "like", "Bench professional")], order="id", limit=PROFESSIONALS
        )
        refs = {
            "client": lenv["res.partner"].search([("name", "=", "Bench salon client")], limit=1).id,
            "service": lenv["product.product"].search([("name", "=", "Bench haircut")], limit=1).id,
        }
        # a day no earlier run booked: tomorrow + (a day number from the clock), 9:00 to 9+SLOTS:00 UTC
        day = fields.Datetime.now().replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(
            days=1 + int(time.time() // 60) % 3000
        )
        slots = [(e.id, fields.Datetime.to_string(day + timedelta(hours=h))) for e in employees for h in range(SLOTS)]
        hold_crons(lenv)
        cr.execute("UPDATE mail_mail SET state = 'cancel' WHERE state = 'outgoing'")
        lenv.flush_all()
        cr.commit()
        server = stage.start_server(db)
        warm_up(server, repair_quotes[-1], plain[-1])
        rec = Recorder()
        barrier = threading.Barrier(2 * n)
        threads = [
            threading.Thread(target=customer, args=(server, rec, barrier, repair_quotes[i], plain[i], i % 2 == 0))
            for i in range(n)
        ] + [
            threading.Thread(target=front_desk, args=(server, rec, barrier, f"bench_desk_{i}", slots, refs))
            for i in range(n)
        ]
        t0 = time.time()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.time() - t0
        report(bench, rec, n, wall, slots, employees.ids, repair_quotes[:n], db)
        stage.print_log_errors()


def report(bench, rec, n, wall, slots, employee_ids, quotes, db):
    print(f"  load           {n} customers and {n} front-desk users at once, {wall:.1f}s", flush=True)
    rec.print_table("load", ("repair quote page", "plain quotation page", "accept", "decline", "booking"))
    repair95, plain95 = (
        percentile(rec.times["repair quote page"], 95),
        percentile(rec.times["plain quotation page"], 95),
    )
    ratio = repair95 / plain95 if plain95 else float("inf")
    print(f"  load           ratio p95 repair quote page / plain quotation page = {ratio:.2f}", flush=True)
    with db_cursor(db) as cr:
        doubles = double_bookings(cr, employee_ids)
        cr.execute(
            "SELECT COUNT(*) FROM salon_appointment WHERE employee_id = ANY(%s) AND start = ANY(%s::timestamp[])",
            [employee_ids, sorted({s for _e, s in slots})],
        )
        booked = cr.fetchone()[0]
        cr.execute(
            """
            SELECT COUNT(*) FILTER (WHERE so.state = 'sale' AND r.quote_state = 'accepted' AND r.state = 'confirmed'),
                   COUNT(*) FILTER (WHERE r.quote_state = 'declined')
              FROM sale_order so JOIN repair_order r ON r.sale_order_id = so.id WHERE so.id = ANY(%s)
            """,
            [[q[0] for q in quotes]],
        )
        accepted, declined = cr.fetchone()
    print(
        f"  load           bookings: {booked}/{len(slots)} slots booked, "
        f"{rec.counts['refused booking']} refused as taken, {doubles} double booking(s); "
        f"answers recorded: {accepted} accepted, {declined} declined of {len(quotes)}",
        flush=True,
    )
    if rec.failure():
        bench.failures.append(rec.failure())
    if doubles or booked != len(slots):
        bench.failures.append(f"{doubles} double booking(s), {booked}/{len(slots)} slots booked")
    if accepted != (len(quotes) + 1) // 2 or declined != len(quotes) // 2:
        bench.failures.append(f"answers recorded: {accepted} accepted, {declined} declined of {len(quotes)}")
