import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("shop_repairs_portal_accept", {
    steps: () => [
        {
            content: "The quote shows the repair details",
            trigger: "#shop_repair_details:contains('Tela quebrada')",
        },
        {
            content: "Accept and sign",
            trigger: "a[data-bs-target='#modalaccept']",
            run: "click",
        },
        {
            content: "Choose a signature style",
            trigger: ".o_web_sign_auto_select_style button",
            run: "click",
        },
        {
            content: "Style",
            trigger: ".o-dropdown-item:eq(1)",
            run: "click",
        },
        {
            content: "Submit the signature",
            trigger: ".o_portal_sign_submit:enabled",
            run: "click",
        },
        {
            content: "The order is confirmed: nothing left to sign",
            trigger: "#quote_content:not(:has(a[data-bs-target='#modalaccept']))",
        },
    ],
});

registry.category("web_tour.tours").add("shop_repairs_portal_decline", {
    steps: () => [
        {
            content: "The quote shows the repair details",
            trigger: "#shop_repair_details:contains('Tela quebrada')",
        },
        {
            content: "Reject",
            trigger: "a[data-bs-target='#modaldecline']",
            run: "click",
        },
        {
            content: "Give a reason",
            trigger: "#modaldecline textarea[name='decline_message']",
            run: "edit Ficou caro demais",
        },
        {
            content: "Confirm the rejection",
            trigger: "#modaldecline button[type='submit']",
            run: "click",
        },
        {
            content: "The quotation is cancelled: nothing left to reject",
            trigger: "#quote_content:not(:has(a[data-bs-target='#modaldecline']))",
        },
    ],
});
