from . import purchase_report
from . import shop_stock_low_report
from . import shop_stock_low_report_xlsx
