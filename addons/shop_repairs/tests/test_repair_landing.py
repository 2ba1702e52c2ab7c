from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRepairLanding(TransactionCase):
    def test_technician_lands_on_the_bench(self):
        """A technician opens Odoo on the repair bench (shop_base's _shop_home_actions hook)."""
        technician = new_test_user(self.env, "tec_landing", groups="shop_repairs.group_repair_technician")
        self.assertEqual(technician.action_id.id, self.env.ref("shop_repairs.repair_order_action").id)
        self.assertIn(
            (20, "shop_repairs.group_repair_technician", "shop_repairs.repair_order_action"),
            technician._shop_home_actions(),
        )
