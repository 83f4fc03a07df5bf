"""The customer's timeline: one line per act, in the desk's own time, as people tell it.

A referral, the decision it led to and that decision's voucher are one line ("Refund:
referred → approved → granted"); a declined referral names who declined it and grants
nothing; a correction shows the value before and after; a note shows under its line.
An approver who was not at the desk is named with how they approved ("by telephone",
"online"). Every line's tooltip lists its steps with their times and people.

The columns fit the table's width and the "What" column wraps, so nothing is cut.
When the table is narrow (a 1024x600 till), the layout is compact: the date goes
above the time, who, the approver and the reason move under the line's text instead
of taking columns of their own, and the notes are in the tooltip.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo

from babel import Locale
from babel.dates import format_date
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from pos_app.domain.contact import FIELD_LABELS, display_phone
from pos_app.domain.messages import tier_name
from pos_app.domain.money import Money
from pos_app.domain.policy import Policy
from pos_app.domain.zones import desk_zone, format_when
from pos_app.i18n import _ as translated
from pos_app.services.customers import HistoryAct, HistoryEntry, Step, acts
from pos_app.ui.screen import column_width

WHEN, WHAT, WHO, APPROVER, AMOUNT, REASON = range(6)
_MUTED = QColor("#5b6770")
# Below this share of the width, "What" would wrap into a narrow column of words.
_WHAT_SHARE = 0.4


def local_time(at: datetime, locale: str, two_lines: bool = False,
               zone: tzinfo | None = None) -> str:
    """A stored (naive UTC) time in the desk's zone (``App.zone``; None: the system's),
    written the locale's way."""
    return format_when(at, locale, zone or desk_zone(None), two_lines)


