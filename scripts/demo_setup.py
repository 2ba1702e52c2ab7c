"""Make the demo database Brazilian: company in Brazil with BRL, users in pt_BR (dd/mm/yyyy).

Usage: demo_setup.py DB company|users
  company: run after base is installed and before accounting, so the chart of accounts and
           the currency are Brazilian from the start;
  users:   run after the addons are installed: every user speaks pt_BR.
"""

import sys

from shoplib import odoo_env


def main(db, phase):
    with odoo_env(db) as env:
        lang = env["res.lang"].with_context(active_test=False).search([("code", "=", "pt_BR")])
        lang.write({"active": True, "date_format": "%d/%m/%Y"})
        brl = env.ref("base.BRL")
        company = env.ref("base.main_company")
        address = {
            "name": "Loja Exemplo Ltda",
            "street": "Rua Augusta, 1500",
            "city": "São Paulo",
            "zip": "01304-001",
            "state_id": env.ref("base.state_br_sp").id,
            "email": "contato@loja.example.com",
            "phone": "+55 11 3000-0000",
        }
        if phase == "company":
            brl.active = True
            company.write({**address, "country_id": env.ref("base.br").id, "currency_id": brl.id})
            company.partner_id.lang = "pt_BR"
        elif company.name != address["name"]:  # other modules' demo data rename the main company
            company.write(address)
        if phase == "users":
            users = env["res.users"].with_context(active_test=False).search([])
            users.write({"lang": "pt_BR", "tz": "America/Sao_Paulo"})
            users.partner_id.write({"lang": "pt_BR"})


if __name__ == "__main__":
    main(*sys.argv[1:3])
