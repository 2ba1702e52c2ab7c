"""Shared code of the bench scenarios that drive a real Odoo server (load, faults).

The server runs the production configuration (config/odoo.conf: prefork workers, one cron worker), with only
the machine-specific keys taken from .runtime/odoo.conf (database host and user, addons path), listening on
loopback, on its own database, sending its e-mails to an SMTP server inside the bench process (aiosmtpd).
Each scenario keeps its data in a database of its own (`<bench db>_<scenario>`), so that its crons never see
the millions of rows the other scenarios build, and the other scenarios never see its server's changes.
"""

import configparser
import email
import email.policy
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import requests
from aiosmtpd.controller import Controller

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from shoplib import CONF, ROOT, RUNTIME, VENV_PYTHON, odoo_install_cmd, odoo_src, pg_args, wait_for_server
from shoplib import drop_db as shop_drop_db

# a 1x1 PNG: the drawn signature the portal sends
SIGNATURE = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
# keys of .runtime/odoo.conf that describe this machine, not the production setup (data_dir too: the filestore
# of the databases that bench/run.py and ensure_database() install)
MACHINE_KEYS = ("addons_path", "data_dir", "db_host", "db_port", "db_user", "db_password", "admin_passwd")


def free_port():
    """A free loopback port (SHOP_BENCH_PORT=<n>: n, n+1, n+2... in turn, for a fixed range of ports)."""
    base = os.environ.get("SHOP_BENCH_PORT")
    if base:
        free_port.next = getattr(free_port, "next", int(base))
        free_port.next += 1
        return free_port.next - 1
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values, p):
    """The p-th percentile (0-100) of values, nearest rank; 0 when empty."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


# ---------------------------------------------------------------------------------------------- load drivers
class Recorder:
    """What the threads of a load scenario measured, per kind of request: times (seconds), errors, 5xx answers,
    and counters of outcomes (``counts``); ``lock`` guards them."""

    def __init__(self):
        self.times = defaultdict(list)
        self.errors = defaultdict(list)
        self.status5xx = defaultdict(int)
        self.counts = defaultdict(int)
        self.lock = threading.Lock()

    def timed(self, kind, fn, refused=None):
        """Time the request ``fn()`` and return its answer (None when it failed to answer): an answer of 4xx or
        5xx is an error, except a refusal the page explains (``refused(answer)`` true)."""
        t0 = time.perf_counter()
        try:
            resp = fn()
        except requests.RequestException as error:
            with self.lock:
                self.errors[kind].append(str(error)[:200])
            return None
        elapsed = time.perf_counter() - t0
        with self.lock:
            self.times[kind].append(elapsed)
            if resp.status_code >= 500:
                self.status5xx[kind] += 1
            if resp.status_code >= 400 and not (refused and refused(resp)):
                self.errors[kind].append(f"HTTP {resp.status_code} {resp.url}")
        return resp

    def print_table(self, scenario, kinds, width=22):
        """One line per kind of request: count, p50/p95 in ms, errors (the first three shown), 5xx."""
        head = f"{'count':>6} {'p50 ms':>9} {'p95 ms':>9} {'errors':>7} {'5xx':>5}"
        print(f"  {scenario:<14} {'request':<{width}} {head}")
        for kind in kinds:
            times = self.times[kind]
            print(
                f"  {scenario:<14} {kind:<{width}} {len(times):6d} {percentile(times, 50) * 1000:9.0f} "
                f"{percentile(times, 95) * 1000:9.0f} {len(self.errors[kind]):7d} {self.status5xx[kind]:5d}",
                flush=True,
            )
            for error in self.errors[kind][:3]:
                print(f"    {kind}: {error}")

    def failure(self):
        """What went wrong with the requests ("N 5xx, M error(s)"), or None."""
        fivexx = sum(self.status5xx.values())
        errors = sum(len(e) for e in self.errors.values())
        return f"{fivexx} 5xx, {errors} error(s)" if fivexx or errors else None


# ---------------------------------------------------------------------------------------------- databases
def ensure_database(db, addons):
    """`db` with `addons` installed without demo data, as bench/run.py builds its database; upgraded when the
    addons changed since (their files' digest), so that the server runs their current code and data."""
    digest = subprocess.run(
        "find %s -type f ! -name '*.pyc' -print0 | sort -z | xargs -0 sha1sum | sha1sum"
        % " ".join(f"addons/{a}" for a in sorted({"shop_base", *addons})),
        shell=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[0]
    stamp = RUNTIME / f"bench-{db}.sha1"
    installed = subprocess.run(
        ["psql", *pg_args(), "-d", db, "-Atc", "SELECT name FROM ir_module_module WHERE state = 'installed'"],
        capture_output=True,
        text=True,
    ).stdout.split()
    if set(addons) <= set(installed):
        if stamp.exists() and stamp.read_text() == digest:
            return
        cmd = [*odoo_install_cmd(db, [], "-u", ",".join(addons))]
        del cmd[cmd.index("-i") : cmd.index("-i") + 2]
    else:
        cmd = odoo_install_cmd(db, addons)
    subprocess.run([*cmd, "--log-level=warn", "--max-cron-threads=0"], check=True)
    stamp.write_text(digest)


def drop_db(db):
    """Drop the database (this process's connections to it first) with its filestore and upgrade stamp."""
    import odoo

    odoo.modules.registry.Registry.delete(db)
    odoo.sql_db.close_db(db)
    shop_drop_db(db)
    (RUNTIME / f"bench-{db}.sha1").unlink(missing_ok=True)


def open_env(db, context=None):
    """(registry, cursor, superuser environment) on another database than the runner's, in this process."""
    import odoo

    registry = odoo.modules.registry.Registry(db)
    cr = registry.cursor()
    return registry, cr, odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True, **(context or {})})


