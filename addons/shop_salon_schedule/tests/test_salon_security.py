from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import G, SalonCommon


@tagged("post_install", "-at_install")
class TestSalonRoles(SalonCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stylist.write({"private_email": "casa@example.com", "ssnid": "123.456.789-00"})
        cls.portal_user = new_test_user(cls.env, "portal_salon_t", groups="base.group_portal", email="p@example.com")

    def test_root_is_no_settings_administrator(self):
        self.assertFalse(self.root_user.has_group("base.group_erp_manager"))
        system = self.env.ref("base.group_system")
        with self.assertRaises(AccessError):
            self.env["res.users"].with_user(self.root_user).create(
                {"name": "Administradora", "login": "admin_by_root", "groups_id": [Command.set(system.ids)]}
            )

    def test_root_manages_shop_users_not_administrators(self):
        system = self.env.ref("base.group_system")
        agenda = self.env.ref("shop_salon_schedule.group_salon_agenda")
        Wizard = self.env["shop.user.wizard"].with_user(self.root_user)
        with self.assertRaises(AccessError):
            Wizard.create(
                {"name": "Administradora", "login": "adm_root", "group_ids": [Command.set(system.ids)]}
            ).action_apply()
        wizard = Wizard.create({"name": "Agenda nova", "login": "agenda_nova", "group_ids": [Command.set(agenda.ids)]})
        wizard.action_apply()
        user = self.env["res.users"].search([("login", "=", "agenda_nova")])
        self.assertTrue(user.has_group("shop_salon_schedule.group_salon_agenda"))
        self.assertFalse(user.has_group("base.group_erp_manager"))

    def test_each_role_lands_on_its_work(self):
        """Agenda lands on the agenda, billing on the pending records; both: the agenda."""
        Wizard = self.env["shop.user.wizard"].with_user(self.root_user)
        agenda_action = self.env.ref("shop_salon_schedule.salon_appointment_action")
        pending_action = self.env.ref("shop_salon_schedule.account_move_action_salon_pending")
        for login, roles, action in (
            ("so_agenda", "agenda", agenda_action),
            ("so_caixa", "billing", pending_action),
            ("caixa_e_agenda", "billing,agenda", agenda_action),
        ):
            groups = [self.env.ref(G + role).id for role in roles.split(",")]
            Wizard.create({"name": login, "login": login, "group_ids": [Command.set(groups)]}).action_apply()
            user = self.env["res.users"].search([("login", "=", login)])
            self.assertEqual(user.action_id.id, action.id, login)

    def test_upgrade_takes_back_the_odoo_groups_the_roles_implied(self):
        """What the upgrade (migrations/18.0.1.1.0, run by the system) does to users made under the old roles."""
        erp_manager, hr_user = self.env.ref("base.group_erp_manager"), self.env.ref("hr.group_hr_user")
        self.root_user.groups_id = [Command.link(erp_manager.id), Command.link(hr_user.id)]
        self.registry_user.groups_id = [Command.link(hr_user.id)]
        hr_manager = new_test_user(self.env, "rh_salon_t", groups=f"{G}registry,hr.group_hr_manager")
        admin = new_test_user(self.env, "adm_salon_t", groups=f"{G}root,base.group_system")
        self.env["res.users"]._salon_revoke_legacy_groups()
        self.assertFalse(self.root_user.has_group("base.group_erp_manager"))
        self.assertFalse(self.root_user.has_group("hr.group_hr_user"))
        self.assertFalse(self.registry_user.has_group("hr.group_hr_user"))
        self.assertTrue(hr_manager.has_group("hr.group_hr_user"))
        self.assertTrue(admin.has_group("base.group_erp_manager"))
        with self.assertRaises(AccessError):
            self.stylist.with_user(self.registry_user).read(["private_email"])

    def test_registry_does_not_read_private_data_of_professionals(self):
        professional = self.stylist.with_user(self.registry_user)
        self.assertEqual(professional.name, "Cabeleireira")
        for private in ("private_email", "ssnid"):
            with self.assertRaises(AccessError):
                professional.read([private])
        with self.assertRaises(AccessError):
            professional.write({"private_email": "outro@example.com"})
        with self.assertRaises(AccessError):
            professional.write({"user_id": self.portal_user.id})
        professional.write({"name": "Cabeleireira Ana", "work_phone": "11 3333-0000"})
        self.assertRecordValues(self.stylist, [{"name": "Cabeleireira Ana", "private_email": "casa@example.com"}])

    def test_registry_does_not_delete_clients(self):
        client = self.env["res.partner"].with_user(self.registry_user).create({"name": "Cliente nova"})
        with self.assertRaises(AccessError):
            client.unlink()
        with self.assertRaises(AccessError):
            self.client.with_user(self.registry_user).unlink()
        self.assertTrue(client.exists())

    def test_registry_does_not_change_the_email_of_a_user(self):
        partner = self.portal_user.partner_id.with_user(self.registry_user)
        with self.assertRaises(AccessError):
            partner.write({"email": "atacante@example.com"})
        partner.write({"phone": "11 98888-0000"})
        self.assertRecordValues(self.portal_user.partner_id, [{"email": "p@example.com", "phone": "11 98888-0000"}])
        self.client.with_user(self.registry_user).write({"email": "cliente@example.com"})  # a client without user
        self.registry_user.partner_id.with_user(self.registry_user).write({"email": "eu@example.com"})  # their own

    def test_only_root_makes_a_client_loyal(self):
        outsider = new_test_user(self.env, "contatos_t", groups="base.group_user,base.group_partner_manager")
        for user in (self.registry_user, self.billing_user, outsider):
            Partner = self.env["res.partner"].with_user(user)
            with self.assertRaisesRegex(AccessError, "loyal"):
                Partner.create({"name": "Fiel por engano", "salon_loyal": True})
            with self.assertRaisesRegex(AccessError, "loyal"):
                self.client.with_user(user).write({"salon_loyal": True})
        Partner.create({"name": "Cliente comum", "salon_loyal": False})
        loyal = (
            self.env["res.partner"].with_user(self.root_user).create({"name": "Fiel de verdade", "salon_loyal": True})
        )
        self.assertRecordValues(loyal | self.client, [{"salon_loyal": True}, {"salon_loyal": False}])


@tagged("post_install", "-at_install")
class TestSalonEmittedRecords(SalonCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cancel_user = new_test_user(cls.env, "cancela_t", groups=G + "cancel")

    def _emitted(self, partner=None):
        record = self._walk_in(partner=partner, env=self.env(user=self.billing_user))
        record.action_post()
        return record

    def test_no_reset_by_context_key(self):
        record = self._emitted()
        with self.assertRaises(UserError):
            record.with_context(salon_cancelling=True).button_draft()
        with self.assertRaises(UserError):
            record.with_user(self.cancel_user).with_context(salon_cancelling=True).button_draft()
        self.assertRecordValues(record, [{"state": "posted"}])

    def test_no_state_written_directly(self):
        record = self._emitted()
        with self.assertRaises(AccessError):
            record.write({"state": "cancel"})
        with self.assertRaises(UserError):
            record.write({"state": "draft"})
        self.assertRecordValues(record, [{"state": "posted"}])

    def test_no_credit_note_without_cancel_right(self):
        record = self._emitted()
        Reversal = self.env["account.move.reversal"].with_context(active_model="account.move", active_ids=record.ids)
        wizard = Reversal.with_user(self.billing_user).create({"journal_id": record.journal_id.id})
        with self.assertRaises(AccessError):
            wizard.refund_moves()
        with self.assertRaises(AccessError):
            wizard.modify_moves()
        self.assertFalse(self.env["account.move"].search([("reversed_entry_id", "=", record.id)]))
        wizard = Reversal.with_user(self.cancel_user).create({"journal_id": record.journal_id.id})
        wizard.refund_moves()
        self.assertTrue(self.env["account.move"].search([("reversed_entry_id", "=", record.id)]))

    def test_cancel_right_cancels(self):
        record = self._emitted()
        record.with_user(self.cancel_user).button_cancel()
        self.assertRecordValues(record, [{"state": "cancel"}])
        with self.assertRaises(UserError):
            record.with_user(self.cancel_user).button_draft()

    def test_line_discount_follows_the_loyalty_rule(self):
        record = self._walk_in(partner=self.loyal, env=self.env(user=self.billing_user))
        line = record.invoice_line_ids
        with self.assertRaisesRegex(ValidationError, "between 0 and 20"):
            record.write({"invoice_line_ids": [Command.update(line.id, {"discount": 50})]})
        record.write({"invoice_line_ids": [Command.update(line.id, {"discount": 15})]})
        self.assertRecordValues(line, [{"discount": 15}])
        other = self._walk_in(env=self.env(user=self.billing_user))
        with self.assertRaisesRegex(ValidationError, "Only loyal"):
            other.write({"invoice_line_ids": [Command.update(other.invoice_line_ids.id, {"discount": 5})]})
        with self.assertRaisesRegex(ValidationError, "Only loyal"):
            self.env["account.move"].with_user(self.billing_user).create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.client.id,
                    "invoice_date": fields.Date.today(),
                    "invoice_line_ids": [
                        Command.create(
                            {"product_id": self.haircut.id, "salon_employee_id": self.stylist.id, "discount": 10}
                        )
                    ],
                }
            )
