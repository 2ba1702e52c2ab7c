# Copyright 2026 Shop Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Shop Suite: stock alerts",
    "summary": "Brands, minimum stock on the product form, low-stock alerts and one-form purchase RFQs "
    "e-mailed to suppliers.",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "license": "LGPL-3",
    "author": "Shop Suite",
    "website": "https://github.com/shop-suite/shop-suite",
    "depends": ["shop_base", "purchase_stock", "sale_stock", "product_brand", "report_xlsx"],
    "data": [
        "security/shop_stock_alerts_groups.xml",
        "security/ir.model.access.csv",
        "security/shop_stock_alert_security.xml",
        "data/ir_cron_data.xml",
        "views/shop_stock_alert_views.xml",
        "views/product_template_views.xml",
        "views/res_partner_views.xml",
        "views/purchase_order_views.xml",
        "report/purchase_report_views.xml",
        "report/shop_stock_low_report_views.xml",
        "report/shop_stock_low_report_xlsx.xml",
        "wizards/shop_reorder_wizard_views.xml",
        "views/shop_stock_alerts_menus.xml",
    ],
    "demo": ["demo/product_demo.xml"],
    "assets": {
        "web.assets_tests": ["shop_stock_alerts/static/tests/tours/*.js"],
    },
    "application": True,
}
