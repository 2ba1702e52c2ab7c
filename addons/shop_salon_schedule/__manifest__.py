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
    "depends": ["shop_base", "hr", "account", "product", "mail", "calendar", "partner_contact_gender", "report_xlsx"],
    "data": ["security/ir.model.access.csv"],
    "demo": [],
    "installable": True,
    "application": True,
}
