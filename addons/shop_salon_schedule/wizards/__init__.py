from . import salon_invoice_query
