"""Issue 15 §1: the salon statistics' Excel download only reads (served by the read replica when there is one)."""

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.shop_base.tests.common import XlsxDownloadMixin


@tagged("post_install", "-at_install")
class TestSalonReadOnlyDownload(XlsxDownloadMixin, HttpCase):
    def test_salon_statistics_download_reads_only(self):
        """The salon statistics user's Excel download runs read only (its options travel in the report's data)."""
        new_test_user(self.env, "estat_replica", groups="shop_salon_schedule.group_salon_statistics")
        self.authenticate("estat_replica", "estat_replica")
        action = self.make_jsonrpc_request(
            "/web/dataset/call_kw/salon.statistics.export/web_save",
            {
                "model": "salon.statistics.export",
                "method": "web_save",
                "args": [[], {}],
                "kwargs": {"specification": {}},
            },
        )
        action = self.make_jsonrpc_request(
            "/web/dataset/call_button/salon.statistics.export/action_export_xlsx",
            {
                "model": "salon.statistics.export",
                "method": "action_export_xlsx",
                "args": [[action[0]["id"]]],
                "kwargs": {},
            },
        )
        self.assertIn("projection_to", action["data"])
        with self.assertNoLogs("odoo.http", level="WARNING"):
            response = self._download(action)
        self._assert_xlsx(response)
