import { Component, onWillStart, useState } from "@odoo/owl";
import { DateTimeInput } from "@web/core/datetime/datetime_input";
import { deserializeDate, serializeDate } from "@web/core/l10n/dates";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { useSetupAction } from "@web/search/action_hook";
import { Layout } from "@web/search/layout";
import { formatMonetary } from "@web/views/fields/formatters";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

const MODEL = "shop.profit.dashboard";

/**
 * The owner's gains-and-losses dashboard. It only reads: the figures, the drill-down actions and the Excel
 * export come from read-only methods (served by the read replica when one is configured); changing the
 * dates calls them again, nothing is saved.
 */
export class ShopProfitDashboard extends Component {
    static template = "shop_customer_scoring.ShopProfitDashboard";
    static components = { DateTimeInput, Layout };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        const pastState = this.props.state || {};
        this.state = useState({ figures: null });
        useSetupAction({
            getLocalState: () => ({
                dateFrom: this.state.figures?.date_from,
                dateTo: this.state.figures?.date_to,
            }),
        });
        onWillStart(() => this.load(pastState.dateFrom || false, pastState.dateTo || false));
    }

    async load(dateFrom, dateTo) {
        this.state.figures = await this.orm.call(MODEL, "get_dashboard_figures", [dateFrom, dateTo]);
    }

    get kpis() {
        return this.state.figures.kpis;
    }

    get overdue() {
        return this.state.figures.overdue;
    }

    formatAmount(value) {
        return formatMonetary(value, { currencyId: this.state.figures.currency.id });
    }

    /** The period's ends as dates of the user's language (Odoo's own date input: dd/mm/aaaa in pt_BR). */
    get dateFrom() {
        return deserializeDate(this.state.figures.date_from);
    }

    get dateTo() {
        return deserializeDate(this.state.figures.date_to);
    }

    onDateChange(value, which) {
        if (!value) {
            return;
        }
        const { date_from, date_to } = this.state.figures;
        const date = serializeDate(value);
        return which === "from" ? this.load(date, date_to) : this.load(date_from, date);
    }

    async open(method, args) {
        const action = await this.orm.call(MODEL, method, args);
        return this.actionService.doAction(action);
    }

    openReport(measure = false) {
        const { date_from, date_to } = this.state.figures;
        return this.open("get_report_action", [date_from, date_to, measure]);
    }

    openCharts() {
        const { date_from, date_to } = this.state.figures;
        return this.open("get_charts_action", [date_from, date_to]);
    }

    openOverdue(bucket) {
        return this.open("get_overdue_action", [bucket]);
    }

    exportXlsx() {
        const { date_from, date_to } = this.state.figures;
        return this.open("get_xlsx_action", [date_from, date_to]);
    }
}

registry.category("actions").add("shop_customer_scoring.profit_dashboard", ShopProfitDashboard);
