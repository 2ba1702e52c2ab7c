from . import product_template
from . import purchase_order
from . import res_partner
from . import shop_stock_alert
from . import stock_move
from . import stock_warehouse_orderpoint
