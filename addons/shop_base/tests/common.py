"""Helpers the addons' tests share."""

import json

from odoo import http


class XlsxDownloadMixin:
    """For an HttpCase: download a report action as the web client does (POST /report/download)."""

    def _download(self, action):
        """Download a report action as the web client does: POST /report/download."""
        name = action["report_name"]
        if action.get("data"):
            url = f"/report/xlsx/{name}?{http.url_encode({'options': json.dumps(action['data'])})}"
        else:
            url = f"/report/xlsx/{name}/{','.join(map(str, action['context']['active_ids']))}"
        return self.url_open(
            "/report/download",
            data={
                "data": json.dumps([url, "xlsx"]),
                "context": json.dumps({}),
                "token": "dummy",
                "csrf_token": http.Request.csrf_token(self),
            },
            timeout=60,
        )

    def _assert_xlsx(self, response):
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.headers["Content-Type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        self.assertTrue(response.content.startswith(b"PK"), "an xlsx (zip) file")
