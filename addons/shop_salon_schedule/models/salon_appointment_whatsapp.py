import pytz

from odoo import models
from odoo.tools.misc import format_date, format_time


class SalonAppointment(models.Model):
    """The WhatsApp button of the appointment: a reminder with its date and time on the salon's clock, the services
    and the professional."""

    _name = "salon.appointment"
    _inherit = ["salon.appointment", "shop.whatsapp.mixin"]

    def _shop_whatsapp_message(self):
        self.ensure_one()
        start = pytz.utc.localize(self.start).astimezone(pytz.timezone(self._salon_local_tz()))
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
