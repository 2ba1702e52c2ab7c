# tests: each owner adds its own import line
from . import test_booking_slots
from . import test_booking_reminder
from . import test_booking_score
from . import test_booking_http
from . import test_booking_tour
from . import test_booking_model
from . import test_booking_race
