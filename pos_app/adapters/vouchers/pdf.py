"""Rendering a recovery voucher as a PDF with reportlab: A6 card or 80 mm receipt.

The document carries the store's name and logo, the guest's name, the value (or the
item, for a replacement), an apology line, the expiry date, the terms, the code in
readable groups with a QR code and a Code 128 barcode of exactly that code, and the
issuing employee's first name. A reprint says COPY across it.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode import code128, qr
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A6
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from pos_app.services.desk import VoucherFace

RESOURCES = Path(__file__).resolve().parents[3] / "resources"
NAVY = HexColor("#12343b")
TEAL = HexColor("#2c7a7b")
GREY = HexColor("#5b6770")
LAYOUTS = ("a6", "receipt")


# The printed face is defined where the use cases live (the renderer is their port).
VoucherDocument = VoucherFace


@lru_cache(maxsize=1)
def _fonts() -> tuple[str, str]:
    regular, bold = "LeewaySans", "LeewaySans-Bold"
    pdfmetrics.registerFont(TTFont(regular, str(RESOURCES / "fonts" / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(bold, str(RESOURCES / "fonts" / "DejaVuSans-Bold.ttf")))
    return regular, bold


@lru_cache(maxsize=1)
def _logo() -> ImageReader | None:
    path = RESOURCES / "brand" / "logo.png"
    return ImageReader(str(path)) if path.exists() else None


def _fit(text: str, font: str, size: float, width: float) -> float:
    """Shrink a one-line text until it fits (long names, big values)."""
    while size > 6 and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def _qr(code: str, side: float) -> Drawing:
    widget = qr.QrCodeWidget(code, barLevel="M")
    x1, y1, x2, y2 = widget.getBounds()
    drawing = Drawing(side, side, transform=[side / (x2 - x1), 0, 0, side / (y2 - y1), 0, 0])
    drawing.add(widget)
    return drawing


def render_voucher(doc: VoucherFace, layout: str = "a6") -> bytes:
    """The voucher as PDF bytes (pure: no files, no Qt; safe on any worker thread)."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}")
    regular, bold = _fonts()
    width = A6[0] if layout == "a6" else 80 * mm
    height = A6[1] if layout == "a6" else 128 * mm
    margin = 8 * mm if layout == "a6" else 5 * mm
    inner = width - 2 * margin
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(width, height), pageCompression=1)
    c.setTitle(f"{doc.store_name} voucher {doc.code}")
    c.setAuthor(doc.store_name)
    c.setSubject("Recovery voucher")

    y = height - margin
    logo = _logo()
    if logo is not None:
        lw, lh = logo.getSize()
        draw_w = min(inner, 52 * mm)
        draw_h = draw_w * lh / lw
        c.drawImage(logo, (width - draw_w) / 2, y - draw_h, draw_w, draw_h, mask="auto")
        y -= draw_h + 2 * mm
    else:
        size = _fit(doc.store_name, bold, 14, inner)
        c.setFont(bold, size)
        c.setFillColor(NAVY)
        c.drawCentredString(width / 2, y - size, doc.store_name)
        y -= size + 3 * mm
    c.setStrokeColor(TEAL)
    c.setLineWidth(0.8)
    c.line(margin, y, width - margin, y)
    y -= 6 * mm

    c.setFillColor(GREY)
    c.setFont(regular, 8)
    c.drawCentredString(width / 2, y, doc.headline.upper() + " FOR")
    y -= 6 * mm
    size = _fit(doc.customer_name, bold, 13, inner)
    c.setFont(bold, size)
    c.setFillColor(NAVY)
    c.drawCentredString(width / 2, y, doc.customer_name)
    y -= 11 * mm
    size = _fit(doc.value_text, bold, 30, inner)
    c.setFont(bold, size)
    c.setFillColor(TEAL)
    c.drawCentredString(width / 2, y, doc.value_text)
    y -= 7 * mm

    c.setFillColor(NAVY)
    c.setFont(regular, 8.5)
    for line in simpleSplit(doc.apology, regular, 8.5, inner)[:3]:
        c.drawCentredString(width / 2, y, line)
        y -= 4 * mm
    y -= 1 * mm
    c.setFont(bold, 8.5)
    c.drawCentredString(width / 2, y, doc.expires_text)
    y -= 4 * mm

    side = 26 * mm if layout == "a6" else 30 * mm
    y -= side
    renderPDF.draw(_qr(doc.code, side), c, (width - side) / 2, y)
    y -= 4 * mm
    c.setFont(bold, 10.5 if layout == "a6" else 10)
    c.drawCentredString(width / 2, y, doc.code)
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
    c.setFont(regular, 6.5)
    c.drawCentredString(width / 2, y, f"{doc.issued_text} · {doc.issued_by}")
    y -= 3.5 * mm
    for line in simpleSplit(doc.terms, regular, 6, inner)[:4]:
        c.setFont(regular, 6)
        c.drawCentredString(width / 2, y, line)
        y -= 3 * mm

    if doc.copy:
        c.saveState()
        c.setFillColor(Color(0.7, 0.1, 0.1, alpha=0.25))
        c.setFont(bold, 40)
        c.translate(width / 2, height / 2)
        c.rotate(35)
        c.drawCentredString(0, 0, "COPY")
        c.restoreState()
    c.showPage()
    c.save()
    return buf.getvalue()
