"""Benchmark runner of the shop suite (`make bench`, not part of the test suite).

    bench/run.py [--db shop_bench] [--scale 1.0] [--rebuild] [scenario ...]

Each scenario is a module bench/scenarios/<name>.py with:
    ADDONS = [...]                 addons installed (without demo) in the bench database
    populate(env, scale)           builds the large data set once (scale 1.0 = the issue's size)
    run(env, bench)                measures with bench.measure / measure_alternating / check_ratio /
                                   check_queries_constant (each measured call is rolled back: it may not commit)

The data set is kept in its own database (default shop_bench) and rebuilt only when missing, when the
scale changes, or with --rebuild. For every measure the runner prints wall time and SQL query count;
ratios are always against a baseline measured in the same run.
"""

import argparse
import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "bench" / "scenarios"
# the scenarios share bench/benchlib.py; the settings come from scripts/shoplib.py
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "scripts")]
from shoplib import drop_db, odoo_env, odoo_install_cmd  # noqa: E402


class MeasureCommitted(Exception):
    """A measured call committed: its changes stay in the bench database, which must be rebuilt."""


class Bench:
    """What a scenario's run() gets: measuring helpers that remember their results.

    A measure is rolled back after each call: the calls it measures may not commit (crons do not commit,
    Odoo's runner does between calls); one that does stops the bench, the data set being changed for good."""

    def __init__(self, env, name):
        self.env = env
        self.name = name
        self.results = {}
        self.failures = []

    def measure(self, label, fn, warmup=True, repeat=1):
        """Run fn `repeat` times (after one unmeasured call with warmup), each rolled back; keep the fastest
        (seconds, SQL queries) in results[label], print it and return it."""
        best = self._best(label, fn, warmup, repeat)
        return self._record(label, best)

    def measure_alternating(self, measures, rounds):
        """The best time of each (label, fn) over rounds that alternate them: on a shared machine the load
        changes between two series measured one after the other more than between two alternating measures."""
        best = {}
        for i in range(rounds):
            for label, fn in measures:
                best[label] = min(best.get(label, (float("inf"), 0)), self._best(label, fn, warmup=i == 0))
        for label, _fn in measures:
            self._record(label, best[label], f" (best of {rounds})")

    def _best(self, label, fn, warmup, repeat=1):
        if warmup:
            self._call(label, fn)
        return min(self._call(label, fn) for _i in range(repeat))

    def _call(self, label, fn):
        """(seconds, SQL queries) of fn and the flush after it; then roll back what it did."""
        import odoo

        cr = self.env.cr
        committed = []
        cr.postcommit.add(lambda: committed.append(True))  # run by a COMMIT only: a rollback drops it
        q0 = odoo.sql_db.sql_counter
        t0 = time.perf_counter()
        fn()
        self.env.flush_all()
        elapsed = time.perf_counter() - t0
        queries = odoo.sql_db.sql_counter - q0
        cr.rollback()
        self.env.invalidate_all()
        if committed:
            raise MeasureCommitted(
                f"{self.name}: {label!r} committed its changes to the bench database: what a measure calls may "
                "not commit (rebuild the data set with --rebuild)"
            )
        return elapsed, queries

    def _record(self, label, best, note=""):
        self.results[label] = best
        print(f"  {self.name:<14} {label:<48} {best[0] * 1000:10.1f} ms {best[1]:8d} queries{note}", flush=True)
        return best

    def _verdict(self, ok, text, failure):
        print(f"  {self.name:<14} {text}", flush=True)
        if not ok:
            self.failures.append(failure)
        return ok

    def check_ratio(self, label, baseline, limit):
        t, b = self.results[label][0], self.results[baseline][0]
        ratio = t / b if b else float("inf")
        ok = ratio <= limit
        text = f"ratio {label} / {baseline} = {ratio:.2f} (limit {limit}) {'PASS' if ok else 'FAIL'}"
        self._verdict(ok, text, f"{label} / {baseline} = {ratio:.2f} > {limit}")
        return ratio

    def check_queries_constant(self, small, big, slack=0):
        qs, qb = self.results[small][1], self.results[big][1]
        ok = abs(qb - qs) <= slack
        text = f"queries {small}={qs} vs {big}={qb}: {'constant PASS' if ok else 'GROWS FAIL'}"
        return self._verdict(ok, text, f"query count grows: {small}={qs}, {big}={qb}")


def load(name):
    spec = importlib.util.spec_from_file_location(f"bench_scenario_{name}", SCENARIOS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenarios", nargs="*")
    parser.add_argument("--db", default=os.environ.get("SHOP_BENCH_DB", "shop_bench"))
    parser.add_argument("--scale", type=float, default=float(os.environ.get("SHOP_BENCH_SCALE", "1.0")))
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    names = args.scenarios or sorted(p.stem for p in SCENARIOS.glob("*.py") if not p.stem.startswith("_"))
    modules = {n: load(n) for n in names}
    addons = sorted({a for m in modules.values() for a in m.ADDONS})
    if args.rebuild:
        drop_db(args.db)
    print(f"==> bench database {args.db}: installing {', '.join(addons)} (no-op when installed)", flush=True)
    subprocess.run(odoo_install_cmd(args.db, addons, "--log-level=warn", "--max-cron-threads=0"), check=True)

    failures = []
    with odoo_env(args.db, "--log-level=warn", context={"tracking_disable": True}) as env:
        cr = env.cr
        params = env["ir.config_parameter"]
        for name, module in modules.items():
            key = f"bench.populated.{name}"
            if params.get_param(key) != str(args.scale):
                print(f"==> {name}: building the data set (scale {args.scale})", flush=True)
                t0 = time.time()
                module.populate(env, args.scale)
                env.flush_all()
                params.set_param(key, str(args.scale))
                cr.commit()
                print(f"    built in {time.time() - t0:.0f}s", flush=True)
        print(f"\n  {'scenario':<14} {'measure':<48} {'time':>13} {'queries':>16}")
        for name, module in modules.items():
            bench = Bench(env, name)
            try:
                module.run(env, bench)
            except MeasureCommitted as exc:
                sys.exit(f"ERROR: {exc}")
            cr.rollback()
            failures += [f"{name}: {f}" for f in bench.failures]
    print()
    if failures:
        print("Bench limits exceeded:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print("All bench limits met.")


if __name__ == "__main__":
    main()
