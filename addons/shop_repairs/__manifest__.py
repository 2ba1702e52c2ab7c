# Copyright 2026 Shop Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Shop Suite: repairs",
    "summary": "Repair bench: device intake, diagnosis deadlines, quotes the customer accepts or declines on the portal.",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "license": "LGPL-3",
    "author": "Shop Suite",
    "website": "https://github.com/shop-suite/shop-suite",
    "depends": ["shop_base", "repair", "sale_management", "portal", "product_brand"],
    "data": ["security/ir.model.access.csv"],
    "demo": [],
    "installable": True,
    "application": True,
}
