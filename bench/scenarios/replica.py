"""Read-only paths on a PostgreSQL streaming replica, and load across HTTP workers (issue 15 §3 and §4).

    make bench BENCH_ARGS="replica"       (bench/run.py [--db shop_bench] replica)

Without Docker, on this machine, and cleaned up at the end. It stops by itself: about 11 minutes here
(2 cores shared with other jobs), of which 1 to 2 for upgrading the demo database when the addons changed
(the first build of the demo database takes about 15 minutes more, once). SHOP_BENCH_REPLICA_SRC=<db>
names another demo database to copy (default `<bench db>_replica_src`).
1. the demo database of `make run` is built (or upgraded) on the usual server as `<bench db>_replica_src`
   (scripts/build_demo_db.sh), a few repair quotes are sent in it (serverlib.make_repair_quotes), and it is
   copied (pg_dump | pg_restore) into a PRIMARY cluster of our own (initdb, port 5440, wal_level=replica);
2. a REPLICA cluster (port 5441) is made from it by `pg_basebackup -R` and runs as a hot standby; both load
   pg_stat_statements, which tells which statements ran on which side;
3. Odoo runs the production configuration (config/odoo.conf, prefork workers) with db_host on the primary
   and db_replica_host/db_replica_port on the replica. As the users of the demo (the owner `dono`, the front
   desk `agenda`, the customer's link with its token) it then shows:
   - reads: per request, the statements that ran on each side and the writes it made. Odoo sends a request
     to the replica when its route is readonly=True, or when /web/dataset/call_kw calls an @api.readonly
     method (web_read, web_search_read, web_read_group... as the web client does);
   - writes: a sale, a booking and a quote acceptance write on the primary only, and the replica has them;
   - the replica stopped: the same reads and writes still work (Odoo falls back to the primary);
4. load: the dashboard's figures and the portal quote page, with 1, 2 and 4 HTTP workers, replica on and off:
   requests/s, p95 and each step's ratio to the previous one, from CLIENTS concurrent clients.
The clusters are two processes on the same machine as Odoo (2 cores here): the replica takes reads off the
primary, it cannot add CPU. Ports: SHOP_BENCH_PG_PORT (default 5440, the replica on the next port).
"""

import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import requests
from serverlib import ROOT, RUNTIME, Mailbox, OdooServer, hold_crons, make_repair_quotes, open_env, percentile

ADDONS = ["shop_base"]  # the runner's database is not used: the scenario works on the demo database
PG_PORT = int(os.environ.get("SHOP_BENCH_PG_PORT", "5440"))
PG_BIN = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1] if Path("/usr/lib/postgresql").is_dir() else None
CLIENTS = 4
SECONDS = 6
WORKERS = (1, 2, 4)
SIGNATURE = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
ODOO_ROLE = "shop_bench_odoo"  # Odoo refuses to run as `postgres`
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.I)


def populate(env, scale):
    """Nothing in the runner's database (see run)."""


