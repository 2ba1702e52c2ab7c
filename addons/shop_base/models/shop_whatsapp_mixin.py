import re
from urllib.parse import quote

from odoo import models
from odoo.exceptions import UserError

WHATSAPP_URL = "https://wa.me/"


def whatsapp_number(phone, default_country_code="55"):
    """The number as wa.me wants it (country code and number, digits only), or "" when it cannot be dialled.

    Brazilian habits: "(11) 98765-4321" and "11987654321" (area code and number, 10 or 11 digits) get the default
    country code; "011 98765-4321" (the long-distance 0) and "0 21 11 98765-4321" (0 and a carrier code) lose
    their prefix; a number written with "+" ("+55 11 ...", "+1 415 ...") or already starting with the country code
    keeps it. A number without its area code is refused (no one knows which city it is in), and so is one written
    with an international prefix (00...) instead of "+"."""
    phone = (phone or "").strip()
    digits = re.sub(r"\D", "", phone)
    if not digits:
        return ""
    if phone.startswith("+"):
        return digits if 8 <= len(digits) <= 15 else ""
    if digits.startswith("00"):
        # an international prefix: which one (00 alone, or 00 and a Brazilian carrier code) is anyone's guess
        return ""
    if digits.startswith("0"):
        digits = digits[1:]
        if len(digits) in (12, 13):
            digits = digits[2:]  # the long-distance carrier code (0 xx DDD number)
    elif len(digits) in (12, 13) and digits.startswith(default_country_code):
        return digits
    if len(digits) in (10, 11):
        return f"{default_country_code}{digits}"
    return ""


def whatsapp_url(phone, text, default_country_code="55"):
    """The click-to-chat link that opens a conversation with ``phone``, ``text`` filled in (no paid API: the user's
    own WhatsApp sends it); "" when the number cannot be dialled."""
    number = whatsapp_number(phone, default_country_code)
    if not number:
        return ""
    return f"{WHATSAPP_URL}{number}?text={quote(text or '', safe='')}"


class ShopWhatsappMixin(models.AbstractModel):
    """A "WhatsApp" button: it opens WhatsApp (web or app) on a conversation with the record's customer, a message
    in the customer's language filled in; the user reads it and sends it.

    A model does ``_inherit = ["...", "shop.whatsapp.mixin"]``, puts a button calling ``action_shop_whatsapp`` on its
    form and overrides ``_shop_whatsapp_message`` (and ``_shop_whatsapp_partner`` when the customer is not
    ``partner_id``)."""

    _name = "shop.whatsapp.mixin"
    _description = "WhatsApp message to the customer"

    # ------------------------------------------------------------------ actions
    def action_shop_whatsapp(self):
        self.ensure_one()
        partner = self._shop_whatsapp_partner()
        if not partner:
            raise UserError(self.env._("Set the customer first: there is no one to write to on WhatsApp."))
        phone = self._shop_whatsapp_phone(partner)
        if not phone:
            raise UserError(
                self.env._(
                    "%s has no mobile or phone number: add one to the contact to write on WhatsApp.",
                    partner.display_name,
                )
            )
        # a number written without its country code is from the customer's country, else Brazil
        country_code = str(partner.country_id.phone_code or 55)
        # the message in the customer's language, whatever the user's
        text = self.with_context(lang=partner.lang or self.env.lang)._shop_whatsapp_message()
        url = whatsapp_url(phone, text, country_code)
        if not url:
            raise UserError(
                self.env._(
                    'The number "%(number)s" of %(partner)s cannot be used on WhatsApp: write it with the area code '
                    "(and the country code when it is not from here), e.g. (11) 98765-4321 or +1 415 555 0100.",
                    number=phone,
                    partner=partner.display_name,
                )
            )
        return {"type": "ir.actions.act_url", "url": url, "target": "new"}

    # ------------------------------------------------------------------ hooks
    def _shop_whatsapp_partner(self):
        """The contact written to."""
        self.ensure_one()
        return self.partner_id

    def _shop_whatsapp_phone(self, partner):
        """The number written to: the mobile, else the phone."""
        return partner.mobile or partner.phone or ""

    def _shop_whatsapp_company(self):
        """The shop that writes."""
        self.ensure_one()
        if "company_id" in self._fields and self.company_id:
            return self.company_id
        return self.env.company

    def _shop_whatsapp_message(self):
        """The text filled in, in the environment's language (the customer's): a greeting from the shop."""
        self.ensure_one()
        return self.env._(
            "Hello %(name)s! This is the %(shop)s team.",
            name=self._shop_whatsapp_first_name(),
            shop=self._shop_whatsapp_company().name,
        )

    def _shop_whatsapp_first_name(self):
        """How a message greets the customer: a person by the first name, a company by its name."""
        partner = self._shop_whatsapp_partner()
        if partner.is_company or not partner.name:
            return partner.name or ""
        return partner.name.split()[0]
