from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSharedMail(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("pt_BR")
        cls.env["res.lang"]._activate_lang("en_US")
        cls.owner = new_test_user(
            cls.env, "shared_owner", groups="base.group_user,base.group_partner_manager,shop_base.group_shop_owner"
        )
        cls.template = cls.env["mail.template"].create(
            {
                "name": "Shared test",
                "model_id": cls.env["ir.model"]._get_id("res.partner"),
                "subject": "Hello {{ object.name }}",
                "body_html": "<p>Your visit</p>",
                "lang": "{{ object.lang }}",
            }
        )
        cls.template.with_context(lang="pt_BR").write(
            {"subject": "Olá {{ object.name }}", "body_html": "<p>Sua visita</p>"}
        )
        cls.maria = cls.env["res.partner"].create({"name": "Maria", "email": "maria@example.com", "lang": "pt_BR"})
        cls.john = cls.env["res.partner"].create({"name": "John", "email": "john@example.com", "lang": "en_US"})

    def test_each_customer_reads_the_mail_in_their_language(self):
        """One call posts on each customer in that customer's language, whatever the sender's language."""
        partners = (self.maria | self.john).with_user(self.owner).with_context(lang="en_US")
        messages = partners._shop_post_template(self.template)
        by_partner = {m.res_id: m for m in messages}
        self.assertEqual(by_partner[self.maria.id].subject, "Olá Maria")
        self.assertIn("Sua visita", by_partner[self.maria.id].body)
        self.assertEqual(by_partner[self.john.id].subject, "Hello John")
        self.assertEqual(by_partner[self.john.id].author_id, self.owner.partner_id)
        self.assertEqual(by_partner[self.john.id].message_type, "comment")
