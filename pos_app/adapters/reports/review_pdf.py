"""The review of a period as a PDF a manager prints or mails (reportlab; no Qt).

Page one has the period, the summary figures and the two charts; then the totals by
employee, approver, reason, category and action, the wins, and on landscape pages the
decisions themselves. Long tables flow across pages with their header repeated.

Every piece of recorded text (a guest's name, a note) goes into a ``Paragraph`` escaped:
reportlab parses a paragraph's text as markup, and a note may be ``<b>`` or ``&``. Plain
table cells and chart labels are drawn as they are. Times are UTC, as the period's
days are. Pure: bytes out, nothing written; safe on any worker thread.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from babel.dates import format_date
from reportlab.lib.colors import HexColor, white
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    LongTable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from pos_app.adapters.reports.pdf_charts import reason_chart, spend_chart, spend_unit
from pos_app.domain.money import Money
from pos_app.domain.review import ReviewDecision, Total
from pos_app.services.review import DecisionsReport

RESOURCES = Path(__file__).resolve().parents[3] / "resources"
NAVY = HexColor("#12343b")
TEAL = HexColor("#2c7a7b")
MUTED = HexColor("#5b6770")
LINE = HexColor("#d5dbe1")
STRIPE = HexColor("#f6f8fa")
TILE = HexColor("#e6f2f1")
MARGIN = 14 * mm
# A PDF of a hundred thousand rows is thousands of pages nobody reads (and minutes to
# lay out); the list stops here and says so; the CSV has every decision.
DECISION_LIMIT = 3000
CHUNK = 250  # rows per table: reportlab splits a long table in time quadratic in rows
CHANNELS = {"desk": "at the desk", "telephone": "by telephone", "remote": "online",
            "referral": "by referral"}
DIMENSION_TITLES = (("employee", "By employee"), ("approver", "By approver"),
                    ("reason", "By reason"), ("category", "By category"),
                    ("action", "By action"))


@lru_cache(maxsize=1)
def _fonts() -> tuple[str, str]:
    # The voucher's DejaVu Sans, so guests' names print as written (not Helvetica's
    # Latin-1 only).
    regular, bold = "LeewaySans", "LeewaySans-Bold"
    pdfmetrics.registerFont(TTFont(regular, str(RESOURCES / "fonts" / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(bold, str(RESOURCES / "fonts" / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(regular, normal=regular, bold=bold, italic=regular,
                                  boldItalic=bold)
    return regular, bold


class _Styles:
    def __init__(self) -> None:
        regular, bold = _fonts()
        self.regular, self.bold = regular, bold
        self.title = ParagraphStyle("title", fontName=bold, fontSize=18, leading=22,
                                    textColor=NAVY, spaceAfter=2)
        self.subtitle = ParagraphStyle("subtitle", fontName=regular, fontSize=10.5,
                                       leading=14, textColor=MUTED, spaceAfter=8)
        self.h2 = ParagraphStyle("h2", fontName=bold, fontSize=12, leading=15,
                                 textColor=NAVY, spaceBefore=10, spaceAfter=4)
        self.body = ParagraphStyle("body", fontName=regular, fontSize=9, leading=12,
                                   textColor=NAVY)
        self.muted = ParagraphStyle("muted", parent=self.body, textColor=MUTED, fontSize=8,
                                    leading=10)
        self.cell = ParagraphStyle("cell", fontName=regular, fontSize=7.5, leading=9,
                                   textColor=NAVY)
        self.head = ParagraphStyle("head", parent=self.cell, fontName=bold,
                                   textColor=white)
        self.figure = ParagraphStyle("figure", fontName=bold, fontSize=14, leading=17,
                                     textColor=NAVY)
        self.number = ParagraphStyle("number", parent=self.cell, alignment=TA_RIGHT)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    """Recorded text, shown as written: escaped, never read as markup."""
    return Paragraph(escape(text), style)


def _period(report: DecisionsReport, locale: str) -> str:
    def day(value: date) -> str:
        return str(format_date(value, "medium", locale=locale))
    since, until = report.since, report.until
    if since and until:
        return f"{day(since)} – {day(until)}"
    if since:
        return f"From {day(since)}"
    return f"Up to {day(until)}" if until else "Every decision recorded"


def _money(minor: int, currency: str, locale: str) -> str:
    return Money(minor, currency).format(locale)


def _table(rows: list[list[Any]], widths: Sequence[float], numeric: Sequence[int] = ()
           ) -> LongTable:
    table = LongTable(rows, colWidths=list(widths), repeatRows=1)
    regular, bold = _fonts()
    style = [
        ("FONTNAME", (0, 0), (-1, -1), regular),
        ("FONTSIZE", (0, 0), (-1, -1), 7.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), NAVY),
        ("FONTNAME", (0, 0), (-1, 0), bold),
        ("TEXTCOLOR", (0, 0), (-1, 0), white),
        ("BACKGROUND", (0, 0), (-1, 0), NAVY),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [white, STRIPE]),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, LINE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    style += [("ALIGN", (c, 0), (c, -1), "RIGHT") for c in numeric]
    table.setStyle(TableStyle(style))
    return table


def _fitted(style: ParagraphStyle, text: str, width: float) -> ParagraphStyle:
    """The figure's style, smaller when a large amount would not fit its tile whole."""
    size = style.fontSize
    while size > 8 and pdfmetrics.stringWidth(text, style.fontName, size) > width:
        size -= 0.5
    if size == style.fontSize:
        return style
    return ParagraphStyle(f"{style.name}-{size}", parent=style, fontSize=size,
                          leading=style.leading)


