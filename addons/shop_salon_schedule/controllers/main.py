from odoo import http
from odoo.http import request

from odoo.addons.web.controllers.home import Home
from odoo.addons.web.controllers.session import Session


def _salon_summary(uid=None, mark=True):
    env = request.env(user=uid) if uid else request.env
    user = env.user
    if not user or not user._is_internal() or not user.has_group("shop_salon_schedule.group_salon_registry"):
        return None
    return env["salon.appointment"].salon_pending_summary(mark=mark)


class SalonHome(Home):
    def _login_redirect(self, uid, redirect=None):
        url = super()._login_redirect(uid, redirect=redirect)
        user = request.env["res.users"].browse(uid)
        if user._is_internal() and user.has_group("shop_salon_schedule.group_salon_registry"):
            return "/salon/welcome?" + http.url_encode({"redirect": url})
        return url

    @http.route("/salon/welcome", type="http", auth="user")
    def salon_welcome(self, redirect="/odoo", **kw):
        summary = _salon_summary()
        if summary is None:
            return request.redirect(redirect)
        return request.render("shop_salon_schedule.salon_welcome", {"summary": summary, "redirect": redirect})


class SalonSession(Session):
    @http.route("/web/session/logout", type="http", auth="none")
    def logout(self, redirect="/odoo", **kw):
        if request.session.uid and not kw.get("salon_confirm"):
            summary = _salon_summary(request.session.uid, mark=False)  # the logout route is read-only
            if summary and (summary["pending_invoices"] or summary["pending_appointments"]):
                request.update_env(user=request.session.uid)
                return request.render("shop_salon_schedule.salon_logout", {"summary": summary, "redirect": redirect})
        return super().logout(redirect=redirect)
