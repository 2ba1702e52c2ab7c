# Copyright 2026 Shop Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Shop Suite: repairs",
    "summary": "Repair bench: device intake, diagnosis deadlines, quotes the customer accepts or declines on "
    "the portal.",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "license": "LGPL-3",
    "author": "Shop Suite",
    "website": "https://github.com/shop-suite/shop-suite",
    "depends": ["shop_base", "repair", "sale_management", "portal", "product_brand"],
    "data": [
        "security/shop_repairs_groups.xml",
        "security/ir.model.access.csv",
        "security/repair_order_security.xml",
        "data/ir_config_parameter_data.xml",
        "data/stock_location_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "views/repair_order_views.xml",
        "views/repair_order_whatsapp_views.xml",
        "views/repair_order_templates.xml",
        "views/sale_order_views.xml",
        "views/shop_repairs_portal_templates.xml",
        "views/res_partner_views.xml",
        "wizards/shop_repair_settings_views.xml",
        "views/shop_repairs_menus.xml",
        "report/repair_receipt_reports.xml",
    ],
    "demo": ["demo/repair_order_demo.xml"],
    "assets": {
        "web.assets_tests": ["shop_repairs/static/tests/tours/*.js"],
    },
    "application": True,
}
