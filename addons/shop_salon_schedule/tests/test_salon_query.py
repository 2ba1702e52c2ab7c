from datetime import date

from odoo import Command, fields
from odoo.tests import tagged

from .common import SalonCommon


@tagged("post_install", "-at_install")
class TestSalonInvoiceQuery(SalonCommon):
    def _found(self, vals):
        action = self.env["salon.invoice.query"].with_user(self.billing_user).create(vals).action_search()
        return self.env["account.move"].search(action["domain"])

    def _open_record(self, invoice_date):
        return (
            self.env["account.move"]
            .with_user(self.billing_user)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.client.id,
                    "invoice_date": invoice_date,
                    "invoice_line_ids": [
                        Command.create({"product_id": self.haircut.id, "salon_employee_id": self.stylist.id})
                    ],
                }
            )
        )

    def test_pending_walk_in_found_by_number_and_date(self):
        today = fields.Date.context_today(self.billing_user)
        pending = self._walk_in(env=self.env(user=self.billing_user))
        self.assertRecordValues(pending, [{"state": "draft", "invoice_date": today}])
        self.assertNotEqual(pending.name, "/")
        number = pending.sequence_number
        self.assertTrue(number)
        for vals in (
            {"mode": "numbers", "number_from": number, "number_to": number},
            {"mode": "dates", "date_from": today, "date_to": today},
            {"mode": "date", "date": today},
        ):
            self.assertIn(pending, self._found(dict(vals, state="draft")), vals["mode"])
        pending.action_post()
        self.assertRecordValues(pending, [{"state": "posted", "sequence_number": number}])

    def test_number_range_stays_in_its_year(self):
        year = fields.Date.context_today(self.billing_user).year
        last_year = self._open_record(date(year - 1, 6, 1))
        this_year = self._open_record(date(year, 1, 2))
        self.assertEqual(last_year.sequence_number, this_year.sequence_number)
        number = this_year.sequence_number
        found = self._found({"mode": "numbers", "number_from": number, "number_to": number, "year": year})
        self.assertEqual(found & (last_year | this_year), this_year)
        found = self._found({"mode": "numbers", "number_from": number, "number_to": number, "year": year - 1})
        self.assertEqual(found & (last_year | this_year), last_year)
