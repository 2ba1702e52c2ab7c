import { registry } from "@web/core/registry";

// an anonymous client books two services with any professional from a phone, in Portuguese
registry.category("web_tour.tours").add("salon_booking_tour", {
    steps: () => [
        {
            content: "The booking page speaks Portuguese",
            trigger: "h1:contains('Agende seu horário')",
        },
        {
            content: "Choose a haircut",
            trigger: ".o_salon_service:contains('Corte Tour')",
            run: "click",
        },
        {
            content: "and the nails",
            trigger: ".o_salon_service:contains('Unhas Tour')",
            run: "click",
        },
        {
            content: "Any professional",
            trigger: "select.o_salon_employee:has(option[value='any']:contains('Qualquer profissional'))",
            run: "select any",
        },
        {
            content: "See the times",
            trigger: ".o_salon_see_times:contains('Ver horários disponíveis')",
            run: "click",
        },
        {
            content: "The times page sums up the choice",
            trigger: ".o_salon_summary:contains('Corte Tour, Unhas Tour'):contains('1h30'):contains('Qualquer profissional')",
        },
        {
            content: "Go to the next day (today may be over)",
            trigger: "a.o_salon_next_day",
            run: "click",
        },
        {
            content: "Morning and afternoon times are offered",
            trigger: "h2:contains('Manhã') ~ div label.o_salon_slot",
        },
        {
            content: "Pick the first afternoon time",
            trigger: "h2:contains('Tarde') ~ div label.o_salon_slot:first",
            run: "click",
        },
        {
            content: "Name",
            trigger: "input[name='name']",
            run: "edit Maria Tour",
        },
        {
            content: "Phone",
            trigger: "input[name='phone']",
            run: "edit 11 98765-4321",
        },
        {
            content: "E-mail",
            trigger: "input[name='email']",
            run: "edit maria.tour@example.com",
        },
        {
            content: "Confirm",
            trigger: "button.o_salon_confirm:contains('Confirmar agendamento')",
            run: "click",
        },
        {
            content: "The confirmation page",
            trigger: ".o_salon_booked:contains('Seu horário está agendado')",
        },
        {
            content: "with the time and the cut-off for changes",
            trigger: ".o_salon_deadline:contains('Você pode cancelar ou remarcar pela internet até')",
        },
    ],
});
