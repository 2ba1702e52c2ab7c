import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("shop_profit_dashboard_drilldown", {
    url: "/odoo/action-shop_customer_scoring.shop_profit_dashboard_client_action",
    steps: () => [
        {
            content: "The dashboard (a read-only client action) speaks Portuguese",
            trigger: ".o_shop_profit_dashboard span:contains('Período') ~ input.o_shop_date_from",
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
