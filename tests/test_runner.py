"""The log check of scripts/run_tests.py: what makes `make test` fail although Odoo exited 0."""

import importlib.util

from conftest import ROOT

spec = importlib.util.spec_from_file_location("run_tests", ROOT / "scripts" / "run_tests.py")
run_tests = importlib.util.module_from_spec(spec)
spec.loader.exec_module(run_tests)

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
