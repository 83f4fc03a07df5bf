"""Rendering a recovery voucher as a PDF with reportlab: A6 card or 80 mm receipt.

The document carries the store's name and logo, the guest's name, the value (or the
item, for a replacement), an apology line, the expiry date, the terms, the code in
readable groups with a QR code and a Code 128 barcode of exactly that code, and the
issuing employee's first name. A reprint says COPY across it.

Every line is laid out by :mod:`pos_app.adapters.pdf_text`, so a name in Chinese,
Arabic, Hebrew or Devanagari prints as written, in the bundled fonts.
"""

from __future__ import annotations

import io
import itertools
from functools import lru_cache
from pathlib import Path

from reportlab import rl_config
from reportlab.graphics.barcode import code128, qr
from reportlab.lib.colors import Color, HexColor, black
from reportlab.lib.pagesizes import A6
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from pos_app.adapters.pdf_text import draw, fit_size, wrap
from pos_app.i18n import translator
from pos_app.services.desk import VoucherFace

RESOURCES = Path(__file__).resolve().parents[3] / "resources"
# Binary streams instead of ASCII85 text: reportlab's ASCII85 encoder is pure Python
# here and re-encoded the logo for every voucher (a fifth of the render); a PDF reader
# takes either, and the file is smaller.
rl_config.useA85 = 0
NAVY = HexColor("#12343b")
TEAL = HexColor("#2c7a7b")
GREY = HexColor("#5b6770")
LAYOUTS = ("a6", "receipt")


# The printed face is defined where the use cases live (the renderer is their port).
VoucherDocument = VoucherFace


@lru_cache(maxsize=1)
def _logo() -> ImageReader | None:
    path = RESOURCES / "brand" / "logo.png"
    return ImageReader(str(path)) if path.exists() else None


def _draw_qr(c: Canvas, code: str, x: float, y: float, side: float) -> None:
    """The QR code of ``code`` in a ``side`` square at (x, y), quiet zone included, as
    reportlab's widget lays it out, but encoded once (the widget's bounds and its drawing
    each encoded it, with every mask tried) and filled as one path instead of a shape
    object per run of dark modules: a third of a voucher's render time."""
    widget = qr.QrCodeWidget(code, barLevel="M")
    matrix = widget.qr
    matrix.make()
    border = widget.barBorder
    box = side / (matrix.getModuleCount() + 2 * border)
    path = c.beginPath()
    for row_index, row in enumerate(matrix.modules):
        column = 0
        for dark, run in itertools.groupby(bool(module) for module in row):
            count = len(list(run))
            if dark:
                path.rect(x + (column + border) * box, y + side - (row_index + border + 1) * box,
                          count * box, box)
            column += count
    c.saveState()
    c.setFillColor(black)
    c.drawPath(path, stroke=0, fill=1)
    c.restoreState()


def render_voucher(doc: VoucherFace, layout: str = "a6", locale: str | None = None) -> bytes:
    """The voucher as PDF bytes (pure: no files, no Qt; safe on any worker thread).

    The face's texts come formatted; the few words added here ("FOR", "COPY") are in
    the desk's ``locale``, whatever language the process speaks.
    """
    _ = translator(locale)
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}")
    width = A6[0] if layout == "a6" else 80 * mm
    height = A6[1] if layout == "a6" else 128 * mm
    margin = 8 * mm if layout == "a6" else 5 * mm
    inner = width - 2 * margin
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(width, height), pageCompression=1)
    c.setTitle(_("{store} voucher {code}").format(store=doc.store_name, code=doc.code))
    c.setAuthor(doc.store_name)
    c.setSubject(_("Recovery voucher"))

    y = height - margin
    logo = _logo()
    if logo is not None:
        lw, lh = logo.getSize()
        draw_w = min(inner, 52 * mm)
        draw_h = draw_w * lh / lw
        c.drawImage(logo, (width - draw_w) / 2, y - draw_h, draw_w, draw_h, mask="auto")
        y -= draw_h + 2 * mm
    else:
        size = fit_size(doc.store_name, 14, inner, bold=True)
        c.setFillColor(NAVY)
        draw(c, width / 2, y - size, doc.store_name, size, bold=True)
        y -= size + 3 * mm
    c.setStrokeColor(TEAL)
    c.setLineWidth(0.8)
    c.line(margin, y, width - margin, y)
    y -= 6 * mm

    c.setFillColor(GREY)
    draw(c, width / 2, y, _("{headline} for").format(headline=doc.headline).upper(), 8)
    y -= 6 * mm
    # The guest's name as written, in any script: see pos_app.adapters.pdf_text.
    size = fit_size(doc.customer_name, 13, inner, bold=True)
    c.setFillColor(NAVY)
    draw(c, width / 2, y, doc.customer_name, size, bold=True)
    y -= 11 * mm
    size = fit_size(doc.value_text, 30, inner, bold=True)
    c.setFillColor(TEAL)
    draw(c, width / 2, y, doc.value_text, size, bold=True)
    y -= 7 * mm

    c.setFillColor(NAVY)
    for line in wrap(doc.apology, 8.5, inner)[:3]:
        draw(c, width / 2, y, line, 8.5)
        y -= 4 * mm
    y -= 1 * mm
    draw(c, width / 2, y, doc.expires_text, 8.5, bold=True)
    y -= 4 * mm

    side = 26 * mm if layout == "a6" else 30 * mm
    y -= side
    _draw_qr(c, doc.code, (width - side) / 2, y, side)
    y -= 4 * mm
    draw(c, width / 2, y, doc.code, 10.5 if layout == "a6" else 10, bold=True)
    y -= 2 * mm
    barcode = code128.Code128(doc.code, barHeight=9 * mm, barWidth=0.72,
                              humanReadable=False, quiet=True)
    scale = min(1.0, inner / barcode.width)
    bar_y = y - 9 * mm
    c.saveState()
    c.translate((width - barcode.width * scale) / 2, bar_y)
    c.scale(scale, 1)
    barcode.drawOn(c, 0, 0)
    c.restoreState()
    y = bar_y - 4 * mm

    c.setFillColor(GREY)
    draw(c, width / 2, y, f"{doc.issued_text} · {doc.issued_by}", 6.5)
    y -= 3.5 * mm
    for line in wrap(doc.terms, 6, inner)[:4]:
        draw(c, width / 2, y, line, 6)
        y -= 3 * mm

    if doc.copy:
        c.saveState()
        c.setFillColor(Color(0.7, 0.1, 0.1, alpha=0.25))
        c.translate(width / 2, height / 2)
        c.rotate(35)
        draw(c, 0, 0, _("COPY"), 40, bold=True)
        c.restoreState()
    c.showPage()
    c.save()
    return buf.getvalue()
