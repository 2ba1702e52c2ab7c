from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.addons.sale.controllers.portal import CustomerPortal as SaleCustomerPortal


class RepairPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "repair_count" in counters:
            Repair = request.env["repair.order"]
            values["repair_count"] = Repair.search_count([]) if Repair.has_access("read") else 0
        return values

    # the repair pages only read: Odoo serves them from the read replica when one is configured (issue 15)
    @http.route(["/my/repairs", "/my/repairs/page/<int:page>"], type="http", auth="user", website=True, readonly=True)
    def portal_my_repairs(self, page=1, **kw):
        Repair = request.env["repair.order"]
        # record rules limit portal users to their own repairs
        total = Repair.search_count([])
        pager = portal_pager(url="/my/repairs", total=total, page=page, step=self._items_per_page)
        repairs = Repair.search(
            [], order="shop_intake_date desc, id desc", limit=self._items_per_page, offset=pager["offset"]
        )
        values = self._prepare_portal_layout_values()
        values.update({"repairs": repairs, "pager": pager, "page_name": "repair", "default_url": "/my/repairs"})
        return request.render("shop_repairs.portal_my_repairs", values)

    @http.route(["/my/repairs/<int:repair_id>"], type="http", auth="public", website=True, readonly=True)
    def portal_my_repair(self, repair_id, access_token=None, **kw):
        try:
            repair_sudo = self._document_check_access("repair.order", repair_id, access_token=access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._get_page_view_values(
            repair_sudo, access_token, {"repair": repair_sudo, "page_name": "repair"}, "my_repairs_history", False
        )
        return request.render("shop_repairs.portal_my_repair", values)


class SaleDeclinePortal(SaleCustomerPortal):
    @http.route()
    def portal_quote_decline(self, order_id, access_token=None, decline_message=None, **kwargs):
        response = super().portal_quote_decline(
            order_id, access_token=access_token, decline_message=decline_message, **kwargs
        )
        # the repair keeps the customer's reason (Odoo posts it on the quotation)
        try:
            order_sudo = self._document_check_access("sale.order", order_id, access_token=access_token)
        except (AccessError, MissingError):
            return response
        order_sudo._shop_record_decline_reason(decline_message)
        return response

    @http.route()
    def portal_quote_accept(self, order_id, access_token=None, name=None, signature=None):
        access_token = access_token or request.httprequest.args.get("access_token")
        try:
            order_sudo = self._document_check_access("sale.order", order_id, access_token=access_token)
        except (AccessError, MissingError):
            return {"error": request.env._("Invalid order.")}
        if order_sudo.repair_order_ids.filtered(lambda r: r.quote_state == "expired"):
            return {"error": request.env._("This repair quote expired: ask the store for a new one.")}
        return super().portal_quote_accept(order_id, access_token=access_token, name=name, signature=signature)