# ---------------------------------------------------------------------------------------------- clusters
def as_postgres(cmd, **kwargs):
    """Run a PostgreSQL server program as the `postgres` OS user (initdb refuses root)."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run(prefix + [str(c) for c in cmd], check=True, capture_output=True, text=True, **kwargs)


class Cluster:
    """A PostgreSQL cluster of our own in a temporary folder, on loopback, trust authentication."""

    def __init__(self, root, name, port):
        self.name = name
        self.port = port
        self.data = root / name
        self.log = root / f"{name}.log"
        self.up = False

    def initdb(self):
        as_postgres([PG_BIN / "initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"])
        self.configure()

    def basebackup(self, primary):
        """A copy of the primary that follows it: pg_basebackup -R writes standby.signal and primary_conninfo."""
        as_postgres(
            [PG_BIN / "pg_basebackup", "-h", "127.0.0.1", "-p", primary.port, "-U", "postgres", "-D", self.data]
            + ["-R", "-X", "stream", "--checkpoint=fast"]
        )

    def configure(self):
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write(
                "\n# bench/scenarios/replica.py\nlisten_addresses = '127.0.0.1'\nwal_level = replica\n"
                "max_wal_senders = 5\nhot_standby = on\nmax_connections = 200\nfsync = off\n"
                "shared_preload_libraries = 'pg_stat_statements'\npg_stat_statements.max = 10000\n"
                "unix_socket_directories = '%s'\n" % self.data.parent
            )
        with open(self.data / "pg_hba.conf", "a") as hba:
            hba.write("host replication postgres 127.0.0.1/32 trust\n")

    def start(self):
        as_postgres([PG_BIN / "pg_ctl", "-D", self.data, "-l", self.log, "-o", f"-p {self.port}", "-w", "start"])

    def stop(self):
        if (self.data / "postmaster.pid").exists():
            as_postgres([PG_BIN / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop"])

    def psql(self, sql, db="postgres"):
        out = subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-d",
                db,
                "-AtX",
                "-F",
                "\t",
                "-c",
                sql,
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return [line.split("\t") for line in out.splitlines()]

    def statements(self, db):
        """[(query, calls)] that ran on `db` since the last reset."""
        rows = self.psql(
            "SELECT regexp_replace(query, '\\s+', ' ', 'g'), calls FROM pg_stat_statements s "
            f"JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '{db}'",
            db=db,
        )
        return [(q, int(c)) for q, c in rows]

    def reset(self, db):
        self.psql("SELECT pg_stat_statements_reset()", db=db)


def copy_database(src, primary, db):
    """The demo database and its filestore, from the usual server into the primary, owned by ODOO_ROLE."""
    pg = ["-h", os.environ.get("PGHOST", "127.0.0.1"), "-p", os.environ.get("PGPORT", "5432")]
    primary.psql(f"CREATE ROLE {ODOO_ROLE} SUPERUSER LOGIN")
    primary.psql(f"CREATE DATABASE {db} OWNER {ODOO_ROLE}")
    dump = subprocess.Popen(["pg_dump", *pg, "-Fc", "--no-owner", src], stdout=subprocess.PIPE)
    subprocess.run(
        ["pg_restore", "-h", "127.0.0.1", "-p", str(primary.port), "-U", ODOO_ROLE, "--no-owner", "-d", db],
        stdin=dump.stdout,
        check=True,
    )
    if dump.wait():
        raise RuntimeError(f"pg_dump {src} failed")
    primary.psql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", db=db)
    # pg_restore leaves no planner statistics: without them a page's queries take seconds (the replica
    # gets the statistics through the WAL)
    primary.psql("ANALYZE", db=db)
    filestore = RUNTIME / "data" / "filestore"
    shutil.rmtree(filestore / db, ignore_errors=True)
    if (filestore / src).is_dir():
        shutil.copytree(filestore / src, filestore / db)


# ---------------------------------------------------------------------------------------------- the users
class RpcError(Exception):
    pass


class WebUser:
    """A user of the web client: a session cookie, then /web/dataset/call_kw as the web client calls it."""

    def __init__(self, server, login, password=None):
        self.url = server.url
        self.http = requests.Session()
        params = {"db": server.db, "login": login, "password": password or login}
        result = self.json("/web/session/authenticate", params)
        self.uid, self.context = result["uid"], result["user_context"]

    def json(self, path, params):
        resp = self.http.post(
            f"{self.url}{path}", json={"jsonrpc": "2.0", "method": "call", "params": params}, timeout=120
        )
        resp.raise_for_status()
        answer = resp.json()
        if "error" in answer:
            data = answer["error"].get("data") or {}
            raise RpcError(f"{data.get('name', '')}: {data.get('message', answer['error'])}"[:300])
        return answer["result"]

    def call(self, model, method, *args, **kwargs):
        kwargs.setdefault("context", self.context)
        params = {"model": model, "method": method, "args": list(args), "kwargs": kwargs}
        return self.json(f"/web/dataset/call_kw/{model}/{method}", params)


class Customer:
    """Someone opening the link of an e-mail: no login, the document's access token."""

    def __init__(self, server):
        self.url = server.url
        self.http = requests.Session()

    def get(self, path):
        resp = self.http.get(f"{self.url}{path}", timeout=120)
        resp.raise_for_status()
        if "/web/login" in resp.url or resp.url.rstrip("/").endswith("/my"):
            raise RpcError(f"{path}: redirected to {resp.url}")
        return resp

    def accept(self, order_id, token):
        resp = self.http.post(
            f"{self.url}/my/orders/{order_id}/accept",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"access_token": token, "name": "Ana", "signature": SIGNATURE},
            },
            timeout=120,
        )
        answer = resp.json()
        if "error" in answer or (answer.get("result") or {}).get("error"):
            raise RpcError(str(answer)[:300])
        return answer["result"]


