import { registry } from "@web/core/registry";

// A salon user with billing and agenda logs in through the login form (in pt_BR), reads the welcome page with
// both kinds of pending work, enters the web client, tries to log out, is shown what is pending, and leaves anyway.
registry.category("web_tour.tours").add("shop_salon_login_logout", {
    steps: () => [
        { content: "Login", trigger: ".oe_login_form input[name=login]", run: "edit multi_tour" },
        { content: "Password", trigger: ".oe_login_form input[name=password]", run: "edit multi_tour" },
        { content: "Log in", trigger: ".oe_login_form button[type=submit]", run: "click" },
        {
            content: "The welcome page names the permissions, in Portuguese",
            trigger: ".o_salon_welcome:contains('Suas permissões') .o_salon_groups:contains('Faturamento'):contains('Agenda')",
        },
        { content: "One pending sales record", trigger: ".o_salon_welcome .o_salon_pending_invoices:contains('1')" },
        { content: "One pending appointment", trigger: ".o_salon_welcome .o_salon_pending_appointments:contains('1')" },
        { content: "Enter the web client", trigger: ".o_salon_continue", run: "click" },
        { content: "Open the user menu", trigger: ".o_user_menu .dropdown-toggle", run: "click" },
        { content: "Log out", trigger: ".dropdown-item[data-menu=logout]", run: "click" },
        {
            content: "Before leaving, what is pending is listed",
            trigger: ".o_salon_logout:contains('Antes de sair') .o_salon_pending_invoices:contains('1')",
        },
        { trigger: ".o_salon_logout .o_salon_pending_appointments:contains('1')" },
        { content: "Log out anyway", trigger: ".o_salon_logout_anyway:contains('Sair mesmo assim')", run: "click" },
        { content: "Logged out: back on the login form", trigger: ".oe_login_form input[name=login]" },
    ],
});
