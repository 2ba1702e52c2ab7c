from datetime import timedelta

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user


class RepairCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.technician = new_test_user(cls.env, "tec1", groups="shop_repairs.group_repair_technician")
        cls.technician2 = new_test_user(cls.env, "tec2", groups="shop_repairs.group_repair_technician")
        cls.manager = new_test_user(cls.env, "gerente", groups="shop_repairs.group_repair_manager")
        cls.customer = cls.env["res.partner"].create({"name": "Cliente Um", "email": "um@cliente.example.com"})
        cls.customer2 = cls.env["res.partner"].create({"name": "Cliente Dois", "email": "dois@cliente.example.com"})
        cls.brand = cls.env["product.brand"].create({"name": "Marca Teste"})
        cls.device = cls.env["product.product"].create(
            {"name": "Celular X", "type": "consu", "product_brand_id": cls.brand.id}
        )
        cls.part = cls.env["product.product"].create(
            {"name": "Tela Celular X", "type": "consu", "is_storable": True, "list_price": 300.0}
        )
        cls.labor = cls.env["product.product"].create({"name": "Mão de obra", "type": "service", "list_price": 100.0})

    @classmethod
    def _repair(cls, partner=None, user=None, **values):
        return cls.env["repair.order"].create(
            {
                "partner_id": (partner or cls.customer).id,
                "product_id": cls.device.id,
                "user_id": (user or cls.technician).id,
                "shop_diagnosis": "Tela quebrada",
                "shop_delivery_date": fields.Datetime.now() + timedelta(days=3),
                "move_ids": [
                    Command.create({"product_id": cls.part.id, "product_uom_qty": 1, "repair_line_type": "add"})
                ],
                "shop_labor_ids": [Command.create({"product_id": cls.labor.id, "quantity": 2})],
                **values,
            }
        )

    def _quote_mails(self, repair, template_xmlid="shop_repairs.mail_template_repair_quote"):
        """Messages of this template sent to the customer, whatever the customer's language."""
        template = self.env.ref(template_xmlid)
        subject = template._render_field("subject", repair.ids, compute_lang=True)[repair.id]
        return repair.message_ids.filtered(
            lambda m: m.message_type == "comment" and m.subject == subject and repair.partner_id in m.partner_ids
        )
