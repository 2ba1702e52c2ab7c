from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The owner's dashboard is a read-only client action now: users who landed on the old server action (removed
    at the end of this upgrade) land on the client action."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    old = env.ref("shop_customer_scoring.shop_profit_dashboard_action", raise_if_not_found=False)
    if old:
        users = env["res.users"].with_context(active_test=False).search([("action_id", "=", old.id)])
        users.write({"action_id": env.ref("shop_customer_scoring.shop_profit_dashboard_client_action").id})
