from . import salon_invoice_query
from . import salon_projection
from . import salon_statistics_export
