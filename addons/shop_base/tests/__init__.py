from . import test_install
from . import test_shop_users
from . import test_shared
from . import test_whatsapp
