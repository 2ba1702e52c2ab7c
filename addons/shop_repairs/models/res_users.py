from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _shop_home_actions(self):
        # technicians land on the repair bench (its kanban by stage)
        return super()._shop_home_actions() + [
            (20, "shop_repairs.group_repair_technician", "shop_repairs.repair_order_action")
        ]
