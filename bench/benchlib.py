"""Helpers the scenarios share to build large data sets with SQL copies of records made through the ORM."""

from odoo.tools import SQL


def columns(env, table, exclude=()):
    """The table's columns but `id` and `exclude`."""
    env.cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name <> ALL(%s)",
        [table, ["id", *exclude]],
    )
    return [c for (c,) in env.cr.fetchall()]


def copy_sql(env, table, overrides):
    """(column names, values) for `INSERT INTO table (names) SELECT values FROM table t ...`: every column of
    the template row `t`, but those of `overrides` ({column: SQL expression})."""
    kept = columns(env, table, list(overrides))
    names = SQL(", ").join(SQL.identifier(c) for c in [*kept, *overrides])
    values = SQL(", ").join([*(SQL.identifier("t", c) for c in kept), *overrides.values()])
    return names, values


def copy_rows(env, table, template, rows, overrides):
    """Copy the row of `table` (aliased t) whose id is `template`, or every row matching `template` when it is
    SQL (a condition on t), once per row of `rows` (SQL FROM items, such as series()); the columns of
    `overrides` ({column: SQL expression over t and rows}) computed, the others kept."""
    names, values = copy_sql(env, table, overrides)
    where = template if isinstance(template, SQL) else SQL("t.id = %s", template)
    env.cr.execute(
        SQL(
            "INSERT INTO %s (%s) SELECT %s FROM %s t, %s WHERE %s",
            SQL.identifier(table),
            names,
            values,
            SQL.identifier(table),
            rows,
            where,
        )
    )


def series(env, count, partners=None):
    """FROM items of `count` rows numbered g = 1..count; with partners (a table (k, id) of copy_partners), the
    g-th row also has the partner bp, row g mod size of that table."""
    rows = SQL("generate_series(1, %s) g", count)
    if not partners:
        return rows
    env.cr.execute(SQL("SELECT COUNT(*) FROM %s", SQL.identifier(partners)))
    return SQL("%s JOIN %s bp ON bp.k = mod(g, %s)", rows, SQL.identifier(partners), env.cr.fetchone()[0])


def copy_invoices(env, template, count, prefix, partner_table, day, paid=None):
    """`count` posted copies of the posted invoice `template` (with all its lines), named prefix || g.

    partner_table: a table (k, id) of partners, the g-th copy going to partner k = g mod its size;
    day: SQL expression of the invoice date from g; paid: SQL condition on g for a paid copy (default none)."""
    paid = paid or SQL("false")
    copy_rows(
        env,
        "account_move",
        template.id,
        series(env, count, partner_table),
        {
            "name": SQL("%s || g", prefix),
            "partner_id": SQL("bp.id"),
            "commercial_partner_id": SQL("bp.id"),
            "invoice_date": day,
            "date": day,
            "invoice_date_due": SQL("%s + 30", day),
            "amount_residual": SQL("CASE WHEN %s THEN 0 ELSE t.amount_total END", paid),
            "amount_residual_signed": SQL("CASE WHEN %s THEN 0 ELSE t.amount_total_signed END", paid),
            "payment_state": SQL("CASE WHEN %s THEN 'paid' ELSE 'not_paid' END", paid),
            "sequence_number": SQL("g"),
        },
    )
    moves = SQL(
        "(SELECT m.id, m.name, m.partner_id, m.date, m.invoice_date_due, m.payment_state = 'paid' AS paid "
        "FROM account_move m WHERE m.name LIKE %s)",
        f"{prefix}%",
    )
    is_term = SQL("t.display_type = 'payment_term'")
    copy_rows(
        env,
        "account_move_line",
        SQL("t.move_id = %s", template.id),
        SQL("%s m", moves),
        {
            "move_id": SQL("m.id"),
            "move_name": SQL("m.name"),
            "partner_id": SQL("m.partner_id"),
            "date": SQL("m.date"),
            "invoice_date": SQL("m.date"),
            "date_maturity": SQL("CASE WHEN %s THEN m.invoice_date_due ELSE t.date_maturity END", is_term),
            "amount_residual": SQL("CASE WHEN %s AND NOT m.paid THEN t.balance ELSE 0 END", is_term),
            "amount_residual_currency": SQL("CASE WHEN %s AND NOT m.paid THEN t.amount_currency ELSE 0 END", is_term),
            "reconciled": SQL("%s AND m.paid", is_term),
            "full_reconcile_id": SQL("NULL::int"),
            "matching_number": SQL("NULL::varchar"),
        },
    )


def copy_partners(env, template, count, name_prefix, table, extra=None):
    """`count` copies of the partner `template` named name_prefix || g, listed in a temp table (k, id)."""
    overrides = {"name": SQL("%s || g", name_prefix), **(extra or {})}
    copy_rows(env, "res_partner", template.id, series(env, count), overrides)
    env.cr.execute(SQL("UPDATE res_partner SET commercial_partner_id = id WHERE name LIKE %s", f"{name_prefix}%"))
    env.cr.execute(
        SQL(
            "CREATE TEMP TABLE %s AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id FROM res_partner "
            "WHERE name LIKE %s",
            SQL.identifier(table),
            f"{name_prefix}%",
        )
    )
