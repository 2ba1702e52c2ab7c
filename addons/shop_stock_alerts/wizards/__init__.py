from . import shop_reorder_wizard
