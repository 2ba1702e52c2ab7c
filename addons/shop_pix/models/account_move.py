from urllib.parse import urlencode

from odoo import models

# size of the QR code image in pixels: readable by a phone from a screen
QR_SIZE = 200


class AccountMove(models.Model):
    _inherit = "account.move"

    def _shop_pix_bank(self):
        """The company's account the customer pays this invoice to by Pix: the invoice's own account when it
        has a Pix key, else the company's first account with one (empty when the company has none)."""
        self.ensure_one()
        banks = self.partner_bank_id | self.company_id.partner_id.bank_ids.filtered(
            lambda bank: not bank.company_id or bank.company_id == self.company_id
        )
        return next((bank for bank in banks if bank._shop_is_pix()), self.env["res.partner.bank"])

    def _shop_pix_qr_vals(self):
        """The values of Odoo's QR code generation (res.partner.bank._build_qr_code_vals, method emv_qr, which
        l10n_br turns into a Pix code) for the amount left to pay on this customer invoice, as the invoice PDF's
        QR code uses them; None when there is no Pix to offer (nothing left to pay, no Pix key, not in BRL)."""
        self.ensure_one()
        if self.move_type != "out_invoice" or self.state != "posted" or self.currency_id.is_zero(self.amount_residual):
            return None
        bank = self._shop_pix_bank()
        if not bank:
            return None
        return bank._build_qr_code_vals(
            self.amount_residual,
            self.ref or self.name,
            self.payment_reference,
            self.currency_id,
            self.partner_id,
            qr_method="emv_qr",
        )

    def _shop_pix_values(self):
        """What the customer needs to pay the amount left on this invoice by Pix: ``code``, the copy-and-paste
        code (the EMV string of l10n_br's Pix QR code), and ``qr_url``, the path of its QR code image on Odoo's
        public barcode route; an empty dict when there is no Pix to offer."""
        vals = self._shop_pix_qr_vals()
        if not vals:
            return {}
        bank = self._shop_pix_bank()
        params = bank._get_qr_code_generation_params(**vals)
        # the code is written out next to the image: no text under it, and big enough for a phone
        params.update(width=QR_SIZE, height=QR_SIZE, humanreadable=0)
        return {"code": bank._get_qr_vals(**vals), "qr_url": "/report/barcode/?" + urlencode(params)}