def hold_crons(env, keep=("mail.ir_cron_mail_scheduler_action",)):
    """Every scheduled action but `keep` waits a year: the scenario starts the jobs it measures itself."""
    keep_ids = [env.ref(x).id for x in keep]
    env.cr.execute(
        "UPDATE ir_cron SET nextcall = (now() at time zone 'utc') + interval '365 days' WHERE id <> ALL(%s)",
        [keep_ids],
    )
    env.cr.execute("DELETE FROM ir_cron_trigger WHERE cron_id <> ALL(%s)", [keep_ids])


# ---------------------------------------------------------------------------------------------- e-mails
class Mailbox:
    """What the SMTP server received: (recipients, subject, Message-Id, arrival time), in order of arrival."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            rcpts = [r.lower() for r in envelope.rcpt_tos]
            self.messages.append((rcpts, str(msg["subject"] or ""), str(msg["message-id"] or ""), time.time()))
        return "250 OK"

    def count(self, addresses):
        """{address: number of e-mails received} for these addresses."""
        wanted = {a.lower(): 0 for a in addresses}
        with self.lock:
            for rcpts, _subject, _mid, _t in self.messages:
                for rcpt in rcpts:
                    if rcpt in wanted:
                        wanted[rcpt] += 1
        return wanted

    def received(self, addresses):
        return sum(1 for n in self.count(addresses).values() if n)

    def start(self):
        logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's log of every connection
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()


# ---------------------------------------------------------------------------------------------- the server
def proc_stat(pid):
    """(parent pid, nice) of a process, from /proc (None when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[1]), int(fields[16])


