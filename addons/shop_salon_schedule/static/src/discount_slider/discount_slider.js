import { Component } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

/**
 * A percentage chosen with a slider, from 0 to `max` (20 by default) in steps of `step` (1).
 * The server checks the same limits: the slider only makes the right value easy to pick.
 */
export class DiscountSliderField extends Component {
    static template = "shop_salon_schedule.DiscountSliderField";
    static props = {
        ...standardFieldProps,
        max: { type: Number, optional: true },
        step: { type: Number, optional: true },
    };
    static defaultProps = { max: 20, step: 1 };

    get value() {
        return this.props.record.data[this.props.name] || 0;
    }

    get label() {
        return `${this.value}%`;
    }

    onInput(ev) {
        this.props.record.update({ [this.props.name]: parseFloat(ev.target.value) });
    }
}

export const discountSliderField = {
    component: DiscountSliderField,
    displayName: _t("Slider"),
    supportedTypes: ["float", "integer"],
    extractProps: ({ options }) => ({ max: options.max, step: options.step }),
};

registry.category("fields").add("salon_discount_slider", discountSliderField);
