"""Benchmark runner of the shop suite (`make bench`, not part of the test suite).

    bench/run.py [--db shop_bench] [--scale 1.0] [--rebuild] [scenario ...]

Each scenario is a module bench/scenarios/<name>.py with:
    ADDONS = [...]                 addons installed (without demo) in the bench database
    populate(env, scale)           builds the large data set once (scale 1.0 = the issue's size)
    run(env, bench)                measures with bench.measure / check_ratio / check_queries_constant

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


def odoo_src():
    return os.environ.get("ODOO_SRC") or str(
        Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "odoo-src" / "18.0"
    )


class Bench:
    """What a scenario's run() gets: measuring helpers that remember their results."""

    def __init__(self, env, name):
        self.env = env
        self.name = name
        self.results = {}
        self.failures = []

    def measure(self, label, fn, warmup=True, commit=False, repeat=1):

        cr = self.env.cr
        real_commit = cr.commit
        if not commit:
            # crons commit between batches: inside a measure that must be rolled back, they may not
            cr.commit = lambda: None
        try:
            return self._measure(label, fn, warmup, commit, repeat, cr, real_commit)
        finally:
            cr.commit = real_commit

    def _measure(self, label, fn, warmup, commit, repeat, cr, real_commit):
        import odoo

        if warmup:
            fn()
            real_commit() if commit else cr.rollback()
            self.env.invalidate_all()
        best = None
        for _i in range(repeat):
            q0 = odoo.sql_db.sql_counter
            t0 = time.perf_counter()
            fn()
            self.env.flush_all()
            elapsed = time.perf_counter() - t0
            queries = odoo.sql_db.sql_counter - q0
            real_commit() if commit else cr.rollback()
            self.env.invalidate_all()
            if best is None or elapsed < best[0]:
                best = (elapsed, queries)
        self.results[label] = best
        print(f"  {self.name:<14} {label:<48} {best[0] * 1000:10.1f} ms {best[1]:8d} queries", flush=True)
        return best

    def check_ratio(self, label, baseline, limit):
        t, _q = self.results[label]
        b, _bq = self.results[baseline]
        ratio = t / b if b else float("inf")
        ok = ratio <= limit
        print(
            f"  {self.name:<14} ratio {label} / {baseline} = {ratio:.2f} (limit {limit}) {'PASS' if ok else 'FAIL'}",
            flush=True,
        )
        if not ok:
            self.failures.append(f"{label} / {baseline} = {ratio:.2f} > {limit}")
        return ratio

    def check_queries_constant(self, small, big, slack=0):
        qs, qb = self.results[small][1], self.results[big][1]
        ok = abs(qb - qs) <= slack
        print(
            f"  {self.name:<14} queries {small}={qs} vs {big}={qb}: {'constant PASS' if ok else 'GROWS FAIL'}",
            flush=True,
        )
        if not ok:
            self.failures.append(f"query count grows: {small}={qs}, {big}={qb}")
        return ok


def load(name):
    sys.path.insert(0, str(ROOT / "bench"))  # the scenarios share bench/benchlib.py
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
    conf = ROOT / ".runtime" / "odoo.conf"
    pg = ["-h", os.environ.get("PGHOST", "127.0.0.1"), "-p", os.environ.get("PGPORT", "5432")]
    if args.rebuild:
        subprocess.run(["dropdb", "--if-exists", "--force", *pg, args.db], check=True)
    print(f"==> bench database {args.db}: installing {', '.join(addons)} (no-op when installed)", flush=True)
    subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "python"),
            str(Path(odoo_src()) / "odoo-bin"),
            "-c",
            str(conf),
            "-d",
            args.db,
            "-i",
            ",".join(addons),
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
            "--max-cron-threads=0",
        ],
        check=True,
    )

    sys.path.insert(0, odoo_src())
    import odoo
    from odoo.tools import config

    config.parse_config(["-c", str(conf), "-d", args.db, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.db)
    failures = []
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
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
            module.run(env, bench)
            cr.rollback()
            failures += [f"{name}: {f}" for f in bench.failures]
    print()
    if failures:
        print("Bench limits exceeded:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print("All bench limits met.")


if __name__ == "__main__":
    main()
