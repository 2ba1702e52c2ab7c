"""Docker does not run here: check docker-compose.yml and its Dockerfile as files."""

import configparser
from pathlib import Path

import yaml
from shoplib import ROOT

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def odoo_conf():
    conf = configparser.ConfigParser(interpolation=None)
    conf.read(ROOT / "config" / "odoo.conf")
    return conf["options"]


def test_images():
    services = COMPOSE["services"]
    assert services["db"]["image"] == "postgres:16"
    dockerfile = (ROOT / services["odoo"]["build"] / "Dockerfile").read_text()
    assert dockerfile.splitlines()[1].strip() == "FROM odoo:18" or "FROM odoo:18\n" in dockerfile


def test_oca_addons_of_requirements_in_image():
    dockerfile = (ROOT / "Dockerfile").read_text()
    reqs = [
        line.split("==")[0]
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if line.startswith("odoo-addon-")
    ]
    assert reqs
    for req in reqs:
        assert f'"{req}==18.0.*"' in dockerfile, req


def test_mounted_paths_exist():
    for name, service in COMPOSE["services"].items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith((".", "/")):
                assert (ROOT / source).exists(), f"{name} mounts missing {source}"
            else:
                assert source in COMPOSE["volumes"], f"{name} uses undeclared volume {source}"


def test_named_volumes_for_database_and_filestore():
    db_mounts = [v.split(":")[1] for v in COMPOSE["services"]["db"]["volumes"]]
    odoo_mounts = {v.split(":")[1]: v.split(":")[0] for v in COMPOSE["services"]["odoo"]["volumes"]}
    assert "/var/lib/postgresql/data" in db_mounts
    assert odoo_mounts["/var/lib/odoo"] in COMPOSE["volumes"]
    assert odoo_conf()["data_dir"] == "/var/lib/odoo"


def test_addons_path_matches_config():
    mounts = {v.split(":")[1]: v.split(":")[0] for v in COMPOSE["services"]["odoo"]["volumes"]}
    assert mounts["/etc/odoo/odoo.conf"] == "./config/odoo.conf"
    for path in odoo_conf()["addons_path"].split(","):
        assert path.strip() in mounts, f"addons path {path} is not mounted"
        assert (ROOT / mounts[path.strip()]).is_dir()


def test_database_settings_match():
    conf = odoo_conf()
    env = COMPOSE["services"]["db"]["environment"]
    assert conf["db_host"] == "db"
    assert conf["db_user"] == env["POSTGRES_USER"] and conf["db_password"] == env["POSTGRES_PASSWORD"]


def test_health_checks():
    for service in COMPOSE["services"].values():
        assert service["healthcheck"]["test"]
    assert COMPOSE["services"]["odoo"]["depends_on"]["db"]["condition"] == "service_healthy"


def test_production_config():
    conf = odoo_conf()
    assert conf["list_db"] == "False"
    assert conf["proxy_mode"] == "True"
    assert int(conf["workers"]) >= 2
    assert conf["admin_passwd"]
    assert "/root" not in Path(ROOT / "config" / "odoo.conf").read_text()
