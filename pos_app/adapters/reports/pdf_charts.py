"""The review's two charts as reportlab drawings: spend per day stacked by category,
and decisions per reason.

Chart text is drawn as strings, never parsed as markup, so a category or reason label
needs no escaping here. Colours are the Okabe-Ito set, told apart by colour-blind
readers too; beyond seven categories the smallest are drawn together as one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from babel.numbers import format_decimal
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.colors import Color, HexColor

from pos_app.domain.money import currency_digits
from pos_app.domain.review import Total, spend_unit

# Shared with the review screen's charts, so a category has one colour on both.
PALETTE_HEX = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
MORE_HEX = "#9aa5ad"
PALETTE = [HexColor(c) for c in PALETTE_HEX]
MORE = HexColor(MORE_HEX)
INK = HexColor("#12343b")
GRID = HexColor("#d5dbe1")
MAX_REASONS = 12


def short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bucket_label(days: Sequence[str]) -> Callable[[str], str]:
    unit = spend_unit(days)
    if unit == "day":
        return lambda day: day[5:]  # "05-14": the year is in the title
    if unit == "week":
        def week(day: str) -> str:
            year, number, _ = date.fromisoformat(day).isocalendar()
            return f"{year}-W{number:02d}"
        return week
    return lambda day: day[:7]


def categories(spend: dict[str, dict[str, int]]) -> tuple[list[str], bool]:
    """The largest categories by money, and whether the rest are drawn as one."""
    money: dict[str, int] = {}
    for cats in spend.values():
        for cat, amount in cats.items():
            money[cat] = money.get(cat, 0) + amount
    ordered = sorted(money, key=lambda c: (-money[c], c))
    if len(ordered) <= len(PALETTE):
        return ordered, False
    return ordered[: len(PALETTE) - 1], True


def spend_chart(spend: dict[str, dict[str, int]], currency: str, locale: str, font: str,
                width: float, height: float, more_label: str) -> Drawing:
    """Stacked bars: per day (or week, or month), the money of each category."""
    days = sorted(spend)
    bucket = bucket_label(days)
    labels: list[str] = []
    for day in days:
        if not labels or labels[-1] != bucket(day):
            labels.append(bucket(day))
    shown, more = categories(spend)
    series = {cat: [0] * len(labels) for cat in shown}
    rest = [0] * len(labels)
    for day in days:
        at = labels.index(bucket(day))
        for cat, amount in spend[day].items():
            if cat in series:
                series[cat][at] += amount
            else:
                rest[at] += amount
    scale = 10 ** currency_digits(currency)
    data = [[v / scale for v in series[cat]] for cat in shown] + (
        [[v / scale for v in rest]] if more else [])
    names = [short(cat, 22) for cat in shown] + ([more_label] if more else [])
    colours: list[Color] = [*PALETTE[: len(shown)], *([MORE] if more else [])]

    legend_width = 40 + max((len(n) for n in names), default=0) * 5.2
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    slanted = len(labels) > 10  # so that thirty-one days do not overlap
    chart.x, chart.y = 52, 40 if slanted else 22
    chart.width, chart.height = width - chart.x - legend_width - 16, height - chart.y - 10
    chart.data = data or [[0]]
    chart.categoryAxis.categoryNames = labels or [""]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.fillColor = INK
    if slanted:
        chart.categoryAxis.labels.angle = 45
        chart.categoryAxis.labels.boxAnchor = "ne"
        chart.categoryAxis.labels.dx, chart.categoryAxis.labels.dy = 4, -2
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labels.fillColor = INK
    chart.valueAxis.labelTextFormat = lambda v: str(format_decimal(v, "#,##0",
                                                                  locale=locale))
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.gridStrokeWidth = 0.5
    chart.barSpacing = 0
    chart.groupSpacing = 4 if len(labels) > 15 else 8
    for i, colour in enumerate(colours):
        chart.bars[i].fillColor = colour
        chart.bars[i].strokeColor = None
    drawing.add(chart)
    drawing.add(String(4, height - 8, currency, fontName=font, fontSize=7, fillColor=INK))

    legend = Legend()
    legend.x, legend.y = width - legend_width + 4, height - 12
    legend.fontName, legend.fontSize = font, 8
    legend.fillColor = INK
    legend.alignment = "right"
    legend.columnMaximum = 10
    legend.dx = legend.dy = 8
    legend.deltay = 12
    legend.strokeColor = None
    # Top to bottom as the bars stack from the top down: the largest at the foot.
    legend.colorNamePairs = list(reversed(list(zip(colours, names, strict=True))))
    drawing.add(legend)
    return drawing


def reason_chart(by_reason: Sequence[Total], font: str, width: float, more_label: str,
                 locale: str) -> Drawing:
    """Horizontal bars: how many decisions gave each reason, the most frequent on top."""
    rows = sorted(by_reason, key=lambda t: (-t.count, t.label))
    if len(rows) > MAX_REASONS:
        rest = rows[MAX_REASONS - 1:]
        rows = [*rows[: MAX_REASONS - 1],
                Total("", more_label, sum(t.count for t in rest), 0)]
    rows.reverse()  # the chart draws its first category at the bottom
    bar = 16
    height = 24 + bar * max(len(rows), 1)
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 150, 16
    chart.width, chart.height = width - chart.x - 40, height - chart.y - 6
    chart.data = [[t.count for t in rows] or [0]]
    chart.categoryAxis.categoryNames = [short(t.label, 30) for t in rows] or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    def whole(value: float) -> str:
        return str(format_decimal(value, "#,##0", locale=locale))
    chart.valueAxis.labelTextFormat = whole
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.gridStrokeWidth = 0.5
    most = max((t.count for t in rows), default=0)
    if most < 5:  # whole decisions only: no 0.5 ticks on a short axis
        chart.valueAxis.valueMax = 5
        chart.valueAxis.valueStep = 1
    chart.bars[0].fillColor = PALETTE[0]
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = whole
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    return drawing
