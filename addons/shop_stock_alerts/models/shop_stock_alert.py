import logging
from collections import defaultdict

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL, float_compare

_logger = logging.getLogger(__name__)


def suggested_quantity(forecast, minimum, maximum):
    """Quantity to buy so that the forecast goes back up to the maximum (never below the minimum)."""
    target = max(minimum, maximum)
    return max(target - forecast, 0.0)


class ShopStockAlert(models.Model):
    _name = "shop.stock.alert"
    _description = "Low stock alert"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    product_id = fields.Many2one("product.product", required=True, index=True, readonly=True)
    product_tmpl_id = fields.Many2one(related="product_id.product_tmpl_id")
    product_brand_id = fields.Many2one(related="product_id.product_brand_id", store=True, string="Brand")
    warehouse_id = fields.Many2one("stock.warehouse", required=True, index=True, readonly=True)
    orderpoint_id = fields.Many2one("stock.warehouse.orderpoint", readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, default=lambda self: self.env.company)
    qty_at_alert = fields.Float("Quantity then", digits="Product Unit of Measure", readonly=True)
    min_qty = fields.Float("Minimum", digits="Product Unit of Measure", readonly=True)
    max_qty = fields.Float("Maximum", digits="Product Unit of Measure", readonly=True)
    suggested_qty = fields.Float("Suggested quantity", digits="Product Unit of Measure")
    supplier_id = fields.Many2one("res.partner", string="Main supplier")
    state = fields.Selection(
        [("open", "Open"), ("ordered", "Ordered"), ("done", "Done"), ("cancel", "Cancelled")],
        default="open",
        required=True,
        tracking=True,
        index=True,
    )
    purchase_order_id = fields.Many2one("purchase.order", string="Request for quotation", readonly=True, tracking=True)
    email_error = fields.Char("E-mail problem", readonly=True)

    @api.depends("product_id", "warehouse_id")
    def _compute_name(self):
        for alert in self:
            alert.name = f"{alert.product_id.display_name} / {alert.warehouse_id.code or ''}"

    def init(self):
        # at most one open alert per product and warehouse, whatever the concurrency
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS shop_stock_alert_open_unique "
                "ON shop_stock_alert (product_id, warehouse_id) WHERE state = 'open'"
            )
        )

    # ------------------------------------------------------------------ actions
    def action_cancel(self):
        self.filtered(lambda a: a.state in ("open", "ordered")).state = "cancel"

    def action_reopen(self):
        self.filtered(lambda a: a.state == "cancel").state = "open"

    def action_open_reorder_wizard(self):
        alerts = self.filtered(lambda a: a.state == "open")
        if not alerts:
            raise UserError(self.env._("Select at least one open alert."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Order from suppliers"),
            "res_model": "shop.reorder.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": alerts.ids},
        }

    # ------------------------------------------------------------------ business
    def _get_orderpoint_domain(self):
        """Which reordering rules the alerts watch (hook for other addons)."""
        return [("active", "=", True), ("product_min_qty", ">", 0), ("product_id.active", "=", True)]

    @api.model
    def _check_orderpoints(self, orderpoints):
        """Open an alert for each rule whose forecast is at or below its minimum and that has no open alert.

        Set-based: the forecasts of all rules come from Odoo's own batched computation, the open
        alerts from one query, and the new alerts are created in one call.
        """
        if not orderpoints:
            return self.browse()
        forecasts = self._shop_forecasts(orderpoints)
        low = orderpoints.filtered(
            lambda op: (
                float_compare(forecasts[op.id], op.product_min_qty, precision_rounding=op.product_uom.rounding or 0.01)
                <= 0
            )
        )
        if not low:
            return self.browse()
        self.env.cr.execute(
            SQL(
                "SELECT product_id, warehouse_id FROM shop_stock_alert WHERE state = 'open' AND product_id = ANY(%s)",
                low.product_id.ids,
            )
        )
        already = set(self.env.cr.fetchall())
        values = []
        for op in low:
            key = (op.product_id.id, op.warehouse_id.id)
            if key in already:
                continue
            already.add(key)
            values.append(
                {
                    "product_id": op.product_id.id,
                    "warehouse_id": op.warehouse_id.id,
                    "orderpoint_id": op.id,
                    "company_id": op.company_id.id,
                    "qty_at_alert": forecasts[op.id],
                    "min_qty": op.product_min_qty,
                    "max_qty": op.product_max_qty,
                    "suggested_qty": suggested_quantity(forecasts[op.id], op.product_min_qty, op.product_max_qty),
                    "supplier_id": op.product_id.seller_ids[:1].partner_id.id,
                }
            )
        alerts = self.create(values)
        if alerts:
            alerts._notify_responsible()
            alerts._auto_reorder()
        return alerts

    @api.model
    def _shop_forecasts(self, orderpoints):
        """Forecast quantity of each rule's product at its location: a few grouped queries per location,
        whatever the number of rules (Odoo's own orderpoint forecast works per lead-time context)."""
        forecasts = {}
        by_location = defaultdict(lambda: self.env["stock.warehouse.orderpoint"])
        for orderpoint in orderpoints:
            by_location[orderpoint.location_id.id] |= orderpoint
        for location_id, ops in by_location.items():
            quantities = ops.product_id.with_context(location=location_id)._compute_quantities_dict(None, None, None)
            for orderpoint in ops:
                forecasts[orderpoint.id] = quantities[orderpoint.product_id.id]["virtual_available"]
        return forecasts

    @api.model
    def _check_products(self, products):
        """Real-time path: called when stock moves of these products are done."""
        orderpoints = self.env["stock.warehouse.orderpoint"].search(
            self._get_orderpoint_domain() + [("product_id", "in", products.ids)]
        )
        return self._check_orderpoints(orderpoints)

    def _get_responsible(self):
        self.ensure_one()
        return (
            self.product_id.responsible_id
            or self.env.ref("purchase.group_purchase_manager").users.filtered(lambda u: u.active)[:1]
            or self.env.user
        )

    def _notify_responsible(self):
        """An activity and a web-client notification for each alert's responsible, in the responsible's language."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for alert in self:
            user = alert._get_responsible()
            env = alert.with_context(lang=user.lang or self.env.lang).env
            product = alert.product_id.with_env(env).display_name
            alert.activity_schedule(
                activity_type_id=activity_type.id,
                summary=env._("Low stock: %s", product),
                note=env._(
                    "Forecast %(qty)s, minimum %(min)s: order %(suggested)s.",
                    **{"qty": alert.qty_at_alert, "min": alert.min_qty, "suggested": alert.suggested_qty},
                ),
                user_id=user.id,
            )
            user._bus_send(
                "simple_notification",
                {
                    "type": "warning",
                    "title": env._("Low stock"),
                    "message": env._("%s reached its minimum stock.", product),
                },
            )

    def _auto_reorder(self):
        auto = self.filtered(
            lambda a: a.supplier_id and (a.product_id.shop_auto_reorder or a.supplier_id.shop_auto_reorder)
        )
        if not auto:
            return
        wizard = self.env["shop.reorder.wizard"].with_context(active_model=self._name, active_ids=auto.ids).create({})
        orders = wizard._create_orders()
        owner_group = self.env.ref("shop_base.group_shop_owner")
        for order in orders:
            order.message_post(
                body=self.env._("Request for quotation created and sent automatically from stock alerts."),
                partner_ids=owner_group.users.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )

    def _close_received(self, moves):
        """Receipts of the RFQs of alerts close those alerts."""
        lines = moves.purchase_line_id
        if not lines:
            return
        alerts = self.search([("state", "=", "ordered"), ("purchase_order_id", "in", lines.order_id.ids)])
        received = {(line.order_id.id, line.product_id.id) for line in lines}
        alerts.filtered(lambda a: (a.purchase_order_id.id, a.product_id.id) in received).state = "done"

    @api.model
    def _cron_check_stock_alerts(self, batch_size=5000):
        """Sweep every reordering rule for what the real-time path missed (e.g. minimums raised by hand)."""
        self.env.cr.execute(
            SQL(
                "SELECT op.id FROM stock_warehouse_orderpoint op "
                "JOIN product_product pp ON pp.id = op.product_id "
                "WHERE op.active AND pp.active AND op.product_min_qty > 0 "
                "AND NOT EXISTS (SELECT 1 FROM shop_stock_alert a WHERE a.state = 'open' "
                "AND a.product_id = op.product_id AND a.warehouse_id = op.warehouse_id) ORDER BY op.id"
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        done = 0
        Orderpoint = self.env["stock.warehouse.orderpoint"]
        for start in range(0, len(ids), batch_size):
            batch = Orderpoint.browse(ids[start : start + batch_size])
            self._check_orderpoints(batch)
            done += len(batch)
            self.env["ir.cron"]._notify_progress(done=done, remaining=len(ids) - done)
            if self.env.context.get("shop_cron_commit") and not tools.config["test_enable"]:
                self.env.cr.commit()  # pylint: disable=invalid-commit
            self.env.invalidate_all()
        _logger.info("stock alert sweep: %d reordering rules checked", done)
        return done
