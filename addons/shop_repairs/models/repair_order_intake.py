from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError


class RepairOrder(models.Model):
    """The customer's device: received at the intake, handed back at the delivery, each a stock move."""

    _inherit = "repair.order"  # pylint: disable=consider-merging-classes-inherited

    shop_intake_date = fields.Datetime("Intake date", default=fields.Datetime.now, copy=False, tracking=True)
    shop_brand_id = fields.Many2one(related="product_id.product_brand_id", string="Brand", store=True)
    shop_accessories = fields.Text("Accessories received")
    shop_condition = fields.Text("Visible condition")
    shop_photo_ids = fields.Many2many("ir.attachment", string="Photos", groups="base.group_user")
    shop_intake_move_id = fields.Many2one(
        "stock.move", "Intake move", readonly=True, copy=False, groups="base.group_user"
    )
    shop_device_received = fields.Boolean("Device received", compute="_compute_shop_device_received", compute_sudo=True)
    shop_delivery_move_id = fields.Many2one(
        "stock.move", "Delivery move", readonly=True, copy=False, groups="base.group_user"
    )
    shop_delivered_date = fields.Datetime("Delivered to the customer on", readonly=True, copy=False, tracking=True)

    @api.depends("shop_intake_move_id")
    def _compute_shop_device_received(self):
        for repair in self:
            repair.shop_device_received = bool(repair.shop_intake_move_id)

    @api.constrains("shop_delivery_date", "shop_intake_date")
    def _check_shop_delivery_date(self):
        for repair in self:
            if (
                repair.shop_delivery_date
                and repair.shop_intake_date
                and repair.shop_delivery_date < repair.shop_intake_date
            ):
                raise ValidationError(self.env._("The promised delivery date cannot be before the intake date."))

    @api.model_create_multi
    def create(self, vals_list):
        location = self._shop_devices_location()
        for vals in vals_list:
            # a customer's device waits in the customers' devices location; the store's own equipment (no
            # customer) and a returned product (from its return) keep Odoo's locations
            if location and vals.get("partner_id") and not vals.get("picking_id"):
                vals.setdefault("product_location_src_id", location.id)
                vals.setdefault("product_location_dest_id", location.id)
        repairs = super().create(vals_list)
        repairs._shop_receive_devices()
        return repairs

    def write(self, vals):
        if "product_id" in vals or "lot_id" in vals:
            self._shop_check_device_locked(vals)
        res = super().write(vals)
        if "lot_id" in vals or "product_id" in vals or "partner_id" in vals:
            self._shop_receive_devices()
        return res

    def _shop_check_device_locked(self, vals):
        """The device received (and its serial number) is the one the intake receipt names."""
        for repair in self.filtered("shop_intake_move_id"):
            if ("product_id" in vals and (vals["product_id"] or False) != repair.product_id.id) or (
                "lot_id" in vals and (vals["lot_id"] or False) != repair.lot_id.id
            ):
                raise UserError(
                    self.env._(
                        "The device and the serial number of %s were received at the intake: they cannot be "
                        "changed. Register a new repair for another device.",
                        repair.name,
                    )
                )

    # ------------------------------------------------------------------ actions
    def action_print_intake(self):
        return self.env.ref("shop_repairs.action_report_repair_intake").report_action(self)

    def action_shop_deliver(self):
        """The device leaves the store: repaired, or returned unrepaired."""
        for repair in self:
            if repair.shop_delivered_date:
                raise UserError(self.env._("%s was already delivered.", repair.name))
            if repair.state not in ("done", "cancel") and repair.quote_state not in ("declined", "expired"):
                raise UserError(self.env._("Finish or cancel the repair %s before delivering the device.", repair.name))
        self.write({"shop_delivered_date": fields.Datetime.now()})
        self._shop_return_devices()
        return self.env.ref("shop_repairs.action_report_repair_delivery").report_action(self)

    # ------------------------------------------------------------------ the device's own moves
    def _shop_devices_location(self):
        return self.env.ref("shop_repairs.stock_location_customer_devices", raise_if_not_found=False)

    def _shop_device_move_vals(self, source, destination):
        self.ensure_one()
        uom = self.product_uom or self.product_id.uom_id
        line = {
            "product_id": self.product_id.id,
            "lot_id": self.lot_id.id,
            "product_uom_id": uom.id,
            "quantity": self.product_qty or 1.0,
            "location_id": source.id,
            "location_dest_id": destination.id,
            "company_id": self.company_id.id,
        }
        return {
            "name": self.name,
            "origin": self.name,
            "product_id": self.product_id.id,
            "product_uom": uom.id,
            "product_uom_qty": self.product_qty or 1.0,
            "partner_id": self.partner_id.id,
            "location_id": source.id,
            "location_dest_id": destination.id,
            "company_id": self.company_id.id,
            "picked": True,
            "move_line_ids": [Command.create(line)],
        }

    def _shop_move_devices(self, source, destination):
        """One done stock move per repair's device, between two partner locations (so never valued)."""
        moves = self.env["stock.move"].create([repair._shop_device_move_vals(source, destination) for repair in self])
        moves._action_done()
        return moves

    def _shop_receive_devices(self):
        """Intake: the customer's device enters the customers' devices location (traceable by serial number).

        Only a customer's device kept in stock (storable: its serial number's history matters) is moved; a tracked
        device waits for its serial number; a repair without a customer (the store's own equipment) or without a
        device moves nothing, as in Odoo."""
        location = self._shop_devices_location()
        todo = self.filtered(
            lambda r: (
                location
                and r.product_id
                and r.partner_id
                and r.product_id.is_storable
                and not r.shop_intake_move_id
                and r.state != "cancel"
                and (r.product_id.tracking == "none" or r.lot_id)
            )
        )
        if todo:
            moves = todo._shop_move_devices(location.location_id, location)
            for repair, move in zip(todo, moves, strict=True):
                repair.shop_intake_move_id = move

    def _shop_return_devices(self):
        """Delivery: the device leaves the store, back to the customer."""
        location = self._shop_devices_location()
        todo = self.filtered(lambda r: r.shop_intake_move_id and not r.shop_delivery_move_id)
        if todo:
            moves = todo._shop_move_devices(location, location.location_id)
            for repair, move in zip(todo, moves, strict=True):
                repair.shop_delivery_move_id = move
