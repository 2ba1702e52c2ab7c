from datetime import timedelta

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user

G = "shop_salon_schedule.group_salon_"


class SalonCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.registry_user = new_test_user(cls.env, "cadastro_t", groups=G + "registry")
        cls.billing_user = new_test_user(cls.env, "caixa_t", groups=G + "billing")
        cls.agenda_user = new_test_user(cls.env, "agenda_t", groups=G + "agenda")
        cls.stats_user = new_test_user(cls.env, "estat_t", groups=G + "statistics")
        cls.root_user = new_test_user(cls.env, "root_t", groups=G + "root")
        cls.multi_user = new_test_user(cls.env, "multi_t", groups=f"{G}billing,{G}agenda")
        cls.stylist = cls.env["hr.employee"].create({"name": "Cabeleireira"})
        cls.manicure = cls.env["hr.employee"].create({"name": "Manicure"})
        Product = cls.env["product.product"]
        cls.haircut = Product.create(
            {"name": "Corte", "type": "service", "salon_service": True, "salon_duration": 1.0, "list_price": 100.0}
        )
        cls.nails = Product.create(
            {"name": "Unhas", "type": "service", "salon_service": True, "salon_duration": 0.5, "list_price": 50.0}
        )
        Partner = cls.env["res.partner"]
        cls.client = Partner.create({"name": "Cliente", "gender": "female"})
        cls.client_male = Partner.create({"name": "Cliente Homem", "gender": "male"})
        cls.loyal = Partner.create({"name": "Fiel", "gender": "female", "salon_loyal": True})
        cls.tomorrow = fields.Datetime.now().replace(microsecond=0, second=0, minute=0) + timedelta(days=1)

    @classmethod
    def _book(cls, start=None, employee=None, services=None, partner=None, env=None):
        return (env or cls.env)["salon.appointment"].create(
            {
                "partner_id": (partner or cls.client).id,
                "employee_id": (employee or cls.stylist).id,
                "service_ids": [Command.set((services or cls.haircut).ids)],
                "start": start or cls.tomorrow,
            }
        )

    @classmethod
    def _walk_in(cls, partner=None, lines=None, env=None):
        lines = lines or [(cls.haircut, cls.stylist)]
        return (env or cls.env)["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": (partner or cls.client).id,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": p.id, "price_unit": p.lst_price, "salon_employee_id": e.id if e else False}
                    )
                    for p, e in lines
                ],
            }
        )
