from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import get_lang


class RepairOrder(models.Model):
    """The repair as the shop runs it. Each concern lives in its own file, in this order:

    - this file: the repair's common fields, the bench's parameters, what the customer reads it in;
    - ``repair_order_intake.py``: the device received and handed back (its own stock moves);
    - ``repair_order_diagnosis.py``: the diagnosis deadline and the memory of past diagnoses;
    - ``repair_order_quote.py``: the quote built from the parts and labour and sent to the customer;
    - ``repair_order_answer.py``: the customer's answer, which follows the quotation (signed, declined);
    - ``repair_order_collection.py``: the daily cron (expiry, collection reminders, overdue diagnoses);
    - ``repair_order_stage.py``: the pipeline stage the bench's kanban shows."""

    _name = "repair.order"
    _inherit = ["repair.order", "portal.mixin"]

    shop_delivery_date = fields.Datetime("Promised delivery", tracking=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    # the staff's own notes never reach the customer (the portal rule lets customers read their repairs)
    internal_notes = fields.Html(groups="base.group_user")

    def _compute_access_url(self):  # pylint: disable=missing-return
        super()._compute_access_url()
        for repair in self:
            repair.access_url = f"/my/repairs/{repair.id}"

    @api.constrains("move_ids")
    def _check_shop_parts(self):
        # quantities: a part's move refuses a negative quantity written on it (stock.move.write), and Odoo's
        # action_validate refuses a negative line; a draft line may be negative on the way, as in Odoo
        for move in self.move_ids:
            if move.sale_line_id and move.sale_line_id.price_unit < 0:
                raise ValidationError(self.env._("Part quantities and prices cannot be negative."))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_active_repair(self):
        # ondelete checks run in the order of their names: this one comes before Odoo's
        # _unlink_except_confirmed, which would cancel a confirmed repair and let it be deleted
        if self.filtered(lambda r: r.state not in ("draft", "cancel")):
            raise UserError(self.env._("A confirmed repair cannot be deleted: cancel it instead."))

    # ------------------------------------------------------------------ the bench's parameters
    @api.model
    def _get_param(self, key, default):
        """An integer setting of the repair bench (``shop.repair.settings``), a system parameter."""
        # sudo: the bench's settings are system parameters every repair reads
        value = self.env["ir.config_parameter"].sudo().get_param(f"shop_repairs.{key}", default)
        try:
            return int(value)
        except (TypeError, ValueError):
            return default

    @api.model
    def _shop_deposit_percent(self):
        """The deposit a customer pays to accept a repair quote, in percent (0: the signature is enough)."""
        return min(max(self._get_param("deposit_percent", 0), 0), 100)

    @api.model
    def _shop_abandon_policy(self):
        """The store's policy quoted in the final notice: the manager's text, else the default in the reader's
        language (the e-mail renders in the customer's)."""
        # sudo: the policy is a system parameter the notice quotes to the customer
        policy = self.env["ir.config_parameter"].sudo().get_param("shop_repairs.abandon_policy")
        return policy or self.env._(
            "Devices not collected within 90 days of this notice may be sold or recycled to cover the store's "
            "costs, as stated in the intake terms."
        )

    # ------------------------------------------------------------------ what the customer reads
    def _shop_customer_tz(self):
        """The time zone the customer reads the repair's hours in (e-mails and portal alike): theirs, else the
        store's."""
        self.ensure_one()
        # sudo: the store's own time zone, read for a customer on the portal who may not read the store's contact
        return self.partner_id.tz or self.sudo().company_id.partner_id.tz or "UTC"

    @api.model
    def _shop_format_quantity(self, quantity):
        """A quantity as the reader's language writes it (1, 1,5 in pt_BR), without needless decimals."""
        digits = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        text = tools.formatLang(self.env, quantity, digits=digits)
        decimal_point = get_lang(self.env).decimal_point
        if decimal_point in text:
            text = text.rstrip("0").rstrip(decimal_point)
        return text
