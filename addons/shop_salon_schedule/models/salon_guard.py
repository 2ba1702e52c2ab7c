from odoo import models
from odoo.exceptions import AccessError


def check_salon_root(env, vals):
    """Only ROOT archives/reactivates records and sets loyalty; other salon users are refused, whatever
    the client sends (the fields are also read-only in their views)."""
    if env.su or not env.user.has_group("shop_salon_schedule.group_salon_registry"):
        return
    if env.user.has_group("shop_salon_schedule.group_salon_root"):
        return
    if "active" in vals:
        raise AccessError(env._("Only ROOT users can archive or reactivate records."))
    if "salon_loyal" in vals:
        raise AccessError(env._("Only ROOT users can make a client loyal or remove loyalty."))


class ProductProductGuard(models.Model):
    _inherit = "product.product"

    def write(self, vals):
        check_salon_root(self.env, vals)
        return super().write(vals)


class HrEmployeeGuard(models.Model):
    _inherit = "hr.employee"

    def write(self, vals):
        check_salon_root(self.env, vals)
        return super().write(vals)
