"""The customer's answer against what happens at the same moment, in two real transactions.

Each test commits its data with its own cursor (the test's own cursor is invisible to another transaction) and
deletes it again at the end, as superuser."""

import uuid
from datetime import timedelta

from psycopg2.errors import LockNotAvailable

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.exceptions import UserError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

# a 1x1 PNG: the signature drawn on the portal
# the test server has no outgoing mail server: committed notifications are queued, not sent at commit
NO_SMTP = {"mail_notify_force_send": False}
SIGNATURE = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


# committed data needs the module installed and committed: post_install
@tagged("post_install", "-at_install")
class TestRepairConcurrentAnswers(TransactionCase):
    def setUp(self):
        super().setUp()
        self.ids = {}
        self.addCleanup(self._delete_committed)
        tag = uuid.uuid4().hex[:8]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, dict(NO_SMTP, tracking_disable=True))
            technician = new_test_user(env, f"tec_conc_{tag}", groups="shop_repairs.group_repair_technician")
            self.ids["user"] = technician.id
            self.ids["partner"] = (
                env["res.partner"].create({"name": "Cliente Concorrente", "email": "conc@cliente.example.com"}).id
            )
            products = env["product.product"].create(
                [
                    {"name": f"Celular {tag}", "type": "consu"},
                    {"name": f"Tela {tag}", "type": "consu", "list_price": 300.0},
                    {"name": f"Mão de obra {tag}", "type": "service", "list_price": 100.0},
                ]
            )
            self.ids["products"] = products.ids
            self.labor_id = products[2].id
            repair = env["repair.order"].create(
                {
                    "partner_id": self.ids["partner"],
                    "product_id": products[0].id,
                    "user_id": technician.id,
                    "shop_diagnosis": "Tela quebrada",
                    "shop_delivery_date": fields.Datetime.now() + timedelta(days=3),
                    "move_ids": [
                        Command.create({"product_id": products[1].id, "product_uom_qty": 1, "repair_line_type": "add"})
                    ],
                    "shop_labor_ids": [Command.create({"product_id": products[2].id, "quantity": 1})],
                }
            )
            self.ids["repair"] = repair.id
            # the technician sends the quote, as on the repair's form
            repair.with_user(technician).with_context(**NO_SMTP).action_send_quote()
            self.ids["order"] = repair.sale_order_id.id
            # another transaction must see the data
            cr.commit()  # pylint: disable=invalid-commit

    def _delete_committed(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            repair = env["repair.order"].browse(self.ids.get("repair")).exists()
            order = env["sale.order"].browse(self.ids.get("order")).exists()
            if repair and repair.state != "cancel":
                repair.action_repair_cancel()
            if order and order.state != "cancel":
                order._action_cancel()
            moves = repair.move_ids
            moves._action_cancel()
            moves.unlink()
            repair.unlink()
            order.unlink()
            env["product.product"].browse(self.ids.get("products", [])).exists().product_tmpl_id.unlink()
            user = env["res.users"].browse(self.ids.get("user")).exists()
            partners = user.partner_id | env["res.partner"].browse(self.ids.get("partner")).exists()
            user.unlink()
            partners.unlink()

    # ------------------------------------------------------------------ the people, each in its transaction
    def _accept(self, cr):
        """What the portal route does for the customer who opens the e-mail's link (the public user): sign,
        then validate the order. False when the order no longer asks for a signature."""
        env = api.Environment(cr, self.env.ref("base.public_user").id, NO_SMTP)
        # sudo: as the route does after checking the access token
        order = env["sale.order"].sudo().browse(self.ids["order"])
        if not order._has_to_be_signed():
            return False
        order.write({"signed_by": "Cliente Concorrente", "signed_on": fields.Datetime.now(), "signature": SIGNATURE})
        order._validate_order()
        env.flush_all()
        return True

    def _add_labour(self, cr):
        """The technician adds labour on the repair's form, saves, and sends the new version of the quote."""
        env = api.Environment(cr, self.ids["user"], NO_SMTP)
        repair = env["repair.order"].browse(self.ids["repair"])
        repair.write({"shop_labor_ids": [Command.create({"product_id": self.labor_id, "quantity": 2})]})
        env.flush_all()
        repair.action_send_quote()
        env.flush_all()

    def _expire(self, cr):
        cron = self.env.ref("shop_repairs.cron_quote_expiry")
        env = api.Environment(cr, cron.user_id.id, NO_SMTP)
        done = env["repair.order"]._cron_quote_expiry()
        env.flush_all()
        return done

    def _retried(self, action):
        """Run ``action`` in a new transaction, again while the database refuses it, as Odoo retries a request."""
        for _attempt in range(3):
            try:
                with self.registry.cursor() as cr:
                    return action(cr)
            except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                continue
        self.fail("the database kept refusing the transaction")

    def _state(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            repair = env["repair.order"].browse(self.ids["repair"])
            activities = env["mail.activity"].search([("res_model", "=", "repair.order"), ("res_id", "=", repair.id)])
            return {
                "quote_state": repair.quote_state,
                "state": repair.state,
                "order_state": repair.sale_order_id.state,
                "current": repair.shop_quote_hash == repair._shop_quote_fingerprint(),
                "accepted_amount": repair.shop_accepted_amount,
                "total": repair.sale_order_id.amount_total,
                "activities": len(activities),
                "summaries": activities.mapped("summary"),
            }

    # ------------------------------------------------------------------ tests
    @mute_logger("odoo.sql_db")
    def test_double_click_on_accept(self):
        """Two accepts at once (the second while the first is still open): the second is refused at once by the
        row lock and, retried, finds nothing left to sign; one acceptance, one follow-up activity."""
        with self.registry.cursor() as first_cr:
            self.assertTrue(self._accept(first_cr))
            with self.assertRaises(LockNotAvailable), self.registry.cursor() as second_cr:
                second_cr.execute("SET LOCAL lock_timeout = '2s'")
                self._accept(second_cr)
        self.assertFalse(self._retried(self._accept), "a retried click finds the quote accepted")
        state = self._state()
        self.assertEqual(
            state,
            dict(state, quote_state="accepted", state="confirmed", order_state="sale", current=True, activities=1),
        )
        self.assertEqual(state["accepted_amount"], state["total"])

    @mute_logger("odoo.sql_db")
    def test_accept_while_technician_changes_the_quote(self):
        """The technician's change, uncommitted when the customer accepts: the accept is refused at once (the row
        is locked), and retried on the new version, which is the one accepted."""
        with self.registry.cursor() as staff_cr:
            self._add_labour(staff_cr)
            with self.assertRaises(LockNotAvailable), self.registry.cursor() as customer_cr:
                customer_cr.execute("SET LOCAL lock_timeout = '2s'")  # never hang the test run
                self._accept(customer_cr)
        self.assertTrue(self._retried(self._accept))
        state = self._state()
        self.assertEqual(state, dict(state, quote_state="accepted", current=True, activities=1))
        self.assertEqual(state["accepted_amount"], state["total"], "the new version is the one accepted")

    @mute_logger("odoo.sql_db")
    def test_technician_changes_the_quote_while_customer_accepts(self):
        """The customer's accept, uncommitted when the technician adds labour: the technician's save fails (it
        would wait for the customer's answer), and its retry sends a new version to accept."""
        with self.registry.cursor() as customer_cr:
            self.assertTrue(self._accept(customer_cr))
            with self.assertRaises(LockNotAvailable), self.registry.cursor() as staff_cr:
                staff_cr.execute("SET LOCAL lock_timeout = '2s'")
                self._add_labour(staff_cr)
        self._retried(self._add_labour)
        state = self._state()
        # the total went up: back to the customer as a new version, never accepted behind their back
        self.assertEqual(state, dict(state, quote_state="sent", current=True, activities=1))
        self.assertNotEqual(state["order_state"], "sale")
        self.assertGreater(state["total"], state["accepted_amount"])

    @mute_logger("odoo.sql_db")
    def test_expiry_cron_while_customer_accepts(self):
        """The cron runs while a customer is accepting a due quote: it leaves that repair alone (no wait, no
        failure of its whole batch) and the customer's answer stands."""
        with self.registry.cursor() as cr:
            cr.execute(
                "UPDATE repair_order SET shop_quote_sent_date = %s WHERE id = %s",
                (fields.Datetime.now() - timedelta(days=30), self.ids["repair"]),
            )
        with self.registry.cursor() as customer_cr:
            self.assertTrue(self._accept(customer_cr))
            with self.registry.cursor() as cron_cr:
                cron_cr.execute("SET LOCAL lock_timeout = '2s'")
                self._expire(cron_cr)
        state = self._state()
        self.assertEqual(state, dict(state, quote_state="accepted", state="confirmed", current=True, activities=1))

    @mute_logger("odoo.sql_db")
    def test_customer_accepts_while_cron_expires(self):
        """The cron expires the quote, uncommitted when the customer accepts: the accept is refused at once and,
        retried, finds the quote expired."""
        with self.registry.cursor() as cr:
            cr.execute(
                "UPDATE repair_order SET shop_quote_sent_date = %s WHERE id = %s",
                (fields.Datetime.now() - timedelta(days=30), self.ids["repair"]),
            )
        with self.registry.cursor() as cron_cr:
            self.assertEqual(self._expire(cron_cr), 1)
            with self.assertRaises(LockNotAvailable), self.registry.cursor() as customer_cr:
                customer_cr.execute("SET LOCAL lock_timeout = '2s'")  # never hang the test run
                self._accept(customer_cr)
        with self.assertRaises(UserError):
            self._retried(self._accept)
        state = self._state()
        self.assertEqual(state, dict(state, quote_state="expired", activities=0))
