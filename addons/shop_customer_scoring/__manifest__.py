# Copyright 2026 Shop Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Shop Suite: customer scoring",
    "summary": "Good customers and debtors: scores, debt reminders, promotions and the owner's gains-and-losses "
    "dashboard.",
    "version": "18.0.1.1.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "Shop Suite",
    "website": "https://github.com/shop-suite/shop-suite",
    "depends": ["shop_base", "account", "stock_account", "loyalty", "sales_team", "report_xlsx"],
    "data": [
        "security/ir.model.access.csv",
        "security/shop_profit_report_security.xml",
        "data/ir_config_parameter_data.xml",
        "data/loyalty_program_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/product_category_views.xml",
        "report/shop_profit_report_views.xml",
        "report/shop_customer_product_report_views.xml",
        "report/shop_profit_dashboard_xlsx.xml",
        "wizards/shop_profit_dashboard_views.xml",
        "wizards/shop_scoring_settings_views.xml",
        "wizards/shop_promotion_send_views.xml",
        "views/shop_customer_scoring_menus.xml",
    ],
    "demo": ["demo/account_move_demo.xml"],
    "assets": {
        "web.assets_backend": ["shop_customer_scoring/static/src/**/*"],
        "web.assets_tests": ["shop_customer_scoring/static/tests/tours/*.js"],
    },
    "application": True,
}
