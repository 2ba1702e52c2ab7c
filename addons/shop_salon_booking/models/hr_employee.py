from odoo import api, fields, models
from odoo.exceptions import AccessError

ROOT = "shop_salon_schedule.group_salon_root"


class HrEmployeeBase(models.AbstractModel):
    _inherit = "hr.employee.base"

    # on the base model, so that hr.employee.public has it too: users without HR rights read employees through it
    salon_bookable = fields.Boolean(
        "Bookable online", help="Clients can book this professional on the salon's online booking page."
    )


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("salon_bookable") for vals in vals_list):
            self._check_salon_bookable_access()
        return super().create(vals_list)

    def write(self, vals):
        if "salon_bookable" in vals:
            self._check_salon_bookable_access()
        return super().write(vals)

    def _check_salon_bookable_access(self):
        """Who clients may book online is the salon's ROOT's decision, whatever the client sends."""
        if not self.env.su and not self.env.user.has_group(ROOT):
            raise AccessError(self.env._("Only ROOT users can make a professional bookable online."))
