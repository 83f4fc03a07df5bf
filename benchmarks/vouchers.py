"""Figure 6: rendering a voucher PDF with reportlab."""

from __future__ import annotations

import random
import time

from benchmarks.core import Figure, num, p50_p99

NAMES = ("Zoë Müller", "Łukasz Østergaard", "Nguyễn Văn Çelik", "Siobhán O'Brien",
         "Aiko Nakamura", "François Van der Berg", "Oluwaseun Papadopoulos")


def figure_render(count: int) -> Figure:
    from pos_app.adapters.vouchers.pdf import VoucherDocument, render_voucher
    from pos_app.domain.voucher_code import new_code
    from pos_app.services.vouchers import TERMS

    fig = Figure(6, "voucher PDF render, p50/p99", "ms", "p99 ≤ 50 ms")
    rng = random.Random(3)

    def document(i: int) -> VoucherDocument:
        return VoucherDocument(
            store_name="Leeway Demo Hotel", customer_name=rng.choice(NAMES),
            value_text=f"${rng.randrange(5, 500)}.00",
            headline=rng.choice(("Credit", "Discount", "Replacement")),
            apology="We are sorry you were kept waiting. Thank you for your patience.",
            expires_text="Valid until May 30, 2027",
            terms=TERMS.format(store="Leeway Demo Hotel"), code=new_code(),
            issued_by="Maya", issued_text="Issued Dec 1, 2026", copy=i % 10 == 9)

    started = time.perf_counter()
    first_size = len(render_voucher(document(0)))  # registers fonts, loads the logo
    first_ms = (time.perf_counter() - started) * 1000
    seconds, sizes = [], []
    for i in range(count):
        layout = "a6" if i % 2 == 0 else "receipt"
        doc = document(i)
        started = time.perf_counter()
        pdf = render_voucher(doc, layout)
        seconds.append(time.perf_counter() - started)
        sizes.append(len(pdf))
    p50, p99 = p50_p99(seconds)
    fig.value = p99
    fig.met = p99 <= 50
    fig.value_text = f"{num(p50)} / {num(p99)} ms"
    fig.stats = {"p50_ms": round(p50, 3), "p99_ms": round(p99, 3), "renders": count,
                 "first_render_ms": round(first_ms, 1),
                 "mean_pdf_bytes": round(sum(sizes) / len(sizes)), "first_pdf_bytes": first_size}
    fig.notes = (
        f"value is p99; p50 {num(p50)} ms. {count} renders alternating A6 card and 80 mm"
        " receipt, varied names and codes, every tenth a COPY. The first render of the"
        f" process (font registration, logo) took {first_ms:.0f} ms and is not counted."
    )
    return fig
