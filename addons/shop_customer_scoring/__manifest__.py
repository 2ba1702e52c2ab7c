# Copyright 2026 Shop Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Shop Suite: customer scoring",
    "summary": "Good customers and debtors: scores, debt reminders, promotions and the owner's gains-and-losses dashboard.",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "Shop Suite",
    "website": "https://github.com/shop-suite/shop-suite",
    "depends": ["shop_base", "account", "sale_management", "stock_account", "loyalty", "report_xlsx"],
    "data": ["security/ir.model.access.csv"],
    "demo": [],
    "installable": True,
    "application": True,
}
