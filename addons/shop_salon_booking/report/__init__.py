from . import salon_blacklist_report
