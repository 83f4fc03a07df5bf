"""The review of a period as a PDF a manager prints or mails (reportlab; no Qt).

Page one has the period, the summary figures and the two charts; then the totals by
employee, approver, reason, category and action, the wins, and on landscape pages the
decisions themselves. Long tables flow across pages with their header repeated.

Every piece of recorded text (a guest's name, a note) goes into a ``Paragraph`` escaped:
reportlab parses a paragraph's text as markup, and a note may be ``<b>`` or ``&``. Plain
table cells and chart labels are drawn as they are. Times are shown in the desk's zone
(named under the decisions); the period's days are UTC days, as the report counts them.
Pure: bytes out, nothing written; safe on any worker thread.

Every word the PDF itself adds (headings, column titles, figures' captions) is in the
language of the ``locale`` it is made for (``translator(locale)``, named ``_`` locally so
that extraction finds the sentences), whatever language the process speaks.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, date, tzinfo
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

from pos_app.adapters.pdf_text import primary_fonts
from pos_app.adapters.reports.pdf_charts import reason_chart, spend_chart
from pos_app.domain.money import Money
from pos_app.domain.review import ReviewDecision, Total, spend_unit
from pos_app.domain.zones import effective_name, format_stamp
from pos_app.i18n import N_, translator
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
CHANNELS = {"desk": N_("at the desk"), "telephone": N_("by telephone"),
            "remote": N_("online"), "referral": N_("by referral")}
# (dimension, section heading, the first column's title)
DIMENSION_TITLES = (("employee", N_("By employee"), N_("Employee")),
                    ("approver", N_("By approver"), N_("Approver")),
                    ("reason", N_("By reason"), N_("Reason")),
                    ("category", N_("By category"), N_("Category")),
                    ("action", N_("By action"), N_("Action")))
# The spend chart's heading for each size of bar (see ``spend_unit``).
SPEND_TITLES = {"day": N_("Money granted per day, by category"),
                "week": N_("Money granted per week, by category"),
                "month": N_("Money granted per month, by category")}
VOUCHER_STATES = {"issued": N_("issued"), "redeemed": N_("redeemed"),
                  "expired": N_("expired")}


@lru_cache(maxsize=1)
def _fonts() -> tuple[str, str]:
    # The voucher's DejaVu Sans, registered where the voucher's are, so guests' names
    # print as written (not Helvetica's Latin-1 only). Tables and paragraphs are in one
    # font: the per-character fallback and shaping of pdf_text are for single lines.
    regular, bold = primary_fonts()
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


def _word(table: dict[str, str], key: str | None, locale: str) -> str:
    """A known key's words in the locale's language; anything else as it is."""
    _ = translator(locale)
    return _(table[key]) if key in table else key or ""


def _period(report: DecisionsReport, locale: str) -> str:
    _ = translator(locale)

    def day(value: date) -> str:
        return str(format_date(value, "medium", locale=locale))
    since, until = report.since, report.until
    if since and until:
        return f"{day(since)} – {day(until)}"
    if since:
        return _("From {day}").format(day=day(since))
    return _("Up to {day}").format(day=day(until)) if until else _("Every decision recorded")


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
    _ = translator(locale)
    s, cur = report.summary, report.currency
    channels = ", ".join(f"{_word(CHANNELS, k, locale)} {v}"
                         for k, v in sorted(s.by_channel.items()))
    rate = f"{s.came_back_rate:.0%}" if s.came_back_rate is not None else "–"
    figures = [
        (f"{s.count:,}", _("decisions")),
        (_money(s.amount_minor, cur, locale), _("granted")),
        (f"{s.approved:,}", _("approved by someone else ({channels})").format(
            channels=channels or _("none"))),
        (f"{s.referrals:,}", _("referrals made")),
        (f"{s.overrides:,}", _("overrides of the guest's budget")),
        (f"{s.exceptions:,}", _("beyond what the desk held (allowance exceptions)")),
        (f"{s.vouchers:,}", _("vouchers given")),
        (f"{s.redeemed:,} ({rate})", _("redeemed: the guest came back")),
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


def _totals(title: str, column: str, rows: list[Total], currency: str, locale: str,
            st: _Styles, width: float) -> list[Flowable]:
    """``title`` and ``column`` are translated already."""
    if not rows:
        return []
    _ = translator(locale)
    whole = sum(t.amount_minor for t in rows) or 1
    body: list[list[Any]] = [[column, _("Decisions"), _("Amount"), _("Share")]]
    body += [[_p(t.label or _("(none)"), st.cell), f"{t.count:,}",
              _money(t.amount_minor, currency, locale), f"{t.amount_minor / whole:.0%}"]
             for t in rows]
    table = _table(body, [width - 150, 45, 65, 40], numeric=(1, 2, 3))
    return [CondPageBreak(40 * mm), _p(title, st.h2), table]


def _wins(report: DecisionsReport, labels: dict[str, str], locale: str, st: _Styles,
          width: float) -> list[Flowable]:
    _ = translator(locale)
    out: list[Flowable] = [CondPageBreak(40 * mm), _p(_("Wins: decisions recognised"), st.h2)]
    if not report.wins:
        return [*out, _p(_("No decision was recognised in this period."), st.muted)]
    body: list[list[Any]] = [[_("Recognised"), _("Employee"), _("By"), _("Decision"),
                              _("Note")]]
    for w in report.wins:
        r, d = w.recognition, w.decision
        what = _("{action} {amount} for {guest}").format(
            action=labels.get(d.action, d.action),
            amount=_money(d.amount_minor, d.currency, locale),
            guest=d.customer_name or d.customer_id) if d else r.decision_id
        body.append([f"{r.given_at:%Y-%m-%d}", _p(w.employee_name, st.cell),
                     _p(r.given_by_name or r.given_by, st.cell), _p(what, st.cell),
                     _p(r.note, st.cell)])
    return [*out, _table(body, [60, 80, 80, 140, width - 360])]


def _approver(d: ReviewDecision, locale: str) -> str:
    if not d.approver_id:
        return ""
    how = _word(CHANNELS, d.channel, locale)
    return f"{d.approver_name or d.approver_id} ({how})" if how else d.approver_name


def _decisions(report: DecisionsReport, labels: dict[str, str], locale: str, st: _Styles,
               width: float, zone: tzinfo = UTC) -> list[Flowable]:
    _ = translator(locale)
    shown = report.decisions[:DECISION_LIMIT]
    out: list[Flowable] = [_p(_("Decisions"), st.h2)]
    if len(report.decisions) > len(shown):
        out.append(_p(_("The first {shown} of {total} decisions; the CSV export has all of"
                        " them.").format(shown=f"{len(shown):,}",
                                         total=f"{len(report.decisions):,}"), st.muted))
    if not shown:
        return [*out, _p(_("No decisions in this period."), st.muted)]
    out.append(_p(_("Times are in {zone}.").format(zone=effective_name(zone)), st.muted))
    # The column names the zone short ('When (Tokyo)'); the line above names it in full.
    place = effective_name(zone).rsplit("/", 1)[-1].replace("_", " ")
    header = [_("When ({zone})").format(zone=place), _("Employee"), _("Approver"), _("Guest"),
              _("Action"), _("Reason"), _("Category"), _("Amount"), _("Voucher"), _("Note")]
    fixed = [78, 70, 80, 80, 70, 70, 55, 55, 46]
    widths = [*fixed, width - sum(fixed)]
    for start in range(0, len(shown), CHUNK):
        body: list[list[Any]] = [header]
        for d in shown[start : start + CHUNK]:
            flags = " · ".join(f for f, on in ((_("override"), d.override),
                                               (_("exception"), d.allowance_exception)) if on)
            body.append([
                format_stamp(d.decided_at, locale, zone, with_zone=False),
                _p(d.employee_name or d.employee_id, st.cell),
                _p(_approver(d, locale), st.cell),
                _p(d.customer_name or d.customer_id, st.cell),
                _p(labels.get(d.action, d.action), st.cell),
                _p(labels.get(d.reason, d.reason), st.cell), _p(d.category, st.cell),
                _money(d.amount_minor, d.currency, locale),
                _word(VOUCHER_STATES, d.voucher_state, locale),
                _p(" — ".join(t for t in (flags, d.note) if t), st.cell)])
        out.append(_table(body, widths, numeric=(7,)))
    return out


def _footer(title: str, width: float, locale: str) -> Any:
    _ = translator(locale)

    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        regular, _bold = _fonts()
        canvas.saveState()
        canvas.setFont(regular, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, 8 * mm, title)
        canvas.drawRightString(width - MARGIN, 8 * mm, _("Page {n}").format(n=doc.page))
        canvas.restoreState()
    return draw


def render_review_pdf(report: DecisionsReport, locale: str, zone: tzinfo = UTC) -> bytes:
    """The period's review as PDF bytes; times in ``zone`` (the desk's)."""
    _ = translator(locale)
    st = _Styles()
    period = _period(report, locale)
    title = _("Leeway review of decisions: {period}").format(period=period)
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=A4, title=title, author="Leeway",
                          leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                          bottomMargin=MARGIN + 4 * mm)
    wide = landscape(A4)
    doc.addPageTemplates([
        PageTemplate("portrait", [Frame(MARGIN, MARGIN + 4 * mm, A4[0] - 2 * MARGIN,
                                        A4[1] - 2 * MARGIN - 4 * mm, id="p")],
                     onPage=_footer(title, A4[0], locale), pagesize=A4),
        PageTemplate("landscape", [Frame(MARGIN, MARGIN + 4 * mm, wide[0] - 2 * MARGIN,
                                         wide[1] - 2 * MARGIN - 4 * mm, id="l")],
                     onPage=_footer(title, wide[0], locale), pagesize=wide),
    ])
    width, cur = A4[0] - 2 * MARGIN, report.currency
    labels = {t.key: t.label for dim in ("reason", "action") for t in report.totals[dim]}
    regular, _bold = _fonts()
    story: list[Flowable] = [
        _p(_("Review of decisions"), st.title),
        _p(_("{period} · {n} decisions · amounts in {currency}").format(
            period=period, n=f"{len(report.decisions):,}", currency=cur), st.subtitle),
        _summary(report, locale, st, width),
    ]
    if report.decisions:
        story += [
            KeepTogether([_p(_(SPEND_TITLES[spend_unit(sorted(report.spend_by_day))]),
                             st.h2),
                          spend_chart(report.spend_by_day, cur, locale, regular, width,
                                      62 * mm, _("other categories"))]),
            KeepTogether([_p(_("Decisions by reason"), st.h2),
                          reason_chart(report.totals["reason"], regular, width,
                                       _("other reasons"), locale)]),
        ]
    else:
        story.append(_p(_("No decisions in this period."), st.body))
    for dim, heading, column in DIMENSION_TITLES:
        story += _totals(_(heading), _(column), report.totals.get(dim, []), cur, locale, st,
                         width)
    story += _wins(report, labels, locale, st, width)
    story += [NextPageTemplate("landscape"), PageBreak()]
    story += _decisions(report, labels, locale, st, wide[0] - 2 * MARGIN, zone)
    story.append(Spacer(1, 1))
    doc.build(story)
    return buf.getvalue()

