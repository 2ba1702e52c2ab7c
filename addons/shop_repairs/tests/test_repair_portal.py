from datetime import datetime

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import RepairCommon

# a 1x1 PNG: the signature drawn on the portal
SIGNATURE = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


@tagged("post_install", "-at_install")
class TestRepairPortal(HttpCase, RepairCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal1 = new_test_user(cls.env, "portal1", groups="base.group_portal", partner_id=cls.customer.id)
        cls.portal2 = new_test_user(cls.env, "portal2", groups="base.group_portal", partner_id=cls.customer2.id)
        cls.repair1 = cls._repair(partner=cls.customer)
        cls.repair2 = cls._repair(partner=cls.customer2)

    def test_portal_customers_see_only_their_repairs(self):
        self.authenticate("portal1", "portal1")
        page = self.url_open("/my/repairs").text
        self.assertIn(self.repair1.name, page)
        self.assertNotIn(self.repair2.name, page)
        response = self.url_open(f"/my/repairs/{self.repair2.id}")
        self.assertNotIn(self.repair2.name, response.text)
        self.assertTrue(response.url.endswith("/my"), "another customer's repair redirects")
        self.assertIn(self.repair1.name, self.url_open(f"/my/repairs/{self.repair1.id}").text)
        self.assertFalse(self.env["repair.order"].with_user(self.portal1).search([("id", "=", self.repair2.id)]))

    def test_breadcrumbs_lead_back_to_the_repairs(self):
        self.authenticate("portal1", "portal1")
        listing = self.url_open("/my/repairs").text
        # in the customer's language: English alone, Portuguese when the other addons' tests loaded pt_BR
        self.assertRegex(listing, r'<li class="breadcrumb-item active\s*">\s*(Repairs|Consertos)\s*</li>')
        page = self.url_open(f"/my/repairs/{self.repair1.id}").text
        self.assertIn('href="/my/repairs?', page, "the repair page leads back to the list")
        self.assertRegex(page, rf'<li class="breadcrumb-item active"[^>]*>{self.repair1.name}</li>')

    def test_tokens(self):
        self.repair1._portal_ensure_token()
        ok = self.url_open(f"/my/repairs/{self.repair1.id}?access_token={self.repair1.access_token}")
        self.assertIn(self.repair1.name, ok.text)
        bad = self.url_open(f"/my/repairs/{self.repair1.id}?access_token=wrong")
        self.assertNotIn(self.repair1.name, bad.text)
        missing = self.url_open(f"/my/repairs/{self.repair1.id}")
        self.assertNotIn(self.repair1.name, missing.text)

    def test_repair_pages_only_read(self):
        """The repair pages are read-only routes (served by the read replica when there is one, issue 15): in a
        read-only transaction, as the customer logged in and as the visitor with the e-mail's token, they render
        without Odoo retrying them on a read/write cursor."""
        self.repair1._portal_ensure_token()
        with self.assertNoLogs("odoo.http", level="WARNING"):
            visitor = self.url_open(f"/my/repairs/{self.repair1.id}?access_token={self.repair1.access_token}")
            self.authenticate("portal1", "portal1")
            listing = self.url_open("/my/repairs")
            page = self.url_open(f"/my/repairs/{self.repair1.id}")
        for response in (visitor, listing, page):
            self.assertEqual(response.status_code, 200)
            self.assertIn(self.repair1.name, response.text)

    def test_tour_accept_with_signature(self):
        self.repair1.action_send_quote()
        self.start_tour(self.repair1.sale_order_id.get_portal_url(), "shop_repairs_portal_accept", login="portal1")
        self.assertRecordValues(self.repair1, [{"quote_state": "accepted", "state": "confirmed"}])
        self.assertTrue(self.repair1.sale_order_id.signature)

    def test_tour_decline(self):
        self.repair1.action_send_quote()
        self.start_tour(self.repair1.sale_order_id.get_portal_url(), "shop_repairs_portal_decline", login="portal1")
        self.assertRecordValues(self.repair1, [{"quote_state": "declined", "shop_decline_reason": "Ficou caro demais"}])
        self.assertEqual(self.repair1.sale_order_id.state, "cancel")


@tagged("post_install", "-at_install")
class TestRepairPortalAccept(HttpCase, RepairCommon):
    """The customer accepts the quote from the e-mail's link, with Odoo's "online payment" setting on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.lang = "pt_BR"
        cls.portal1 = new_test_user(
            cls.env, "portal1", groups="base.group_portal", partner_id=cls.customer.id, lang="pt_BR"
        )
        # as Odoo's sale demo data and a production with a payment provider set it
        cls.env.company.write({"portal_confirmation_pay": True, "prepayment_percent": 1.0})

    def _send(self, repair):
        repair.with_user(repair.user_id or self.manager).action_send_quote()
        order = repair.sale_order_id
        order._portal_ensure_token()
        return order

    def _accept(self, order):
        return self.make_jsonrpc_request(
            f"/my/orders/{order.id}/accept?access_token={order.access_token}",
            {"name": "Cliente Um", "signature": SIGNATURE},
        )

    def test_signature_accepts_the_repair(self):
        repair = self._repair()
        order = self._send(repair)
        self.assertFalse(order._has_to_be_paid(), "a repair quote needs no payment by default")
        self.authenticate("portal1", "portal1")
        result = self._accept(order)
        self.assertNotIn("error", result)
        self.assertNotIn("allow_payment", result["redirect_url"])
        self.assertRecordValues(repair, [{"quote_state": "accepted", "state": "confirmed"}])
        self.assertEqual(order.state, "sale")
        page = self.url_open(result["redirect_url"]).text
        self.assertIn("Seu conserto está aprovado", page)
        self.assertIn("Seu aparelho ficará pronto em", page)

    def test_acceptance_cut_off_after_the_signature_is_finished_by_the_next_click(self):
        """Odoo's portal commits the signature, then confirms: a server killed in between leaves a signed quote
        with neither the order nor the repair accepted (issue 12 §3). The customer's next Accept finishes both."""
        repair = self._repair()
        order = self._send(repair)
        # what the cut-off request left committed: the signature only
        order.write({"signed_by": "Cliente Um", "signed_on": datetime.now(), "signature": SIGNATURE})
        self.assertEqual(order.state, "sent")
        self.assertEqual(repair.quote_state, "sent")
        self.assertTrue(order._has_to_be_signed(), "the quote can be accepted again")
        result = self._accept(order)
        self.assertNotIn("error", result, result)
        self.assertEqual(order.state, "sale")
        self.assertRecordValues(repair, [{"quote_state": "accepted", "state": "confirmed"}])
        self.assertFalse(order._has_to_be_signed())

    def test_repair_page_reads_as_the_customer_expects(self):
        """The customer's repair page shows where the repair stands on the bench (not Odoo's internal "New"
        while the quote waits for them) and the dates without seconds, as the quote page does."""
        self.customer.tz = "America/Sao_Paulo"
        # 18:00 UTC is 15:00 in São Paulo: the e-mail and the pages give the same hour, the customer's
        repair = self._repair(shop_delivery_date=datetime(2030, 3, 12, 18, 0))
        self._send(repair)
        self.assertIn("12/03/2030 15:00", self._quote_mails(repair).body)
        self.authenticate("portal1", "portal1")
        for url in (f"/my/repairs/{repair.id}", repair.sale_order_id.get_portal_url()):
            page = self.url_open(url).text
            details = page[page.index(repair.name) :]
            self.assertNotRegex(details, r"\d{2}:\d{2}:\d{2}", f"{url}: a date with seconds")
            self.assertIn("12/03/2030 15:00", details)
        page = self.url_open(f"/my/repairs/{repair.id}").text
        self.assertIn("Orçamento enviado", page)
        self.assertIn("Orçamento enviado", self.url_open("/my/repairs").text)

    def test_public_acceptance_followed_by_a_repair_manager(self):
        """Accepted from the e-mail link without logging in: the follow-up goes to staff, never to the public
        user."""
        repair = self._repair(user=self.manager)
        repair.user_id = False
        order = self._send(repair)
        self._accept(order)
        self.assertEqual(repair.quote_state, "accepted")
        activity = repair.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertFalse(activity.user_id.share)
        self.assertTrue(activity.user_id.has_group("shop_repairs.group_repair_manager"))
        self.assertNotEqual(activity.user_id, self.env.ref("base.public_user"))

    def test_deposit_required_when_set(self):
        settings = self.env["shop.repair.settings"].with_user(self.manager).create({"deposit_percent": 30})
        settings.action_save()
        repair = self._repair()
        order = self._send(repair)
        self.assertRecordValues(order, [{"require_payment": True, "prepayment_percent": 0.3}])
        self.authenticate("portal1", "portal1")
        result = self._accept(order)
        self.assertIn("allow_payment=yes", result["redirect_url"])
        self.assertEqual(repair.quote_state, "sent", "the deposit is not paid yet")
        self.assertTrue(order._has_to_be_paid())
        self.assertEqual(order._get_prepayment_required_amount(), order.currency_id.round(order.amount_total * 0.3))
        # the payment's confirmation (payment transaction post-processing) confirms the order
        order.sudo()._validate_order()
        self.assertRecordValues(repair, [{"quote_state": "accepted", "state": "confirmed"}])

    def test_portal_reads_no_staff_field(self):
        repair = self._repair()
        repair.internal_notes = "<p>Cliente difícil</p>"
        as_portal = repair.with_user(self.portal1)
        self.assertEqual(as_portal.read(["name"])[0]["name"], repair.name)
        fields_seen = as_portal.fields_get()
        for name in ("internal_notes", "shop_diagnosis_deadline", "shop_quote_hash", "shop_suggestion_html"):
            self.assertNotIn(name, fields_seen)
            with self.assertRaises(AccessError):
                as_portal.read([name])
