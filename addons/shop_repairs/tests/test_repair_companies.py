from odoo import Command

from .common import RepairCommon


class TestRepairCompanies(RepairCommon):
    """shop_repairs has no SQL report model; its rules keep every record in its company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Loja B"})
        cls.repair_a = cls._repair(user=cls.manager)
        cls.repair_b = (
            cls.env["repair.order"]
            .with_company(cls.company_b)
            .create(
                {
                    "partner_id": cls.customer.id,
                    "product_id": cls.device.id,
                    "shop_labor_ids": [Command.create({"product_id": cls.labor.id, "quantity": 1})],
                }
            )
        )

    def test_repair_manager_sees_only_the_labour_of_their_company(self):
        self.assertEqual(self.repair_b.company_id, self.company_b)
        Labor = self.env["shop.repair.labor"].with_user(self.manager)
        self.assertEqual(Labor.search([]), self.repair_a.shop_labor_ids)
        self.assertEqual(
            Labor.search([("repair_id", "=", self.repair_b.id)]).ids, [], "another company's labour is hidden"
        )
        self.assertEqual(self.env["repair.order"].with_user(self.manager).search([]), self.repair_a)

    def test_manager_of_both_companies_sees_the_allowed_ones(self):
        self.manager.company_ids |= self.company_b
        Labor = self.env["shop.repair.labor"].with_user(self.manager)
        self.assertEqual(Labor.with_company(self.company_b).search([]), self.repair_b.shop_labor_ids)
        both = Labor.with_context(allowed_company_ids=[self.env.company.id, self.company_b.id]).search([])
        self.assertEqual(both, self.repair_a.shop_labor_ids | self.repair_b.shop_labor_ids)
