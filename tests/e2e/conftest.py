"""End-to-end layer: the shipped configuration, driven only through the doors people use.

The demo database is built by the README's own path (scripts/build_demo_db.sh, what `make run` runs), the
real server is started on it, e-mails leave over SMTP to a real SMTP server inside the test (aiosmtpd), staff
act as their own demo logins over JSON-RPC (Odoo's external API, as the web client calls buttons), customers
follow the links of the e-mails with plain HTTP.
"""

import email
import email.policy
import html
import os
import re
import socket
import subprocess
import time

import pytest
import requests
from aiosmtpd.controller import Controller
from shoplib import ROOT, drop_db, odoo_cmd, wait_for_server

DB = os.environ.get("SHOP_E2E_DB", "shop_e2e")
PASSWORDS = {"admin": "admin"}  # demo logins: the password equals the login (README)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mailbox:
    """What the SMTP server received: parsed e-mails, in order of arrival."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        msg.rcpt_tos = list(envelope.rcpt_tos)
        self.messages.append(msg)
        return "250 OK"

    def to(self, address):
        return [m for m in self.messages if any(address.lower() in r.lower() for r in m.rcpt_tos)]

    @staticmethod
    def text(msg):
        part = msg.get_body(preferencelist=("html", "plain"))
        return part.get_content() if part else ""

    @staticmethod
    def plain(msg):
        """The body as a reader sees it: tags dropped, entities (&nbsp;, &amp;) decoded, spaces collapsed."""
        text = re.sub(r"<[^>]+>", " ", Mailbox.text(msg))
        return re.sub(r"\s+", " ", html.unescape(text))

    @staticmethod
    def attachments(msg):
        return [(p.get_filename(), p.get_content_type(), p.get_content()) for p in msg.iter_attachments()]

    @staticmethod
    def links(msg):
        return re.findall(r'href="([^"]+)"', Mailbox.text(msg))


@pytest.fixture(scope="session")
def mailbox():
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield box, controller.port
    controller.stop()


@pytest.fixture(scope="session")
def demo_db():
    """A fresh demo database, built the way `make run` builds it (SHOP_E2E_KEEP=1: keep it between runs, and
    upgrade it when the addons changed, as `make run` does)."""
    keep = os.environ.get("SHOP_E2E_KEEP")
    if not keep:
        drop_db(DB)
    env = dict(os.environ, SHOP_DB=DB)
    proc = subprocess.run(["bash", "scripts/build_demo_db.sh", DB], cwd=ROOT, env=env, capture_output=True, text=True)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-5000:]
    assert not re.search(r" (ERROR|CRITICAL) |demo data failed to install", log), log[-5000:]
    yield DB
    if not keep:
        drop_db(DB)


class RPCError(Exception):
    """An error the server answered over JSON-RPC: `name` is the exception's class (odoo.exceptions.UserError…)."""

    def __init__(self, error):
        data = error.get("data") or {}
        self.name = data.get("name", "")
        self.message = data.get("message") or error.get("message", "")
        super().__init__(f"{self.name}: {self.message}")

    @property
    def refused(self):
        """Refused as Odoo refuses a user (access, user or validation error), not a crash."""
        return self.name.rpartition(".")[2] in ("AccessError", "AccessDenied", "UserError", "ValidationError")


class Server:
    def __init__(self, url):
        self.url = url
        self._uids = {}
        self._n = 0

    def jsonrpc(self, service, method, *args):
        """Odoo's external API over JSON-RPC, as the web client's own calls travel (None allowed)."""
        self._n += 1
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": self._n,
            "params": {"service": service, "method": method, "args": list(args)},
        }
        answer = requests.post(f"{self.url}/jsonrpc", json=payload, timeout=300).json()
        if "error" in answer:
            raise RPCError(answer["error"])
        return answer.get("result")  # Odoo leaves "result" out when the method returned None

    def uid(self, login):
        if login not in self._uids:
            uid = self.jsonrpc("common", "authenticate", DB, login, PASSWORDS.get(login, login), {})
            assert uid, f"login {login} refused"
            self._uids[login] = uid
        return self._uids[login]

    def as_user(self, login):
        """Call model methods as this demo login: `srv.as_user("dono")("res.partner", "search", [[]])`."""
        uid = self.uid(login)

        def call(model, method, args=(), **kwargs):
            # as the web client does: the user's language and time zone in the context
            kwargs["context"] = {"lang": "pt_BR", "tz": "America/Sao_Paulo", **kwargs.get("context", {})}
            return self.jsonrpc(
                "object", "execute_kw", DB, uid, PASSWORDS.get(login, login), model, method, list(args), kwargs
            )

        return call

    def run_cron(self, xmlid):
        """Run a scheduled action as Odoo's cron runner would (the administrator's 'Run manually')."""
        admin = self.as_user("admin")
        module, name = xmlid.split(".")
        cron_id = admin("ir.model.data", "check_object_reference", [module, name])[1]
        admin("ir.cron", "method_direct_trigger", [[cron_id]])

    def send_queued_mail(self, mailbox, expect=0, timeout=20):
        """Let the mail queue run, then wait until the SMTP server holds at least `expect` e-mails."""
        self.run_cron("mail.ir_cron_mail_scheduler_action")
        deadline = time.time() + timeout
        while len(mailbox.messages) < expect and time.time() < deadline:
            time.sleep(0.2)


@pytest.fixture(scope="session")
def server(demo_db, mailbox):
    box, smtp_port = mailbox
    port = free_port()
    log_path = ROOT / ".runtime" / "e2e-server.log"
    cmd = odoo_cmd(
        demo_db,
        f"--db-filter=^{demo_db}$",
        f"--http-port={port}",
        "--http-interface=127.0.0.1",
        "--smtp=127.0.0.1",
        f"--smtp-port={smtp_port}",
        "--max-cron-threads=0",
        "--workers=0",
        "--log-level=info",
        "--logfile=",
    )
    with open(log_path, "w") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
        url = f"http://127.0.0.1:{port}"
        assert wait_for_server(url, proc, 120, path="/web/login"), f"server did not start: {log_path}"
        srv = Server(url)
        # the links in e-mails point to this server (the administrator's setting)
        srv.as_user("admin")("ir.config_parameter", "set_param", ["web.base.url", url])
        try:
            yield srv
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    errors = [
        line
        for line in log_path.read_text(errors="replace").splitlines()
        if re.match(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ", line)
    ]
    assert not errors, "server logged errors:\n" + "\n".join(errors[:20])
