"""Rasterising a voucher PDF (PDFium) so the printer gets exactly what the PDF shows.

Qt's own PDF module (QtPdf) is not in the PySide6 wheels this project installs, so
pages are rendered with pypdfium2 (Chrome's PDF engine) off the UI thread and the
images are painted into the QPrinter; paper and PDF match pixel for pixel.
"""

from __future__ import annotations

import io


def render_pages(pdf: bytes, dpi: int = 300) -> list[tuple[bytes, float, float]]:
    """Return (PNG bytes, page width pt, page height pt) for each page."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    pages = []
    try:
        for page in doc:
            width, height = page.get_size()
            image = page.render(scale=dpi / 72).to_pil()
            buf = io.BytesIO()
            image.save(buf, format="PNG")
            pages.append((buf.getvalue(), float(width), float(height)))
    finally:
        doc.close()
    return pages
