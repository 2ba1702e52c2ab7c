from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import SalonCommon


@tagged("post_install", "-at_install")
class TestSalonServiceDone(SalonCommon):
    def test_agenda_marks_done_and_the_pending_record_is_issued(self):
        """Agenda signals the service was done; the system issues the Pendente record, Agenda still cannot bill."""
        appointment = self._book(env=self.env(user=self.agenda_user), services=self.haircut | self.nails)
        appointment.action_done()
        self.assertRecordValues(appointment, [{"state": "done"}])
        record = appointment.sudo().invoice_id
        self.assertRecordValues(
            record,
            [{"move_type": "out_invoice", "state": "draft", "partner_id": self.client.id, "salon_record": True}],
        )
        self.assertEqual(record.invoice_line_ids.salon_employee_id, self.stylist)
        form = Form(appointment)  # the form reloads after the button, as the agenda user
        self.assertEqual(form.state, "done")
        arch = appointment.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertNotIn("action_view_invoice", arch, "no link to a record Agenda may not open")
        with self.assertRaises(AccessError):
            record.with_user(self.agenda_user).action_post()
        with self.assertRaises(AccessError):
            self.env["account.move"].with_user(self.agenda_user).create(
                {"move_type": "out_invoice", "partner_id": self.client.id}
            )

    def test_registry_cannot_mark_done(self):
        appointment = self._book()
        with self.assertRaises(AccessError):
            appointment.with_user(self.registry_user).action_done()
        self.assertRecordValues(appointment, [{"state": "scheduled", "invoice_id": False}])

    def test_record_carries_the_agreed_price(self):
        """A price agreed on the appointment (150 listed, 120 agreed) is the record's, shared like projections."""
        appointment = self._book(env=self.env(user=self.agenda_user), services=self.haircut | self.nails)
        appointment.price = 120.0
        appointment.action_done()
        record = appointment.sudo().invoice_id
        self.assertRecordValues(
            record.invoice_line_ids.sorted("price_unit"),
            [{"product_id": self.nails.id, "price_unit": 40.0}, {"product_id": self.haircut.id, "price_unit": 80.0}],
        )
        self.assertAlmostEqual(record.amount_untaxed, 120.0)

    def test_agreed_price_rounding_adds_up(self):
        brush = self.env["product.product"].create(
            {"name": "Escova", "type": "service", "salon_service": True, "salon_duration": 0.5, "list_price": 50.0}
        )
        appointment = self._book(env=self.env(user=self.agenda_user), services=self.nails | brush)
        appointment.price = 100.01
        appointment.action_done()
        lines = appointment.sudo().invoice_id.invoice_line_ids
        self.assertAlmostEqual(sum(lines.mapped("price_unit")), 100.01)
