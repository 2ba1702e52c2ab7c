from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import OWNER_GROUPS, post_move


@tagged("post_install", "-at_install")
class TestDashboardTour(HttpCase):
    def test_owner_drills_down(self):
        """The owner opens the dashboard, reads the KPI cards and drills down to the invoice lines."""
        self.env["res.lang"]._activate_lang("pt_BR")
        new_test_user(self.env, "dono_painel", groups=OWNER_GROUPS, lang="pt_BR")
        partner = self.env["res.partner"].create({"name": "Cliente Tour", "email": "tour@example.com"})
        today = fields.Date.context_today(partner)
        for day, amount in ((today, 1234.0), (today - timedelta(days=120), 500.0)):
            post_move(self.env, "out_invoice", partner, [{"name": "Serviço", "price_unit": amount}], day)
        # warm the web client up (templates, translations): on a loaded machine the browser's first page
        # outlasts the test server's 5 s socket timeout for Chrome's preconnect, which logs an error
        self.authenticate("dono_painel", "dono_painel")
        self.url_open("/odoo/action-shop_customer_scoring.shop_profit_dashboard_client_action", timeout=60)
        self.start_tour("/odoo", "shop_profit_dashboard_drilldown", login="dono_painel")
