from . import test_salon
from . import test_salon_http
from . import test_salon_booking
from . import test_salon_done
from . import test_salon_security
from . import test_salon_history
from . import test_salon_query
from . import test_salon_readonly
