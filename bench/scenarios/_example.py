"""Template of a bench scenario (files starting with _ are not run)."""

ADDONS = ["shop_base"]


def populate(env, scale):
    pass


def run(env, bench):
    bench.measure("select 1", lambda: env.cr.execute("SELECT 1"))
