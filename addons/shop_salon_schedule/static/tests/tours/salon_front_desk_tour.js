import { registry } from "@web/core/registry";

// the front desk works in Portuguese (dd/mm/yyyy): the Python test sets the user's language
function tomorrowAt10() {
    const d = new Date(Date.now() + 24 * 3600 * 1000);
    const pad = (n) => String(n).padStart(2, "0");
    return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} 10:00:00`;
}

registry.category("web_tour.tours").add("shop_salon_front_desk", {
    steps: () => [
        { content: "New appointment", trigger: ".o_list_button_add", run: "click" },
        { content: "Client", trigger: ".o_field_widget[name=partner_id] input", run: "edit Cliente Tour" },
        { trigger: ".o-autocomplete--dropdown-item:contains('Cliente Tour')", run: "click" },
        { content: "Professional", trigger: ".o_field_widget[name=employee_id] input", run: "edit Profissional Tour" },
        { trigger: ".o-autocomplete--dropdown-item:contains('Profissional Tour')", run: "click" },
        { content: "Service", trigger: ".o_field_widget[name=service_ids] input", run: "edit Corte Tour" },
        { trigger: ".o-autocomplete--dropdown-item:contains('Corte Tour')", run: "click" },
        { content: "Start", trigger: ".o_field_widget[name=start] input", run: `edit ${tomorrowAt10()}` },
        { content: "Save", trigger: ".o_form_button_save", run: "click" },
        { content: "Service done", trigger: "button[name=action_done]", run: "click" },
        { content: "Open the sales record", trigger: "button[name=action_view_invoice]", run: "click" },
        { content: "Emit", trigger: "button[name=action_post]:enabled", run: "click" },
        { content: "Emitted", trigger: ".o_statusbar_status [data-value='posted'][aria-checked='true']" },
    ],
});
