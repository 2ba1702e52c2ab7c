import { registry } from "@web/core/registry";

// Billing opens a loyal client's pending sales record, slides the discount to 15% and saves.
registry.category("web_tour.tours").add("shop_salon_loyal_discount", {
    steps: () => [
        { content: "The slider shows no discount yet", trigger: ".o_salon_discount_slider .o_salon_discount_value:contains('0%')" },
        {
            content: "Slide to 15%",
            trigger: ".o_salon_discount_slider input[type=range]",
            run() {
                this.anchor.value = "15";
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        { content: "The slider shows 15%", trigger: ".o_salon_discount_value:contains('15%')" },
        { content: "Save", trigger: ".o_form_button_save", run: "click" },
        { content: "Saved", trigger: ".o_form_saved" },
    ],
});