# ---------------------------------------------------------------------------------------------- the flows
def read_requests(server, refs):
    """{label: (who, function)}: the reads of issue 15 §1 as their users do them (figures: @api.readonly
    methods through call_kw, as the web client calls them; the portal: the link with its token)."""
    model_reads = {
        "dashboard figures (get_dashboard_figures)": (
            "shop.profit.dashboard",
            "get_dashboard_figures",
            [False, False],
            {},
        ),
        "dashboard charts (web_read_group)": (
            "shop.profit.report",
            "web_read_group",
            [[], ["margin:sum"], ["date:month"]],
            {"lazy": False},
        ),
        "top customers (web_search_read)": (
            "shop.customer.product.report",
            "web_search_read",
            [[], {"id": {}}],
            {"limit": 80},
        ),
        "low stock board (web_search_read)": (
            "shop.stock.low.report",
            "web_search_read",
            [[], {"id": {}}],
            {"limit": 80},
        ),
        "salon statistics (web_search_read)": (
            "salon.sales.report",
            "web_search_read",
            [[], {"id": {}}],
            {"limit": 80},
        ),
        "salon projection (web_search_read)": (
            "salon.projection.report",
            "web_search_read",
            [[], {"id": {}}],
            {"limit": 80},
        ),
    }
    owner = WebUser(server, "dono")
    customer = Customer(server)
    reads = {
        label: (lambda m=model, f=method, a=args, k=kwargs: owner.call(m, f, *a, **k))
        for label, (model, method, args, kwargs) in model_reads.items()
    }
    repair_id, repair_token = refs["repair_page"]
    order_id, order_token = refs["quote_page"]
    reads["portal repair page (/my/repairs/<id>)"] = lambda: customer.get(
        f"/my/repairs/{repair_id}?access_token={repair_token}"
    )
    reads["portal quote page (/my/orders/<id>)"] = lambda: customer.get(
        f"/my/orders/{order_id}?access_token={order_token}"
    )
    return reads


