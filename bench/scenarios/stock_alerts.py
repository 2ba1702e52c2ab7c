"""Stock alerts: the sweep cron against Odoo's own replenishment computation, same data, same run.

Data: 50 000 storable products (scale 1.0) with a reordering rule each (min 5, max 20) in the main
warehouse, 10 units on hand for 99 % of them (so 1 % are low and get an alert).
"""

from odoo.tools import SQL

ADDONS = ["shop_stock_alerts"]


def populate(env, scale):
    n = max(int(50_000 * scale), 200)
    warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
    Template = env["product.template"].with_context(tracking_disable=True)
    for start in range(0, n, 2000):
        Template.create(
            [{"name": f"Bench product {i}", "is_storable": True} for i in range(start, min(n, start + 2000))]
        )
        env.cr.commit()
    env.cr.execute(
        SQL(
            """
            INSERT INTO stock_warehouse_orderpoint (name, product_id, warehouse_id, location_id, company_id,
                   product_min_qty, product_max_qty, qty_multiple, trigger, active, create_uid, write_uid,
                   create_date, write_date)
            SELECT 'OP/' || pp.id, pp.id, %(wh)s, %(loc)s, %(company)s, 5, 20, 1, 'manual', true, 1, 1, now(), now()
              FROM product_product pp JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE pt.name->>'en_US' LIKE %(pattern)s
            """,
            wh=warehouse.id,
            loc=warehouse.lot_stock_id.id,
            company=env.company.id,
            pattern="Bench product %",
        )
    )
    env.cr.execute(
        SQL(
            """
            INSERT INTO stock_quant (product_id, location_id, company_id, quantity, reserved_quantity, in_date,
                   create_uid, write_uid, create_date, write_date)
            SELECT pp.id, %(loc)s, %(company)s, 10, 0, now(), 1, 1, now(), now()
              FROM product_product pp JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE pt.name->>'en_US' LIKE %(pattern)s AND mod(pp.id, 100) <> 0
            """,
            loc=warehouse.lot_stock_id.id,
            company=env.company.id,
            pattern="Bench product %",
        )
    )
    env.cr.commit()


def run(env, bench):
    Orderpoint = env["stock.warehouse.orderpoint"]
    Alert = env["shop.stock.alert"]
    # the sweep handles one batch per call (Odoo's cron protocol); one batch of every rule here, so that each
    # measure is the whole sweep, comparable with Odoo's computation over all the rules
    env["ir.config_parameter"].set_param("shop_stock_alerts.sweep_batch_size", str(10**7))
    env.cr.commit()  # the measures roll back to here

    def odoo_replenishment():
        orderpoints = Orderpoint.search([("name", "like", "OP/")])
        orderpoints._compute_qty_to_order_computed()

    def nothing_low():
        env.cr.execute("UPDATE stock_warehouse_orderpoint SET product_min_qty = 0 WHERE mod(product_id, 100) = 0")

    def sweep_all_quiet():
        nothing_low()
        Alert._cron_check_stock_alerts()

    def sweep_tenth_quiet():
        nothing_low()
        env.cr.execute(
            "UPDATE stock_warehouse_orderpoint SET active = false WHERE name LIKE 'OP/%' AND mod(id, 10) <> 0"
        )
        Alert._cron_check_stock_alerts()

    bench.measure("Odoo qty_to_order computation (baseline)", odoo_replenishment, warmup=False)
    bench.measure("sweep cron, 1 % low: opens their alerts", Alert._cron_check_stock_alerts, warmup=False)
    bench.measure("sweep cron, nothing low, all rules", sweep_all_quiet, warmup=False)
    bench.measure("sweep cron, nothing low, a tenth", sweep_tenth_quiet, warmup=False)
    bench.check_ratio("sweep cron, 1 % low: opens their alerts", "Odoo qty_to_order computation (baseline)", limit=1.0)
    bench.check_queries_constant("sweep cron, nothing low, a tenth", "sweep cron, nothing low, all rules", slack=2)