def _summary(report: DecisionsReport, locale: str, st: _Styles, width: float) -> Table:
    s, cur = report.summary, report.currency
    channels = ", ".join(f"{CHANNELS.get(k, k)} {v}" for k, v in sorted(s.by_channel.items()))
    rate = f"{s.came_back_rate:.0%}" if s.came_back_rate is not None else "–"
    figures = [
        (f"{s.count:,}", "decisions"),
        (_money(s.amount_minor, cur, locale), "granted"),
        (f"{s.approved:,}", f"approved by someone else ({channels or 'none'})"),
        (f"{s.referrals:,}", "referrals made"),
        (f"{s.overrides:,}", "overrides of the guest's budget"),
        (f"{s.exceptions:,}", "beyond what the desk held (allowance exceptions)"),
        (f"{s.vouchers:,}", "vouchers given"),
        (f"{s.redeemed:,} ({rate})", "redeemed: the guest came back"),
    ]
    cells = [[_p(value, _fitted(st.figure, value, width / 4 - 14)), _p(label, st.muted)]
             for value, label in figures]
    rows = [cells[i : i + 4] for i in range(0, len(cells), 4)]
    tiles = Table(rows, colWidths=[width / 4] * 4)
    tiles.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), TILE),
        ("LINEAFTER", (0, 0), (-2, -1), 3, white),
        ("LINEBELOW", (0, 0), (-1, -2), 3, white),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LEFTPADDING", (0, 0), (-1, -1), 7),
    ]))
    return tiles


def _totals(title: str, rows: list[Total], currency: str, locale: str, st: _Styles,
            width: float) -> list[Flowable]:
    if not rows:
        return []
    whole = sum(t.amount_minor for t in rows) or 1
    body: list[list[Any]] = [["", "Decisions", "Amount", "Share"]]
    body += [[_p(t.label or "(none)", st.cell), f"{t.count:,}",
              _money(t.amount_minor, currency, locale), f"{t.amount_minor / whole:.0%}"]
             for t in rows]
    body[0][0] = title.removeprefix("By ").capitalize()
    table = _table(body, [width - 150, 45, 65, 40], numeric=(1, 2, 3))
    return [CondPageBreak(40 * mm), _p(title, st.h2), table]


def _wins(report: DecisionsReport, labels: dict[str, str], locale: str, st: _Styles,
          width: float) -> list[Flowable]:
    out: list[Flowable] = [CondPageBreak(40 * mm), _p("Wins: decisions recognised", st.h2)]
    if not report.wins:
        return [*out, _p("No decision was recognised in this period.", st.muted)]
    body: list[list[Any]] = [["Recognised", "Employee", "By", "Decision", "Note"]]
    for w in report.wins:
        r, d = w.recognition, w.decision
        what = (f"{labels.get(d.action, d.action)} {_money(d.amount_minor, d.currency, locale)} for"
                f" {d.customer_name or d.customer_id}" if d else r.decision_id)
        body.append([f"{r.given_at:%Y-%m-%d}", _p(w.employee_name, st.cell),
                     _p(r.given_by_name or r.given_by, st.cell), _p(what, st.cell),
                     _p(r.note, st.cell)])
    return [*out, _table(body, [60, 80, 80, 140, width - 360])]


