import logging
from collections import defaultdict

from psycopg2.errors import UniqueViolation

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL, float_compare, formatLang

_logger = logging.getLogger(__name__)

SWEEP_CURSOR_PARAM = "shop_stock_alerts.sweep_cursor"
SWEEP_BATCH_SIZE_PARAM = "shop_stock_alerts.sweep_batch_size"


def suggested_quantity(forecast, minimum, maximum, rounding=0.01):
    """Quantity to buy so that the forecast goes back up to the maximum (never below the minimum).

    Never 0: an alert opens when the forecast is at its minimum, so when the maximum equals the
    minimum there is nothing to fill up to, and one unit brings the forecast back above the minimum."""
    quantity = max(minimum, maximum) - forecast
    if float_compare(quantity, 0.0, precision_rounding=rounding) <= 0:
        return 1.0
    return quantity


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
        """Open an alert for each rule whose forecast is at or below its minimum and that has no pending alert
        (open, or ordered on an RFQ not confirmed yet).

        Set-based: the forecasts of all rules come from Odoo's own batched computation, the pending
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
        self._flush_pending()
        self.env.cr.execute(
            SQL(
                "SELECT a.product_id, a.warehouse_id FROM shop_stock_alert a WHERE %s AND a.product_id = ANY(%s)",
                self._pending_condition(),
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
                    "suggested_qty": suggested_quantity(
                        forecasts[op.id],
                        op.product_min_qty,
                        op.product_max_qty,
                        rounding=op.product_uom.rounding or 0.01,
                    ),
                    "supplier_id": self._main_supplier(op).id,
                }
            )
        alerts = self._create_open_alerts(values)
        if alerts:
            alerts._notify_responsible()
            alerts._auto_reorder()
        return alerts

    @api.model
    def _pending_condition(self):
        """SQL condition on the alert `a`: it still answers for its product and warehouse, so that no other
        alert opens for them. An open alert does, and so does an alert ordered on an RFQ not confirmed yet:
        the forecast counts a purchase only once it is confirmed, and until then another alert would order
        the same goods again."""
        return SQL(
            "(a.state = 'open' OR (a.state = 'ordered' AND EXISTS (SELECT 1 FROM purchase_order po "
            "WHERE po.id = a.purchase_order_id AND po.state IN ('draft', 'sent', 'to approve'))))"
        )

    def _flush_pending(self):
        """Write what `_pending_condition` reads before it is queried."""
        self.flush_model(["product_id", "warehouse_id", "state", "purchase_order_id"])
        self.env["purchase.order"].flush_model(["state"])

    @api.model
    def _main_supplier(self, orderpoint):
        """The first vendor of the product in the rule's company (a vendor line of another company is
        not this company's supplier)."""
        sellers = orderpoint.product_id.seller_ids.filtered(
            lambda s: not s.company_id or s.company_id == orderpoint.company_id
        )
        return sellers[:1].partner_id

    @api.model
    def _create_open_alerts(self, values_list):
        """Create the alerts in one call. Two validations of the same product racing: the second one
        meets the unique index of open alerts; the alert the other transaction opened stands (it notifies
        and orders), and this transaction goes on with the other products."""
        # the unique index answers the race: no error in the log for the query it refuses
        try:
            with self.env.cr.savepoint(), tools.mute_logger("odoo.sql_db"):
                return self.create(values_list)
        except UniqueViolation:
            _logger.info("stock alerts: a concurrent transaction opened some of these alerts, skipping those")
        alerts = self.browse()
        for values in values_list:
            try:
                with self.env.cr.savepoint(), tools.mute_logger("odoo.sql_db"):
                    alerts |= self.create(values)
            except UniqueViolation:
                continue  # opened meanwhile by the concurrent transaction
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
        """Who gets the alert's activity: the supplier's buyer, else the product's responsible, else a
        purchase manager."""
        self.ensure_one()
        return (
            self.supplier_id.buyer_id.filtered("active")
            or self.product_id.responsible_id.filtered("active")
            or self.env.ref("purchase.group_purchase_manager").users.filtered("active")[:1]
            or self.env.user
        )

    def _format_qty(self, env, quantity):
        """A quantity as the reader writes it: "4,00 Unidades" in pt_BR, "4.00 Units" in English."""
        self.ensure_one()
        uom = self.product_id.uom_id.with_env(env)
        return f"{formatLang(env, quantity, dp='Product Unit of Measure')} {uom.name}"

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
                    **{
                        "qty": alert._format_qty(env, alert.qty_at_alert),
                        "min": alert._format_qty(env, alert.min_qty),
                        "suggested": alert._format_qty(env, alert.suggested_qty),
                    },
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
        """RFQs of trusted suppliers, one savepoint per supplier: an automatic purchase that cannot be made
        never blocks the stock operation (or the sweep) that opened the alert; its alerts stay open for
        the buyer, with the reason in their chatter."""
        auto = self.filtered(
            lambda a: a.supplier_id and (a.product_id.shop_auto_reorder or a.supplier_id.shop_auto_reorder)
        )
        orders = self.env["purchase.order"]
        for _supplier, alerts in auto.grouped("supplier_id").items():
            try:
                with self.env.cr.savepoint():
                    wizard = (
                        self.env["shop.reorder.wizard"]
                        .with_context(active_model=self._name, active_ids=alerts.ids)
                        .create({})
                    )
                    orders |= wizard._create_orders()
            except UserError as error:
                _logger.warning("stock alerts %s: automatic purchase failed: %s", alerts.ids, error)
                for alert in alerts:
                    alert.message_post(
                        body=self.env._("The automatic purchase failed, order by hand: %s", error.args[0])
                    )
        owners = self.env.ref("shop_base.group_shop_owner").users.filtered("active")
        for order in orders:
            if order.state == "sent":
                body = self.env._("Request for quotation created and sent automatically from stock alerts.")
            else:
                body = self.env._(
                    "Request for quotation created automatically from stock alerts, but not e-mailed: %s",
                    order.shop_alert_ids[:1].email_error,
                )
            # a note: for the owners only, not for the order's followers (the supplier is one)
            order.message_post(body=body, partner_ids=owners.partner_id.ids, subtype_xmlid="mail.mt_note")

    def _close_received(self, moves):
        """Receipts of the RFQs of alerts close those alerts."""
        lines = moves.purchase_line_id
        if not lines:
            return
        alerts = self.search([("state", "=", "ordered"), ("purchase_order_id", "in", lines.order_id.ids)])
        received = {(line.order_id.id, line.product_id.id) for line in lines}
        alerts.filtered(lambda a: (a.purchase_order_id.id, a.product_id.id) in received).state = "done"

    @api.model
    def _cron_check_stock_alerts(self, batch_size=None):
        """Sweep the reordering rules for what the real-time path missed (e.g. minimums raised by hand).

        One batch per call, as Odoo 18's cron runner wants: the rules after the sweep's cursor, in id
        order, are checked and the cursor moves past them in the same transaction; the runner commits and
        calls again while `_notify_progress` reports rules remaining. A call that dies mid-batch leaves
        nothing behind and the next call redoes that batch, so each alert and its RFQ are made once; a
        committed batch is never swept again in the same round. The last batch sets the cursor back to the
        start for the next round. Returns how many rules remain in this round.
        """
        params = self.env["ir.config_parameter"].sudo()  # the cursor and batch size are system parameters
        batch_size = max(batch_size or int(params.get_param(SWEEP_BATCH_SIZE_PARAM, 5000)), 1)
        cursor = int(params.get_param(SWEEP_CURSOR_PARAM, 0))
        self.env.flush_all()
        self.env.cr.execute(SQL("SELECT op.id %s ORDER BY op.id LIMIT %s", self._sweep_candidates(cursor), batch_size))
        ids = [row[0] for row in self.env.cr.fetchall()]
        # RFQ e-mails go through the mail queue, which marks each one sent as it leaves: a batch killed
        # after its commit cannot send its e-mails twice
        sweeper = self.with_context(mail_notify_force_send=False)
        alerts = sweeper._sweep_orderpoints(self.env["stock.warehouse.orderpoint"].browse(ids))
        remaining = 0
        if len(ids) == batch_size:
            self.env.flush_all()
            self.env.cr.execute(SQL("SELECT count(*) %s", self._sweep_candidates(ids[-1])))
            remaining = self.env.cr.fetchone()[0]
        params.set_param(SWEEP_CURSOR_PARAM, ids[-1] if remaining else False)
        if alerts.purchase_order_id:
            self.env.ref("mail.ir_cron_mail_scheduler_action")._trigger()
        self.env["ir.cron"]._notify_progress(done=len(ids), remaining=remaining)
        _logger.info("stock alert sweep: %d reordering rules checked, %d to go", len(ids), remaining)
        return remaining

    @api.model
    def _sweep_candidates(self, after_id):
        """FROM and WHERE of the rules the sweep checks after `after_id`: active rules of active products
        with a minimum and without a pending alert."""
        return SQL(
            "FROM stock_warehouse_orderpoint op JOIN product_product pp ON pp.id = op.product_id "
            "WHERE op.id > %s AND op.active AND pp.active AND op.product_min_qty > 0 "
            "AND NOT EXISTS (SELECT 1 FROM shop_stock_alert a WHERE %s "
            "AND a.product_id = op.product_id AND a.warehouse_id = op.warehouse_id)",
            after_id,
            self._pending_condition(),
        )

    @api.model
    def _sweep_orderpoints(self, orderpoints):
        """The sweep's batch in one go; if it fails, rule by rule, each in its savepoint, so that one
        product in trouble cannot stop the sweep of all the others (it is logged and retried next hour)."""
        try:
            with self.env.cr.savepoint():
                return self._check_orderpoints(orderpoints)
        except Exception:  # isolated below, product by product
            _logger.info("stock alert sweep: a batch failed, checking its %d rules one by one", len(orderpoints))
        alerts = self.browse()
        for orderpoint in orderpoints:
            try:
                with self.env.cr.savepoint():
                    alerts |= self._check_orderpoints(orderpoint)
            except Exception as error:  # one product must not fail the sweep
                _logger.warning(
                    "stock alert sweep: %s (reordering rule %s) skipped: %s",
                    orderpoint.product_id.display_name,
                    orderpoint.id,
                    error,
                )
        return alerts
