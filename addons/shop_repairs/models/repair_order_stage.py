from odoo import api, fields, models, tools
from odoo.exceptions import UserError

# the repair shop's pipeline, in the bench's order (the kanban's columns)
SHOP_STAGES = [
    ("received", "Received"),
    ("diagnosis", "In diagnosis"),
    ("quoted", "Quote sent"),
    ("approved", "Approved"),
    ("repairing", "Under repair"),
    ("ready", "Ready for pickup"),
    ("refused", "Declined/Expired"),
    ("awaiting_collection", "Awaiting pickup"),
    ("delivered", "Delivered"),
    ("abandoned", "Abandoned"),
]
# the stages where a repair's story ends: their kanban columns are folded
FINAL_STAGES = ("delivered", "abandoned")

# a card dragged from a stage to the next runs the button that moves it there; any other move is refused
STAGE_MOVES = {
    ("received", "repairing"): "action_repair_start",
    ("diagnosis", "repairing"): "action_repair_start",
    ("approved", "repairing"): "action_repair_start",
    ("repairing", "ready"): "action_repair_end",
    ("ready", "delivered"): "action_shop_deliver",
    ("refused", "delivered"): "action_shop_deliver",
    ("awaiting_collection", "delivered"): "action_shop_deliver",
}


def stage_of(state, quote_state, delivered, abandoned, reminded, diagnosed):
    """The pipeline stage a repair's events put it in."""
    if delivered:
        return "delivered"
    if abandoned:
        return "abandoned"
    if state == "done":
        return "ready"
    if state == "under_repair":
        return "repairing"
    if state == "cancel" or (quote_state in ("declined", "expired") and reminded):
        return "awaiting_collection"
    if quote_state in ("declined", "expired"):
        return "refused"
    if state == "confirmed" or quote_state == "accepted":
        return "approved"
    if quote_state == "sent":
        return "quoted"
    return "diagnosis" if diagnosed else "received"


class RepairOrder(models.Model):
    """The pipeline stage: stored, it follows the repair's events; the bench's kanban groups by it."""

    _inherit = "repair.order"  # pylint: disable=consider-merging-classes-inherited

    shop_stage = fields.Selection(
        SHOP_STAGES,
        "Stage",
        compute="_compute_shop_stage",
        store=True,
        readonly=False,  # the kanban moves cards; write() runs the matching button or refuses the move
        index=True,
        tracking=True,
        group_expand=True,
    )

    def init(self):
        res = super().init()
        # the bench's kanban: a count per column, then each column's cards in the repairs' order
        tools.create_index(
            self.env.cr,
            "repair_order_shop_stage_order_idx",
            self._table,
            ["shop_stage", "priority DESC", "create_date DESC", "id DESC"],
        )
        return res

    @api.depends(
        "state", "quote_state", "shop_delivered_date", "shop_abandoned", "shop_reminder_count", "shop_diagnosis"
    )
    def _compute_shop_stage(self):
        for repair in self:
            repair.shop_stage = stage_of(
                repair.state,
                repair.quote_state,
                bool(repair.shop_delivered_date),
                repair.shop_abandoned,
                bool(repair.shop_reminder_count),
                bool(repair.shop_diagnosis),
            )

    def write(self, vals):
        if "shop_stage" in vals:
            vals = dict(vals)
            self._shop_move_to_stage(vals.pop("shop_stage"))
            if not vals:
                return True
        return super().write(vals)

    @api.model
    def _web_read_group(self, domain, fields, groupby, limit=None, offset=0, orderby=False, lazy=True):
        groups = super()._web_read_group(domain, fields, groupby, limit, offset, orderby, lazy)
        if groupby and groupby[0] == "shop_stage":
            for group in groups:
                group["__fold"] = group.get("shop_stage") in FINAL_STAGES
        return groups

    def _shop_move_to_stage(self, target):
        """A card dragged on the kanban: the stage follows the repair's events, so the move runs the button
        that makes the event happen (start, finish, deliver) or is refused."""
        labels = dict(self._fields["shop_stage"]._description_selection(self.env))
        for repair in self:
            if repair.shop_stage == target:
                continue
            method = STAGE_MOVES.get((repair.shop_stage, target))
            if method:
                getattr(repair, method)()
            if repair.shop_stage != target:
                raise UserError(
                    self.env._(
                        "%(repair)s cannot move from %(current)s to %(target)s: its stage follows what happened "
                        "to it (the customer's answer, the repair, the delivery).",
                        repair=repair.name,
                        current=labels.get(repair.shop_stage),
                        target=labels.get(target, target),
                    )
                )
