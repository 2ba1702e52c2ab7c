from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import BaseCase, TransactionCase, tagged

from odoo.addons.shop_salon_booking.models.salon_appointment import free_starts, merge_intervals, subtract_intervals

# Monday 2 March 2026, 07:00 in São Paulo (UTC-3, no summer time)
NOW = datetime(2026, 3, 2, 10, 0)
TUESDAY = date(2026, 3, 3)


def at(hour, minute=0, day=TUESDAY):
    """A naive wall-clock datetime on ``day``."""
    return datetime(day.year, day.month, day.day, hour, minute)


def utc(hour, minute=0, day=TUESDAY):
    """The naive UTC datetime of ``hour:minute`` in São Paulo on ``day``."""
    return at(hour, minute, day) + timedelta(hours=3)


class BookingCase(TransactionCase):
    """A salon open every day 09:00-12:00 and 13:00-18:00 in São Paulo, two professionals bookable online, two
    services (1 h and 30 min); the clock frozen on Monday 2 March 2026 at 07:00 local time."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.startClassPatcher(freeze_time(NOW))
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Horário do salão",
                "tz": "America/Sao_Paulo",
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {"name": name, "dayofweek": str(day), "hour_from": start, "hour_to": end, "day_period": period}
                    )
                    for day in range(7)
                    for name, start, end, period in (("Manhã", 9, 12, "morning"), ("Tarde", 13, 18, "afternoon"))
                ],
            }
        )
        Employee = cls.env["hr.employee"]
        cls.ana = Employee.create({"name": "Ana", "resource_calendar_id": cls.calendar.id, "salon_bookable": True})
        cls.bia = Employee.create({"name": "Bia", "resource_calendar_id": cls.calendar.id, "salon_bookable": True})
        cls.staff_only = Employee.create({"name": "Carla", "resource_calendar_id": cls.calendar.id})
        Product = cls.env["product.product"]
        cls.haircut = Product.create(
            {"name": "Corte", "type": "service", "salon_service": True, "salon_duration": 1.0, "list_price": 100.0}
        )
        cls.nails = Product.create(
            {"name": "Unhas", "type": "service", "salon_service": True, "salon_duration": 0.5, "list_price": 50.0}
        )
        cls.client = cls.env["res.partner"].create({"name": "Cliente", "email": "cliente@example.com"})
        cls.public_user = cls.env.ref("base.public_user")
        cls.Appointment = cls.env["salon.appointment"]

    @classmethod
    def _set(cls, **settings):
        for name, value in settings.items():
            cls.env["ir.config_parameter"].set_param(f"shop_salon_booking.{name}", value)

    @classmethod
    def _appointment(cls, start, employee=None, services=None, partner=None, **vals):
        return cls.Appointment.create(
            {
                "partner_id": (partner or cls.client).id,
                "employee_id": (employee or cls.ana).id,
                "service_ids": [Command.set((services or cls.haircut).ids)],
                "start": start,
                **vals,
            }
        )

    def _slots(self, services=None, employee=None, day=TUESDAY, user=None):
        """The free times of ``day`` as the booking page asks for them (as the public user by default)."""
        Appointment = self.Appointment.with_user(user or self.public_user)
        return Appointment._salon_booking_slots(services or self.haircut, employee, day, day)

    def _starts(self, slots):
        return [slot["start"] for slot in slots]


@tagged("post_install", "-at_install")
class TestFreeStarts(BaseCase):
    """The interval arithmetic alone, on wall-clock datetimes."""

    def test_merge_and_subtract(self):
        self.assertEqual(
            merge_intervals([(at(13), at(18)), (at(9), at(12)), (at(11), at(12, 30)), (at(12, 30), at(12, 45))]),
            [(at(9), at(12, 45)), (at(13), at(18))],
        )
        self.assertEqual(
            subtract_intervals([(at(9), at(12)), (at(13), at(18))], [(at(10), at(11)), (at(11, 30), at(13, 30))]),
            [(at(9), at(10)), (at(11), at(11, 30)), (at(13, 30), at(18))],
        )
        self.assertEqual(subtract_intervals([(at(9), at(12))], [(at(8), at(13))]), [])

    def test_starts_fit_between_appointments(self):
        starts = free_starts(
            [(at(9), at(12)), (at(13), at(15))], [(at(10), at(11))], timedelta(hours=1), timedelta(minutes=30)
        )
        self.assertEqual(starts, [at(9), at(11), at(13), at(13, 30), at(14)])

    def test_starts_aligned_on_the_clock(self):
        step = timedelta(minutes=30)
        starts = free_starts([(at(9, 10), at(11))], [], timedelta(minutes=30), step)
        self.assertEqual(starts, [at(9, 30), at(10), at(10, 30)])
        starts = free_starts([(at(9), at(12))], [(at(9), at(9, 40))], timedelta(minutes=30), step)
        self.assertEqual(starts[0], at(10), "the time after an appointment ending at 9:40 starts at 10:00")
        quarter = free_starts([(at(9), at(10))], [], timedelta(minutes=30), timedelta(minutes=15))
        self.assertEqual(quarter, [at(9), at(9, 15), at(9, 30)])

    def test_earliest_and_latest(self):
        starts = free_starts(
            [(at(9), at(12))],
            [],
            timedelta(hours=1),
            timedelta(minutes=30),
            earliest=at(9, 20),
            latest=at(10, 30),
        )
        self.assertEqual(starts, [at(9, 30), at(10)])

    def test_nothing_fits(self):
        self.assertEqual(free_starts([(at(9), at(9, 45))], [], timedelta(hours=1), timedelta(minutes=30)), [])
        self.assertEqual(free_starts([], [], timedelta(hours=1), timedelta(minutes=30)), [])


@tagged("post_install", "-at_install")
class TestBookingSlots(BookingCase):
    def test_working_hours_in_the_shop_time_zone(self):
        slots = self._slots(employee=self.ana)
        morning = [utc(h, m) for h in (9, 10) for m in (0, 30)] + [utc(11)]
        afternoon = [utc(h, m) for h in range(13, 17) for m in (0, 30)] + [utc(17)]
        self.assertEqual(self._starts(slots), morning + afternoon)
        self.assertEqual(slots[0]["start"], datetime(2026, 3, 3, 12, 0), "09:00 in São Paulo is 12:00 UTC")
        self.assertEqual(slots[0]["end"], datetime(2026, 3, 3, 13, 0))
        self.assertEqual({slot["employee"] for slot in slots}, {self.ana})

    def test_time_off_of_the_professional_and_public_holidays(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Consulta médica",
                "resource_id": self.ana.resource_id.id,
                "calendar_id": self.calendar.id,
                "date_from": utc(13),
                "date_to": utc(18),
            }
        )
        self.assertEqual(self._starts(self._slots(employee=self.ana))[-1], utc(11), "no afternoon for Ana")
        self.assertEqual(self._starts(self._slots(employee=self.bia))[-1], utc(17), "Bia works")
        self.env["resource.calendar.leaves"].create(
            {"name": "Carnaval", "calendar_id": self.calendar.id, "date_from": utc(0), "date_to": utc(23, 59)}
        )
        self.assertFalse(self._slots(employee=self.bia), "nobody works on a public holiday")

    def test_appointments_hold_the_time_until_cancelled(self):
        appointment = self._appointment(utc(10), employee=self.ana)
        starts = self._starts(self._slots(employee=self.ana))
        self.assertEqual(starts[:3], [utc(9), utc(11), utc(13)])
        appointment.action_cancel()
        self.assertIn(utc(10), self._starts(self._slots(employee=self.ana)), "a cancelled appointment frees it")
        self._appointment(utc(10), employee=self.ana).action_no_show()
        self.assertIn(utc(10), self._starts(self._slots(employee=self.ana)))

    def test_several_services_need_their_whole_duration(self):
        slots = self._slots(services=self.haircut | self.nails, employee=self.ana)
        self.assertEqual(self._starts(slots)[:5], [utc(9), utc(9, 30), utc(10), utc(10, 30), utc(13)])
        self.assertEqual(slots[0]["end"], utc(10, 30))
        self.assertEqual(self._starts(slots)[-1], utc(16, 30))

    def test_any_professional(self):
        self._appointment(utc(9), employee=self.ana, services=self.haircut)
        self._appointment(utc(10), employee=self.ana, services=self.haircut)
        self._appointment(utc(11), employee=self.ana, services=self.haircut)
        self._appointment(utc(13), employee=self.bia, services=self.haircut)
        slots = self._slots()
        self.assertEqual(len(self._starts(slots)), len(set(self._starts(slots))), "each time once")
        by_start = {slot["start"]: slot["employee"] for slot in slots}
        self.assertEqual(by_start[utc(9)], self.bia, "Ana is busy all morning")
        self.assertEqual(by_start[utc(13)], self.ana, "Bia is busy at 13:00")
        self.assertEqual(by_start[utc(14)], self.ana, "both free: the first by name")
        self.assertNotIn(self.staff_only, {slot["employee"] for slot in slots}, "Carla is not bookable online")
        with self.assertRaisesRegex(UserError, "cannot be booked online"):
            self._slots(employee=self.staff_only)

    def test_only_professionals_who_perform_the_services(self):
        """A service names who performs it: "any professional" means any of them, a professional who does not
        perform one of the services is refused by name, a service without professionals is everybody's."""
        self.haircut.salon_employee_ids = self.ana
        self._appointment(utc(9), employee=self.ana, services=self.haircut)
        slots = self._slots()
        self.assertEqual({slot["employee"] for slot in slots}, {self.ana}, "Bia does not cut hair")
        self.assertNotIn(utc(9), self._starts(slots), "Ana is busy at 9:00, and Bia does not cut hair")
        with self.assertRaisesRegex(UserError, "Bia does not perform all the chosen services"):
            self._slots(employee=self.bia)
        self.assertEqual({slot["employee"] for slot in self._slots(self.nails)}, {self.ana, self.bia})
        with self.assertRaisesRegex(UserError, "Bia does not perform"):
            self.Appointment.with_user(self.public_user)._salon_book_online(
                self.haircut, self.bia, utc(14), self.client
            )
        self.nails.salon_employee_ids = self.bia
        self.assertFalse(self._slots(self.haircut | self.nails), "nobody does both")

    def test_minimum_notice(self):
        with freeze_time(utc(9, 10)):
            self.assertEqual(self._starts(self._slots(employee=self.ana))[0], utc(10, 30))
        self._set(min_notice_hours=0)
        with freeze_time(utc(9, 10)):
            self.assertEqual(self._starts(self._slots(employee=self.ana))[0], utc(9, 30))

    def test_booking_days_ahead(self):
        self._set(booking_days=2)
        Appointment = self.Appointment.with_user(self.public_user)
        slots = Appointment._salon_booking_slots(self.haircut, self.ana)
        self.assertEqual({slot["start"].date() for slot in slots}, {NOW.date(), TUESDAY})
        self.assertFalse(self._slots(employee=self.ana, day=TUESDAY + timedelta(days=1)))
        self.assertFalse(self._slots(employee=self.ana, day=NOW.date() - timedelta(days=1)), "not in the past")

    def test_slot_minutes(self):
        self._set(slot_minutes=60)
        self.assertEqual(self._starts(self._slots(employee=self.ana))[:4], [utc(9), utc(10), utc(11), utc(13)])

    def test_one_search_for_all_professionals(self):
        """The queries grow neither with the appointments nor with the professionals sharing working hours."""

        def queries(employee=None):
            self._slots(employee=employee)  # warm the caches
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self._slots(employee=employee)
            return self.env.cr.sql_log_count - before

        self._appointment(utc(9), employee=self.ana)
        self._appointment(utc(9), employee=self.bia)
        one_professional, any_professional = queries(self.ana), queries()
        for hour in (10, 13, 15):
            self._appointment(utc(hour), employee=self.ana)
            self._appointment(utc(hour), employee=self.bia)
        self.assertEqual(queries(self.ana), one_professional)
        self.assertEqual(queries(), any_professional)
        dani = self.env["hr.employee"].create(
            {"name": "Dani", "resource_calendar_id": self.calendar.id, "salon_bookable": True}
        )
        self._appointment(utc(11), employee=dani)
        self.assertEqual(queries(), any_professional)
