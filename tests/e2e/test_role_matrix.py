"""The role matrix (role_matrix.csv): what each role may do on each model, checked cell by cell as a user of
exactly that role, over JSON-RPC (Odoo's external API) with that role's own login, on the demo database.

A cell is `1` (allowed) or `0` (refused) for create/read/write/unlink (Odoo's access rights, asked with the
public `has_access`), and for the special actions of role_actions.csv, each tried for real through its
public method. To review a change of rights: `SHOP_ROLE_MATRIX_WRITE=1 pytest -p no:odoo tests/e2e -k matrix`
rewrites the CSV from what the server answers, and `git diff` shows what changed.
"""

import csv
import os
from pathlib import Path

import pytest

from .conftest import RPCError
from .test_flows import ref

HERE = Path(__file__).parent
MATRIX = HERE / "role_matrix.csv"
OPERATIONS = ("create", "read", "write", "unlink")
# role -> (login, groups): a demo login of `make run`, or a user the administrator makes with exactly these groups
ROLES = {
    "owner": ("dono", None),
    "technician": ("tecnico", None),
    "billing": ("caixa", None),
    "agenda": ("agenda", None),
    "registry": ("cadastro", None),
    "portal_customer": ("cliente", None),
    "repair_manager": ("e2e_gerente", ["base.group_user", "shop_repairs.group_repair_manager"]),
    "statistics": ("e2e_estatisticas", ["base.group_user", "shop_salon_schedule.group_salon_statistics"]),
    "salon_cancel": ("e2e_cancela", ["base.group_user", "shop_salon_schedule.group_salon_cancel"]),
    "salon_root": ("e2e_root", ["base.group_user", "shop_salon_schedule.group_salon_root"]),
    "buyer": ("e2e_comprador", ["base.group_user", "purchase.group_purchase_user"]),
    "salesperson": ("e2e_vendedor", ["base.group_user", "sales_team.group_sale_salesman"]),
    "billing_and_agenda": (
        "e2e_caixa_agenda",
        ["shop_salon_schedule.group_salon_billing", "shop_salon_schedule.group_salon_agenda"],
    ),
}
MODELS = [
    "res.users",
    "res.groups",
    "ir.rule",
    "ir.model.access",
    "ir.config_parameter",
    "res.partner",
    "hr.employee",
    "product.template",
    "sale.order",
    "account.move",
    "purchase.order",
    "repair.order",
    "shop.stock.alert",
    "salon.appointment",
    "salon.sales.report",
    "shop.user.wizard",
]


def read_matrix():
    with open(MATRIX, newline="") as f:
        return {(row["role"], row["model"]): row for row in csv.DictReader(f)}


@pytest.fixture(scope="module")
def role_users(server):
    admin = server.as_user("admin")
    for login, groups in ROLES.values():
        if groups and not admin("res.users", "search", [[("login", "=", login)]]):
            group_ids = [ref(server, g) for g in groups]
            admin(
                "res.users",
                "create",
                [{"name": login, "login": login, "password": login, "groups_id": [(6, 0, group_ids)]}],
            )
    return {role: server.as_user(login) for role, (login, _groups) in ROLES.items()}


def actual(role_users):
    rows = []
    for role, call in role_users.items():
        for model in MODELS:
            rows.append(
                {
                    "role": role,
                    "model": model,
                    **{op: str(int(bool(call(model, "has_access", [[], op])))) for op in OPERATIONS},
                }
            )
    return rows


