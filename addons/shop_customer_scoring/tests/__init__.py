from . import test_scoring
from . import test_dashboard_tour
from . import test_owner_settings
from . import test_operating_result
from . import test_landing
from . import test_readonly
