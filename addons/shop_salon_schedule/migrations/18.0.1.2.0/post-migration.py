from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Appointments are named with the time on the salon's clock, no longer UTC's: rename the existing ones."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    appointments = env["salon.appointment"].search([])
    env.add_to_compute(appointments._fields["name"], appointments)
    appointments.flush_recordset(["name"])
