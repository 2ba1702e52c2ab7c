"""Repair bench end to end: the technician over JSON-RPC (as the web client calls buttons), the customer as an
anonymous browser following the link of the quote e-mail that really left over SMTP, in the demo database's
configuration (Odoo's "online payment" setting on, as Odoo's sale demo data leaves it).
"""

import re
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlparse

import requests

from .conftest import Mailbox
from .test_flows import ref

# a 1×1 PNG: the drawn signature the portal sends
SIGNATURE = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
CUSTOMER_EMAIL = "ana.cliente@example.com"


def new_repair(server, diagnosis):
    tec = server.as_user("tecnico")
    delivery = (datetime.utcnow() + timedelta(days=5)).replace(microsecond=0)
    repair = tec(
        "repair.order",
        "create",
        [
            {
                "partner_id": ref(server, "shop_repairs.partner_customer_demo"),
                "product_id": ref(server, "shop_repairs.product_device_demo"),
                "user_id": server.uid("tecnico"),
                "shop_diagnosis": diagnosis,
                "shop_delivery_date": delivery.strftime("%Y-%m-%d %H:%M:%S"),
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": ref(server, "shop_repairs.product_part_demo"),
                            "product_uom_qty": 1,
                            "repair_line_type": "add",
                        },
                    )
                ],
                "shop_labor_ids": [
                    (0, 0, {"product_id": ref(server, "shop_repairs.product_labor_demo"), "quantity": 1})
                ],
            }
        ],
    )
    return repair, delivery


def send_quote(server, mailbox, repair):
    box, _port = mailbox
    before = len(box.to(CUSTOMER_EMAIL))
    server.as_user("tecnico")("repair.order", "action_send_quote", [[repair]])
    server.send_queued_mail(box, expect=len(box.messages) + 1)
    mails = box.to(CUSTOMER_EMAIL)[before:]
    assert len(mails) == 1, [m["subject"] for m in mails]
    return mails[0]


def portal_link(server, mail):
    links = [link for link in Mailbox.links(mail) if "/my/orders/" in link and "access_token=" in link]
    assert links, Mailbox.text(mail)[:3000]
    link = links[0].replace("&amp;", "&")
    assert link.startswith(server.url), link
    return link


def test_quote_accepted_with_signature_then_repaired_and_delivered(server, mailbox):
    repair, delivery = new_repair(server, "Bateria estufada, precisa troca")
    mail = send_quote(server, mailbox, repair)
    body = Mailbox.plain(mail)
    # pt_BR e-mail: subject and body in Portuguese, amounts in R$ with a decimal comma, dates dd/mm/aaaa
    assert "Orçamento" in mail["subject"] or "orçamento" in mail["subject"], mail["subject"]
    assert "Bateria estufada" in body
    assert re.search(r"R\$\s?[\d.]+,\d\d", body), body[:3000]
    assert delivery.strftime("%d/%m/%Y") in body or (delivery - timedelta(hours=3)).strftime("%d/%m/%Y") in body
    assert not re.search(r"\b\d+\.0\b", body), "quantities in pt_BR format"
    # the customer follows the link, anonymous
    link = portal_link(server, mail)
    browser = requests.Session()
    page = browser.get(link, timeout=60)
    assert page.status_code == 200, page.status_code
    order_id = int(re.search(r"/my/orders/(\d+)", link)[1])
    token = parse_qs(urlparse(link).query)["access_token"][0]
    answer = browser.post(
        f"{server.url}/my/orders/{order_id}/accept",
        json={
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"access_token": token, "name": "Ana Cliente", "signature": SIGNATURE},
        },
        timeout=60,
    ).json()
    assert "error" not in answer and not answer["result"].get("error"), answer
    # the repair is approved at once: no online payment asked
    tec = server.as_user("tecnico")
    values = tec("repair.order", "read", [[repair], ["quote_state", "state", "shop_stage"]])[0]
    assert values["quote_state"] == "accepted" and values["state"] == "confirmed", values
    assert values["shop_stage"] == "approved", values
    # the page the customer comes back to says it is approved and when it will be ready
    page = browser.get(server.url + (answer["result"].get("redirect_url") or link.removeprefix(server.url)), timeout=60)
    assert "aprovad" in page.text.lower(), page.text[:2000]
    # the bench: repaired, ready, delivered
    tec("repair.order", "action_repair_start", [[repair]])
    tec("repair.order", "action_repair_end", [[repair]])
    assert tec("repair.order", "read", [[repair], ["state", "shop_stage"]])[0]["shop_stage"] == "ready"
    tec("repair.order", "action_shop_deliver", [[repair]])
    assert tec("repair.order", "read", [[repair], ["shop_stage"]])[0]["shop_stage"] == "delivered"


def test_quote_declined_then_collect_reminders_abandoned(server, mailbox):
    box, _port = mailbox
    repair, _delivery = new_repair(server, "Placa oxidada")
    mail = send_quote(server, mailbox, repair)
    link = portal_link(server, mail)
    order_id = int(re.search(r"/my/orders/(\d+)", link)[1])
    token = parse_qs(urlparse(link).query)["access_token"][0]
    browser = requests.Session()
    page = browser.get(link, timeout=60)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    before = len(box.to(CUSTOMER_EMAIL))
    resp = browser.post(
        f"{server.url}/my/orders/{order_id}/decline",
        data={"access_token": token, "decline_message": "Muito caro", "csrf_token": csrf[1] if csrf else ""},
        timeout=60,
    )
    assert resp.status_code == 200, resp.status_code
    tec = server.as_user("tecnico")
    values = tec("repair.order", "read", [[repair], ["quote_state", "shop_stage", "shop_decline_reason"]])[0]
    assert values["quote_state"] == "declined", values
    assert values["shop_stage"] == "refused", values
    assert values["shop_decline_reason"] == "Muito caro"
    server.send_queued_mail(box, expect=len(box.messages) + 1)
    collect = box.to(CUSTOMER_EMAIL)[before:]
    assert len(collect) == 1, [m["subject"] for m in collect]
    # time moves forward: the collection notices go out, then the device is abandoned
    admin = server.as_user("admin")
    max_reminders = int(admin("ir.config_parameter", "get_param", ["shop_repairs.reminder_max"]) or 3)
    stages = []
    for _i in range(max_reminders + 2):
        admin(
            "repair.order",
            "write",
            [
                [repair],
                {"shop_last_reminder_date": "2000-01-01 00:00:00", "shop_quote_sent_date": "2000-01-01 00:00:00"},
            ],
        )
        server.run_cron("shop_repairs.cron_quote_expiry")
        stages.append(tec("repair.order", "read", [[repair], ["shop_stage"]])[0]["shop_stage"])
    assert stages[0] == "awaiting_collection", stages
    server.send_queued_mail(box)
    values = tec("repair.order", "read", [[repair], ["shop_stage", "shop_abandoned", "shop_reminder_count"]])[0]
    assert values["shop_abandoned"] and values["shop_stage"] == "abandoned", values
    assert len(box.to(CUSTOMER_EMAIL)[before:]) >= 2