def test_role_matrix(role_users):
    rows = actual(role_users)
    if os.environ.get("SHOP_ROLE_MATRIX_WRITE"):
        with open(MATRIX, "w", newline="") as f:
            writer = csv.DictWriter(f, ["role", "model", *OPERATIONS], lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    expected = read_matrix()
    mismatches = []
    for row in rows:
        want = expected.get((row["role"], row["model"]))
        assert want, f"role_matrix.csv has no row for {row['role']} × {row['model']}"
        for op in OPERATIONS:
            if row[op] != want[op]:
                mismatches.append(f"{row['role']} × {row['model']} × {op}: server {row[op]}, matrix {want[op]}")
    assert not mismatches, "\n".join(mismatches)
    assert len(rows) * len(OPERATIONS) == len(expected) * len(OPERATIONS)


def test_no_role_is_an_odoo_administrator(server, role_users):
    """Issue 11.1: no shop role holds Odoo's Access Rights or Settings groups."""
    admin = server.as_user("admin")
    for role, (login, _groups) in ROLES.items():
        user = admin("res.users", "search_read", [[("login", "=", login)], ["id"]])[0]["id"]
        for group in ("base.group_erp_manager", "base.group_system"):
            group_id = ref(server, group)
            members = admin("res.groups", "read", [[group_id], ["users"]])[0]["users"]
            assert user not in members, f"{role} ({login}) holds {group}"


# ---------------------------------------------------------------- special actions, tried for real
ACTIONS_FILE = HERE / "role_actions.csv"


def _allowed(fn):
    """Run an action; True when the server did it, False when it refused it as Odoo refuses a user (access,
    user or validation error). Any other error is a bug: it is raised."""
    try:
        fn()
    except RPCError as exc:
        if exc.refused:
            return False
        raise
    return True


class Actions:
    """Each special action as a person does it: the button's public method, called as the role's user.
    Every attempt works on its own fresh record, made by the administrator."""

    def __init__(self, server):
        self.server = server
        self.admin = server.as_user("admin")
        self.n = 0

    def _uniq(self, prefix):
        self.n += 1
        return f"{prefix} {os.getpid()}-{self.n}"

    def manage_users(self, call):
        wizard = call("shop.user.wizard", "create", [{"name": "Novo", "login": self._uniq("novo").replace(" ", "_")}])
        call("shop.user.wizard", "action_apply", [[wizard]])

    def give_admin_group(self, call):
        login = self._uniq("adm").replace(" ", "_")
        group = ref(self.server, "base.group_system")
        wizard = call("shop.user.wizard", "create", [{"name": "X", "login": login, "group_ids": [(6, 0, [group])]}])
        call("shop.user.wizard", "action_apply", [[wizard]])

    def save_scoring_settings(self, call):
        wizard = call("shop.scoring.settings", "create", [{}])
        call("shop.scoring.settings", "action_save", [[wizard]])

    def save_repair_settings(self, call):
        wizard = call("shop.repair.settings", "create", [{}])
        call("shop.repair.settings", "action_save", [[wizard]])

    def recompute_scores(self, call):
        partner = self.admin("res.partner", "create", [{"name": self._uniq("Score")}])
        call("res.partner", "action_shop_compute_score", [[partner]])

    def make_client_loyal(self, call):
        partner = self.admin("res.partner", "create", [{"name": self._uniq("Fiel")}])
        call("res.partner", "write", [[partner], {"salon_loyal": True}])

    def trust_supplier(self, call):
        partner = self.admin("res.partner", "create", [{"name": self._uniq("Fornecedor")}])
        field = "shop_auto_reorder"
        fields = self.admin("res.partner", "fields_get", [[field]])
        assert field in fields, f"no field {field} on res.partner"
        call("res.partner", "write", [[partner], {field: True}])

    def _salon_record(self, post):
        move = self.admin(
            "account.move",
            "create",
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": ref(self.server, "shop_salon_schedule.client_salon_male_demo"),
                    "invoice_line_ids": [
                        (
                            0,
                            0,
                            {
                                "product_id": ref(self.server, "shop_salon_schedule.service_haircut_demo"),
                                "salon_employee_id": ref(self.server, "shop_salon_schedule.employee_stylist_demo"),
                                "price_unit": 50,
                            },
                        )
                    ],
                }
            ],
        )
        if post:
            self.admin("account.move", "action_post", [[move]])
        return move

    def emit_salon_record(self, call):
        call("account.move", "action_post", [[self._salon_record(post=False)]])

    def cancel_salon_record(self, call):
        call("account.move", "button_cancel", [[self._salon_record(post=True)]])

    def void_salon_record_by_context(self, call):
        move = self._salon_record(post=True)
        call("account.move", "write", [[move], {"state": "cancel"}], context={"salon_cancelling": True})

    def start_unaccepted_repair(self, call):
        repair = self.admin(
            "repair.order",
            "create",
            [
                {
                    "partner_id": ref(self.server, "shop_repairs.partner_customer_demo"),
                    "product_id": ref(self.server, "shop_repairs.product_device_demo"),
                    "shop_diagnosis": "Teste",
                    "shop_delivery_date": "2099-01-01 12:00:00",
                    "shop_labor_ids": [(0, 0, {"product_id": ref(self.server, "shop_repairs.product_labor_demo")})],
                }
            ],
        )
        self.admin("repair.order", "action_send_quote", [[repair]])
        call("repair.order", "action_repair_start", [[repair]])

    def write_quote_state(self, call):
        repair = self.admin(
            "repair.order",
            "create",
            [
                {
                    "partner_id": ref(self.server, "shop_repairs.partner_customer_demo"),
                    "product_id": ref(self.server, "shop_repairs.product_device_demo"),
                }
            ],
        )
        call("repair.order", "write", [[repair], {"quote_state": "accepted"}])


def test_role_actions(server, role_users):
    actions = Actions(server)
    names = [n for n in vars(Actions) if not n.startswith("_")]
    rows = [
        {"role": role, "action": name, "allowed": str(int(_allowed(lambda c=call, n=name: getattr(actions, n)(c))))}
        for role, call in role_users.items()
        for name in names
    ]
    if os.environ.get("SHOP_ROLE_MATRIX_WRITE"):
        with open(ACTIONS_FILE, "w", newline="") as f:
            writer = csv.DictWriter(f, ["role", "action", "allowed"], lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    with open(ACTIONS_FILE, newline="") as f:
        expected = {(r["role"], r["action"]): r["allowed"] for r in csv.DictReader(f)}
    mismatches = [
        f"{r['role']} × {r['action']}: server {r['allowed']}, matrix {expected.get((r['role'], r['action']))}"
        for r in rows
        if expected.get((r["role"], r["action"])) != r["allowed"]
    ]
    assert not mismatches, "\n".join(mismatches)
