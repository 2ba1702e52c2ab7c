"""The store's own flows end to end: a sale that leaves stock low reaches the supplier as an RFQ e-mail, and a
good customer gets a promotion coupon, each as the role that does it (see conftest.py)."""

import re

from .conftest import Mailbox
from .test_flows import ref

SUPPLIER_EMAIL = "compras@distribuidora.example.com"
GOOD_PAYER_EMAIL = "financeiro@bompagador.example.com"


def test_low_stock_sale_to_supplier_rfq_and_receipt(server, mailbox):
    """Issue 12: a sale leaves the screen below its minimum → alert → the owner's order form → the supplier
    gets the RFQ e-mail with its PDF → the receipt closes the alert."""
    box, _port = mailbox
    owner = server.as_user("dono")
    product = ref(server, "shop_stock_alerts.product_screen_demo")
    customer = ref(server, "shop_customer_scoring.partner_good_payer_demo")
    # the sale, by the owner (who also holds sales rights through the repair bench)
    order = owner("sale.order", "create", [{"partner_id": customer, "order_line": [(0, 0, {"product_id": product})]}])
    owner("sale.order", "action_confirm", [[order]])
    pickings = owner("sale.order", "read", [[order], ["picking_ids"]])[0]["picking_ids"]
    for picking in pickings:
        owner("stock.picking", "action_assign", [[picking]])
        moves = owner("stock.picking", "read", [[picking], ["move_ids"]])[0]["move_ids"]
        for move in owner("stock.move", "read", [moves, ["product_uom_qty"]]):
            owner("stock.move", "write", [[move["id"]], {"quantity": move["product_uom_qty"], "picked": True}])
        owner("stock.picking", "button_validate", [[picking]])
    alerts = owner("shop.stock.alert", "search", [[("product_id", "=", product), ("state", "=", "open")]])
    assert len(alerts) == 1, alerts
    # the owner's order form, opened from the alert as the button does
    action = owner("shop.stock.alert", "action_open_reorder_wizard", [alerts])
    wizard = owner("shop.reorder.wizard", "create", [{}], context=action.get("context", {}))
    before = len(box.to(SUPPLIER_EMAIL))
    owner("shop.reorder.wizard", "action_confirm", [[wizard]])
    server.send_queued_mail(box, expect=len(box.messages) + 1)
    mails = box.to(SUPPLIER_EMAIL)[before:]
    assert len(mails) == 1, [m["subject"] for m in mails]
    files = Mailbox.attachments(mails[0])
    assert any(ctype == "application/pdf" and content[:4] == b"%PDF" for _n, ctype, content in files), files
    alert = owner("shop.stock.alert", "read", [alerts, ["state", "purchase_order_id"]])[0]
    assert alert["state"] == "ordered", alert
    # the goods arrive: the receipt closes the alert
    for purchase in [alert["purchase_order_id"][0]]:
        owner("purchase.order", "button_confirm", [[purchase]])
        for picking in owner("purchase.order", "read", [[purchase], ["picking_ids"]])[0]["picking_ids"]:
            moves = owner("stock.picking", "read", [[picking], ["move_ids"]])[0]["move_ids"]
            for move in owner("stock.move", "read", [moves, ["product_uom_qty"]]):
                owner("stock.move", "write", [[move["id"]], {"quantity": move["product_uom_qty"], "picked": True}])
            owner("stock.picking", "button_validate", [[picking]])
    assert owner("shop.stock.alert", "read", [alerts, ["state"]])[0]["state"] == "done"


def test_good_customer_gets_a_promotion_coupon(server, mailbox):
    """Issue 12: the weekly job sends the good payer a coupon e-mail in pt_BR, with a code."""
    box, _port = mailbox
    before = len(box.to(GOOD_PAYER_EMAIL))
    server.run_cron("shop_customer_scoring.cron_compute_scores")
    server.run_cron("shop_customer_scoring.cron_send_promotions")
    server.send_queued_mail(box, expect=len(box.messages) + 1)
    mails = box.to(GOOD_PAYER_EMAIL)[before:]
    assert len(mails) == 1, [m["subject"] for m in mails]
    body = Mailbox.plain(mails[0])
    assert "10%" in body or "10 %" in body, body[:2000]
    assert re.search(r"\b[0-9a-fA-F-]{8,}\b|\b[A-Z0-9]{6,}\b", body), body[:2000]
