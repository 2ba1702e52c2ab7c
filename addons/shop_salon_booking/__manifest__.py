# Copyright 2026 Shop Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Shop Suite: salon online booking",
    "summary": "Clients book the salon online, get reminders, cancel or reschedule by link; no-shows count in the "
    "customer's score.",
    "version": "18.0.1.0.0",
    "category": "Services",
    "license": "LGPL-3",
    "author": "Shop Suite",
    "website": "https://github.com/shop-suite/shop-suite",
    "depends": ["shop_salon_schedule", "shop_customer_scoring", "portal", "resource"],
    "data": [
        "security/ir.model.access.csv",
        "security/salon_booking_security.xml",
        "data/mail_template_data.xml",
        "data/salon_reminder_data.xml",
        "views/salon_appointment_views.xml",
        "views/product_template_views.xml",
        "views/salon_booking_settings_views.xml",
        "views/salon_booking_templates.xml",
        "views/salon_portal_templates.xml",
        "views/shop_salon_booking_menus.xml",
        "report/salon_blacklist_report_views.xml",
    ],
    "demo": ["demo/salon_booking_demo.xml"],
    "assets": {
        "web.assets_frontend": ["shop_salon_booking/static/src/**/*"],
        "web.assets_tests": ["shop_salon_booking/static/tests/tours/*.js"],
    },
}
