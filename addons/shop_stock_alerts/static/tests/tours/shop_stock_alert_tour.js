import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("shop_stock_alert_order", {
    steps: () => [
        {
            content: "Open the alert of the product",
            trigger: ".o_data_row td[name='product_id']:contains('Produto Tour Alerta')",
            run: "click",
        },
        {
            content: "Order from suppliers",
            trigger: ".o_form_view button[name='action_open_reorder_wizard']",
            run: "click",
        },
        {
            content: "The products are grouped under their supplier",
            trigger: ".modal .o_data_row.o_is_line_section:contains('Fornecedor Tour')",
        },
        {
            content: "The price comes from the vendor pricelist",
            trigger: ".modal .o_data_row td[name='price_unit']:contains('7,50')",
        },
        {
            content: "The form suggests the quantity up to the maximum",
            trigger: ".modal .o_data_row:not(.o_is_line_section) td[name='quantity']:contains('15,00')",
            run: "click",
        },
        {
            content: "The owner buys a bit less",
            trigger: ".modal .o_data_row td[name='quantity'] input",
            run: "edit 12",
        },
        {
            content: "Create and send the RFQ",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The RFQ is sent",
            trigger: ".o_form_view .o_statusbar_status [data-value='sent'][aria-checked='true']",
        },
        {
            content: "It links back to its alert",
            trigger: ".o_form_view button[name='action_view_shop_alerts']",
        },
    ],
});
