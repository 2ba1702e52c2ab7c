from . import shop_profit_dashboard
from . import shop_scoring_settings
