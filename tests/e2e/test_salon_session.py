"""Issue 12: the salon's login and logout notices, as the front desk meets them in the browser."""

import re

import psycopg2
import requests
from shoplib import pg_settings

from .test_flows import book_haircut


def web_login(server, login):
    """Log in through the login form, as a browser does; returns the session and the page landed on."""
    browser = requests.Session()
    page = browser.get(f"{server.url}/web/login", timeout=60)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    landed = browser.post(
        f"{server.url}/web/login",
        data={"login": login, "password": login, "csrf_token": csrf, "redirect": ""},
        timeout=60,
    )
    assert landed.status_code == 200, landed.status_code
    return browser, landed


def move_to_the_past(db, appointment):
    """Time moves forward: the appointment ended two hours ago and nobody closed it."""
    with (
        psycopg2.connect(dbname=db, **{k: v for k, v in pg_settings().items() if v}) as conn,
        conn.cursor() as cr,
    ):
        cr.execute(
            """UPDATE salon_appointment SET start = now() at time zone 'UTC' - interval '3 hours',
                                            "end" = now() at time zone 'UTC' - interval '2 hours'
                WHERE id = %s""",
            [appointment],
        )


def test_front_desk_sees_pending_work_at_login_and_before_logout(server, demo_db):
    """An appointment over but not closed becomes pending when the front desk logs in; the welcome page says so
    in Portuguese, logging out lists it first and asks again; "Sair mesmo assim" logs out."""
    agenda = server.as_user("agenda")
    appointment = book_haircut(server, days=(300, 600), hour=11)
    move_to_the_past(demo_db, appointment)

    browser, welcome = web_login(server, "agenda")
    assert "/salon/welcome" in welcome.url, welcome.url
    assert "o_salon_welcome" in welcome.text
    pending = re.search(r'class="o_salon_pending_appointments">(\d+)<', welcome.text)
    assert pending and int(pending.group(1)) >= 1, welcome.text[-3000:]
    assert "Agendamentos pendentes:" in welcome.text and "Continuar" in welcome.text
    assert agenda("salon.appointment", "read", [[appointment], ["state"]])[0]["state"] == "pending"

    leaving = browser.get(f"{server.url}/web/session/logout", timeout=60)
    assert "Antes de sair" in leaving.text and "Sair mesmo assim" in leaving.text, leaving.text[-3000:]
    still_in = browser.get(f"{server.url}/odoo", timeout=60, allow_redirects=False)
    assert still_in.status_code == 200, "the first click on logout only lists the pending work"
    anyway = re.search(r'href="([^"]*salon_confirm=1[^"]*)"', leaving.text).group(1).replace("&amp;", "&")
    browser.get(f"{server.url}{anyway}", timeout=60)
    out = browser.get(f"{server.url}/odoo", timeout=60, allow_redirects=False)
    assert out.status_code in (302, 303) and "/web/login" in out.headers["Location"], "logged out"

    agenda("salon.appointment", "action_cancel", [[appointment]])
