"""Run the whole test suite: Odoo's own runner on a throwaway database, then tests/ with pytest.

Called by `make test` (through scripts/test.sh, which prepares the machine first).

    run_tests.py [--addon NAME] [--db NAME] [--port N] [--no-repo-tests]

The Odoo log is checked, not only the exit code: an ERROR or CRITICAL line, a skipped test
(a tour skipped for want of Chromium or websocket-client counts as a failure), or an addon
that ran no test fails the run. The last line is `N passed, M failed`.
"""

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from shoplib import ROOT, RUNTIME, VENV_PYTHON, drop_db, external_dependencies, odoo_install_cmd, shop_addons

LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>\S+): (?P<msg>.*)"
)
RESULT = re.compile(r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests when loading database")
STATS = re.compile(r"^(?P<module>\w+): (?P<count>\d+) tests ")


def odoo_test_cmd(db, modules, tags, port, *extra):
    """Odoo's test runner: install `modules` without demo data on db, run the tests tagged `tags`, stop."""
    return odoo_install_cmd(
        db,
        modules,
        *extra,
        "--test-enable",
        f"--test-tags={','.join(tags)}",
        f"--http-port={port}",
        "--workers=0",
        "--max-cron-threads=0",
        "--log-level=info",
        "--logfile=",
    )


def show(line, verbose):
    """Echo the interesting part of Odoo's log to the console."""
    m = LOG_LINE.match(line)
    if not m:
        return verbose or line.startswith(("Traceback", "  ", "AssertionError", "FAIL", "ERROR"))
    level, logger, msg = m["level"], m["logger"], m["msg"]
    if verbose or level in ("WARNING", "ERROR", "CRITICAL"):
        return True
    if logger in ("odoo.tests.stats", "odoo.tests.result"):
        return True
    if logger == "odoo.modules.loading" and msg.startswith(("Loading module shop_", "Modules loaded")):
        return True
    return msg.startswith(("Starting ", "skipped")) and logger.startswith("odoo.addons.shop_")


def scan_line(line, stats, problems):
    """Read one line of Odoo's log: count tests per module in `stats`, append failures of the log check
    to `problems`, and return the final result as a dict when the line is Odoo's result line."""
    m = LOG_LINE.match(line)
    if not m:
        return None
    msg = m["msg"]
    if m["logger"] == "odoo.tests.stats" and (s := STATS.match(msg)):
        stats[s["module"]] = stats.get(s["module"], 0) + int(s["count"])
    elif m["logger"] == "odoo.tests.result" and (r := RESULT.search(msg)):
        return {k: int(v) for k, v in r.groupdict().items()}
    elif m["level"] in ("ERROR", "CRITICAL"):
        problems.append(f"{m['level']} line: {msg[:200]}")
    elif msg.startswith("skipped "):
        problems.append(f"skipped test: {msg[:200]}")
    return None


def run_odoo_tests(addons, db, port, verbose):
    log_path = RUNTIME / f"test-{db}.log"
    drop_db(db)
    cmd = odoo_test_cmd(db, addons, [f"/{a}" for a in addons], port)
    print(f"==> Odoo tests of {', '.join(addons)} on a fresh database {db!r} (log: {log_path})", flush=True)
    t0 = time.time()
    problems = []
    stats = {}
    result = None
    with open(log_path, "w") as log:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
        for line in proc.stdout:
            log.write(line)
            if show(line, verbose):
                print("    " + line.rstrip()[:400], flush=True)
            result = scan_line(line, stats, problems) or result
        rc = proc.wait()
    print(f"    Odoo run took {time.time() - t0:.0f}s, exit code {rc}", flush=True)
    if result is None:
        problems.append("Odoo printed no test result line (crash during install?)")
        result = {"failed": 0, "errors": 0, "run": 0}
    for addon in addons:
        if not stats.get(addon):
            problems.append(f"addon {addon} ran no test")
    if rc and not (result["failed"] or result["errors"]):
        problems.append(f"odoo-bin exited with {rc}")
    failed = result["failed"] + result["errors"]
    passed = result["run"] - failed
    print("==> Tests per addon: " + ", ".join(f"{a} {stats.get(a, 0)}" for a in addons), flush=True)
    drop_db(db)
    return passed, failed, problems


# Odoo's own apps that the addons extend: their tests must not fail because of us (core-compat check).
CORE_APPS = ["repair", "sale", "sale_management", "purchase", "purchase_stock", "product_brand"]
FAILED_TEST = re.compile(r"^(?:FAIL|ERROR): (?P<test>\S+)")


def failed_core_tests(log_path):
    """The failing tests of a core run's log, as `logger:Class.test` keys, and the number of tests run."""
    failed, run = set(), None
    for line in Path(log_path).read_text(errors="replace").splitlines():
        m = LOG_LINE.match(line)
        if not m:
            continue
        if m["level"] == "ERROR" and m["logger"].startswith("odoo.addons.") and (f := FAILED_TEST.match(m["msg"])):
            failed.add(f"{m['logger']}:{f['test']}")
        elif m["logger"] == "odoo.tests.result" and (r := RESULT.search(m["msg"])):
            run = int(r["run"])
    return failed, run


def run_core_compat(addons, db, port):
    """Run Odoo's own tests of CORE_APPS twice, at the same time: on a database with the shop addons and on
    one with only the Odoo modules they depend on. A test failing only with the addons is a regression we
    made; tests failing in both are Odoo's own (this source, this machine) and are only reported."""
    plain = sorted(set(CORE_APPS) | set(external_dependencies(addons)))
    runs = {"plain": (f"{db}_core_plain", plain), "shop": (f"{db}_core_shop", sorted(set(plain) | set(addons)))}
    print(f"==> Core-compat: Odoo's tests of {', '.join(CORE_APPS)} with and without the addons", flush=True)
    t0 = time.time()
    procs = {}
    for i, (name, (run_db, modules)) in enumerate(runs.items(), start=1):
        drop_db(run_db)
        log_path = RUNTIME / f"test-{run_db}.log"
        # Odoo's own tests compare English texts: no pt_BR here (config/odoo.conf loads it for users)
        cmd = odoo_test_cmd(run_db, modules, [f"/{a}" for a in CORE_APPS], int(port) + i, "--load-language=en_US")
        log = open(log_path, "w")
        procs[name] = (subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT), log, log_path, run_db)
    results = {}
    for name, (proc, log, log_path, run_db) in procs.items():
        rc = proc.wait()
        log.close()
        results[name] = (*failed_core_tests(log_path), rc, log_path)
        drop_db(run_db)
    print(f"    core-compat runs took {time.time() - t0:.0f}s", flush=True)
    problems = []
    for name, (failed, run, rc, log_path) in results.items():
        print(f"    {name}: {run} tests run, {len(failed)} failing (log: {log_path})", flush=True)
        if run is None:
            problems.append(f"core-compat: the {name} run printed no test result (exit code {rc})")
    only_shop = sorted(results["shop"][0] - results["plain"][0])
    for test in only_shop:
        print(f"    FAILS ONLY WITH THE ADDONS: {test}", flush=True)
        problems.append(f"core test fails only with the addons: {test}")
    for test in sorted(results["plain"][0] & results["shop"][0]):
        print(f"    fails in both (Odoo's own): {test}", flush=True)
    passed = 0 if problems else 1
    return passed, 0, problems


