from . import shop_repair_settings
