from odoo import api, models
from odoo.exceptions import AccessError


class ShopSettingsMixin(models.AbstractModel):
    """A settings form of the suite, kept as system parameters and saved by a shop group (Odoo's Settings screen
    is for system administrators only).

    A TransientModel does ``_inherit = "shop.settings.mixin"`` and sets ``_shop_param_prefix`` (the parameter of a
    field is ``<prefix>.<field name>``), ``_shop_settings_group`` (the XML id of the group that saves; checked by
    the server) and ``_shop_param_defaults`` (``{field name: default}``, the fields kept as parameters)."""

    _name = "shop.settings.mixin"
    _description = "Shop settings form"

    _shop_param_prefix = None
    _shop_settings_group = None
    _shop_param_defaults = {}

    # ------------------------------------------------------------------ reading and writing one value
    def _shop_param_key(self, name):
        return f"{self._shop_param_prefix}.{name}"

    def _shop_settings_read(self, name, default):
        """The stored value of field ``name``, converted to the field's type (``default`` when unset)."""
        raw = self.env["ir.config_parameter"].sudo().get_param(self._shop_param_key(name))
        if raw in (None, False, ""):
            return default
        field = self._fields[name]
        try:
            if field.type == "integer":
                return int(float(raw))
            if field.type == "float":
                return float(raw)
            if field.type == "boolean":
                return raw not in ("0", "False", "false")
            if field.type == "many2one":
                record = self.env[field.comodel_name].browse(int(raw)).exists()
                return record.id or default
        except ValueError:
            return default
        return raw

    def _shop_settings_write(self, name, value):
        """Store field ``name`` (the caller checked the group; only the form's own keys are written)."""
        field = self._fields[name]
        if field.type == "many2one":
            value = str(value.id or 0)
        elif field.type == "boolean":
            value = "1" if value else "0"
        elif field.type in ("integer", "float"):
            value = str(value or 0)
        else:
            value = value or ""
        self.env["ir.config_parameter"].sudo().set_param(self._shop_param_key(name), value)

    # ------------------------------------------------------------------ the form
    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        for name, default in self._shop_param_defaults.items():
            if name in fields_list:
                values[name] = self._shop_settings_read(name, default)
        return values

    def _shop_settings_check(self):
        """Raise a ValidationError for values that make no sense (hook)."""

    def _shop_settings_saved_message(self):
        return self.env._("The settings are saved.")

    def action_save(self):
        self.ensure_one()
        if self._shop_settings_group and not self.env.user.has_group(self._shop_settings_group):
            raise AccessError(self.env._("You are not allowed to change these settings."))
        self._shop_settings_check()
        for name in self._shop_param_defaults:
            self._shop_settings_write(name, self[name])
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": self._shop_settings_saved_message(),
                "type": "success",
                "sticky": False,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
