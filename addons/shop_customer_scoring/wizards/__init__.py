from . import shop_profit_dashboard
