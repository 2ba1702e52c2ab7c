from . import salon_booking_settings
from . import salon_appointment
from . import salon_appointment_reminder
from . import res_partner
from . import hr_employee
from . import product_template
