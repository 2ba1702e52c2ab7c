# tests: each owner adds its own import line
from . import test_booking_slots
