"""The log check of scripts/run_tests.py (what makes `make test` fail although Odoo exited 0), and the
settings every script, the bench and these tests take from scripts/shoplib.py."""

import getpass
import subprocess
from pathlib import Path

import run_tests
import shoplib
from shoplib import ROOT

PREFIX = "2026-11-23 05:36:04,066 13108"


def scan(*lines):
    stats, problems, result = {}, [], None
    for line in lines:
        result = run_tests.scan_line(line, stats, problems) or result
    return stats, problems, result


def test_counts_and_result():
    stats, problems, result = scan(
        f"{PREFIX} INFO db odoo.tests.stats: shop_repairs: 12 tests 2.00s 500 queries",
        f"{PREFIX} INFO db odoo.tests.result: 1 failed, 2 error(s) of 40 tests when loading database 'db'",
    )
    assert stats == {"shop_repairs": 12}
    assert result == {"failed": 1, "errors": 2, "run": 40}
    assert problems == []


def test_skipped_tour_is_a_problem():
    _stats, problems, _result = scan(
        f"{PREFIX} INFO db odoo.addons.shop_repairs.tests.test_tour: skipped TestTour.test_portal : "
        "websocket-client module is not installed"
    )
    assert problems and "skipped" in problems[0]


def test_error_and_critical_lines_are_problems():
    _stats, problems, _result = scan(
        f"{PREFIX} ERROR db odoo.sql_db: bad query",
        f"{PREFIX} CRITICAL db odoo.service.server: Failed to initialize database",
        f"{PREFIX} WARNING db odoo.models: a warning is fine",
    )
    assert [p.split()[0] for p in problems] == ["ERROR", "CRITICAL"]


def test_runtime_conf_points_at_our_addons():
    conf = (ROOT / ".runtime" / "odoo.conf").read_text()
    assert str(ROOT / "addons") in conf
    assert "odoo/addons" in conf


def test_settings_defaults(monkeypatch):
    for name in ("ODOO_SRC", "XDG_CACHE_HOME", "PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "SHOP_DB"):
        monkeypatch.delenv(name, raising=False)
    assert shoplib.odoo_src() == Path.home() / ".cache" / "odoo-src" / "18.0"
    assert shoplib.pg_settings() == {"host": "127.0.0.1", "port": "5432", "user": getpass.getuser(), "password": None}
    assert shoplib.pg_args() == ["-h", "127.0.0.1", "-p", "5432"]
    assert shoplib.demo_db() == "shop_demo"
    monkeypatch.setenv("XDG_CACHE_HOME", "/tmp/cache")
    assert shoplib.odoo_src() == Path("/tmp/cache/odoo-src/18.0")


def test_settings_from_environment(monkeypatch):
    monkeypatch.setenv("ODOO_SRC", "/src/odoo-18")
    monkeypatch.setenv("PGHOST", "db.example.com")
    monkeypatch.setenv("PGPORT", "5433")
    monkeypatch.setenv("PGUSER", "odoo")
    monkeypatch.setenv("PGPASSWORD", "secret")
    monkeypatch.setenv("SHOP_DB", "loja")
    assert shoplib.odoo_src() == Path("/src/odoo-18")
    assert shoplib.pg_settings() == {"host": "db.example.com", "port": "5433", "user": "odoo", "password": "secret"}
    text = shoplib.runtime_conf_text()
    for line in ("db_host = db.example.com", "db_port = 5433", "db_user = odoo", "db_password = secret"):
        assert line in text
    assert "db_name = loja" in text
    assert (
        "addons_path = " + ",".join([str(ROOT / "addons"), "/src/odoo-18/odoo/addons", "/src/odoo-18/addons"]) in text
    )
    cmd = shoplib.odoo_cmd("loja", "--stop-after-init", command="shell")
    assert cmd[1:6] == ["/src/odoo-18/odoo-bin", "shell", "-c", str(shoplib.CONF), "-d"]


def test_addons_and_their_external_dependencies():
    addons = shoplib.shop_addons()
    assert "shop_base" in addons and addons == sorted(addons)
    deps = shoplib.external_dependencies()
    assert deps and not set(deps) & set(addons)
    assert set(shoplib.external_dependencies(["shop_repairs"])) >= {"repair"}


def test_shell_assignments_for_the_scripts(monkeypatch):
    monkeypatch.setenv("ODOO_SRC", "/src/odoo 18")
    text = shoplib.shell_assignments()
    assert "ODOO_SRC='/src/odoo 18'\n" in text
    assert f"SHOP_ADDONS={','.join(shoplib.shop_addons())}\n" in text


def test_the_venv_starts_odoos_websocket_process():
    """With workers > 0 (config/odoo.conf, the bench) Odoo starts a gevent process for the websocket: gevent's
    monkey patching loads its plugins through pkg_resources, which must find them all in the venv (with the
    setuptools a new venv brings it did not find zope.interface 8 and that process died at every start)."""
    proc = subprocess.run(
        [str(shoplib.VENV_PYTHON), "-c", "import gevent.monkey; gevent.monkey.patch_all()"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_the_venv_imports_odoo_from_its_source():
    """Scripts that import Odoo in-process (bench/run.py, pytest-odoo) get the Odoo source's package, not the
    namespace folder odoo/addons that the OCA wheels install into the venv."""
    proc = subprocess.run(
        [str(shoplib.VENV_PYTHON), "-c", "import odoo.release, odoo; print(odoo.__file__)"],
        capture_output=True,
        text=True,
        cwd="/",
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == str(shoplib.odoo_src() / "odoo" / "__init__.py")