def _approver(d: ReviewDecision) -> str:
    if not d.approver_id:
        return ""
    how = CHANNELS.get(d.channel or "", d.channel or "")
    return f"{d.approver_name or d.approver_id} ({how})" if how else d.approver_name


def _decisions(report: DecisionsReport, labels: dict[str, str], locale: str, st: _Styles,
               width: float) -> list[Flowable]:
    shown = report.decisions[:DECISION_LIMIT]
    out: list[Flowable] = [_p("Decisions", st.h2)]
    if len(report.decisions) > len(shown):
        out.append(_p(f"The first {len(shown):,} of {len(report.decisions):,} decisions;"
                      " the CSV export has all of them.", st.muted))
    if not shown:
        return [*out, _p("No decisions in this period.", st.muted)]
    header = ["When (UTC)", "Employee", "Approver", "Guest", "Action", "Reason",
              "Category", "Amount", "Voucher", "Note"]
    fixed = [78, 70, 80, 80, 70, 70, 55, 55, 46]
    widths = [*fixed, width - sum(fixed)]
    for start in range(0, len(shown), CHUNK):
        body: list[list[Any]] = [header]
        for d in shown[start : start + CHUNK]:
            flags = " · ".join(f for f, on in (("override", d.override),
                                               ("exception", d.allowance_exception)) if on)
            body.append([
                f"{d.decided_at:%Y-%m-%d %H:%M}", _p(d.employee_name or d.employee_id,
                                                     st.cell),
                _p(_approver(d), st.cell), _p(d.customer_name or d.customer_id, st.cell),
                _p(labels.get(d.action, d.action), st.cell),
                _p(labels.get(d.reason, d.reason), st.cell), _p(d.category, st.cell),
                _money(d.amount_minor, d.currency, locale), d.voucher_state,
                _p(" — ".join(t for t in (flags, d.note) if t), st.cell)])
        out.append(_table(body, widths, numeric=(7,)))
    return out


def _footer(title: str, width: float) -> Any:
    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        regular, _bold = _fonts()
        canvas.saveState()
        canvas.setFont(regular, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, 8 * mm, title)
        canvas.drawRightString(width - MARGIN, 8 * mm, f"Page {doc.page}")
        canvas.restoreState()
    return draw


def render_review_pdf(report: DecisionsReport, locale: str) -> bytes:
    """The period's review as PDF bytes."""
    st = _Styles()
    period = _period(report, locale)
    title = f"Leeway review of decisions: {period}"
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=A4, title=title, author="Leeway",
                          leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                          bottomMargin=MARGIN + 4 * mm)
    wide = landscape(A4)
    doc.addPageTemplates([
        PageTemplate("portrait", [Frame(MARGIN, MARGIN + 4 * mm, A4[0] - 2 * MARGIN,
                                        A4[1] - 2 * MARGIN - 4 * mm, id="p")],
                     onPage=_footer(title, A4[0]), pagesize=A4),
        PageTemplate("landscape", [Frame(MARGIN, MARGIN + 4 * mm, wide[0] - 2 * MARGIN,
                                         wide[1] - 2 * MARGIN - 4 * mm, id="l")],
                     onPage=_footer(title, wide[0]), pagesize=wide),
    ])
    width, cur = A4[0] - 2 * MARGIN, report.currency
    labels = {t.key: t.label for dim in ("reason", "action") for t in report.totals[dim]}
    regular, _bold = _fonts()
    story: list[Flowable] = [
        _p("Review of decisions", st.title),
        _p(f"{period} · {len(report.decisions):,} decisions · amounts in {cur}",
           st.subtitle),
        _summary(report, locale, st, width),
    ]
    if report.decisions:
        story += [
            KeepTogether([_p(f"Money granted per {spend_unit(sorted(report.spend_by_day))},"
                             " by category", st.h2),
                          spend_chart(report.spend_by_day, cur, locale, regular, width,
                                      62 * mm, "other categories")]),
            KeepTogether([_p("Decisions by reason", st.h2),
                          reason_chart(report.totals["reason"], regular, width,
                                       "other reasons", locale)]),
        ]
    else:
        story.append(_p("No decisions in this period.", st.body))
    for dim, heading in DIMENSION_TITLES:
        story += _totals(heading, report.totals.get(dim, []), cur, locale, st, width)
    story += _wins(report, labels, locale, st, width)
    story += [NextPageTemplate("landscape"), PageBreak()]
    story += _decisions(report, labels, locale, st, wide[0] - 2 * MARGIN)
    story.append(Spacer(1, 1))
    doc.build(story)
    return buf.getvalue()

