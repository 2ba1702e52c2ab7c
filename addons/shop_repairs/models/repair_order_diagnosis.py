from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class RepairOrder(models.Model):
    """The diagnosis: its deadline on the working calendar, and what past repairs of the same model found."""

    _inherit = "repair.order"  # pylint: disable=consider-merging-classes-inherited

    shop_diagnosis = fields.Text("Possible defect", tracking=True)
    shop_diagnosis_deadline = fields.Datetime(
        "Diagnosis deadline",
        compute="_compute_shop_diagnosis_deadline",
        store=True,
        readonly=False,
        groups="base.group_user",
    )
    shop_diagnosis_done_date = fields.Datetime("Diagnosis done on", readonly=True, copy=False, groups="base.group_user")
    shop_diagnosis_overdue = fields.Boolean(
        compute="_compute_shop_overdue", search="_search_shop_diagnosis_overdue", groups="base.group_user"
    )
    shop_overdue_notified = fields.Boolean(readonly=True, copy=False, groups="base.group_user")
    shop_delivery_overdue = fields.Boolean(
        compute="_compute_shop_overdue", search="_search_shop_delivery_overdue", groups="base.group_user"
    )
    shop_suggestion_html = fields.Html(
        "Past diagnoses", compute="_compute_shop_suggestion_html", sanitize=False, groups="base.group_user"
    )

    @api.depends("shop_intake_date", "company_id")
    def _compute_shop_diagnosis_deadline(self):
        hours = self._get_param("diagnosis_hours", 48)
        for repair in self:
            start = repair.shop_intake_date or fields.Datetime.now()
            calendar = repair.company_id.resource_calendar_id
            deadline = calendar.plan_hours(hours, start, compute_leaves=True) if calendar else False
            repair.shop_diagnosis_deadline = deadline or start + timedelta(hours=hours)

    def _compute_shop_overdue(self):
        now = fields.Datetime.now()
        for repair in self:
            repair.shop_diagnosis_overdue = bool(
                repair.shop_diagnosis_deadline
                and not repair.shop_diagnosis_done_date
                and repair.state not in ("done", "cancel")
                and repair.shop_diagnosis_deadline < now
            )
            repair.shop_delivery_overdue = bool(
                repair.shop_delivery_date and repair.state not in ("done", "cancel") and repair.shop_delivery_date < now
            )

    def _search_shop_diagnosis_overdue(self, operator, value):
        domain = [
            ("shop_diagnosis_deadline", "<", fields.Datetime.now()),
            ("shop_diagnosis_done_date", "=", False),
            ("state", "not in", ("done", "cancel")),
        ]
        return domain if (operator == "=") == bool(value) else ["!", *self._shop_and(domain)]

    def _search_shop_delivery_overdue(self, operator, value):
        domain = [("shop_delivery_date", "<", fields.Datetime.now()), ("state", "not in", ("done", "cancel"))]
        return domain if (operator == "=") == bool(value) else ["!", *self._shop_and(domain)]

    @api.model
    def _shop_and(self, domain):
        """The domain's leaves joined by explicit ANDs, so that a leading '!' negates all of them."""
        return ["&"] * (len(domain) - 1) + domain

    @api.depends("product_id")
    def _compute_shop_suggestion_html(self):
        for repair in self:
            rows = repair._shop_past_diagnoses() if repair.id and repair.product_id else []
            repair.shop_suggestion_html = (
                self.env["ir.qweb"]._render("shop_repairs.repair_order_past_diagnoses", {"rows": rows})
                if rows
                else False
            )

    # ------------------------------------------------------------------ overdue diagnoses (the daily cron)
    @api.model
    def _get_overdue_diagnosis_domain(self, now):
        return [("shop_diagnosis_overdue", "=", True), ("shop_overdue_notified", "=", False)]

    def _shop_notify_overdue_diagnoses(self):
        """Each overdue diagnosis gets one activity for its technician (flagged, so never twice)."""
        for repair in self:
            repair.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Diagnosis overdue"),
                user_id=repair._shop_followup_user().id,
            )
        self.write({"shop_overdue_notified": True})
        return self

    # ------------------------------------------------------------------ diagnosis memory
    def _shop_past_diagnoses(self, limit=5):
        """Defects recorded on past repairs of the same device model and brand, most frequent first."""
        self.ensure_one()
        if not self.product_id:
            return []
        groups = self._read_group(
            [
                ("product_id", "=", self.product_id.id),
                ("shop_brand_id", "=", self.shop_brand_id.id),
                ("shop_diagnosis", "!=", False),
                ("id", "!=", self.id or 0),
            ],
            ["shop_diagnosis"],
            ["__count", "id:array_agg"],
            order="__count desc",
            limit=limit,
        )
        return [{"diagnosis": diagnosis, "count": count, "repair_ids": ids} for diagnosis, count, ids in groups]

    def action_shop_copy_suggestion(self):
        """One click: copy the most frequent past diagnosis with its parts and labour."""
        self.ensure_one()
        rows = self._shop_past_diagnoses(limit=1)
        if not rows:
            raise UserError(self.env._("No past repair of this device model has a diagnosis yet."))
        source = self.browse(max(rows[0]["repair_ids"]))
        self.shop_diagnosis = rows[0]["diagnosis"]
        self.move_ids = [
            Command.create(
                {"product_id": move.product_id.id, "product_uom_qty": move.product_uom_qty, "repair_line_type": "add"}
            )
            for move in source.move_ids.filtered(lambda m: m.repair_line_type == "add")
        ]
        self.shop_labor_ids = [
            Command.create(
                {
                    "product_id": line.product_id.id,
                    "name": line.name,
                    "quantity": line.quantity,
                    "price_unit": line.price_unit,
                }
            )
            for line in source.shop_labor_ids
        ]
        return True
