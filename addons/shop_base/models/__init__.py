from . import mail_thread
from . import res_users
from . import shop_report_xlsx
from . import shop_settings_mixin
from . import shop_sql_report
from . import shop_whatsapp_mixin
from . import res_partner
