from . import account_move
from . import res_partner
from . import product_template
from . import salon_appointment
from . import salon_guard
from . import res_users
from . import salon_appointment_whatsapp
