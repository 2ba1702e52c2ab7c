from odoo import models
from odoo.tools.misc import format_amount


class RepairOrder(models.Model):
    """The WhatsApp button of the repair: a message that follows the repair's stage (the quote to answer with its
    link, the device ready for pickup, or where the repair stands)."""

    _name = "repair.order"
    _inherit = ["repair.order", "shop.whatsapp.mixin"]

    def _shop_whatsapp_message(self):
        self.ensure_one()
        name = self._shop_whatsapp_first_name()
        repair = f"{self.name} ({self.product_id.display_name})" if self.product_id else self.name
        if self.shop_stage == "quoted":
            # sudo: the link of the repair's own quotation, which Odoo's salesperson rule hides from the repair's
            # technician when someone else sent the quote
            order = self.sale_order_id.sudo()
            text = self.env._(
                "Hello %(name)s! The quote of repair %(repair)s is ready: %(amount)s.\n"
                "See it and accept or decline it here: %(url)s",
                name=name,
                repair=repair,
                amount=format_amount(self.env, order.amount_total, order.currency_id),
                url=order.get_base_url() + order.get_portal_url(),
            )
        elif self.shop_stage == "ready":
            text = self.env._(
                "Hello %(name)s! Good news: repair %(repair)s is done and your device is ready for pickup.",
                name=name,
                repair=repair,
            )
        elif self.shop_stage in ("refused", "awaiting_collection"):
            text = self.env._(
                "Hello %(name)s! The quote of repair %(repair)s was not accepted: your device is waiting for you at "
                "the shop.",
                name=name,
                repair=repair,
            )
        else:
            stages = dict(self._fields["shop_stage"]._description_selection(self.env))
            text = self.env._(
                "Hello %(name)s! News about repair %(repair)s: %(stage)s.",
                name=name,
                repair=repair,
                stage=stages.get(self.shop_stage, ""),
            )
        return f"{text}\n{self._shop_whatsapp_company().name}"
