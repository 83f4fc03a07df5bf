"""The review screen's two charts, painted with QPainter: money per day stacked by
category, and decisions per reason.

QtCharts comes only in the PySide6-Addons wheel, which the desk does not install (it
depends on PySide6-Essentials), so these two small charts paint themselves. Colours
are those of the PDF (Okabe-Ito, told apart by colour-blind readers too). A chart takes
no focus: what it shows is also in its accessible description and in the totals table
beside it, and hovering a bar shows its figures.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from pos_app.adapters.reports.pdf_charts import MORE_HEX, PALETTE_HEX, bucket_label, categories
from pos_app.i18n import _ as translated

INK = QColor("#12343b")
MUTED = QColor("#5b6770")
GRID = QColor("#d5dbe1")
Series = tuple[str, QColor, list[float]]


def nice_step(top: float, most: int = 5) -> float:
    """The smallest round step (1, 2, 2.5 or 5 times a power of ten) that reaches
    ``top`` in at most ``most`` steps."""
    if top <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(top / most))
    return float(next(m * magnitude for m in (1, 2, 2.5, 5, 10, 20)
                      if math.ceil(top / (m * magnitude)) <= most))


def spend_series(spend: dict[str, dict[str, int]], scale: int, more_label: str
                 ) -> tuple[list[str], list[Series]]:
    """Bars per day (or week, or month, as the PDF does) and one series per category."""
    days = sorted(spend)
    bucket = bucket_label(days)
    labels: list[str] = []
    for day in days:
        if not labels or labels[-1] != bucket(day):
            labels.append(bucket(day))
    at = {label: n for n, label in enumerate(labels)}
    shown, more = categories(spend)
    values = {cat: [0.0] * len(labels) for cat in shown}
    rest = [0.0] * len(labels)
    for day in days:
        for cat, amount in spend[day].items():
            (values[cat] if cat in values else rest)[at[bucket(day)]] += amount / scale
    # A category is named as its policy writes it (the demo policy's in the language).
    series = [(translated(cat), QColor(PALETTE_HEX[n]), values[cat])
              for n, cat in enumerate(shown)]
    if more:
        series.append((more_label, QColor(MORE_HEX), rest))
    return labels, series


class _Chart(QWidget):
    def __init__(self, name: str, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self._empty_text = empty_text
        self.setMinimumSize(240, 150)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(440, 240)

    def _empty(self, painter: QPainter) -> None:
        painter.setPen(MUTED)
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._empty_text)


class StackedBars(_Chart):
    """Vertical bars, each a stack of series (categories), with a legend on the right."""

    def __init__(self, name: str, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(name, empty_text, parent)
        self.labels: list[str] = []
        self.series: list[Series] = []
        self._fmt: Callable[[float], str] = lambda v: f"{v:,.0f}"
        self._plot = QRectF()

    def set_data(self, labels: list[str], series: list[Series],
                 fmt: Callable[[float], str]) -> None:
        self.labels, self.series, self._fmt = labels, series, fmt
        self.setAccessibleDescription("; ".join(
            f"{label}: " + ", ".join(f"{name} {fmt(values[n])}" for name, _c, values in series
                                     if values[n])
            for n, label in enumerate(labels)))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.labels:
            self._empty(painter)
            return
        fm = self.fontMetrics()
        line = fm.height()
        totals = [sum(values[n] for _name, _c, values in self.series)
                  for n in range(len(self.labels))]
        step = max(nice_step(max(totals)), 1.0)  # whole units: the labels have no decimals
        top = math.ceil(max(totals) / step) * step or step
        ticks = [k * step for k in range(round(top / step) + 1)]
        left = max(fm.horizontalAdvance(self._fmt(v)) for v in ticks) + 10
        legend = max(fm.horizontalAdvance(name) for name, _c, _v in self.series) + 30
        area = QRectF(self.rect()).adjusted(6, line / 2 + 2, -6, -4)
        width = area.width() - left - legend
        slot = width / len(self.labels)
        widest = max(fm.horizontalAdvance(label) for label in self.labels)
        slanted = widest > slot - 4
        below = (widest * 0.72 + line) if slanted else line + 4
        plot = QRectF(area.left() + left, area.top(), width, area.height() - below)
        self._plot = plot
        # Grid and the money axis.
        for value in ticks:
            y = plot.bottom() - plot.height() * value / top
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(INK)
            painter.drawText(QRectF(area.left(), y - line / 2, left - 6, line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             self._fmt(value))
        # The bars, each stacked from the first series up.
        bar = max(slot * 0.7, 1.0)
        for n in range(len(self.labels)):
            x = plot.left() + n * slot + (slot - bar) / 2
            y = plot.bottom()
            for _name, colour, values in self.series:
                h = plot.height() * values[n] / top
                painter.fillRect(QRectF(x, y - h, bar, h), colour)
                y -= h
        painter.setPen(QPen(INK, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        # Day labels: level when they fit, else slanted and thinned to one per line.
        every = max(1, math.ceil((line + 2) / slot)) if slanted else 1
        for n, label in enumerate(self.labels):
            if n % every:
                continue
            centre = plot.left() + n * slot + slot / 2
            if not slanted:
                painter.drawText(QRectF(centre - slot / 2, plot.bottom() + 2, slot, line),
                                 Qt.AlignmentFlag.AlignCenter, label)
                continue
            painter.save()
            painter.translate(centre + line / 3, plot.bottom() + 4)
            painter.rotate(-45)
            painter.drawText(QRectF(-widest - 4, -line, widest + 4, line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            painter.restore()
        # Legend, top down as the stacks read (the first series is at the foot).
        x, y = area.right() - legend + 12, area.top()
        for name, colour, _values in reversed(self.series):
            painter.fillRect(QRectF(x, y + line * 0.2, line * 0.7, line * 0.7), colour)
            painter.setPen(INK)
            painter.drawText(QPointF(x + line, y + fm.ascent()), name)
            y += line + 4

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            plot, pos = self._plot, event.pos()
            if self.labels and plot.width() > 0 and plot.left() <= pos.x() <= plot.right():
                n = min(int((pos.x() - plot.left()) / (plot.width() / len(self.labels))),
                        len(self.labels) - 1)
                lines = [self.labels[n]] + [f"{name}: {self._fmt(values[n])}"
                                            for name, _c, values in reversed(self.series)
                                            if values[n]]
                QToolTip.showText(event.globalPos(), "\n".join(lines), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


class HorizontalBars(_Chart):
    """One bar per row, the label on the left and the figure at the bar's end."""

    def __init__(self, name: str, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(name, empty_text, parent)
        self.rows: list[tuple[str, float]] = []
        self._fmt: Callable[[float], str] = lambda v: f"{v:,.0f}"

    def set_data(self, rows: Sequence[tuple[str, float]], fmt: Callable[[float], str]
                 ) -> None:
        self.rows, self._fmt = list(rows), fmt
        self.setAccessibleDescription("; ".join(f"{label}: {fmt(v)}" for label, v in rows))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(440, max(150, (self.fontMetrics().height() + 8) * len(self.rows) + 12))

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.rows:
            self._empty(painter)
            return
        fm = self.fontMetrics()
        area = QRectF(self.rect()).adjusted(6, 6, -6, -6)
        labels = min(max(fm.horizontalAdvance(label) for label, _v in self.rows) + 10,
                     area.width() * 0.4)
        figures = max(fm.horizontalAdvance(self._fmt(v)) for _l, v in self.rows) + 10
        most = max(v for _l, v in self.rows) or 1
        row = min(area.height() / len(self.rows), fm.height() * 2.0)
        bar_room = area.width() - labels - figures
        for n, (label, value) in enumerate(self.rows):
            y = area.top() + n * row
            painter.setPen(INK)
            shown = fm.elidedText(label, Qt.TextElideMode.ElideRight, int(labels - 10))
            painter.drawText(QRectF(area.left(), y, labels - 8, row),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, shown)
            length = bar_room * value / most
            painter.fillRect(QRectF(area.left() + labels, y + row * 0.18, length, row * 0.64),
                             QColor(PALETTE_HEX[0]))
            painter.drawText(QRectF(area.left() + labels + length + 4, y, figures, row),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             self._fmt(value))
