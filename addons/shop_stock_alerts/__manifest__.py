# Copyright 2026 Shop Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Shop Suite: stock alerts",
    "summary": "Brands, minimum stock on the product form, low-stock alerts and one-form purchase RFQs e-mailed to suppliers.",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "license": "LGPL-3",
    "author": "Shop Suite",
    "website": "https://github.com/shop-suite/shop-suite",
    "depends": ["shop_base", "stock", "purchase_stock", "product_brand"],
    "data": ["security/ir.model.access.csv"],
    "demo": [],
    "installable": True,
    "application": True,
}