class OdooServer:
    """odoo-bin on the production configuration of config/odoo.conf, on loopback and on one database."""

    def __init__(self, db, name, smtp_port, **overrides):
        self.db = db
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.conf = RUNTIME / f"bench-{name}.conf"
        self.log = RUNTIME / f"bench-{name}.log"
        self.proc = None
        prod = configparser.ConfigParser(interpolation=None)
        prod.read(ROOT / "config" / "odoo.conf")
        local = configparser.ConfigParser(interpolation=None)
        local.read(CONF)
        options = dict(prod["options"])
        options.update({k: local["options"][k] for k in MACHINE_KEYS if k in local["options"]})
        options.update(
            {
                "http_interface": "127.0.0.1",
                "http_port": str(self.port),
                "gevent_port": str(free_port()),
                "smtp_server": "127.0.0.1",
                "smtp_port": str(smtp_port),
                "db_name": db,
                "dbfilter": f"^{db}$",
                "logfile": str(self.log),
                **{k: str(v) for k, v in overrides.items()},
            }
        )
        assert int(options["workers"]) > 0, "the bench runs the production configuration: workers > 0"
        out = configparser.ConfigParser(interpolation=None)
        out["options"] = options
        self.workers = int(options["workers"])
        self.log.write_text("")
        self.log.with_suffix(".out").write_text("")
        with open(self.conf, "w") as f:
            f.write("; generated by bench/serverlib.py from config/odoo.conf: do not edit\n")
            out.write(f)

    def start(self, timeout=180):
        cmd = [str(VENV_PYTHON), str(odoo_src() / "odoo-bin"), "-c", str(self.conf)]
        # its own process group: the master, its workers and the gevent process are killed together
        # the log goes to self.log; what is printed outside of it (a child's crash) to <name>.out
        with open(self.log.with_suffix(".out"), "a") as out:
            self.proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.time() + timeout
        if not wait_for_server(self.url, self.proc, timeout):
            raise RuntimeError(f"the server did not start, see {self.log}")
        # every worker up, the cron worker too
        while len(self.children()) < self.workers + 1 and time.time() < deadline:
            time.sleep(0.2)
        return self

    def children(self):
        """{pid: nice} of the master's forked workers (not the gevent process it starts with odoo-bin gevent)."""
        found = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                stat = proc_stat(entry.name)
                if stat and stat[0] == self.proc.pid:
                    try:
                        if b"gevent" in (entry / "cmdline").read_bytes():
                            continue
                    except OSError:
                        continue
                    found[int(entry.name)] = stat[1]
        return found

    def cron_worker(self):
        """The cron worker's pid: the master's child that lowered its priority (WorkerCron.start: os.nice(10))."""
        master_nice = proc_stat(self.proc.pid)[1]
        pids = [pid for pid, nice in self.children().items() if nice > master_nice]
        return pids[0] if pids else None

    def http_workers(self):
        master_nice = proc_stat(self.proc.pid)[1]
        return [pid for pid, nice in self.children().items() if nice == master_nice]

    def wait_cron_worker(self, old=None, timeout=120):
        """The cron worker's pid once there is one (other than `old`: the master respawns a killed one)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            pid = self.cron_worker()
            if pid and pid != old:
                return pid
            time.sleep(0.2)
        raise RuntimeError("no cron worker")

    def kill_cron_worker(self):
        """SIGKILL the cron worker: its pid."""
        pid = self.cron_worker()
        os.kill(pid, signal.SIGKILL)
        return pid

    def kill_http_workers(self):
        """SIGKILL every HTTP worker at once (the master forks new ones): how many."""
        pids = self.http_workers()
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        return len(pids)

    def wait_up(self, timeout=180):
        return wait_for_server(self.url, timeout=timeout)

    def kill_all(self):
        """SIGKILL the whole server at once: the master, every worker."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                pass
        if self.proc:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)  # a worker left behind
            except ProcessLookupError:
                pass

    def errors(self):
        """Lines the server logged at ERROR or CRITICAL."""
        if not self.log.exists():
            return []
        return [
            line
            for line in self.log.read_text(errors="replace").splitlines()
            if " ERROR " in line or " CRITICAL " in line
        ]

    # ------------------------------------------------------------------------------------------ JSON-RPC
    def rpc(self, service, method, *args, session=None, timeout=300):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {"service": service, "method": method, "args": list(args)},
        }
        resp = (session or requests).post(f"{self.url}/jsonrpc", json=payload, timeout=timeout)
        return resp

    def accept_quote(self, session, order_id, token, timeout=120):
        """The customer signs and accepts the quotation on its portal page (the route the page's button calls):
        (HTTP response, the refusal the portal answered or None)."""
        resp = session.post(
            f"{self.url}/my/orders/{order_id}/accept",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"access_token": token, "name": "Cliente", "signature": SIGNATURE},
            },
            timeout=timeout,
        )
        if resp.status_code != 200:
            return resp, None
        answer = resp.json()
        return resp, answer.get("error") or (answer.get("result") or {}).get("error")

    def call(self, uid, password, model, method, args=(), session=None, **kwargs):
        """Odoo's external API as this user: the HTTP response (its JSON holds "result" or "error")."""
        kwargs.setdefault("context", {"lang": "pt_BR", "tz": "America/Sao_Paulo"})
        return self.rpc(
            "object", "execute_kw", self.db, uid, password, model, method, list(args), kwargs, session=session
        )


