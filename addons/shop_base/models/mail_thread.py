from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _shop_mail_partner(self):
        """The customer a shop e-mail about this record is written for: its language is the e-mail's.

        The record itself for a contact, else its ``partner_id``; override where the customer is elsewhere."""
        self.ensure_one()
        if self._name == "res.partner":
            return self
        if "partner_id" in self._fields:
            return self.partner_id
        return self.env["res.partner"]

    def _shop_post_template(self, template, **kwargs):
        """Post ``template`` (a mail.template or its XML id) on each record as a comment for its followers,
        rendered in the language of the record's customer (``_shop_mail_partner``), else in the user's.

        ``kwargs`` go to ``message_post_with_source`` (``email_layout_xmlid``, ``partner_ids``…).
        Returns the posted messages."""
        if isinstance(template, str):
            template = self.env.ref(template)
        kwargs.setdefault("message_type", "comment")
        kwargs.setdefault("subtype_xmlid", "mail.mt_comment")
        messages = self.env["mail.message"]
        for record in self:
            lang = record._shop_mail_partner().lang or self.env.lang
            messages |= record.with_context(lang=lang).message_post_with_source(template, **kwargs)
        return messages
