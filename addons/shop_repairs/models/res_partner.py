from collections import defaultdict

from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # the users who may read repairs (repair's own access): others read contacts without it
    shop_repair_count = fields.Integer("Repairs", compute="_compute_shop_repair_count", groups="stock.group_stock_user")

    def _compute_shop_repair_count(self):
        # one grouped query for every partner shown; record rules apply (a technician counts what they see)
        groups = self.env["repair.order"]._read_group(
            [("partner_id", "child_of", self.commercial_partner_id.ids)], ["partner_id"], ["__count"]
        )
        per_company = defaultdict(int)
        for repair_partner, count in groups:
            per_company[repair_partner.commercial_partner_id] += count
        for partner in self:
            partner.shop_repair_count = per_company[partner.commercial_partner_id]

    def action_shop_view_repairs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("shop_repairs.repair_order_action")
        action["domain"] = [("partner_id", "child_of", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
