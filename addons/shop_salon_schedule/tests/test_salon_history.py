from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SalonCommon


@tagged("post_install", "-at_install")
class TestSalonHistory(SalonCommon):
    def test_professional_on_records_is_archived_not_deleted(self):
        record = self._walk_in(env=self.env(user=self.billing_user))
        record.action_post()
        professional = self.stylist.with_user(self.root_user)
        with self.assertRaisesRegex(UserError, "archive"):
            professional.unlink()
        professional.write({"active": False})
        self.assertRecordValues(record.invoice_line_ids, [{"salon_employee_id": self.stylist.id}])
        newcomer = self.env["hr.employee"].with_user(self.registry_user).create({"name": "Recém-chegada"})
        newcomer.with_user(self.root_user).unlink()
        self.assertFalse(newcomer.exists())

    def test_unticking_a_service_keeps_the_records(self):
        record = self._walk_in(env=self.env(user=self.billing_user))
        record.action_post()
        self.haircut.product_tmpl_id.with_user(self.registry_user).write({"salon_service": False})
        self.assertRecordValues(record, [{"salon_record": True}])
        self.env.flush_all()
        report = self.env["salon.sales.report"].with_user(self.stats_user)
        self.assertEqual(report.search([("move_id", "=", record.id)]).product_id, self.haircut)


@tagged("post_install", "-at_install")
class TestSalonReportsPerCompany(SalonCommon):
    def test_projections_and_blacklist_per_company(self):
        branch = self.env["res.company"].create({"name": "Filial"})
        branch_stylist = self.env["hr.employee"].create({"name": "Cabeleireira da filial", "company_id": branch.id})
        ours = self._book()
        theirs = self._book(employee=branch_stylist)
        theirs.company_id = branch
        ours_cancelled = self._book(start=self.tomorrow + timedelta(hours=3))
        theirs_cancelled = self._book(employee=branch_stylist, start=self.tomorrow + timedelta(hours=3))
        theirs_cancelled.company_id = branch
        (ours_cancelled | theirs_cancelled).action_cancel()
        self.env.flush_all()
        projections = self.env["salon.projection.report"].with_user(self.stats_user).search([])
        self.assertEqual(projections.appointment_id, ours)
        self.assertNotIn(theirs, projections.appointment_id)
        blacklist = self.env["salon.blacklist.report"].with_user(self.stats_user).search([])
        self.assertRecordValues(
            blacklist, [{"partner_id": self.client.id, "company_id": self.env.company.id, "cancelled_count": 1}]
        )
