from . import test_install
from . import test_repair_quote
from . import test_repair_rules
from . import test_repair_portal
from . import test_repair_landing
from . import test_repair_concurrency
from . import test_repair_companies
from . import test_repair_whatsapp