class Stage:
    """What a scenario driving a server holds (a with-block): the SMTP server, the Odoo server once started, the
    scenario's cursor on its database; all stopped and closed on the way out."""

    def __init__(self, name, cr):
        self.name = name
        self.cr = cr
        self.box = Mailbox().start()
        self.server = None

    def start_server(self, db, **overrides):
        self.server = OdooServer(db, self.name, self.box.port, **overrides).start()
        return self.server

    def print_log_errors(self):
        errors = self.server.errors()
        print(f"  {self.name:<14} server log: {len(errors)} ERROR line(s)", flush=True)
        for line in errors[:5]:
            print(f"    {line[:200]}")
        return errors

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.server:
            self.server.stop()
        self.box.stop()
        self.cr.rollback()
        self.cr.close()


def db_cursor(db):
    """A fresh cursor on `db` (the server's commits are visible to it)."""
    import odoo

    return odoo.sql_db.db_connect(db).cursor()


def double_bookings(cr, employee_ids):
    """The pairs of overlapping appointments holding one of these professionals (what the agenda's exclusion
    constraint must make impossible)."""
    cr.execute(
        """
        SELECT COUNT(*) FROM salon_appointment a JOIN salon_appointment b
            ON a.employee_id = b.employee_id AND a.id < b.id
           AND tsrange(a.start, a."end") && tsrange(b.start, b."end")
         WHERE a.state NOT IN ('cancelled', 'no_show') AND b.state NOT IN ('cancelled', 'no_show')
           AND a.employee_id = ANY(%s)
        """,
        [employee_ids],
    )
    return cr.fetchone()[0]


# ---------------------------------------------------------------------------------------------- shared data
def make_repair_quotes(env, count, prefix):
    """`count` repairs of new customers (<prefix>.<stamp>.<i>@example.com), diagnosed, their quote sent by
    e-mail (`action_send_quote`, what the technician's button does): [(sale order id, access token)] of the
    pages the e-mails link to."""
    from datetime import timedelta

    from odoo import Command, fields

    Product = env["product.product"]

    def product(name, **values):
        return Product.search([("name", "=", name)], limit=1) or Product.create({"name": name, **values})

    device = product("Bench phone", type="consu")
    part = product("Bench screen", type="consu", list_price=300.0)
    labor = product("Bench labour", type="service", list_price=100.0)
    stamp = int(time.time())
    partners = env["res.partner"].create(
        [{"name": f"Bench customer {i}", "email": f"{prefix}.{stamp}.{i}@example.com"} for i in range(count)]
    )
    repairs = env["repair.order"].create(
        [
            {
                "partner_id": partner.id,
                "product_id": device.id,
                "shop_diagnosis": "Tela quebrada",
                "shop_delivery_date": fields.Datetime.now() + timedelta(days=5),
                "move_ids": [Command.create({"product_id": part.id, "product_uom_qty": 1, "repair_line_type": "add"})],
                "shop_labor_ids": [Command.create({"product_id": labor.id, "quantity": 1})],
            }
            for partner in partners
        ]
    )
    repairs.action_send_quote()
    orders = repairs.sale_order_id
    for order in orders:
        order._portal_ensure_token()
    env.flush_all()
    return [(order.id, order.access_token) for order in orders]
