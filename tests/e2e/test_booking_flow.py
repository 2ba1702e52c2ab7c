"""Online booking end to end (issue 14): an anonymous client books on the public page, gets the confirmation
e-mail over SMTP with its calendar file and link, the front desk sees the booking marked online in the agenda,
the reminder job runs twice and sends one reminder, the client cancels through the e-mail's link and the time is
free again; a portal client books logged in and finds it under "my appointments". Demo database as `make run`
builds it (the salon's hours: Tuesday to Saturday, São Paulo time).
"""

import re
import time
from datetime import datetime, timedelta
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import requests

from .conftest import Mailbox
from .test_flows import ref

TZ = ZoneInfo("America/Sao_Paulo")
SLOT_RE = re.compile(r'name="start"[^>]*?value="(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)"')
CSRF_RE = re.compile(r'name="csrf_token"\s+value="([^"]+)"')


def browser():
    """A Brazilian visitor's browser: its cookies, and the language its phone asks for."""
    session = requests.Session()
    session.headers["Accept-Language"] = "pt-BR,pt;q=0.9,en;q=0.5"
    return session


def free_day_and_slots(server, session, services, employee="any"):
    """The first day from the day after tomorrow with free times (the salon closes on Sunday and Monday):
    (day, starts, csrf token of the page)."""
    day = datetime.now(TZ).date() + timedelta(days=2)
    for _i in range(14):
        page = session.get(
            f"{server.url}/salon/book/slots",
            params={"service_ids": ",".join(map(str, services)), "employee_id": employee, "date": day.isoformat()},
            timeout=60,
        )
        assert page.status_code == 200, page.text[-2000:]
        starts = SLOT_RE.findall(page.text)
        if starts:
            return day, starts, CSRF_RE.search(page.text)[1], page.text
        day += timedelta(days=1)
    raise AssertionError("no free time in two weeks")


def book(server, session, services, start, csrf, **contact):
    return session.post(
        f"{server.url}/salon/book/confirm",
        data={
            "csrf_token": csrf,
            "service_ids": ",".join(map(str, services)),
            "employee_id": "any",
            "start": start,
            **contact,
        },
        allow_redirects=False,
        timeout=60,
    )


