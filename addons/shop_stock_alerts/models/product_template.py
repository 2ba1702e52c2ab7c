from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    shop_min_qty = fields.Float(
        string="Minimum stock",
        compute="_compute_shop_stock_rule",
        inverse="_inverse_shop_stock_rule",
        digits="Product Unit of Measure",
        help="When the forecast quantity in the main warehouse reaches this quantity, a stock alert opens. "
        "Writes the reordering rule of the product.",
    )
    shop_max_qty = fields.Float(
        string="Maximum stock",
        compute="_compute_shop_stock_rule",
        inverse="_inverse_shop_stock_rule",
        digits="Product Unit of Measure",
        help="Purchases suggested by stock alerts fill the stock up to this quantity.",
    )
    shop_main_supplier_id = fields.Many2one(
        "res.partner",
        string="Main supplier",
        compute="_compute_shop_main_supplier",
        inverse="_inverse_shop_main_supplier",
        help="Writes the first line of the vendor pricelist of the product.",
    )
    shop_auto_reorder = fields.Boolean(
        string="Automatic reorder",
        help="When this product reaches its minimum, the request for quotation is created and e-mailed "
        "to the main supplier at once.",
    )

    def _shop_orderpoints(self):
        """The reordering rules of the main warehouse of each template's company, by template."""
        variants = self.product_variant_ids
        orderpoints = self.env["stock.warehouse.orderpoint"].search(
            [("product_id", "in", variants.ids), ("active", "=", True)], order="id"
        )
        result = {}
        main_warehouses = {}  # company id -> its main (first) warehouse, one search per company
        for orderpoint in orderpoints:
            company_id = orderpoint.company_id.id
            if company_id not in main_warehouses:
                main_warehouses[company_id] = self.env["stock.warehouse"].search(
                    [("company_id", "=", company_id)], limit=1
                )
            if orderpoint.warehouse_id == main_warehouses[company_id]:
                result.setdefault(orderpoint.product_id.product_tmpl_id, orderpoint)
        return result

    @api.depends("product_variant_ids")
    def _compute_shop_stock_rule(self):
        orderpoints = self._shop_orderpoints() if self.ids else {}
        for template in self:
            orderpoint = orderpoints.get(template)
            template.shop_min_qty = orderpoint.product_min_qty if orderpoint else 0.0
            template.shop_max_qty = orderpoint.product_max_qty if orderpoint else 0.0

    def _inverse_shop_stock_rule(self):
        orderpoints = self._shop_orderpoints()
        for template in self:
            if template.shop_min_qty < 0 or template.shop_max_qty < 0:
                raise ValidationError(self.env._("Minimum and maximum stock cannot be negative."))
            if template.shop_min_qty > template.shop_max_qty:
                raise ValidationError(
                    self.env._(
                        "The minimum stock (%(min)s) of %(product)s is above its maximum (%(max)s).",
                        **{"min": template.shop_min_qty, "max": template.shop_max_qty, "product": template.name},
                    )
                )
            values = {"product_min_qty": template.shop_min_qty, "product_max_qty": template.shop_max_qty}
            orderpoint = orderpoints.get(template)
            if orderpoint:
                orderpoint.write(values)
            elif template.shop_min_qty or template.shop_max_qty:
                company = template.company_id or self.env.company
                warehouse = self.env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
                # manual trigger: the shop's alerts decide when to buy, not Odoo's scheduler
                self.env["stock.warehouse.orderpoint"].create(
                    dict(
                        values,
                        product_id=template.product_variant_id.id,
                        warehouse_id=warehouse.id,
                        location_id=warehouse.lot_stock_id.id,
                        company_id=company.id,
                        trigger="manual",
                    )
                )

    @api.depends("seller_ids.partner_id", "seller_ids.sequence")
    def _compute_shop_main_supplier(self):
        for template in self:
            template.shop_main_supplier_id = template.seller_ids[:1].partner_id

    def _inverse_shop_main_supplier(self):
        for template in self:
            supplier = template.shop_main_supplier_id
            if not supplier:
                continue
            line = template.seller_ids.filtered(lambda s, supplier=supplier: s.partner_id == supplier)[:1]
            first_sequence = min(template.seller_ids.mapped("sequence") or [10])
            if line:
                line.sequence = first_sequence - 1
            else:
                self.env["product.supplierinfo"].create(
                    {
                        "product_tmpl_id": template.id,
                        "partner_id": supplier.id,
                        "price": template.standard_price,
                        "sequence": first_sequence - 1,
                    }
                )