def run_repo_tests(verbose):
    print("==> Repository tests (tests/, pytest)", flush=True)
    junit = RUNTIME / "repo-tests.xml"
    cmd = [
        str(VENV_PYTHON),
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:odoo",
        "-q",
        "-rfEs",
        f"--junitxml={junit}",
        "tests",
    ]
    rc = subprocess.run(cmd, cwd=ROOT).returncode
    if not junit.exists():
        return 0, 1, [f"pytest exited with {rc} and wrote no report"]
    text = junit.read_text()
    m = re.search(r'<testsuite [^>]*errors="(\d+)" failures="(\d+)" skipped="(\d+)" tests="(\d+)"', text)
    errors, failures, skipped, total = map(int, m.groups())
    problems = [f"{skipped} repository test(s) skipped"] if skipped else []
    if rc not in (0, 1):
        problems.append(f"pytest exited with {rc}")
    return total - errors - failures - skipped, errors + failures, problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--addon", default=os.environ.get("ADDON") or None)
    parser.add_argument("--db", default=os.environ.get("SHOP_TEST_DB", "shop_test"))
    parser.add_argument("--port", default=os.environ.get("SHOP_TEST_PORT", "8169"))
    parser.add_argument("--no-repo-tests", action="store_true")
    parser.add_argument("--no-core-compat", action="store_true", help="skip Odoo's own tests of the apps we extend")
    parser.add_argument("--core-compat-only", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    addons = shop_addons()
    if args.addon:
        wanted = [a.strip() for a in args.addon.split(",") if a.strip()]
        unknown = set(wanted) - set(addons)
        if unknown:
            sys.exit(f"unknown addon(s): {', '.join(sorted(unknown))}; known: {', '.join(addons)}")
        addons = wanted
    if args.core_compat_only:
        passed, failed, problems = run_core_compat(addons, args.db, args.port)
    else:
        passed, failed, problems = run_odoo_tests(addons, args.db, args.port, args.verbose)
    if not args.addon and not args.no_core_compat and not args.core_compat_only:
        p, f, pr = run_core_compat(addons, args.db, args.port)
        passed, failed, problems = passed + p, failed + f, problems + pr
    if not args.addon and not args.no_repo_tests and not args.core_compat_only:
        p, f, pr = run_repo_tests(args.verbose)
        passed, failed, problems = passed + p, failed + f, problems + pr
    if problems:
        print("==> Problems found in the run:")
        for problem in problems:
            print("    - " + problem)
    failed += len(problems)
    print(f"{passed} passed, {failed} failed", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
