from . import shop_user_wizard
