"""Shared setup of the addon's tests: a user of each role, and helpers that post invoices and bills, pay
them, move stock and run a cron as Odoo's runner does."""

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user

OWNER_GROUPS = "base.group_user,shop_base.group_shop_owner"


def post_move(env, move_type, partner, lines, day, due=None, company=None):
    """Post an invoice, refund or bill of ``partner`` dated ``day`` (due on ``due``, default ``day``), untaxed.

    ``lines``: dicts of invoice line values (quantity 1 unless given)."""
    move = (
        env["account.move"]
        .with_company(company or env.company)
        .create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "invoice_date": day,
                "invoice_payment_term_id": False,
                "invoice_line_ids": [
                    Command.create(dict(line, tax_ids=[Command.clear()], quantity=line.get("quantity", 1)))
                    for line in lines
                ],
            }
        )
    )
    move.invoice_date_due = due or day
    move.action_post()
    return move


def pay(env, invoice, day):
    """Register the full payment of ``invoice`` on ``day``."""
    env["account.payment.register"].with_context(active_model="account.move", active_ids=invoice.ids).create(
        {"payment_date": day}
    )._create_payments()


def move_stock(env, product, qty, source, dest):
    """A done stock move of ``qty`` ``product`` from ``source`` to ``dest`` (valued as the product's cost)."""
    move = env["stock.move"].create(
        {
            "name": product.name,
            "product_id": product.id,
            "product_uom_qty": qty,
            "location_id": source.id,
            "location_dest_id": dest.id,
        }
    )
    move._action_confirm()
    move.quantity = qty
    move.picked = True
    move._action_done()
    return move


class ScoringCase(TransactionCase):
    """A user of each role of the addon: the shop owner, an accounting manager, a clerk (internal user) and a
    salesman; mail tracking off."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.today = fields.Date.context_today(cls.env.user)
        cls.owner = new_test_user(cls.env, "dono", groups=OWNER_GROUPS, company_ids=[Command.set(cls.env.company.ids)])
        cls.accountant = new_test_user(cls.env, "contador", groups="base.group_user,account.group_account_manager")
        cls.clerk = new_test_user(cls.env, "balconista", groups="base.group_user")
        cls.salesman = new_test_user(cls.env, "vendedor", groups="base.group_user,sales_team.group_sale_salesman")

    @classmethod
    def _move(cls, move_type, partner, lines, company=None, day=None, due=None):
        return post_move(cls.env, move_type, partner, lines, day or cls.today, due, company)

    @classmethod
    def _pay(cls, invoice, day):
        pay(cls.env, invoice, day)

    @classmethod
    def _stock_move(cls, product, qty, source, dest):
        return move_stock(cls.env, product, qty, source, dest)

    def _run_cron(self, method, **kwargs):
        """Call the cron method ``method`` of res.partner as Odoo's runner does (``ir.cron._run_job``): with a
        progress record, again while it reports work remaining. Returns the progress of each call."""
        cron = self.env.ref(f"shop_customer_scoring.cron{method.removeprefix('_cron')}")
        progresses = []
        for _call in range(100):
            cron, progress = cron._add_progress()
            getattr(self.env["res.partner"].with_context(ir_cron_progress_id=progress.id), method)(**kwargs)
            progresses.append(progress)
            if not progress.remaining:
                return progresses
        raise AssertionError(f"{method} still reports work remaining after 100 calls")
