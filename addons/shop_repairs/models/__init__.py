from . import repair_order
from . import res_partner
from . import res_users
from . import sale_order
from . import shop_repair_labor
from . import stock_move
