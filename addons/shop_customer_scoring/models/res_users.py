from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _shop_home_actions(self):
        # the owner lands on the gains-and-losses dashboard
        return [
            *super()._shop_home_actions(),
            (10, "shop_base.group_shop_owner", "shop_customer_scoring.shop_profit_dashboard_client_action"),
        ]
