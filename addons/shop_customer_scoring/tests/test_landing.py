from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestLanding(TransactionCase):
    def test_owner_lands_on_dashboard(self):
        """An owner logs in to the owner's dashboard; other staff keep Odoo's default landing."""
        owner = new_test_user(self.env, "dono_inicio", groups="base.group_user,shop_base.group_shop_owner")
        clerk = new_test_user(self.env, "balconista_inicio", groups="base.group_user")
        self.assertEqual(owner.action_id.id, self.env.ref("shop_customer_scoring.shop_profit_dashboard_action").id)
        self.assertFalse(clerk.action_id)
