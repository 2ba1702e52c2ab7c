"""Online booking under load (issue 14 §6): 50 clients book the same afternoon at once, on loopback.

Runs config/odoo.conf's prefork server (workers > 0) on a database of its own, `<bench db>_booking`, driven by
threads with `requests` (stops by itself). Scale 1.0: N = 50 anonymous clients, each with its own browser
session, all starting together on the same afternoon (13:00-19:00 in the shop's time zone) of PROFESSIONALS
professionals, as a person does it on the public booking page:
- open the page of the free times of that day for a 1-hour service and "any professional" (the slot page);
- post the booking form (name, phone, e-mail, one of the afternoon's times picked at random) with the page's
  CSRF token; a time just taken by someone else is refused with the page's message: the client opens the slot
  page again and picks another time, until booked or the afternoon is full;
- and, as the baseline measured in the same run under the same load, Odoo's own public login page once per try.
Printed: p50/p95 of the slot page, of the booking request and of the baseline page, errors, 5xx; then, in the
database: bookings made, double bookings (overlapping appointments of one professional), clients told the time was
taken. Limits: no 5xx, no error, no double booking, every confirmed booking is one appointment, and the
afternoon is full when there are more clients than places.
"""

import random
import re
import threading
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import requests
from serverlib import Recorder, Stage, db_cursor, double_bookings, ensure_database, hold_crons, open_env, percentile

ADDONS = ["shop_salon_booking"]
PROFESSIONALS = 3
TZ = "America/Sao_Paulo"
AFTERNOON = (13, 19)
TRIES = 20
KINDS = ("slot page", "booking request", "baseline: Odoo login page")

SLOT_RE = re.compile(r'name="start"[^>]*?value="(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)"')
CSRF_RE = re.compile(r'name="csrf_token"\s+value="([^"]+)"')


def populate(env, scale):
    """Nothing in the runner's database: the scenario's server works on `<bench db>_booking` (see run)."""


def build(env):
    """PROFESSIONALS bookable professionals working every day 9:00-19:00 in the shop's time zone, a 1-hour
    service; booking open far ahead (each run books a day of its own); the salon's e-mail address, the sender of
    the confirmations."""
    env.company.email = env.company.email or "salao.bench@example.com"
    if env["hr.employee"].search_count([("name", "like", "Bench booking professional")]):
        return
    calendar = env["resource.calendar"].create(
        {
            "name": "Bench salon hours",
            "tz": TZ,
            "attendance_ids": [
                (0, 0, {"name": "Day", "dayofweek": str(day), "hour_from": 9, "hour_to": 19, "day_period": "morning"})
                for day in range(7)
            ],
        }
    )
    env["hr.employee"].create(
        [
            {"name": f"Bench booking professional {i}", "resource_calendar_id": calendar.id, "salon_bookable": True}
            for i in range(PROFESSIONALS)
        ]
    )
    env["product.product"].create(
        {
            "name": "Bench booking haircut",
            "type": "service",
            "salon_service": True,
            "salon_duration": 1.0,
            "list_price": 60.0,
            "sale_ok": True,
        }
    )
    params = env["ir.config_parameter"]
    params.set_param("shop_salon_booking.booking_days", "3650")
    params.set_param("shop_salon_booking.min_notice_hours", "0")


def afternoon_starts(page, day):
    """The afternoon's free start times offered by the slot page ("YYYY-MM-DD HH:MM:SS", UTC)."""
    tz = ZoneInfo(TZ)
    lo = datetime.combine(day, datetime.min.time()).replace(hour=AFTERNOON[0], tzinfo=tz)
    hi = lo.replace(hour=AFTERNOON[1])
    starts = set()
    for match in SLOT_RE.finditer(page):
        value = match[1]
        utc = datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=ZoneInfo("UTC"))
        if lo <= utc < hi:
            starts.add(value)
    return sorted(starts)


def client(server, rec, barrier, i, day, service_id):
    session = requests.Session()
    session.headers["Accept-Language"] = "pt-BR,pt;q=0.9"  # a Brazilian client's phone
    slots_url = f"{server.url}/salon/book/slots"
    params = {"service_ids": str(service_id), "employee_id": "any", "date": day.isoformat()}
    barrier.wait(timeout=600)
    for _try in range(TRIES):
        rec.timed("baseline: Odoo login page", lambda: session.get(f"{server.url}/web/login", timeout=120))
        page = rec.timed("slot page", lambda: session.get(slots_url, params=params, timeout=120))
        if page is None or page.status_code != 200:
            return
        starts = afternoon_starts(page.text, day)
        csrf = CSRF_RE.search(page.text)
        if not starts:
            with rec.lock:
                rec.counts["full"] += 1
            return
        data = {
            "csrf_token": csrf[1] if csrf else "",
            "service_ids": str(service_id),
            "employee_id": "any",
            "start": random.choice(starts),
            "name": f"Cliente bench {i}",
            "phone": f"+55 11 9{i:04d}-0000",
            "email": f"bench.booking.{int(time.time())}.{i}@example.com",
        }
        resp = rec.timed(
            "booking request",
            lambda d=data: session.post(f"{server.url}/salon/book/confirm", data=d, allow_redirects=False, timeout=120),
            # the time was just taken: the slot page again (400) with the message and the times still free
            refused=lambda r: r.status_code == 400 and "o_salon_day" in r.text,
        )
        if resp is None or (resp.status_code >= 400 and "o_salon_day" not in resp.text):
            return
        location = resp.headers.get("Location", "")
        if resp.status_code in (301, 302, 303) and "/my/appointments/" in location:
            with rec.lock:
                rec.booked.append(int(re.search(r"/my/appointments/(\d+)", location)[1]))
            return
        with rec.lock:
            rec.counts["taken"] += 1


