"""Table models of the review screen: one lazy model for every table, the columns of
the decisions, and the filtering of a report (run on a worker).

A review may hold a hundred thousand decisions, so nothing is rendered ahead: a cell's
text is made when the view paints it (a screenful at a time), and sorting sorts the
row list by a key, never by asking the view for every cell. Every text is plain
(the default delegate never reads markup), so a note of ``<b>`` shows as written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from pos_app.domain.money import Money
from pos_app.domain.policy import Policy
from pos_app.domain.review import ReviewDecision
from pos_app.i18n import _ as translated
from pos_app.services.review import DecisionsReport, build_report
from pos_app.ui.history import local_time

_Index = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Column:
    """A column: its title, the text of a row's cell, and how it sorts."""

    title: str
    text: Callable[[Any], str]
    key: Callable[[Any], Any] | None = None  # None: by the text itself
    numeric: bool = False  # right-aligned
    keep: bool = False  # never narrowed to fit (a time cut short says nothing)
    give: int = 1  # on a narrow screen, higher gives way first (names last)


class RecordsModel(QAbstractTableModel):
    """Rows of any record type, shown through ``columns``; read-only, sortable."""

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[Any] = []
        self._order: tuple[int, Qt.SortOrder] | None = None  # the last sort, kept

    # Qt overrides ------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].title
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if self._columns[section].numeric else _LEFT
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, col = index.row(), index.column()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return None
        column = self._columns[col]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            # One line per row: a multi-line note would make rows of uneven height.
            return " ".join(column.text(self._rows[row]).split())
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.text(self._rows[row]) or None  # the whole text, if elided
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.numeric else _LEFT
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        # The selection and the current row follow their records to the new places.
        kept = self.persistentIndexList()
        held = [(self._rows[i.row()] if 0 <= i.row() < len(self._rows) else None, i.column())
                for i in kept]
        self._sorted()
        if kept:
            where = {id(r): n for n, r in enumerate(self._rows)}
            self.changePersistentIndexList(kept, [
                self.index(where[id(r)], c) if r is not None else QModelIndex()
                for r, c in held])
        self.layoutChanged.emit()

    # ours --------------------------------------------------------------------------
    def _sorted(self) -> None:
        """Sort the rows as the person last asked (new rows keep the chosen order)."""
        if self._order is None or not 0 <= self._order[0] < len(self._columns):
            return
        column, order = self._order
        spec = self._columns[column]
        self._rows.sort(key=spec.key or spec.text,
                        reverse=order == Qt.SortOrder.DescendingOrder)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._sorted()
        self.endResetModel()

    def set_columns(self, columns: Sequence[Column], rows: Sequence[Any]) -> None:
        """New columns and rows at once (a trend table's weeks change with the period)."""
        self.beginResetModel()
        self._columns, self._rows = list(columns), list(rows)
        self._sorted()
        self.endResetModel()

    def column(self, column: int) -> Column:
        return self._columns[column]

    def row_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    @property
    def rows(self) -> list[Any]:
        return self._rows


# The column helpers of the review's tabs are no widget's methods: their words share
# one context, written out at every call (lupdate reads only a literal context, and it
# files a bare tr() under no context at all, where a widget's tr() never looks).
CONTEXT = "ReviewColumns"
# English here (marked for lupdate; str() only for the type); shown through
# channel_words().
CHANNELS = {"desk": str(QT_TRANSLATE_NOOP("ReviewColumns", "at the desk")),
            "telephone": str(QT_TRANSLATE_NOOP("ReviewColumns", "by telephone")),
            "remote": str(QT_TRANSLATE_NOOP("ReviewColumns", "online")),
            "referral": str(QT_TRANSLATE_NOOP("ReviewColumns", "by referral"))}


def channel_words() -> dict[str, str]:
    """How an approval was given, in the window's language."""
    return {k: QCoreApplication.translate(CONTEXT, v) for k, v in CHANNELS.items()}


def approver_text(d: ReviewDecision, channels: dict[str, str]) -> str:
    if not d.approver_id:
        return ""
    name = d.approver_name or d.approver_id
    how = channels.get(d.channel or "", d.channel or "")
    return f"{name} ({how})" if how else name


def decision_columns(labels: dict[str, str], locale: str, channels: dict[str, str],
                     zone: tzinfo | None = None) -> list[Column]:
    """When, who, approver (and how), guest, action, reason, category, amount, voucher,
    note: the columns of the decisions table (``labels``: reason and action keys as
    shown, already in the window's language)."""
    states = {"issued": QCoreApplication.translate("ReviewColumns", "issued"),
              "redeemed": QCoreApplication.translate("ReviewColumns", "redeemed"),
              "expired": QCoreApplication.translate("ReviewColumns", "expired")}
    overridden = QCoreApplication.translate("ReviewColumns", "override")
    exception = QCoreApplication.translate("ReviewColumns", "allowance exception")

    def label(key: str) -> str:
        return labels.get(key, key)

    def note(d: ReviewDecision) -> str:
        flags = [overridden] if d.override else []
        flags += [exception] if d.allowance_exception else []
        return " — ".join(t for t in (", ".join(flags), d.note) if t)

    return [
        Column(QCoreApplication.translate("ReviewColumns", "When"),
               lambda d: local_time(d.decided_at, locale, zone=zone),
               lambda d: d.decided_at, keep=True),
        Column(QCoreApplication.translate("ReviewColumns", "Employee"),
               lambda d: d.employee_name or d.employee_id),
        Column(QCoreApplication.translate("ReviewColumns", "Approver"),
               lambda d: approver_text(d, channels), give=2),
        Column(QCoreApplication.translate("ReviewColumns", "Guest"),
               lambda d: d.customer_name or d.customer_id),
        Column(QCoreApplication.translate("ReviewColumns", "Action"),
               lambda d: label(d.action), give=2),
        Column(QCoreApplication.translate("ReviewColumns", "Reason"),
               lambda d: label(d.reason), give=2),
        # A policy's category: the demo policy's are in the catalog, a store's as written.
        Column(QCoreApplication.translate("ReviewColumns", "Category"),
               lambda d: translated(d.category), give=3),
        Column(QCoreApplication.translate("ReviewColumns", "Amount"),
               lambda d: Money(d.amount_minor, d.currency).format(locale),
               lambda d: d.amount_minor, numeric=True),
        Column(QCoreApplication.translate("ReviewColumns", "Voucher"),
               lambda d: states.get(d.voucher_state, d.voucher_state), give=3),
        Column(QCoreApplication.translate("ReviewColumns", "Note"), note, give=3),
    ]


def money_text(minor: int, currency: str, locale: str) -> str:
    return Money(minor, currency).format(locale)


def share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else ""


FILTERS = ("employee", "reason", "category", "action")


def filtered(report: DecisionsReport, chosen: dict[str, str], policy: Policy
             ) -> DecisionsReport:
    """The report of the decisions matching every chosen filter (run on a worker)."""
    field = {"employee": "employee_id"}
    rows = [d for d in report.decisions
            if all(getattr(d, field.get(k, k)) == v for k, v in chosen.items())]
    ids = {d.id for d in rows}
    wins = [w for w in report.wins if w.decision is not None and w.decision.id in ids]
    return build_report(rows, policy, report.since, report.until, report.summary.referrals,
                        wins)