class HistoryTable(QTableWidget):
    HEADERS = ("when", "what", "who", "approver", "amount", "reason")  # WHEN, WHAT, ...
    reprint_requested = Signal(str)  # voucher serial

    def __init__(self, policy: Policy, locale: str, region: str | None = None,
                 zone: Callable[[], tzinfo] | None = None) -> None:
        super().__init__(0, len(self.HEADERS))
        self._policy, self._locale = policy, locale
        # Asked at each showing (``Desk.zone``): a desk that follows the system's zone
        # follows it as it is now. None: the system's zone.
        self._zone = zone or (lambda: desk_zone(None))
        self._region = region or Locale.parse(locale).territory or "US"
        self._acts: list[HistoryAct] = []
        self._compact = False
        self.setHorizontalHeaderLabels([self.tr("When"), self.tr("What"), self.tr("Who"),
                                        self.tr("Approver"), self.tr("Amount"),
                                        self.tr("Reason")])
        self.setAccessibleName(self.tr("Customer history"))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setAlternatingRowColors(True)
        self._fit_timer = QTimer(self, singleShot=True, interval=0)
        self._fit_timer.timeout.connect(self.fit_columns)
        self.cellDoubleClicked.connect(lambda row, _col: self._reprint(row))

    @property
    def compact(self) -> bool:
        """True when the approver and reason are shown under the text of each line."""
        return self._compact

    def set_policy(self, policy: Policy) -> None:
        """Labels for actions and reasons come from the policy in force."""
        self._policy = policy

    def _reprint(self, row: int) -> None:
        item = self.item(row, 0)
        serial = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if serial:
            self.reprint_requested.emit(str(serial))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self._reprint(self.currentRow())
            return
        super().keyPressEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self._fit_timer.start()
        return super().viewportEvent(event)

    # --- contents -------------------------------------------------------------------
    def setRowCount(self, rows: int) -> None:  # noqa: N802
        if rows == 0:
            self._acts = []  # cleared (lock, sign-out): a re-layout must not bring it back
        super().setRowCount(rows)

    def show_entries(self, entries: list[HistoryEntry]) -> None:
        self._acts = acts(entries)
        self._render()
        self._fit_timer.start()

    def _render(self) -> None:
        self.setRowCount(len(self._acts))
        for row, act in enumerate(self._acts):
            amount = (Money(act.amount_minor, act.currency or self._policy.currency)
                      .format(self._locale) if act.amount_minor is not None else "")
            reason = self._policy.reasons.get(act.reason or "")
            cells = (self._when(act.at, self._compact), self._what(act),
                     act.who_name,
                     self._approver(act, "\n"), amount,
                     translated(reason.label) if reason else (act.reason or ""))
            tip = self._steps_text(act)
            granted = act.state in ("granted", "approved") or act.kind != "referral"
            for col, text in enumerate(cells):
                # QTableWidgetItem text is never interpreted as rich text.
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                if not granted:
                    item.setForeground(_MUTED)
                if col == AMOUNT and not granted:
                    font = item.font()  # asked for, never granted
                    font.setStrikeOut(act.state == "declined")
                    font.setItalic(act.state == "pending")
                    item.setFont(font)
                if act.voucher_serial:
                    item.setData(Qt.ItemDataRole.UserRole, act.voucher_serial)
                self.setItem(row, col, item)

    def _when(self, at: datetime, two_lines: bool = False) -> str:
        return local_time(at, self._locale, two_lines, self._zone())

    def _label(self, action: str) -> str:
        kind = self._policy.actions.get(action)
        return translated(kind.label) if kind else action

    def _what(self, act: HistoryAct) -> str:
        """The line's headline, then (when there is any) a line of details: the notes,
        or when compact who, the approver and the reason (the notes are in the tooltip)."""
        details: list[str] = []
        if self._compact:
            if act.who_name:
                details.append(act.who_name)
            if act.approver_name:
                details.append(self.tr("approved by {name}").format(
                    name=self._approver(act, " ")))
            reason = self._policy.reasons.get(act.reason or "")
            if reason is not None:
                details.append(translated(reason.label))
        else:
            # Quotation marks differ between languages („…“ in German, «…» in Spanish).
            details += [self.tr("\u201c{note}\u201d").format(note=act.note)] if act.note else []
            details += [self.tr("{who}: \u201c{note}\u201d").format(who=s.who_name, note=s.note)
                        for s in act.steps if s.note and s.state in ("approved", "declined")]
        headline = self._headline(act)
        return headline + ("\n" + " \u00b7 ".join(details) if details else "")

    def _approver(self, act: HistoryAct, gap: str) -> str:
        """The approver's name, and how they approved when they were not at the desk
        (the desk and a referral need no word: the line already says so)."""
        channel = act.approval_channel
        how = {"telephone": self.tr("(by telephone)"),
               "remote": self.tr("(online)")}.get(channel or "")
        return f"{act.approver_name}{gap}{how}" if act.approver_name and how else (
            act.approver_name)

    def _headline(self, act: HistoryAct) -> str:
        label = self._label(act.action)
        if act.kind == "correction":
            before, after = ((display_phone(v, self._region) for v in (act.before, act.after))
                             if act.action == "phone" else (act.before, act.after))
            return self.tr("{field} corrected: {before} \u2192 {after}").format(
                field=translated(FIELD_LABELS[act.action]) if act.action in FIELD_LABELS
                else act.action,
                before=before or self.tr("(empty)"), after=after or self.tr("(empty)"))
        if act.kind == "referral":
            decider = next((s.who_name for s in act.steps if s.state == act.state), "")
            return {
                "pending": self.tr("{what}: referred, pending a {tier}'s decision"),
                "approved": self.tr("{what}: referred \u2192 approved by {name}"),
                "declined": self.tr("{what}: referred \u2192 declined by {name}"),
            }.get(act.state, "{what}").format(what=label, name=decider,
                                              tier=tier_name(act.tier) if act.tier else "")
        if act.kind == "voucher":
            return self.tr("Voucher {code} {state}").format(
                code=act.voucher_code, state=self._voucher_state(act))
        headline = (self.tr("{what}: referred \u2192 approved \u2192 granted").format(
            what=label) if act.referred else label)
        if act.voucher_code:
            headline += " \u00b7 " + self.tr("voucher {code} {state}").format(
                code=act.voucher_code, state=self._voucher_state(act))
        return headline

    def _voucher_state(self, act: HistoryAct) -> str:
        return {"issued": self.tr("issued"), "redeemed": self.tr("redeemed"),
                "expired": self.tr("expired")}.get(act.voucher_state, act.voucher_state)

    def _steps_text(self, act: HistoryAct) -> str:
        names = {"referred": self.tr("Referred"), "approved": self.tr("Approved"),
                 "declined": self.tr("Declined"), "granted": self.tr("Granted"),
                 "issued": self.tr("Voucher issued"), "redeemed": self.tr("Voucher redeemed"),
                 "corrected": self.tr("Corrected")}

        def line(step: Step) -> str:
            text = self.tr("{step} {when} by {who}").format(
                step=names.get(step.state, step.state),
                when=self._when(step.at), who=step.who_name or step.who)
            return (self.tr("{step}: \u201c{note}\u201d").format(step=text, note=step.note)
                    if step.note else text)

        lines = [line(step) for step in act.steps]
        if act.note:
            lines.append(self.tr("Note: \u201c{note}\u201d").format(note=act.note))
        if act.voucher_serial:
            if act.voucher_expires is not None and act.voucher_state != "redeemed":
                lines.append(self.tr("Voucher valid until {day}").format(
                    day=format_date(act.voucher_expires, "medium", locale=self._locale)))
            lines.append(self.tr("Enter or double-click to reprint (marked COPY)"))
        return "\n".join(lines)

    # --- layout ---------------------------------------------------------------------
    def fit_columns(self) -> None:
        """Give each short column its contents, and "What" the rest; go compact when
        "What" would otherwise get too little."""
        header, available = self.horizontalHeader(), self.viewport().width()
        # Measured as the wide layout would show them, so the choice does not flip.
        metrics = self.fontMetrics()
        when = max([column_width(self, WHEN, rows=0)]
                   + [metrics.horizontalAdvance(self._when(a.at)) + 16
                      for a in self._acts])
        wide = when + sum(column_width(self, c) for c in (WHO, APPROVER, AMOUNT, REASON))
        compact = available - wide < max(_WHAT_SHARE * available, 300)
        if compact != self._compact:
            self._compact = compact
            self._render()
        shown = (WHEN, AMOUNT) if compact else (WHEN, WHO, APPROVER, AMOUNT, REASON)
        used = 0
        for column in (WHEN, WHO, APPROVER, AMOUNT, REASON):
            header.setSectionHidden(column, column not in shown)
            if column in shown:
                header.resizeSection(column, column_width(self, column))
                used += header.sectionSize(column)
        header.resizeSection(WHAT, max(available - used, 80))
        self.resizeRowsToContents()