def run(env, bench):
    scale = float(env["ir.config_parameter"].get_param("bench.populated.booking") or 1.0)
    n = max(int(50 * scale), 4)
    db = f"{env.cr.dbname}_booking"
    ensure_database(db, ADDONS)
    registry, cr, benv = open_env(db, {"mail_notify_force_send": False})
    with Stage("booking", cr) as stage:
        build(benv)
        employees = benv["hr.employee"].search([("name", "like", "Bench booking professional")], order="id")
        service = benv["product.product"].search([("name", "=", "Bench booking haircut")], limit=1)
        # a day no earlier run booked: from the clock, 2 to 3000 days ahead
        day = (datetime.now(ZoneInfo(TZ)) + timedelta(days=2 + int(time.time() // 60) % 3000)).date()
        hold_crons(benv)
        cr.execute("UPDATE mail_mail SET state = 'cancel' WHERE state = 'outgoing'")
        benv.flush_all()
        cr.commit()
        server = stage.start_server(db)
        for _i in range(3 * server.workers):  # every worker loads the registry and the page templates
            requests.get(
                f"{server.url}/salon/book/slots",
                params={"service_ids": service.id, "employee_id": "any", "date": day.isoformat()},
                timeout=120,
            )
            requests.get(f"{server.url}/web/login", timeout=120)
        rec = Recorder()
        rec.booked = []  # the appointments the clients were shown as confirmed
        barrier = threading.Barrier(n)
        threads = [threading.Thread(target=client, args=(server, rec, barrier, i, day, service.id)) for i in range(n)]
        t0 = time.time()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.time() - t0
        report(bench, rec, n, wall, employees.ids, day, db)
        errors = stage.print_log_errors()
        if errors:
            bench.failures.append(f"{len(errors)} ERROR line(s) in the server log")


def report(bench, rec, n, wall, employee_ids, day, db):
    print(f"  booking        {n} clients booking the afternoon of {day} at once, {wall:.1f}s", flush=True)
    rec.print_table("booking", KINDS, width=26)
    base95 = percentile(rec.times["baseline: Odoo login page"], 95)
    for kind in ("slot page", "booking request"):
        ratio = percentile(rec.times[kind], 95) / base95 if base95 else float("inf")
        print(f"  booking        ratio p95 {kind} / Odoo login page = {ratio:.2f}", flush=True)
    tz = ZoneInfo(TZ)
    lo = datetime.combine(day, datetime.min.time()).replace(hour=AFTERNOON[0], tzinfo=tz).astimezone(ZoneInfo("UTC"))
    hi = lo + timedelta(hours=AFTERNOON[1] - AFTERNOON[0])
    with db_cursor(db) as cr:
        doubles = double_bookings(cr, employee_ids)
        cr.execute(
            """
            SELECT COUNT(*), COALESCE(SUM(EXTRACT(EPOCH FROM "end" - start)), 0) / 3600
              FROM salon_appointment
             WHERE employee_id = ANY(%s) AND start >= %s AND start < %s AND state = 'scheduled' AND salon_online
            """,
            [employee_ids, lo.replace(tzinfo=None), hi.replace(tzinfo=None)],
        )
        booked, hours = cr.fetchone()
        cr.execute("SELECT COUNT(*) FROM salon_appointment WHERE id = ANY(%s)", [rec.booked])
        confirmed_found = cr.fetchone()[0]
    capacity = len(employee_ids) * (AFTERNOON[1] - AFTERNOON[0])
    print(
        f"  booking        {len(rec.booked)} confirmed ({confirmed_found} found), {booked} appointments "
        f"({hours:.0f} of {capacity} professional-hours), {rec.counts['taken']} told 'just taken', "
        f"{rec.counts['full']} found the afternoon full; {doubles} double booking(s)",
        flush=True,
    )
    if rec.failure():
        bench.failures.append(rec.failure())
    if doubles:
        bench.failures.append(f"{doubles} double booking(s)")
    if confirmed_found != len(rec.booked) or booked != len(rec.booked):
        bench.failures.append(f"{len(rec.booked)} confirmed but {booked} appointments ({confirmed_found} found)")
    if n > capacity and rec.counts["full"] + len(rec.booked) < n:
        bench.failures.append(f"{n - rec.counts['full'] - len(rec.booked)} client(s) gave up with free times left")