def write_requests(server, refs, quotes):
    """{label: function}: a sale (the owner), a booking (the front desk), a quote acceptance (the customer)."""
    seller, desk, customer = WebUser(server, "dono"), WebUser(server, "agenda"), Customer(server)
    hour = [0]

    def sale():
        order_id = seller.call(
            "sale.order",
            "create",
            {
                "partner_id": refs["partner"],
                "order_line": [(0, 0, {"product_id": refs["product"], "product_uom_qty": 1})],
            },
        )
        seller.call("sale.order", "action_confirm", [order_id])
        return order_id

    def booking():
        # 9:00 UTC and the next hours of a day far ahead that no earlier run booked
        hour[0] += 1
        day = 400 + int(time.time() // 60) % 3000
        start = time.strftime("%Y-%m-%d 09:00:00", time.gmtime(time.time() + 86400 * day))
        start = start.replace("09:", f"{9 + hour[0]:02d}:")
        vals = {
            "partner_id": refs["partner"],
            "employee_id": refs["employee"],
            "service_ids": [(6, 0, [refs["service"]])],
            "start": start,
        }
        return desk.call("salon.appointment", "create", vals)

    def accept():
        order_id, token = quotes.pop()
        customer.accept(order_id, token)
        return order_id

    return {
        "sale (create + confirm)": sale,
        "booking (salon.appointment create)": booking,
        "quote acceptance (/accept)": accept,
    }


def on_sides(primary, replica, db, fn, times=1):
    """Run fn `times` times: (statements on the primary, on the replica, writes on the primary, on the
    replica, error or None). A side that is down counts None."""
    for cluster in (primary, replica):
        if cluster.up:
            cluster.reset(db)
    error = None
    try:
        for _i in range(times):
            fn()
    except (RpcError, requests.RequestException) as exc:
        error = str(exc)[:200]
    counts = []
    for cluster in (primary, replica):
        if not cluster.up:
            counts += [None, None]
            continue
        stmts = [(q, c) for q, c in cluster.statements(db) if "pg_stat_statements" not in q]
        counts += [sum(c for _q, c in stmts), sum(c for q, c in stmts if WRITE.match(q))]
    return counts[0], counts[2], counts[1], counts[3], error


def show(table, title):
    print(f"\n  replica        {title}")
    print(f"  {'replica':<14} {'request':<42} {'primary':>8} {'replica':>8} {'writes P':>9} {'writes R':>9}  served by")
    for label, (p, r, wp, wr, error) in table.items():
        if error:
            where = f"ERROR {error}"
        elif r is not None and r > (p or 0):
            where = "replica"
        else:
            where = "primary"
        cell = lambda v: "down" if v is None else str(v)  # noqa: E731
        print(
            f"  {'replica':<14} {label:<42} {cell(p):>8} {cell(r):>8} {cell(wp):>9} {cell(wr):>9}  {where}", flush=True
        )


# ---------------------------------------------------------------------------------------------- load
def drive(make_client, clients=CLIENTS, seconds=SECONDS):
    """Closed loop: `clients` threads, each with its own client (make_client() -> a function doing one
    request), for `seconds`: (requests per second, p95 in seconds, errors)."""
    times, errors, lock = [], [], threading.Lock()
    fns = [make_client() for _i in range(clients)]
    barrier = threading.Barrier(clients)

    def loop(fn):
        barrier.wait()
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            t0 = time.perf_counter()
            try:
                fn()
            except (RpcError, requests.RequestException) as exc:
                with lock:
                    errors.append(str(exc)[:200])
                continue
            with lock:
                times.append(time.perf_counter() - t0)

    threads = [threading.Thread(target=loop, args=(fn,)) for fn in fns]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(times) / (time.perf_counter() - t0), percentile(times, 95), errors


def load_clients(server, refs):
    """{label: make_client}: the two pages of §4 as their users open them."""
    order_id, token = refs["quote_page"]

    def dashboard():
        owner = WebUser(server, "dono")
        return lambda: owner.call("shop.profit.dashboard", "get_dashboard_figures", False, False)

    def quote_page():
        customer = Customer(server)
        return lambda: customer.get(f"/my/orders/{order_id}?access_token={token}")

    return {"dashboard figures": dashboard, "portal quote page": quote_page}


def measure_load(server, refs, workers, replica_state, figures):
    for label, make_client in load_clients(server, refs).items():
        drive(make_client, clients=CLIENTS, seconds=1)  # every worker loads its caches and templates
        rps, p95, errors = drive(make_client)
        figures[(label, workers, replica_state)] = (rps, p95, len(errors))
        print(
            f"  replica        load {label:<18} workers={workers} replica {replica_state:<3}: {rps:6.1f} req/s, "
            f"p95 {p95 * 1000:6.0f} ms, {len(errors)} error(s){' ' + errors[0] if errors else ''}",
            flush=True,
        )


def show_load(figures):
    print(
        f"\n  replica        load: {CLIENTS} clients x {SECONDS}s per cell, {os.cpu_count()} CPU cores for everything"
    )
    print(
        f"  {'replica':<14} {'page':<18} {'workers':>7} {'replica':>7} {'req/s':>7} {'p95 ms':>7} {'err':>4}  "
        "ratio to the previous step"
    )
    previous = {}
    for label in dict.fromkeys(k[0] for k in figures):
        for workers in WORKERS:
            for state in ("on", "off"):
                if (label, workers, state) not in figures:
                    continue
                rps, p95, errors = figures[(label, workers, state)]
                if state == "off":
                    base, step = figures.get((label, workers, "on")), "off/on"
                else:
                    base, step = previous.get(label), "workers x2"
                    previous[label] = (rps, p95, errors)
                ratio = (
                    f"{step}: req/s x{rps / base[0]:.2f}, p95 x{p95 / base[1]:.2f}"
                    if base and base[0] and base[1]
                    else ""
                )
                print(
                    f"  {'replica':<14} {label:<18} {workers:>7} {state:>7} {rps:7.1f} {p95 * 1000:7.0f} {errors:>4}"
                    f"  {ratio}"
                )


# ---------------------------------------------------------------------------------------------- run
def prepare_source(src):
    """The demo database on the usual server (built once, upgraded when the addons change), with
    repair quotes sent to customers and tokens on the pages the reads open: the references."""
    subprocess.run(["bash", str(ROOT / "scripts" / "build_demo_db.sh"), src], check=True, cwd=ROOT)
    _registry, cr, env = open_env(src, {"mail_notify_force_send": False})
    try:
        quotes = make_repair_quotes(env, 6, "bench.replica")
        repair = env["repair.order"].search([("sale_order_id", "=", quotes[0][0])], limit=1)
        repair._portal_ensure_token()
        salon_service = env["product.product"].search([("salon_service", "=", True)], limit=1)
        refs = {
            "repair_page": (repair.id, repair.access_token),
            "quote_page": quotes[-1],
            "partner": env["res.partner"].create({"name": "Bench replica customer"}).id,
            "product": env["product.product"].search([("sale_ok", "=", True), ("type", "=", "consu")], limit=1).id,
            "employee": env["hr.employee"].search([], limit=1).id,
            "service": salon_service.id,
        }
        hold_crons(env)
        cr.execute("UPDATE mail_mail SET state = 'cancel' WHERE state = 'outgoing'")
        env.flush_all()
        cr.commit()
        return refs, quotes[1:-1]
    finally:
        cr.close()


def run(env, bench):
    db = f"{env.cr.dbname}_replica"
    src = os.environ.get("SHOP_BENCH_REPLICA_SRC") or f"{env.cr.dbname}_replica_src"
    t0 = time.time()
    print(
        f"  replica        demo database {src} on the usual server (built once, then upgraded when needed)", flush=True
    )
    refs, quotes = prepare_source(src)
    print(f"  replica        ready in {time.time() - t0:.0f}s", flush=True)
    root = Path(tempfile.mkdtemp(prefix="shop_bench_pg_"))
    os.chmod(root, 0o755)
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")  # the clusters' folders and logs belong to the postgres OS user
    primary, replica = Cluster(root, "primary", PG_PORT), Cluster(root, "replica", PG_PORT + 1)
    box = Mailbox().start()
    server = None
    try:
        primary.initdb()
        primary.start()
        primary.up = True
        copy_database(src, primary, db)
        replica.basebackup(primary)
        replica.start()
        replica.up = True
        state = replica.psql("SELECT pg_is_in_recovery(), status FROM pg_stat_wal_receiver")
        print(
            f"  replica        clusters at {time.time() - t0:.0f}s: primary :{primary.port}, replica :{replica.port} "
            f"(in recovery, wal receiver: {state[0] if state else 'none'})",
            flush=True,
        )
        figures = {}
        server = start_server(db, box, 4)
        reads, writes = read_requests(server, refs), write_requests(server, refs, list(quotes))
        for fn in reads.values():  # warm up: templates, assets, caches of every worker
            for _i in range(4):
                try:
                    fn()
                except (RpcError, requests.RequestException):
                    break
        table = {label: on_sides(primary, replica, db, fn, times=3) for label, fn in reads.items()}
        show(table, "reads, replica on (statements x3 calls; writes = INSERT/UPDATE/DELETE)")
        check_reads(bench, table, server)
        table = {label: on_sides(primary, replica, db, fn) for label, fn in writes.items()}
        show(table, "writes, replica on")
        check_writes(bench, table, primary, replica, db)
        measure_load(server, refs, 4, "on", figures)

        replica.stop()
        replica.up = False
        table = {label: on_sides(primary, replica, db, fn) for label, fn in {**reads, **writes}.items()}
        show(table, "replica STOPPED: the same reads and writes (Odoo falls back to the primary)")
        failed = [label for label, row in table.items() if row[4]]
        if failed:
            bench.failures.append(f"with the replica stopped: {', '.join(failed)} failed")
        fallbacks = server.log.read_text(errors="replace").count("falling back to read-write cursor")
        print(
            f"  replica        server log: {fallbacks} 'Failed to open a readonly cursor, falling back' line(s)",
            flush=True,
        )
        measure_load(server, refs, 4, "off", figures)
        server.stop()
        server = None
        replica.start()
        replica.up = True

        for workers in (2, 1):
            server = start_server(db, box, workers)
            measure_load(server, refs, workers, "on", figures)
            replica.stop()
            measure_load(server, refs, workers, "off", figures)
            replica.start()
            server.stop()
            server = None
        show_load(figures)
    finally:
        if server:
            server.stop()
        box.stop()
        for cluster in (replica, primary):
            try:
                cluster.stop()
            except subprocess.CalledProcessError as exc:
                print(f"  replica        could not stop {cluster.name}: {exc.stderr}")
        shutil.rmtree(root, ignore_errors=True)
        shutil.rmtree(RUNTIME / "data" / "filestore" / db, ignore_errors=True)
        print(f"  replica        clusters stopped and removed ({root}), {time.time() - t0:.0f}s in all", flush=True)


def start_server(db, box, workers):
    """config/odoo.conf's server with `workers` HTTP workers, the primary as db_host, the replica as
    db_replica_host (what deploy/odoo-scale.conf says for Docker)."""
    t0 = time.time()
    server = OdooServer(
        db,
        f"replica-w{workers}",
        box.port,
        workers=workers,
        db_host="127.0.0.1",
        db_port=PG_PORT,
        db_replica_host="127.0.0.1",
        db_replica_port=PG_PORT + 1,
        db_user=ODOO_ROLE,
        db_password="False",
    ).start()
    print(f"  replica        Odoo up with {workers} HTTP worker(s) in {time.time() - t0:.0f}s", flush=True)
    return server


def check_reads(bench, table, server):
    for label, (_p, _r, wp, wr, error) in table.items():
        if error:
            bench.failures.append(f"read {label}: {error}")
        elif wp or wr:
            # not a failure of the scale setup: a read path that writes cannot be served by the replica
            print(f"  replica        NOTE {label} writes ({wp} statement(s) on the primary)", flush=True)
    retried = server.log.read_text(errors="replace").count("retrying with a read/write cursor")
    print(
        f"  replica        server log: {retried} read-only request(s) tried to write (retried on the primary)",
        flush=True,
    )


def check_writes(bench, table, primary, replica, db):
    for label, (_p, _r, wp, wr, error) in table.items():
        if error or not wp or wr:
            bench.failures.append(f"write {label}: error {error}, writes primary {wp}, replica {wr}")
    # the replica has what the primary wrote (streaming: give it a moment)
    lsn = primary.psql("SELECT pg_current_wal_lsn()")[0][0]
    deadline = time.time() + 30
    while time.time() < deadline:
        if replica.psql(f"SELECT pg_last_wal_replay_lsn() >= '{lsn}'::pg_lsn")[0][0] == "t":
            break
        time.sleep(0.2)
    on_primary = primary.psql("SELECT count(*), max(id) FROM sale_order WHERE state = 'sale'", db=db)[0]
    on_replica = replica.psql("SELECT count(*), max(id) FROM sale_order WHERE state = 'sale'", db=db)[0]
    print(f"  replica        confirmed sales (count, last id): primary {on_primary}, replica {on_replica}", flush=True)
    if on_primary != on_replica:
        bench.failures.append(f"the replica did not catch up: {on_primary} vs {on_replica}")
