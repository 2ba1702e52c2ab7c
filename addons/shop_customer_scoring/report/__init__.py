from . import shop_profit_report
