from datetime import timedelta

import psycopg2
from freezegun import freeze_time

from odoo import Command, api, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import G, SalonCommon


@tagged("post_install", "-at_install")
class TestSalonBooking(SalonCommon):
    def test_cannot_move_into_the_past(self):
        appointment = self._book(env=self.env(user=self.agenda_user))
        with self.assertRaisesRegex(ValidationError, "past"):
            appointment.write({"start": fields.Datetime.now() - timedelta(days=1)})
        self.assertRecordValues(appointment, [{"start": self.tomorrow}])
        appointment.write({"start": self.tomorrow + timedelta(hours=2), "notes": "Mudou de horário"})
        self.assertRecordValues(appointment, [{"start": self.tomorrow + timedelta(hours=2)}])

    def test_past_appointment_keeps_other_edits(self):
        appointment = self._book(env=self.env(user=self.agenda_user))
        with freeze_time(self.tomorrow + timedelta(days=1)):
            appointment.write({"notes": "Cliente pediu recibo", "start": appointment.start})
        self.assertRecordValues(appointment, [{"notes": "Cliente pediu recibo"}])

    def test_moving_onto_a_booked_slot_is_refused(self):
        agenda_env = self.env(user=self.agenda_user)
        self._book(env=agenda_env)
        later = self._book(env=agenda_env, start=self.tomorrow + timedelta(hours=3))
        with self.assertRaisesRegex(ValidationError, "already booked"), mute_logger("odoo.sql_db"):
            later.write({"start": self.tomorrow + timedelta(minutes=30)})
        cancelled = self._book(env=agenda_env, start=self.tomorrow + timedelta(hours=5))
        cancelled.action_cancel()
        self._book(env=agenda_env, start=self.tomorrow + timedelta(hours=5))  # a cancelled one frees the slot

    def test_pending_is_tracked_and_per_company(self):
        other_company = self.env["res.company"].create({"name": "Filial do salão"})
        other_stylist = self.env["hr.employee"].create({"name": "Outra cabeleireira", "company_id": other_company.id})
        ours = self._book()
        theirs = self._book(employee=other_stylist)
        theirs.company_id = other_company
        self._flush_tracking()  # booked earlier: Odoo tracks the changes of records made in another transaction
        tracked_env = self.env(context=dict(self.env.context, tracking_disable=False))
        with freeze_time(self.tomorrow + timedelta(days=2)):
            tracked_env["res.users"].with_user(self.agenda_user)._update_last_login()  # logging in: own companies
            self._flush_tracking()
        self.assertRecordValues(ours | theirs, [{"state": "pending"}, {"state": "scheduled"}])
        state_field = self.env["ir.model.fields"]._get("salon.appointment", "state")
        self.assertRecordValues(
            ours.message_ids.tracking_value_ids,
            [{"field_id": state_field.id, "old_value_char": "Scheduled", "new_value_char": "Pending"}],
        )
        self.assertEqual(ours.message_ids.author_id, self.agenda_user.partner_id)
        self.assertFalse(theirs.message_ids.tracking_value_ids)
        with freeze_time(self.tomorrow + timedelta(days=2)):
            tracked_env["salon.appointment"]._cron_mark_pending()  # the cron, as the system: every company
            self._flush_tracking()
        self.assertRecordValues(theirs, [{"state": "pending"}])
        self.assertRecordValues(theirs.message_ids.tracking_value_ids, [{"new_value_char": "Pending"}])

    def _flush_tracking(self):
        """Odoo logs tracked changes just before the commit."""
        self.env.cr.flush()
        self.env.invalidate_all()


