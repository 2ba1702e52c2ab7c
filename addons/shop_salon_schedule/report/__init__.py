from . import salon_blacklist_report
from . import salon_sales_report
