import logging
from datetime import timedelta

from odoo import api, fields, models

_logger = logging.getLogger(__name__)
# appointments reminded per call of the cron (the runner commits between calls and calls again while work remains)
REMINDER_BATCH = 200


class SalonAppointment(models.Model):
    """The reminder e-mail the day before: every scheduled appointment (booked online or at the desk) of a client
    with an e-mail address, once per date."""

    _inherit = "salon.appointment"

    salon_reminder_sent = fields.Datetime(
        "Reminder sent",
        readonly=True,
        copy=False,
        help="When the client was e-mailed the reminder of this date; cleared when the appointment moves.",
    )

    def write(self, vals):
        moved = self.browse()
        if vals.get("start") and "salon_reminder_sent" not in vals:
            new_start = fields.Datetime.to_datetime(vals["start"])
            moved = self.filtered(lambda appt: appt.salon_reminder_sent and appt.start != new_start)
        res = super().write(vals)
        if moved:
            # rescheduled: the new date gets its own reminder
            moved.write({"salon_reminder_sent": False})
        return res

    @api.model
    def _get_reminder_domain(self):
        """Appointments due a reminder: scheduled, starting within the reminder hours, not reminded yet, of a
        client with an e-mail address."""
        now = fields.Datetime.now()
        hours = self.env["salon.booking.settings"]._salon_setting("reminder_hours")
        return [
            ("state", "=", "scheduled"),
            ("start", ">", now),
            ("start", "<=", now + timedelta(hours=hours)),
            ("salon_reminder_sent", "=", False),
            ("partner_id.email", "!=", False),
        ]

    def _salon_send_reminder(self):
        """E-mail these appointments' clients their reminder and mark them reminded, in one transaction: an
        appointment marked is an appointment whose e-mail is queued."""
        for appointment in self:
            # no explicit author: Odoo's composer then takes the sender from the template (the salon's address); an
            # author given alongside left the queued e-mail without a sender, and the mail queue refused it
            appointment._shop_post_template("shop_salon_booking.mail_template_booking_reminder")
        self.write({"salon_reminder_sent": fields.Datetime.now()})
        return len(self)

    @api.model
    def _cron_send_reminders(self, batch_size=REMINDER_BATCH):
        """Send one batch of reminders (nothing while reminders are off). Returns the number sent."""
        if not self.env["salon.booking.settings"]._salon_setting("reminder_enabled"):
            self.env["ir.cron"]._notify_progress(done=0, remaining=0)
            return 0
        domain = self._get_reminder_domain()
        appointments = self.search(domain, order="start, id", limit=batch_size)
        # the e-mails wait in Odoo's mail queue, woken up once the batch is committed, as the scoring jobs' do
        mailing = appointments.partner_id._shop_cron_mailing()
        sent = appointments.with_env(mailing.env)._salon_send_reminder()
        remaining = self.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=sent, remaining=remaining)
        _logger.info("salon reminders: %d sent, %d left", sent, remaining)
        return sent
