from . import shop_stock_low_report
