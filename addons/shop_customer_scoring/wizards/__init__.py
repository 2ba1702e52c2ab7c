from . import shop_profit_dashboard
from . import shop_scoring_settings
from . import shop_promotion_send
