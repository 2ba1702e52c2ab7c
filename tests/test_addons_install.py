"""Every addon installs alone and with the others, and uninstalls cleanly; demo data loads."""

import pytest
from conftest import Odoo, assert_clean, shop_addons

UNINSTALL = """
mods = env["ir.module.module"].search([("name", "in", {names!r})])
mods.button_immediate_uninstall()
env.cr.commit()
env = env(context={{}})
mods = env["ir.module.module"].search([("name", "in", {names!r})])
print("STATES", sorted(set(mods.mapped("state"))))
print("LEFT", env["ir.model.data"].search_count([("module", "in", {names!r})]))
"""


def install_then_uninstall(odoo, addons):
    rc, log = odoo.install(addons)
    assert_clean(rc, log)
    rc, out = odoo.shell(UNINSTALL.format(names=addons))
    assert_clean(rc, out)
    assert "STATES ['uninstalled']" in out, out[-3000:]
    assert "LEFT 0" in out, out[-3000:]


@pytest.mark.parametrize("addon", shop_addons())
def test_addon_installs_alone_and_uninstalls(fresh_db, addon):
    install_then_uninstall(fresh_db, [addon])


def test_all_addons_together_and_uninstall(fresh_db):
    install_then_uninstall(fresh_db, shop_addons())


def test_demo_data_loads_cleanly():
    """A fresh database with every addon and its demo data (what `make run` builds)."""
    odoo = Odoo("shop_repo_test_demo")
    odoo.drop()
    try:
        rc, log = odoo.install(shop_addons(), demo=True)
        assert_clean(rc, log)
        rc, out = odoo.shell(
            'print("DEMO_USERS", sorted(env["res.users"].search([("login", "in", '
            '["dono", "tecnico", "caixa", "agenda", "cadastro", "cliente"])]).mapped("login")))'
        )
        assert_clean(rc, out)
        assert "DEMO_USERS" in out
    finally:
        odoo.drop()
