# Copyright 2026 Shop Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Shop Suite: Pix",
    "summary": "Pix QR code and copy-and-paste code of each overdue invoice in the debt reminder e-mail and on "
    "the customer portal's invoice page.",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "license": "LGPL-3",
    "author": "Shop Suite",
    "website": "https://github.com/shop-suite/shop-suite",
    "depends": ["shop_customer_scoring", "l10n_br"],
    "data": [
        "data/mail_template_data.xml",
        "views/account_portal_templates.xml",
    ],
    "demo": ["demo/res_partner_bank_demo.xml"],
    "post_init_hook": "post_init_hook",
    "assets": {
        "web.assets_frontend": ["shop_pix/static/src/js/*.js"],
        "web.assets_tests": ["shop_pix/static/tests/tours/*.js"],
    },
}
