"""The shop's flows end to end, each as the demo login of the role that does it (see conftest.py)."""

import random
import re
from datetime import datetime, timedelta

import requests

from .conftest import Mailbox, RPCError


def ref(server, xmlid):
    module, name = xmlid.split(".")
    return server.as_user("admin")("ir.model.data", "check_object_reference", [module, name])[1]


def new_staff_user(server, login, groups):
    """A user made by the administrator with exactly these groups (password = login)."""
    group_ids = [ref(server, g) for g in groups]
    server.as_user("admin")(
        "res.users",
        "create",
        [{"name": login.title(), "login": login, "password": login, "lang": "pt_BR", "groups_id": [(6, 0, group_ids)]}],
    )


def test_demo_database_as_make_run_builds_it(server):
    """The demo logins of the README exist, and the company is Brazilian."""
    admin = server.as_user("admin")
    logins = ["dono", "tecnico", "caixa", "agenda", "cadastro", "cliente"]
    found = admin("res.users", "search_read", [[("login", "in", logins)], ["login", "lang"]])
    assert sorted(u["login"] for u in found) == sorted(logins)
    assert {u["lang"] for u in found} == {"pt_BR"}
    company = admin("res.company", "read", [[1], ["currency_id", "country_id"]])[0]
    assert company["currency_id"][1] == "BRL" and company["country_id"][1] in ("Brasil", "Brazil")


def test_salesperson_confirms_an_ordinary_sale(server):
    """Issue 10.8: a salesperson without repair rights confirms a sales order."""
    if not server.as_user("admin")("res.users", "search", [[("login", "=", "vendedor_e2e")]]):
        new_staff_user(server, "vendedor_e2e", ["base.group_user", "sales_team.group_sale_salesman"])
    sales = server.as_user("vendedor_e2e")
    partner = ref(server, "shop_customer_scoring.partner_good_payer_demo")
    product = sales("product.product", "search", [[("sale_ok", "=", True), ("type", "=", "consu")]], limit=1)[0]
    order = sales("sale.order", "create", [{"partner_id": partner, "order_line": [(0, 0, {"product_id": product})]}])
    sales("sale.order", "action_confirm", [[order]])
    assert sales("sale.order", "read", [[order], ["state"]])[0]["state"] == "sale"


def book_haircut(server, days, hour, **values):
    """The Agenda user books the demo client's haircut with the demo stylist, a random day in the `days` range
    from today at `hour` (UTC), so that runs on a kept database do not collide."""
    start = (datetime.utcnow() + timedelta(days=random.randint(*days))).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )
    vals = {
        "partner_id": ref(server, "shop_salon_schedule.client_salon_demo"),
        "employee_id": ref(server, "shop_salon_schedule.employee_stylist_demo"),
        "service_ids": [(6, 0, [ref(server, "shop_salon_schedule.service_haircut_demo")])],
        "start": start.strftime("%Y-%m-%d %H:%M:%S"),
        **values,
    }
    return server.as_user("agenda")("salon.appointment", "create", [vals])


def test_agenda_closes_a_service_and_billing_emits_it(server):
    """Issue 10.9/10.10 and 12: Agenda books and marks done; the Pendente record carries the agreed price;
    billing emits it with the loyal client's discount; the statistics count it."""
    agenda, caixa, dono = server.as_user("agenda"), server.as_user("caixa"), server.as_user("dono")
    stylist = ref(server, "shop_salon_schedule.employee_stylist_demo")
    haircut = ref(server, "shop_salon_schedule.service_haircut_demo")
    appointment = book_haircut(server, days=(20, 200), hour=13, price=77.0)
    agenda("salon.appointment", "action_done", [[appointment]])
    record_id = agenda("salon.appointment", "read", [[appointment], ["invoice_id"]])[0]["invoice_id"][0]
    record = caixa("account.move", "read", [[record_id], ["state", "name", "invoice_line_ids"]])[0]
    assert record["state"] == "draft", "Pendente"
    lines = caixa("account.move.line", "read", [record["invoice_line_ids"], ["price_unit", "product_id"]])
    assert [line["price_unit"] for line in lines if line["product_id"][0] == haircut] == [77.0]
    caixa("account.move", "write", [[record_id], {"salon_discount": 10.0}])
    caixa("account.move", "action_post", [[record_id]])
    record = caixa("account.move", "read", [[record_id], ["state", "amount_untaxed"]])[0]
    assert record["state"] == "posted"
    assert abs(record["amount_untaxed"] - 69.3) < 0.01
    stats = dono("salon.sales.report", "read_group", [[("employee_id", "=", stylist)], ["amount:sum"], []])
    assert stats and stats[0]["__count"] >= 1


def test_two_front_desks_cannot_book_the_same_professional(server):
    """Issue 11.13 through the door: the second booking of the same slot is refused with a clear message."""
    agenda = server.as_user("agenda")
    manicure = ref(server, "shop_salon_schedule.employee_manicure_demo")
    service = ref(server, "shop_salon_schedule.service_manicure_demo")
    client = ref(server, "shop_salon_schedule.client_salon_male_demo")
    start = (datetime.utcnow() + timedelta(days=random.randint(201, 300))).replace(
        hour=15, minute=0, second=0, microsecond=0
    )
    vals = {
        "partner_id": client,
        "employee_id": manicure,
        "service_ids": [(6, 0, [service])],
        "start": start.strftime("%Y-%m-%d %H:%M:%S"),
    }
    agenda("salon.appointment", "create", [vals])
    try:
        agenda("salon.appointment", "create", [vals])
    except RPCError as exc:
        assert exc.name.endswith("ValidationError"), str(exc)[:1000]  # a user error with its message, not a crash
        assert "já" in exc.message or "agendad" in exc.message, exc.message  # in the user's language
    else:
        raise AssertionError("the same professional was booked twice at the same time")


def test_debt_reminder_leaves_once(server, mailbox):
    """Issue 12: an overdue invoice gives the debtor one e-mail with the amount in R$; the cron run twice sends one."""
    box, _port = mailbox
    address = "carlos.devedor@example.com"
    before = len(box.to(address))
    server.run_cron("shop_customer_scoring.cron_send_debt_reminders")
    server.send_queued_mail(box, expect=len(box.messages) + 1)
    server.run_cron("shop_customer_scoring.cron_send_debt_reminders")
    server.send_queued_mail(box)
    mails = box.to(address)[before:]
    assert len(mails) == 1, [m["subject"] for m in mails]
    body = Mailbox.plain(mails[0])
    assert re.search(r"R\$\s?[\d.]+,\d\d", body), body[:2000]


def test_login_page_and_portal_speak_portuguese(server):
    """The portal customer logs in with the demo login and reads the portal in pt_BR."""
    session = requests.Session()
    page = session.get(f"{server.url}/web/login", timeout=30)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)[1]
    resp = session.post(
        f"{server.url}/web/login",
        data={"login": "cliente", "password": "cliente", "csrf_token": csrf, "redirect": "/my"},
        timeout=30,
    )
    assert resp.status_code == 200 and "/web/login" not in resp.url, resp.url
    assert "Minha conta" in resp.text or "Meus" in resp.text, resp.text[:1000]
