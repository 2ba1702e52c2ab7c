from . import product_category
from . import res_config_settings
from . import res_partner
from . import scoring
from . import res_users
