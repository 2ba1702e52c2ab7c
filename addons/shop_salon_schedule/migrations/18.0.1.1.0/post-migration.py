from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """ROOT no longer implies Access Rights, nor Cadastro HR officer: users who had them through the roles lose
    them (Settings administrators and HR managers keep theirs)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.users"].with_context(active_test=False).search([])._salon_revoke_legacy_groups()
