import { registry } from "@web/core/registry";

/** The dashboard opens on this month: its first day as dd/mm/aaaa. */
function firstOfThisMonth() {
    const today = new Date();
    return `01/${String(today.getMonth() + 1).padStart(2, "0")}/${today.getFullYear()}`;
}

registry.category("web_tour.tours").add("shop_profit_dashboard_drilldown", {
    url: "/odoo/action-shop_customer_scoring.shop_profit_dashboard_client_action",
    steps: () => [
        {
            content: "The dashboard (a read-only client action) speaks Portuguese",
            trigger: ".o_shop_profit_dashboard span:contains('Período') ~ .o_shop_date_from input",
        },
        {
            content: "Its period is in the user's date format (dd/mm/aaaa)",
            trigger: `.o_shop_date_from input:value("${firstOfThisMonth()}")`,
        },
        {
            content: "The card labels come translated from the server",
            trigger: ".o_shop_kpi_revenue:contains('Receita líquida'):contains('vs. período anterior')",
        },
        {
            content: "The revenue card shows this month's net revenue",
            trigger: ".o_shop_kpi_revenue:contains('1.234,00')",
        },
        {
            content: "The over-90-days card shows the old debt",
            trigger: ".o_shop_overdue_overdue_90_plus:contains('500,00')",
        },
        {
            content: "Drill down into the revenue",
            trigger: ".o_shop_kpi_revenue",
            run: "click",
        },
        {
            content: "The pivot per business line opens",
            trigger: ".o_pivot .o_pivot_cell_value:contains('1.234,00')",
            run: "click",
        },
        {
            content: "The underlying invoice lines are listed",
            trigger: ".o_list_view .o_data_row td[name='partner_id']:contains('Cliente Tour')",
        },
        {
            content: "Back to the dashboard through the breadcrumb",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains('Painel do dono')",
            run: "click",
        },
        {
            content: "Drill down into the oldest debts",
            trigger: ".o_shop_overdue_overdue_90_plus",
            run: "click",
        },
        {
            content: "The overdue receivables are grouped by customer",
            trigger: ".o_list_view .o_group_name:contains('Cliente Tour')",
            run: "click",
        },
        {
            content: "The customer's overdue line is listed",
            trigger: ".o_list_view .o_data_row:contains('500,00')",
        },
    ],
});
