from . import shop_profit_report
from . import shop_customer_product_report
from . import shop_profit_dashboard_xlsx
