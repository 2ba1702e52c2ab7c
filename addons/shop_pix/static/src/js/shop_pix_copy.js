import { _t } from "@web/core/l10n/translation";
import { browser } from "@web/core/browser/browser";
import publicWidget from "@web/legacy/js/public/public_widget";

/** The "Copy" button of the portal invoice's Pix card: puts the copy-and-paste code on the clipboard. */
publicWidget.registry.ShopPixCopy = publicWidget.Widget.extend({
    selector: ".o_shop_pix",
    events: { "click .o_shop_pix_copy": "_onCopy" },

    async _onCopy(ev) {
        const input = this.el.querySelector(".o_shop_pix_code");
        const label = ev.currentTarget.querySelector("span");
        // selected too, for the browsers that refuse the clipboard: the customer copies it by hand
        input.select();
        try {
            await browser.navigator.clipboard.writeText(input.value);
            label.textContent = _t("Copied!");
        } catch {
            label.textContent = _t("Select and copy");
        }
    },
});
