from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class ShopReorderWizard(models.TransientModel):
    _name = "shop.reorder.wizard"
    _description = "Order low-stock products from their suppliers"

    line_ids = fields.One2many("shop.reorder.wizard.line", "wizard_id", string="Products")

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if self.env.context.get("active_model") != "shop.stock.alert":
            return res
        alerts = self.env["shop.stock.alert"].browse(self.env.context.get("active_ids", [])).exists()
        alerts = alerts.filtered(lambda a: a.state == "open")
        res["line_ids"] = [Command.create(values) for values in self._grouped_line_values(alerts)]
        return res

    @api.model
    def _grouped_line_values(self, alerts):
        """The lines of the alerts, under one section per supplier (suppliers by name, no supplier last)."""
        by_supplier = defaultdict(list)
        for alert in alerts:
            values = self._line_values(alert)
            by_supplier[values["supplier_id"]].append(values)
        suppliers = self.env["res.partner"].browse([s for s in by_supplier if s]).sorted(lambda p: p.display_name)
        result = []
        for supplier_id in suppliers.ids + ([False] if False in by_supplier else []):
            title = self.env["res.partner"].browse(supplier_id).display_name or self.env._("No supplier")
            result.append({"display_type": "line_section", "name": title, "sequence": len(result)})
            for values in by_supplier[supplier_id]:
                result.append(dict(values, sequence=len(result)))
        return result

    @api.model
    def _line_values(self, alert):
        seller = (
            alert.product_id.with_company(alert.company_id)._select_seller(
                partner_id=alert.supplier_id or False, quantity=alert.suggested_qty, uom_id=alert.product_id.uom_po_id
            )
            or alert.product_id.seller_ids.filtered(lambda s: not s.company_id or s.company_id == alert.company_id)[:1]
        )
        return {
            "alert_id": alert.id,
            "name": alert.product_id.display_name,
            "product_id": alert.product_id.id,
            "supplier_id": (alert.supplier_id or seller.partner_id).id,
            "quantity": alert.suggested_qty,
            "price_unit": seller.price if seller else alert.product_id.standard_price,
            "date_planned": fields.Date.add(fields.Date.context_today(self), days=seller.delay if seller else 0),
        }

    def _product_lines(self):
        return self.line_ids.filtered(lambda line: not line.display_type)

    def _check_lines(self):
        if not self._product_lines():
            raise UserError(self.env._("There is nothing to order."))
        for line in self._product_lines():
            if not line.supplier_id:
                raise UserError(
                    self.env._(
                        "%s has no supplier: set its main supplier on the product form first.",
                        line.product_id.display_name,
                    )
                )
            if line.quantity <= 0:
                raise UserError(
                    self.env._("The quantity to order of %s must be positive.", line.product_id.display_name)
                )
            if line.price_unit < 0:
                raise UserError(self.env._("The price of %s cannot be negative.", line.product_id.display_name))
        alerts = self._product_lines().alert_id
        # another user may have ordered meanwhile: lock the alerts and look again
        alerts.invalidate_recordset(["state"])
        self.env.cr.execute("SELECT id FROM shop_stock_alert WHERE id = ANY(%s) FOR UPDATE", [alerts.ids])
        not_open = alerts.filtered(lambda a: a.state != "open")
        if not_open:
            raise UserError(
                self.env._(
                    "These alerts were handled meanwhile, reopen the form: %s", ", ".join(not_open.mapped("name"))
                )
            )

    def _create_orders(self):
        """One RFQ per supplier, e-mailed at once; the alerts are marked ordered and linked."""
        self._check_lines()
        by_supplier = defaultdict(lambda: self.env["shop.reorder.wizard.line"])
        for line in self._product_lines():
            by_supplier[line.supplier_id] |= line
        orders = self.env["purchase.order"]
        for supplier, lines in by_supplier.items():
            order = self.env["purchase.order"].create(
                {
                    "partner_id": supplier.id,
                    "company_id": lines.alert_id.company_id[:1].id or self.env.company.id,
                    "picking_type_id": lines.alert_id.warehouse_id[:1].in_type_id.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": line.product_id.id,
                                "product_qty": line.quantity,
                                "price_unit": line.price_unit,
                                "date_planned": line.date_planned,
                            }
                        )
                        for line in lines
                    ],
                }
            )
            # the wizard's prices are the owner's word: keep them over the pricelist's recomputation
            for po_line, line in zip(order.order_line, lines, strict=True):
                po_line.price_unit = line.price_unit
            lines.alert_id.write({"state": "ordered", "purchase_order_id": order.id, "email_error": False})
            order._shop_send_rfq(lines.alert_id)
            orders |= order
        return orders

    def action_confirm(self):
        self.ensure_one()
        orders = self._create_orders()
        action = self.env["ir.actions.act_window"]._for_xml_id("purchase.purchase_rfq")
        action["domain"] = [("id", "in", orders.ids)]
        if len(orders) == 1:
            action.update(views=[(False, "form")], res_id=orders.id, view_mode="form")
        return action


class ShopReorderWizardLine(models.TransientModel):
    _name = "shop.reorder.wizard.line"
    _description = "Product to order"
    _order = "sequence, id"

    wizard_id = fields.Many2one("shop.reorder.wizard", required=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    display_type = fields.Selection([("line_section", "Supplier")], help="Supplier title above its products.")
    name = fields.Char("Description")
    alert_id = fields.Many2one("shop.stock.alert", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    supplier_id = fields.Many2one("res.partner")
    quantity = fields.Float(digits="Product Unit of Measure")
    price_unit = fields.Float("Unit price", digits="Product Price")
    date_planned = fields.Date("Expected")
    subtotal = fields.Float(compute="_compute_subtotal", digits="Product Price")

    @api.depends("quantity", "price_unit")
    def _compute_subtotal(self):
        for line in self:
            line.subtotal = line.quantity * line.price_unit

    @api.onchange("supplier_id")
    def _onchange_supplier_id(self):
        seller = self.product_id.seller_ids.filtered(lambda s: s.partner_id == self.supplier_id)[:1]
        if seller:
            self.price_unit = seller.price
            self.date_planned = fields.Date.add(fields.Date.context_today(self), days=seller.delay)
