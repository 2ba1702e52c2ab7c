"""The role matrix (role_matrix.csv): what each role may do on each model, checked cell by cell as a user of
exactly that role, over XML-RPC with that role's own login, on the demo database.

A cell is `1` (allowed) or `0` (refused) for create/read/write/unlink (Odoo's access rights, asked with the
public `has_access`), and for the special actions of role_actions.csv, each tried for real through its
public method. To review a change of rights: `SHOP_ROLE_MATRIX_WRITE=1 pytest -p no:odoo tests/e2e -k matrix`
rewrites the CSV from what the server answers, and `git diff` shows what changed.
"""

import csv
import os
from pathlib import Path

import pytest

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
