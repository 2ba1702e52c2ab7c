# Copyright 2026 Shop Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Shop Suite: base",
    "summary": "Common base of the shop suite: the Loja root menu and the shop owner group.",
    "version": "18.0.1.2.0",
    "category": "Hidden",
    "license": "LGPL-3",
    "author": "Shop Suite",
    "website": "https://github.com/shop-suite/shop-suite",
    "depends": ["base", "mail", "report_xlsx"],
    "data": [
        "security/shop_base_groups.xml",
        "security/ir.model.access.csv",
        "wizards/shop_user_wizard_views.xml",
        "views/res_partner_views.xml",
        "views/shop_base_menus.xml",
    ],
    "demo": ["demo/res_users_demo.xml"],
}
