from . import test_alert_flow
from . import test_auto_reorder
from . import test_low_stock_board
from . import test_multi_company
from . import test_stock_alerts
from . import test_supplier_trust
from . import test_sweep_cron
from . import test_tour