def test_anonymous_client_books_is_reminded_once_and_cancels(server, mailbox):
    box, _port = mailbox
    email = f"marina.{int(time.time())}@example.com"
    services = [
        ref(server, "shop_salon_schedule.service_haircut_demo"),
        ref(server, "shop_salon_schedule.service_manicure_demo"),
    ]
    visitor = browser()

    # the public page, in Portuguese, offers the demo services and professionals
    page = visitor.get(f"{server.url}/salon/book", timeout=60)
    assert page.status_code == 200
    assert "Corte feminino" in page.text and "Juliana Cabeleireira" in page.text
    assert "Qualquer profissional" in page.text, "the page speaks the visitor's language (pt_BR in the demo)"

    # free times of a working day, in São Paulo time: 9:00-12:00 and 13:00-19:00, 1 h 30 for the two services
    day, starts, csrf, slots_page = free_day_and_slots(server, visitor, services)
    assert "Manhã" in slots_page or "Tarde" in slots_page
    local = [datetime.strptime(s, "%Y-%m-%d %H:%M:%S").replace(tzinfo=ZoneInfo("UTC")).astimezone(TZ) for s in starts]
    assert all(9 <= t.hour < 19 and t.date() == day for t in local), local
    assert all(not (10.5 < t.hour + t.minute / 60 < 13) for t in local), "no time runs into the lunch break"
    start = starts[0]

    before = len(box.messages)
    answer = book(server, visitor, services, start, csrf, name="Marina Cliente", phone="(11) 98888-7777", email=email)
    assert answer.status_code == 303, answer.text[-2000:]
    link = answer.headers["Location"]
    appointment_id = int(re.search(r"/my/appointments/(\d+)", link)[1])
    assert "access_token=" in link

    # the confirmation e-mail, in Portuguese, with the calendar file and the link to cancel or reschedule
    server.send_queued_mail(box, expect=before + 1)
    mails = box.to(email)
    assert len(mails) == 1, [m["subject"] for m in box.messages[before:]]
    text = Mailbox.plain(mails[0])
    assert "confirmado" in (mails[0]["subject"] + text).lower(), text
    files = Mailbox.attachments(mails[0])
    ics = [content for name, ctype, content in files if ctype == "text/calendar" or (name or "").endswith(".ics")]
    assert ics, files
    ics_text = ics[0].decode() if isinstance(ics[0], bytes) else ics[0]
    assert "BEGIN:VEVENT" in ics_text and start.replace("-", "").replace(":", "").replace(" ", "T") in ics_text
    mail_link = next(href for href in Mailbox.links(mails[0]) if "/my/appointments/" in href)
    assert f"/my/appointments/{appointment_id}" in mail_link and "access_token=" in mail_link

    # the front desk sees it in the agenda, marked as booked online
    agenda = server.as_user("agenda")
    [booked] = agenda("salon.appointment", "read", [[appointment_id], ["salon_online", "state", "start", "partner_id"]])
    assert booked["salon_online"] and booked["state"] == "scheduled" and booked["start"] == start
    assert booked["partner_id"][1] == "Marina Cliente"

    # the reminder job (the owner asks for reminders a week ahead): run twice, one reminder
    owner = server.as_user("dono")
    settings = owner("salon.booking.settings", "create", [{"reminder_enabled": True, "reminder_hours": 24 * 9}])
    owner("salon.booking.settings", "action_save", [[settings]])
    before = len(box.to(email))
    server.run_cron("shop_salon_booking.cron_send_reminders")
    server.run_cron("shop_salon_booking.cron_send_reminders")
    server.send_queued_mail(box, expect=len(box.messages) + 1)
    time.sleep(1)
    reminders = box.to(email)[before:]
    assert len(reminders) == 1, [m["subject"] for m in reminders]
    assert "lembrete" in (reminders[0]["subject"] + Mailbox.plain(reminders[0])).lower()

    # the client follows the e-mail's link and cancels (more than 2 hours ahead): the time is free again
    client = browser()
    detail = client.get(mail_link, timeout=60)
    assert detail.status_code == 200 and "Marina Cliente" not in urlparse(detail.url).path
    assert "Cancelar" in detail.text
    token = re.search(r"access_token=([^&\"]+)", mail_link)[1]
    cancel = client.post(
        f"{server.url}/my/appointments/{appointment_id}/cancel",
        data={"csrf_token": CSRF_RE.search(detail.text)[1], "access_token": token},
        timeout=60,
    )
    assert cancel.status_code == 200, cancel.text[-2000:]
    [after] = agenda("salon.appointment", "read", [[appointment_id], ["state", "salon_cancelled_late"]])
    assert after == {"id": appointment_id, "state": "cancelled", "salon_cancelled_late": False}
    _day, starts_again, _csrf, _page = free_day_and_slots(server, browser(), services)
    assert start in starts_again or _day != day


def test_portal_client_books_logged_in_and_finds_it(server, mailbox):
    """The demo portal customer (cliente) books logged in: no contact form to fill, the booking is theirs and
    listed under "my appointments"; another visitor cannot open it without the token."""
    session = browser()
    login_page = session.get(f"{server.url}/web/login", timeout=60)
    session.post(
        f"{server.url}/web/login",
        data={"login": "cliente", "password": "cliente", "csrf_token": CSRF_RE.search(login_page.text)[1]},
        timeout=60,
    )
    services = [ref(server, "shop_salon_schedule.service_manicure_demo")]
    day, starts, csrf, page = free_day_and_slots(server, session, services)
    answer = book(server, session, services, starts[-1], csrf)
    assert answer.status_code == 303, answer.text[-2000:]
    appointment_id = int(re.search(r"/my/appointments/(\d+)", answer.headers["Location"])[1])
    partner = server.as_user("admin")("res.users", "search_read", [[("login", "=", "cliente")], ["partner_id"]])[0]
    [booked] = server.as_user("agenda")("salon.appointment", "read", [[appointment_id], ["partner_id", "salon_online"]])
    assert booked["partner_id"][0] == partner["partner_id"][0] and booked["salon_online"]
    listing = session.get(f"{server.url}/my/appointments", timeout=60)
    assert listing.status_code == 200 and f"/my/appointments/{appointment_id}" in listing.text
    stranger = requests.get(f"{server.url}/my/appointments/{appointment_id}", timeout=60, allow_redirects=False)
    assert stranger.status_code in (302, 303, 403, 404) or "Manicure" not in stranger.text
