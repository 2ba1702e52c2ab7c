from odoo import models, tools
from odoo.tools import SQL


class ShopSqlReport(models.AbstractModel):
    """A read-only report on SQL, in the manner of Odoo's ``sale.report``.

    A report does ``_inherit = "shop.sql.report"`` with ``_auto = False`` and implements ``_select()`` and
    ``_from()``, and where needed ``_with()``, ``_where()`` and ``_group_by()``: each returns an ``SQL`` without
    its keyword, and an empty ``SQL()`` leaves the clause out. Another addon extends a report by overriding a
    hook. The report is a table query (no database view to keep in step); a report made of a UNION overrides
    ``_query()`` itself."""

    _name = "shop.sql.report"
    _description = "Shop SQL report"
    _auto = False

    @property
    def _table_query(self):
        return self._query()

    def _with(self):
        return SQL()

    def _select(self):
        raise NotImplementedError

    def _from(self):
        raise NotImplementedError

    def _where(self):
        return SQL()

    def _group_by(self):
        return SQL()

    def _query(self):
        parts = [
            ("WITH %s", self._with()),
            ("SELECT %s", self._select()),
            ("FROM %s", self._from()),
            ("WHERE %s", self._where()),
            ("GROUP BY %s", self._group_by()),
        ]
        return SQL("\n").join(SQL(keyword, part) for keyword, part in parts if part)

    def init(self):
        # reports of the suite were database views before they became table queries
        if not self._abstract:
            tools.drop_view_if_exists(self.env.cr, self._table)
