"""Every addon installs alone and with the others, and uninstalls cleanly; demo data loads."""

import pytest
from conftest import assert_clean
from shoplib import shop_addons

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


# The demo data (what `make run` builds) is loaded and checked by tests/e2e (fixture demo_db), through the
# same script as `make run`.
