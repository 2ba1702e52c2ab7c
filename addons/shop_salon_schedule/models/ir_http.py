from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        info = super().session_info()
        user = self.env.user
        if user._is_internal() and user.has_group("shop_salon_schedule.group_salon_registry"):
            # entering the web client: agenda users' overdue appointments become pending
            info["salon_summary"] = self.env["salon.appointment"].salon_pending_summary()
        return info
