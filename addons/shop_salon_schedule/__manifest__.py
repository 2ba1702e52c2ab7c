# Copyright 2026 Shop Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Shop Suite: beauty salon",
    "summary": "Beauty salon: permissions, agenda, billing from appointments, loyalty discounts and statistics.",
    "version": "18.0.1.0.0",
    "category": "Services",
    "license": "LGPL-3",
    "author": "Shop Suite",
    "website": "https://github.com/shop-suite/shop-suite",
    "depends": ["shop_base", "hr", "account", "product", "mail", "partner_contact_gender"],
    "data": [
        "security/shop_salon_schedule_groups.xml",
        "security/ir.model.access.csv",
        "security/salon_appointment_security.xml",
        "data/ir_cron_data.xml",
        "views/salon_appointment_views.xml",
        "views/salon_session_templates.xml",
        "views/account_move_views.xml",
        "views/res_partner_views.xml",
        "views/product_template_views.xml",
        "report/salon_sales_report_views.xml",
        "report/salon_blacklist_report_views.xml",
        "wizards/salon_invoice_query_views.xml",
        "views/shop_salon_schedule_menus.xml",
    ],
    "demo": ["demo/salon_demo.xml"],
    "assets": {
        "web.assets_tests": ["shop_salon_schedule/static/tests/tours/*.js"],
    },
    "application": True,
}
