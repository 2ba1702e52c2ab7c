from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

MAX_LOYAL_DISCOUNT = 20.0
CANCEL = "shop_salon_schedule.group_salon_cancel"


class AccountMove(models.Model):
    _inherit = "account.move"

    salon_record = fields.Boolean("Salon sales record", compute="_compute_salon_record", store=True, index=True)
    salon_appointment_ids = fields.One2many("salon.appointment", "invoice_id", string="Appointments")
    salon_discount = fields.Float("Loyalty discount (%)", copy=False)
    salon_partner_loyal = fields.Boolean(related="partner_id.salon_loyal", string="Loyal client")

    # on the lines' products, not on their "Salon service" flag: unticking a service later does not take the
    # records made with it out of the salon's records and statistics
    @api.depends("invoice_line_ids.product_id")
    def _compute_salon_record(self):
        for move in self:
            move.salon_record = any(move.invoice_line_ids.product_id.mapped("salon_service"))

    @api.constrains("salon_discount", "partner_id")
    def _check_salon_discount(self):
        """0-20%, loyal clients only: the record's discount and every line's own (Odoo's discount column)."""
        for move in self:
            discounts = [move.salon_discount]
            if move.move_type == "out_invoice" and move.salon_record:
                discounts += move.invoice_line_ids.filtered(lambda line: line.display_type == "product").mapped(
                    "discount"
                )
            if any(discount < 0 or discount > MAX_LOYAL_DISCOUNT for discount in discounts):
                raise ValidationError(self.env._("The loyalty discount must be between 0 and 20%."))
            if any(discounts) and not move.partner_id.salon_loyal:
                raise ValidationError(self.env._("Only loyal clients get a discount."))

    @api.model_create_multi
    def create(self, vals_list):
        moves = super().create(vals_list)
        moves.filtered("salon_discount")._apply_salon_discount()
        moves._salon_open_record()
        return moves

    def write(self, vals):
        if "state" in vals:
            self._check_salon_state_change(vals["state"])
        res = super().write(vals)
        if "salon_discount" in vals:
            self._apply_salon_discount()
        if {"invoice_line_ids", "line_ids"} & vals.keys():
            self._salon_open_record()
        return res

    def _salon_open_record(self):
        """A salon record gets its sale date and number when it is opened, not when it is emitted (Odoo's way),
        so that the queries by date and by number find the pending ones too."""
        for move in self.filtered(lambda m: m.state == "draft" and m.move_type == "out_invoice" and m.salon_record):
            if not move.invoice_date:
                move.invoice_date = fields.Date.context_today(move)
            if not move.name or move.name == "/":
                move._set_next_sequence()

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

    def _check_salon_cancel_right(self):
        if self.filtered("salon_record") and not self.env.su and not self.env.user.has_group(CANCEL):
            raise AccessError(self.env._("You are not allowed to cancel sales records."))

    def _check_salon_state_change(self, new_state):
        """The state of an emitted or cancelled salon record only changes through cancellation, by the cancel
        right: never trusted from the client (a direct write, a context key)."""
        if self.env.su:
            return
        if new_state == "cancel":
            self._check_salon_cancel_right()
        elif self.filtered(lambda m: m.salon_record and m.state in ("posted", "cancel") and m.state != new_state):
            raise UserError(self.env._("An emitted sales record cannot be edited, only cancelled."))

    def button_cancel(self):
        salon = self.filtered("salon_record")
        salon._check_salon_cancel_right()
        # Odoo cancels an emitted record by resetting it to draft first, which salon records refuse to every user:
        # after the check of the cancel right above, the cancellation itself runs as superuser
        if salon:
            super(AccountMove, salon.sudo()).button_cancel()
        return super(AccountMove, self - salon).button_cancel()

    def button_draft(self):
        self._check_salon_state_change("draft")
        return super().button_draft()

    def _reverse_moves(self, default_values_list=None, cancel=False):
        # a credit note voids the record (account.move.reversal): the cancel right, as for cancelling
        self._check_salon_cancel_right()
        return super()._reverse_moves(default_values_list=default_values_list, cancel=cancel)


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    salon_employee_id = fields.Many2one("hr.employee", string="Professional", index="btree_not_null")

    @api.constrains("discount")
    def _check_salon_line_discount(self):
        self.move_id._check_salon_discount()
