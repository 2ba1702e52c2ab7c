from . import repair_order
from . import sale_order
from . import shop_repair_labor
