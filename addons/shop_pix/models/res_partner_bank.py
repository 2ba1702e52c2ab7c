from odoo import models

# the proxy types l10n_br accepts for a Pix key (res.partner.bank._check_br_proxy)
PIX_PROXY_TYPES = ("email", "mobile", "br_cpf_cnpj", "br_random")


class ResPartnerBank(models.Model):
    _inherit = "res.partner.bank"

    def _shop_is_pix(self):
        """Whether this is a Brazilian account with a Pix key (the proxy l10n_br builds its Pix QR code from)."""
        self.ensure_one()
        return self.country_code == "BR" and self.proxy_type in PIX_PROXY_TYPES and bool(self.proxy_value)
