from odoo import http
from odoo.http import request

from odoo.addons.web.controllers.home import Home
from odoo.addons.web.controllers.session import Session


def _local_path(url, default="/odoo"):
    """Only a path of this site: one leading slash, not two (another host); no backslash (browsers read "/\\"
    as "//") nor control character (browsers drop tabs and newlines, making "//" of "/<tab>/"). Else: home."""
    if (
        not isinstance(url, str)
        or not url.startswith("/")
        or url.startswith("//")
        or any(char < " " or char == "\\" for char in url)
    ):
        return default
    return url


def _salon_summary(uid=None):
    env = request.env(user=uid) if uid else request.env
    user = env.user
    if not user or not user._is_internal() or not user.has_group("shop_salon_schedule.group_salon_registry"):
        return None
    return env["salon.appointment"].salon_pending_summary()


class SalonHome(Home):
    def _login_redirect(self, uid, redirect=None):
        url = super()._login_redirect(uid, redirect=redirect)
        user = request.env["res.users"].browse(uid)
        if user._is_internal() and user.has_group("shop_salon_schedule.group_salon_registry"):
            return "/salon/welcome?" + http.url_encode({"redirect": url})
        return url

    @http.route("/salon/welcome", type="http", auth="user")
    def salon_welcome(self, redirect="/odoo", **kw):
        redirect = _local_path(redirect)
        summary = _salon_summary()
        if summary is None:
            return request.redirect(redirect)
        return request.render("shop_salon_schedule.salon_welcome", {"summary": summary, "redirect": redirect})


class SalonSession(Session):
    @http.route("/web/session/logout", type="http", auth="none")
    def logout(self, redirect="/odoo", **kw):
        redirect = _local_path(redirect)
        if request.session.uid and not kw.get("salon_confirm"):
            summary = _salon_summary(request.session.uid)
            if summary and (summary["pending_invoices"] or summary["pending_appointments"]):
                request.update_env(user=request.session.uid)
                logout_url = "/web/session/logout?" + http.url_encode({"salon_confirm": 1, "redirect": redirect})
                return request.render(
                    "shop_salon_schedule.salon_logout", {"summary": summary, "logout_url": logout_url}
                )
        return super().logout(redirect=redirect)
