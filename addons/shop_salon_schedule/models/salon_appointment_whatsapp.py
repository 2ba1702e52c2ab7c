import pytz

from odoo import models
from odoo.tools.misc import format_date, format_time

# the salon's time zone when neither the professional's working hours nor the company say one
DEFAULT_TZ = "America/Sao_Paulo"


class SalonAppointment(models.Model):
    """The WhatsApp button of the appointment: a reminder with its date and time on the salon's clock, the services
    and the professional."""

    _name = "salon.appointment"
    _inherit = ["salon.appointment", "shop.whatsapp.mixin"]

    def _salon_whatsapp_tz(self):
        """The salon's time zone: the professional's working hours', else the company's, else São Paulo."""
        self.ensure_one()
        return self.employee_id.resource_calendar_id.tz or self.company_id.partner_id.tz or DEFAULT_TZ

    def _shop_whatsapp_message(self):
        self.ensure_one()
        start = pytz.utc.localize(self.start).astimezone(pytz.timezone(self._salon_whatsapp_tz()))
        text = self.env._(
            "Hello %(name)s! A reminder of your appointment on %(date)s at %(time)s: %(services)s with "
            "%(professional)s. See you soon!",
            name=self._shop_whatsapp_first_name(),
            date=format_date(self.env, start.date()),
            time=format_time(self.env, start.time(), time_format="short"),
            services=", ".join(self.service_ids.mapped("name")),
            professional=self.employee_id.name,
        )
        return f"{text}\n{self._shop_whatsapp_company().name}"
