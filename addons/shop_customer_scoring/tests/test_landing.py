from odoo.tests import tagged

from .common import ScoringCase


@tagged("post_install", "-at_install")
class TestLanding(ScoringCase):
    def test_owner_lands_on_dashboard(self):
        """An owner logs in to the owner's dashboard; other staff keep Odoo's default landing."""
        self.assertEqual(
            self.owner.action_id.id, self.env.ref("shop_customer_scoring.shop_profit_dashboard_client_action").id
        )
        self.assertFalse(self.clerk.action_id)
