from . import test_booking_slots
from . import test_booking_model
from . import test_booking_race
from . import test_booking_http
from . import test_booking_tour
from . import test_booking_reminder
from . import test_booking_score
