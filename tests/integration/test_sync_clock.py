"""A desk whose clock runs far ahead (or a stolen till that says so) cannot make its
contact edit win for good, nor carry every other desk's clock into the future."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select, text, update

from pos_app.adapters.central.connect import normalise_url
from pos_app.adapters.db.models import TerminalRow
from pos_app.bootstrap import open_app
from pos_app.domain.hlc import format_hlc, parse_hlc
from pos_app.services.customers import correct_contact
from tests.integration.sync_support import new_central, sync
from tests.integration.sync_support import new_desk as _desk

YEAR_2999_MS = 32_503_680_000_000
SKEW_MS = 300_000  # what central allows a desk's clock to run ahead


def _central_stamps(central: str, customer_id: str) -> tuple[str, str]:
    """(the email field's clock, the newest feed change's hlc) of a customer."""
    engine = create_engine(normalise_url(central))
    try:
        with engine.connect() as conn:
            clocks = json.loads(conn.execute(text(
                "SELECT clocks FROM central_customers WHERE id = :c"), {"c": customer_id}
            ).scalar_one())
            change = json.loads(conn.execute(text(
                "SELECT data FROM central_changes WHERE kind = 'customer' AND key = :c"
                " ORDER BY seq DESC LIMIT 1"), {"c": customer_id}).scalar_one())
    finally:
        engine.dispose()
    return str(clocks["email"]).split("|", 1)[0], str(change["hlc"])


def test_a_clock_far_ahead_counts_as_five_minutes_ahead(
        tmp_path: Path, pg_url: str, capsys: Any) -> None:
    central = new_central(pg_url)
    a = _desk(tmp_path, "desk-a", True, central, capsys)
    assert sync(a, capsys)["online"]
    app = open_app(a)
    try:
        with app.db.write_sessions() as s, s.begin():  # the till's clock says year 2999
            s.execute(update(TerminalRow).values(last_hlc=format_hlc(YEAR_2999_MS, 0)))
        with app.uow(write=True) as uow:
            correct_contact(uow, employee_id="1001", customer_id="C100050", field="email",
                            value="future@example.com")
            uow.commit()
    finally:
        app.close()
    before_ms = int(time.time() * 1000)
    assert sync(a, capsys)["online"]
    after_ms = int(time.time() * 1000)
    field, feed = _central_stamps(central, "C100050")
    for stamp in (field, feed):
        ms, _counter = parse_hlc(stamp)
        assert before_ms + SKEW_MS - 60_000 <= ms <= after_ms + SKEW_MS  # held at the ceiling
    # A new desk joining receives the customer (with the edit) but not the year 2999.
    b = _desk(tmp_path, "desk-b", False, central, capsys)
    assert sync(b, capsys)["online"]
    app = open_app(b)
    try:
        with app.uow() as uow:
            joined = uow.customers.get("C100050")
        with app.db.read_sessions() as s:
            clock = s.scalars(select(TerminalRow.last_hlc)).one()
    finally:
        app.close()
    assert joined is not None and joined.email == "future@example.com"
    assert clock is not None and parse_hlc(clock)[0] <= int(time.time() * 1000) + SKEW_MS
