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

ROOT = Path(__file__).resolve().parent.parent
VENV_PY = ROOT / ".venv" / "bin" / "python"
CONF = ROOT / ".runtime" / "odoo.conf"

LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>\S+): (?P<msg>.*)"
)
RESULT = re.compile(r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests when loading database")
STATS = re.compile(r"^(?P<module>\w+): (?P<count>\d+) tests ")


def shop_addons():
    return sorted(p.parent.name for p in (ROOT / "addons").glob("*/__manifest__.py"))


def odoo_src():
    return os.environ.get("ODOO_SRC") or str(
        Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "odoo-src" / "18.0"
    )


def drop_db(db):
    subprocess.run(["dropdb", "--if-exists", "--force", *pg_args(), db], check=True)
    filestore = ROOT / ".runtime" / "data" / "filestore" / db
    if filestore.exists():
        subprocess.run(["rm", "-rf", str(filestore)], check=True)


def pg_args():
    return ["-h", os.environ.get("PGHOST", "127.0.0.1"), "-p", os.environ.get("PGPORT", "5432")]


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
    log_path = ROOT / ".runtime" / f"test-{db}.log"
    drop_db(db)
    tags = ",".join(f"/{a}" for a in addons)
    cmd = [
        str(VENV_PY),
        str(Path(odoo_src()) / "odoo-bin"),
        "-c",
        str(CONF),
        "-d",
        db,
        "-i",
        ",".join(addons),
        "--without-demo=all",
        "--test-enable",
        f"--test-tags={tags}",
        "--stop-after-init",
        f"--http-port={port}",
        "--workers=0",
        "--max-cron-threads=0",
        "--log-level=info",
        "--logfile=",
    ]
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


def run_repo_tests(verbose):
    print("==> Repository tests (tests/, pytest)", flush=True)
    junit = ROOT / ".runtime" / "repo-tests.xml"
    cmd = [
        str(VENV_PY),
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
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    addons = shop_addons()
    if args.addon:
        wanted = [a.strip() for a in args.addon.split(",") if a.strip()]
        unknown = set(wanted) - set(addons)
        if unknown:
            sys.exit(f"unknown addon(s): {', '.join(sorted(unknown))}; known: {', '.join(addons)}")
        addons = wanted
    passed, failed, problems = run_odoo_tests(addons, args.db, args.port, args.verbose)
    if not args.addon and not args.no_repo_tests:
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