class SalonConcurrencyCase(TransactionCase):
    """Data committed for real, so that two transactions of two front desks can meet in the database."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            user = new_test_user(env, "agenda_concurrency", groups=G + "agenda")
            self.data = {
                "user": user.id,
                "partner": user.partner_id.id,
                "employee": env["hr.employee"].create({"name": "Profissional disputada"}).id,
                "client": env["res.partner"].create({"name": "Cliente disputada"}).id,
                "service": env["product.product"]
                .create({"name": "Corte disputado", "type": "service", "salon_service": True})
                .id,
            }
        # leaving the cursor's block commits it
        self.addCleanup(self._remove_committed_data)

    def _remove_committed_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["salon.appointment"].search([("employee_id", "=", self.data["employee"])]).unlink()
            employee = env["hr.employee"].browse(self.data["employee"])
            contact = employee.work_contact_id
            employee.unlink()
            contact.unlink()
            env["product.product"].browse(self.data["service"]).product_tmpl_id.unlink()
            env["res.users"].browse(self.data["user"]).unlink()
            env["res.partner"].browse([self.data["partner"], self.data["client"]]).unlink()

    def _booking(self, start):
        return {
            "partner_id": self.data["client"],
            "employee_id": self.data["employee"],
            "service_ids": [Command.set([self.data["service"]])],
            "start": start,
        }


@tagged("post_install", "-at_install")
class TestSalonDoubleBooking(SalonConcurrencyCase):
    """Two front desks book one professional at overlapping times in two real transactions."""

    def test_concurrent_overlapping_bookings_only_one_saves(self):
        start = fields.Datetime.now().replace(microsecond=0, second=0, minute=0) + timedelta(days=1)
        cr2 = self.registry.cursor()
        self.addCleanup(cr2.close)
        env2 = api.Environment(cr2, self.data["user"], {})
        # both transactions start while the professional is free
        self.assertFalse(env2["salon.appointment"].search_count([("employee_id", "=", self.data["employee"])]))
        with self.registry.cursor() as cr1:  # the first front desk books and commits
            env1 = api.Environment(cr1, self.data["user"], {})
            self.assertFalse(env1["salon.appointment"].search_count([("employee_id", "=", self.data["employee"])]))
            env1["salon.appointment"].create(self._booking(start))
        with (
            self.assertRaisesRegex(ValidationError, "Profissional disputada is already booked"),
            mute_logger("odoo.sql_db"),
        ):
            env2["salon.appointment"].create(self._booking(start + timedelta(minutes=30)))
        cr2.rollback()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            self.assertEqual(env["salon.appointment"].search_count([("employee_id", "=", self.data["employee"])]), 1)


@tagged("post_install", "-at_install")
class TestSalonConcurrentDone(SalonConcurrencyCase):
    """Two front desks mark the same service done at the same moment: the database lets one through, the
    other transaction fails on the appointment's row (Odoo retries the request and then sees the record)."""

    def _remove_committed_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            appointments = env["salon.appointment"].search([("employee_id", "=", self.data["employee"])])
            moves = appointments.invoice_id
            appointments.write({"invoice_id": False})
            # test cleanup: the pending record has a number, which Odoo keeps unless forced
            moves.with_context(force_delete=True).unlink()
        return super()._remove_committed_data()

    def test_concurrent_done_issues_one_record(self):
        start = fields.Datetime.now().replace(microsecond=0, second=0, minute=0) + timedelta(days=2)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, self.data["user"], {})
            appointment_id = env["salon.appointment"].create(self._booking(start)).id
        cr2 = self.registry.cursor()
        self.addCleanup(cr2.close)
        env2 = api.Environment(cr2, self.data["user"], {})
        # the second front desk's transaction starts (and reads) before the first one commits
        self.assertFalse(env2["salon.appointment"].browse(appointment_id).invoice_id)
        with self.registry.cursor() as cr1:
            env1 = api.Environment(cr1, self.data["user"], {})
            env1["salon.appointment"].browse(appointment_id).action_done()
        # refused by the database (the appointment's row, or the record's number, was taken meanwhile)
        refused = False
        try:
            with mute_logger("odoo.sql_db"):
                env2["salon.appointment"].browse(appointment_id).action_done()
                env2.flush_all()
        except (psycopg2.Error, UserError):
            refused = True
        cr2.rollback()
        self.assertTrue(refused, "the second transaction may not issue a second record")
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            appointment = env["salon.appointment"].browse(appointment_id)
            self.assertEqual(appointment.state, "done")
            records = env["account.move"].search([("partner_id", "=", self.data["client"])])
            self.assertEqual(records, appointment.invoice_id, "one Pendente record")
