from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

MAX_LOYAL_DISCOUNT = 20.0


class AccountMove(models.Model):
    _inherit = "account.move"

    salon_record = fields.Boolean("Salon sales record", compute="_compute_salon_record", store=True, index=True)
    salon_appointment_ids = fields.One2many("salon.appointment", "invoice_id", string="Appointments")
    salon_discount = fields.Float("Loyalty discount (%)", copy=False)
    salon_partner_loyal = fields.Boolean(related="partner_id.salon_loyal", string="Loyal client")

    @api.depends("invoice_line_ids.product_id.salon_service")
    def _compute_salon_record(self):
        for move in self:
            move.salon_record = any(move.invoice_line_ids.product_id.mapped("salon_service"))

    @api.constrains("salon_discount", "partner_id")
    def _check_salon_discount(self):
        for move in self:
            if move.salon_discount < 0 or move.salon_discount > MAX_LOYAL_DISCOUNT:
                raise ValidationError(self.env._("The loyalty discount must be between 0 and 20%."))
            if move.salon_discount and not move.partner_id.salon_loyal:
                raise ValidationError(self.env._("Only loyal clients get a discount."))

    @api.model_create_multi
    def create(self, vals_list):
        moves = super().create(vals_list)
        moves.filtered("salon_discount")._apply_salon_discount()
        return moves

    def write(self, vals):
        res = super().write(vals)
        if "salon_discount" in vals:
            self._apply_salon_discount()
        return res

    def _apply_salon_discount(self):
        for move in self.filtered(lambda m: m.state == "draft"):
            move.invoice_line_ids.filtered(lambda line: line.product_id.salon_service).discount = move.salon_discount

    def _post(self, soft=True):
        for move in self.filtered(lambda m: m.move_type == "out_invoice"):
            if not move.invoice_line_ids.filtered(lambda line: line.display_type == "product"):
                raise UserError(self.env._("A sales record without lines cannot be emitted."))
            missing = move.invoice_line_ids.filtered(
                lambda line: line.product_id.salon_service and not line.salon_employee_id
            )
            if missing:
                raise UserError(self.env._("Set the professional who performed: %s", ", ".join(missing.mapped("name"))))
        return super()._post(soft=soft)

    def button_cancel(self):
        if (
            self.filtered("salon_record")
            and not self.env.su
            and not self.env.user.has_group("shop_salon_schedule.group_salon_cancel")
        ):
            raise AccessError(self.env._("You are not allowed to cancel sales records."))
        return super(AccountMove, self.with_context(salon_cancelling=True)).button_cancel()

    def button_draft(self):
        posted = self.filtered(lambda m: m.salon_record and m.state == "posted")
        if posted and not self.env.context.get("salon_cancelling") and not self.env.su:
            raise UserError(self.env._("An emitted sales record cannot be edited, only cancelled."))
        return super().button_draft()


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    salon_employee_id = fields.Many2one("hr.employee", string="Professional", index="btree_not_null")
