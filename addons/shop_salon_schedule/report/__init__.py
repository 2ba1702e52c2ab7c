from . import salon_sales_report
from . import salon_projection_report
from . import salon_blacklist_report
from . import salon_statistics_xlsx
