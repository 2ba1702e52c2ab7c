"""Docker does not run here: check the scale profile of docker-compose.yml (issue 15) as files.

Profile `scale`: N Odoo nodes (prefork workers) behind nginx, reading from a streaming replica of `db`.
"""

import configparser
import re

import yaml
from shoplib import ROOT

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
SCALE = {"db-replica", "odoo-node", "proxy"}
NGINX = (ROOT / "deploy" / "nginx" / "odoo.conf").read_text()


def conf(path):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / path)
    return parser["options"]


def mounts(service):
    """{path in the container: source} of a service's volumes."""
    return {v.split(":")[1]: v.split(":")[0] for v in SERVICES[service].get("volumes", [])}


def nginx_location(path):
    match = re.search(r"location %s \{(.*?)\n    \}" % re.escape(path), NGINX, re.S)
    assert match, f"nginx has no location {path}"
    return match[1]


def test_scale_profile_services():
    in_scale = {name for name, service in SERVICES.items() if "scale" in service.get("profiles", [])}
    assert in_scale == SCALE
    # the default profile is what it was: the database and the one Odoo, without profile
    assert not SERVICES["db"].get("profiles") and not SERVICES["odoo"].get("profiles")


def test_nodes_scale_out():
    node = SERVICES["odoo-node"]
    # no host port (two nodes could not bind the same one) and no container_name: --scale works
    assert "ports" not in node and "container_name" not in node
    assert node["image"] == SERVICES["odoo"]["image"]
    assert mounts("odoo-node")["/etc/odoo/odoo.conf"] == "./deploy/odoo-scale.conf"
    assert mounts("odoo-node")["/mnt/extra-addons"] == mounts("odoo")["/mnt/extra-addons"]
    # the nodes start on an installed database and a replica that is following the primary
    assert node["depends_on"]["odoo"]["condition"] == "service_healthy"
    assert node["depends_on"]["db-replica"]["condition"] == "service_healthy"
    assert SERVICES["proxy"]["depends_on"]["odoo-node"]["condition"] == "service_healthy"


def test_shared_filestore():
    """Sessions and attachments live in the filestore: one volume for every node, so no sticky sessions."""
    volume = mounts("odoo")["/var/lib/odoo"]
    assert volume in COMPOSE["volumes"]
    assert mounts("odoo-node")["/var/lib/odoo"] == volume
    assert conf("deploy/odoo-scale.conf")["data_dir"] == "/var/lib/odoo"
    directives = "\n".join(line.split("#")[0] for line in NGINX.splitlines())
    assert not re.search(r"\b(sticky|ip_hash|hash)\b", directives)


def test_node_config_workers_and_replica():
    node = conf("deploy/odoo-scale.conf")
    assert int(node["workers"]) > 0
    assert node["max_cron_threads"] == "0", "the `odoo` service runs the scheduled actions, not every node"
    assert node["db_host"] == "db"
    assert node["db_replica_host"] == "db-replica"
    assert node["db_replica_port"] == node["db_port"] == "5432"
    assert node["proxy_mode"] == "True"
    assert node["list_db"] == "False"


def test_node_config_follows_the_production_config():
    """The node's config is config/odoo.conf but for the replica, the workers and the crons."""
    prod, node = conf("config/odoo.conf"), conf("deploy/odoo-scale.conf")
    own = {"db_replica_host", "db_replica_port", "workers", "max_cron_threads"}
    assert set(node) - own == set(prod) - own
    assert {k: node[k] for k in prod if k not in own} == {k: prod[k] for k in prod if k not in own}


def test_production_config_shows_the_replica_commented():
    """config/odoo.conf (also what `make run` derives its config from) names the replica keys commented."""
    text = (ROOT / "config" / "odoo.conf").read_text()
    assert re.search(r"^;\s*db_replica_host\s*=", text, re.M)
    assert re.search(r"^;\s*db_replica_port\s*=", text, re.M)
    assert "db_replica_host" not in conf("config/odoo.conf")


def test_proxy_routes_websocket_to_gevent():
    node = conf("deploy/odoo-scale.conf")
    assert SERVICES["proxy"]["image"].startswith("nginx:")
    assert mounts("proxy")["/etc/nginx/conf.d/default.conf"] == "./deploy/nginx/odoo.conf"
    upstreams = dict(re.findall(r"upstream (\w+) \{.*?server odoo-node:(\d+)", NGINX, re.S))
    websocket, rest = nginx_location("/websocket"), nginx_location("/")
    ws_upstream = re.search(r"proxy_pass http://(\w+);", websocket)[1]
    rest_upstream = re.search(r"proxy_pass http://(\w+);", rest)[1]
    assert upstreams[ws_upstream] == node["gevent_port"]
    assert upstreams[rest_upstream] == node["http_port"]
    assert "proxy_set_header Upgrade $http_upgrade;" in websocket
    assert "proxy_http_version 1.1;" in websocket
    # what proxy_mode reads
    assert "X-Forwarded-For" in NGINX and "X-Forwarded-Host" in NGINX and "X-Forwarded-Proto" in NGINX


def test_replication_by_init_scripts():
    primary = (ROOT / "deploy" / "postgres" / "primary" / "10-replication.sh").read_text()
    assert mounts("db")["/docker-entrypoint-initdb.d"] == "./deploy/postgres/primary"
    assert "REPLICATION LOGIN" in primary
    assert re.search(r"host replication \$REPLICATION_USER", primary)
    replica = SERVICES["db-replica"]
    assert replica["image"] == SERVICES["db"]["image"]
    script_path = replica["entrypoint"][-1]
    script = (ROOT / mounts("db-replica")[script_path]).read_text()
    assert re.search(r"pg_basebackup .*-R", script.replace("\\\n", " "))
    assert "exec docker-entrypoint.sh" in script
    assert replica["environment"]["PRIMARY_HOST"] == "db"
    assert replica["environment"]["REPLICATION_USER"] == SERVICES["db"]["environment"]["REPLICATION_USER"]
    assert replica["environment"]["REPLICATION_PASSWORD"] == SERVICES["db"]["environment"]["REPLICATION_PASSWORD"]
    assert mounts("db-replica")["/var/lib/postgresql/data"] != mounts("db")["/var/lib/postgresql/data"]
    assert "pg_is_in_recovery()" in replica["healthcheck"]["test"][-1]
