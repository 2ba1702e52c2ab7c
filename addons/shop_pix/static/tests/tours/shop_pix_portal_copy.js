import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("shop_pix_portal_copy", {
    steps: () => [
        {
            content: "The page is loaded, chatter included",
            trigger: "#chatterRoot:shadow .o-mail-Chatter",
        },
        {
            content: "The invoice offers its Pix code (the headless browser's clipboard is recorded)",
            trigger: ".o_shop_pix .o_shop_pix_code[value^='000201']",
            run() {
                navigator.clipboard.writeText = async (text) => {
                    window.shopPixCopied = text;
                };
            },
        },
        {
            content: "Copy the code",
            trigger: ".o_shop_pix .o_shop_pix_copy",
            run: "click",
        },
        {
            content: "The code is on the clipboard",
            trigger: ".o_shop_pix_copy:contains(Copied!)",
            run() {
                const code = document.querySelector(".o_shop_pix_code").value;
                if (window.shopPixCopied !== code) {
                    throw new Error(`copied ${window.shopPixCopied} instead of ${code}`);
                }
            },
        },
    ],
});
