"""Vouchers end to end: issue with `decide`, parse the PDF, decode its QR and barcode,
verify and redeem, including forged, mistyped, expired, redeemed and racing cases."""

from __future__ import annotations

import io
import json
import sqlite3
import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
import zxingcpp
from pypdf import PdfReader

from pos_app.cli import main


def _cli(argv: list[str], capsys: Any, monkeypatch: Any, stdin: str = "") -> tuple[int, str,
                                                                                  str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def issued(demo_app: Any, data_dir: Path, tmp_path: Path, capsys: Any, monkeypatch: Any
           ) -> dict[str, Any]:
    demo_app.close()
    pdf = tmp_path / "voucher.pdf"
    code, out, err = _cli(["--data-dir", str(data_dir), "decide", "--employee", "1001",
                           "--customer", "C100030", "--action", "discount_voucher",
                           "--amount", "25.00", "--reason", "facility_issue",
                           "--voucher-pdf", str(pdf), "--json"], capsys, monkeypatch, "2580\n")
    assert code == 0, err
    data = json.loads(out)
    return {"code": data["voucher_code"], "pdf": pdf, "dir": data_dir, "json": data}


def _decode(pdf_path: Path) -> dict[str, str]:
    doc = pdfium.PdfDocument(str(pdf_path))
    image = doc[0].render(scale=300 / 72).to_pil()
    return {r.format.name: r.text for r in zxingcpp.read_barcodes(image)}


def test_the_pdf_has_name_value_code_and_both_barcodes_decode_to_the_code(
        issued: dict[str, Any], demo_app: Any) -> None:
    text = PdfReader(str(issued["pdf"])).pages[0].extract_text()
    with demo_app.uow() as uow:
        customer = uow.customers.get("C100030")
    assert customer is not None
    assert customer.display_name in text
    assert "$25.00" in text
    assert issued["code"] in text
    found = _decode(issued["pdf"])
    assert found == {"QRCode": issued["code"], "Code128": issued["code"]}


def test_verify_and_redeem_once(issued: dict[str, Any], capsys: Any, monkeypatch: Any) -> None:
    d = ["--data-dir", str(issued["dir"])]
    code, out, _ = _cli([*d, "voucher", "verify", issued["code"], "--json"], capsys,
                        monkeypatch)
    assert code == 0
    info = json.loads(out)
    assert (info["valid"], info["value"], info["status"]) == (True, "25.00", "issued")
    assert info["issued_by"] == "1001" and info["expires_on"]
    # Lower case and Crockford's look-alikes are accepted.
    typed = issued["code"].lower().replace("1", "l").replace("0", "o")
    assert _cli([*d, "voucher", "verify", typed], capsys, monkeypatch)[0] == 0
    # Redeeming is an employee's act: their PIN is asked for, like every other act.
    code, _, err = _cli([*d, "voucher", "redeem", issued["code"], "--employee", "1002"],
                        capsys, monkeypatch, "0000\n")
    assert code == 1 and "do not match" in err
    assert json.loads(_cli([*d, "voucher", "verify", issued["code"], "--json"], capsys,
                           monkeypatch)[1])["status"] == "issued"
    code, out, _ = _cli([*d, "voucher", "redeem", issued["code"], "--employee", "1002",
                         "--json"], capsys, monkeypatch, "1357\n")
    assert code == 0 and json.loads(out)["status"] == "redeemed"
    code, _, err = _cli([*d, "voucher", "redeem", issued["code"], "--employee", "1002"],
                        capsys, monkeypatch, "1357\n")
    assert code == 1 and "Already redeemed" in err


def _flip(code: str, index: int) -> str:
    chars = list(code)
    chars[index] = "7" if chars[index] != "7" else "8"
    return "".join(chars)


def test_each_bad_code_gets_its_own_message(issued: dict[str, Any], capsys: Any,
                                            monkeypatch: Any) -> None:
    d = ["--data-dir", str(issued["dir"])]
    code = issued["code"]
    typo = _flip(code, 2)
    _, _, typo_err = _cli([*d, "voucher", "verify", typo], capsys, monkeypatch)
    a, b = code[0], code[1]
    swapped = b + a + code[2:] if a != b else _flip(code, 0)
    _, _, swap_err = _cli([*d, "voucher", "verify", swapped], capsys, monkeypatch)
    assert "mistyped or two are swapped" in typo_err
    assert "mistyped or two are swapped" in swap_err
    # A forged voucher: someone raises its value in the database.
    with sqlite3.connect(issued["dir"] / "leeway.sqlite3") as conn:
        conn.execute("UPDATE vouchers SET value_minor = 250000")
    rc, _, forged_err = _cli([*d, "voucher", "verify", code], capsys, monkeypatch)
    assert rc == 1 and "forged" in forged_err
    rc, _, err = _cli([*d, "voucher", "redeem", code, "--employee", "1002"], capsys,
                      monkeypatch, "1357\n")
    assert rc == 1 and "forged" in err


def test_an_expired_voucher_is_refused(issued: dict[str, Any], demo_app: Any) -> None:
    from pos_app.adapters.vouchers.keys import verify_signature
    from pos_app.domain.clock import utcnow
    from pos_app.services.vouchers import VoucherProblem, redeem_voucher, verify_voucher

    with demo_app.uow(write=True) as uow:
        later = utcnow().date() + timedelta(days=400)
        status = verify_voucher(uow, verify_signature, issued["code"], today=later)
        assert not status.valid and status.message.startswith("Expired on")
        with pytest.raises(VoucherProblem, match="Expired"):
            redeem_voucher(uow, verify_signature, demo_app.policy(), issued["code"], "1002",
                           today=later)


def test_an_unknown_code_with_a_valid_check_is_not_honoured(demo_app: Any) -> None:
    from pos_app.adapters.vouchers.keys import verify_signature
    from pos_app.domain.voucher_code import new_code
    from pos_app.services.vouchers import VoucherProblem, verify_voucher

    with demo_app.uow() as uow, pytest.raises(VoucherProblem, match="No voucher"):
        verify_voucher(uow, verify_signature, new_code())


def test_racing_redemptions_end_with_exactly_one_success(issued: dict[str, Any]) -> None:
    from pos_app.adapters.vouchers.keys import verify_signature
    from pos_app.bootstrap import open_app
    from pos_app.services.vouchers import VoucherProblem, redeem_voucher

    apps = [open_app(issued["dir"]) for _ in range(4)]
    barrier = threading.Barrier(len(apps))
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(app: Any) -> None:
        barrier.wait()
        try:
            with app.uow(write=True) as uow:
                redeem_voucher(uow, verify_signature, app.policy(), issued["code"], "1002")
                uow.commit()
            result = "ok"
        except VoucherProblem:
            result = "refused"
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(app,)) for app in apps]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    for app in apps:
        app.close()
    assert sorted(outcomes) == ["ok", "refused", "refused", "refused"]
    with sqlite3.connect(issued["dir"] / "leeway.sqlite3") as conn:
        events = conn.execute("SELECT count(*) FROM events WHERE type='voucher.redeemed'"
                              ).fetchone()[0]
    assert events == 1


def test_a_voucher_pdf_renders_for_every_layout_and_copy(issued: dict[str, Any],
                                                         demo_app: Any) -> None:
    from pos_app.adapters.vouchers.pdf import render_voucher
    from pos_app.services.vouchers import voucher_face

    with demo_app.uow() as uow:
        (voucher,) = uow.vouchers.for_customer("C100030")
    for layout in ("a6", "receipt"):
        face = voucher_face(voucher, "Test Hotel", "en_US", copy=True)
        pdf = render_voucher(face, layout)
        text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
        assert "COPY" in text and voucher.code in text
