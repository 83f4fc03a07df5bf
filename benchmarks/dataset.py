"""The deterministic synthetic data set, cached in ``benchmarks/data/``.

- a terminal ("desk") with N demo-style customers (non-ASCII names, E.164 phones,
  e-mails, loyalty and room numbers), keyed by size, seed and schema revision;
- a customer CSV for the import figure, keyed by size and seed;
- the 200 mixed search queries, drawn with a fixed seed from the desk's own rows;
- synthetic, hash-chained decision events for the sync figure.

Caches are built in a temporary folder and renamed into place, so an interrupted build
never leaves a half-filled desk behind.
"""

from __future__ import annotations

import csv
import os
import random
import shutil
import sqlite3
import string
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.core import CUSTOMER_SEED, DATA_DIR

DB_NAME = "leeway.sqlite3"
TERMINAL_ID = "bench"


def log(message: str) -> None:
    print(f"  {message}", flush=True)


def _fresh_tmp(final: Path) -> Path:
    tmp = final.with_name(f"{final.name}.tmp-{os.getpid()}")
    if tmp.exists():
        shutil.rmtree(tmp) if tmp.is_dir() else tmp.unlink()
    return tmp


def customer_desk(count: int, seed: int = CUSTOMER_SEED) -> Path:
    """A terminal data folder holding ``count`` customers; built once, then reused."""
    from pos_app.adapters.db.engine import HEAD_REVISION

    final = DATA_DIR / f"desk-{count}-s{seed}-r{HEAD_REVISION}"
    if (final / DB_NAME).exists():
        log(f"using cached desk {final.name}")
        return final
    from pos_app.bootstrap import init_terminal
    from pos_app.services.demo import demo_customers

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    tmp = _fresh_tmp(final)
    log(f"building a desk with {count:,} customers (seed {seed}) ...")
    started = time.perf_counter()
    app = init_terminal(tmp, terminal_id=TERMINAL_ID, store="Leeway Bench Hotel",
                        insecure_keyring=True)
    try:
        with app.uow(write=True) as uow:
            uow.customers.add_many(demo_customers(count, seed=seed), bulk=True)
            uow.commit()
    finally:
        app.close()
    # Fold the WAL into the main file so the cached desk is one self-contained file.
    with sqlite3.connect(tmp / DB_NAME) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    try:
        tmp.rename(final)
    except OSError:  # another run built it meanwhile
        shutil.rmtree(tmp, ignore_errors=True)
    log(f"built in {time.perf_counter() - started:.1f} s"
        f" ({(final / DB_NAME).stat().st_size / 1e6:.0f} MB)")
    return final


def customer_csv(count: int, seed: int) -> Path:
    """A UTF-8 customer CSV with every import column; built once, then reused."""
    from pos_app.services.demo import demo_customers
    from pos_app.services.importing import COLUMNS

    final = DATA_DIR / f"customers-{count}-s{seed}.csv"
    if final.exists():
        log(f"using cached {final.name}")
        return final
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    tmp = _fresh_tmp(final)
    with tmp.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        for c in demo_customers(count, seed=seed):
            writer.writerow([c.id, *(getattr(c, col) for col in COLUMNS[1:])])
    tmp.replace(final)
    log(f"wrote {final.name} ({final.stat().st_size / 1e6:.0f} MB)")
    return final


# -- queries ------------------------------------------------------------------------------

KINDS = ("name prefix", "first last", "phone fragment", "e-mail fragment", "absent")


def _fold(text: str) -> str:
    import unicodedata

    flat = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in flat if not unicodedata.combining(ch))


def _sample_rows(db: Path, count: int, rng: random.Random, limit: int
                 ) -> list[tuple[str, str, str, str]]:
    picks = sorted(rng.sample(range(1, count + 1), min(limit, count)))
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        marks = ",".join("?" for _ in picks)
        rows = conn.execute(
            f"SELECT given_name, family_name, phone_digits, email FROM customers"
            f" WHERE pk IN ({marks}) ORDER BY pk", picks).fetchall()
    finally:
        conn.close()
    return [(str(a), str(b), str(c), str(d)) for a, b, c, d in rows]


def make_queries(desk: Path, customers: int, n: int = 200, seed: int = 7
                 ) -> list[tuple[str, str]]:
    """``n`` (kind, query) pairs, an equal share of each kind, in a shuffled order.

    What an associate types: a name prefix ("zo", "mül"), first and last name or their
    prefixes ("anna müller", "ann mül"), 4-7 digits of a phone number, a piece of an
    e-mail address, and strings no guest has.
    """
    rng = random.Random(seed)
    rows = _sample_rows(desk / DB_NAME, customers, rng, n)
    per_kind = n // len(KINDS)
    out: list[tuple[str, str]] = []

    def row() -> tuple[str, str, str, str]:
        return rows[rng.randrange(len(rows))]

    for _ in range(per_kind):  # name prefixes, as typed or without accents
        given, family, _d, _e = row()
        word = rng.choice([given.split()[0], family.split()[0]])
        prefix = word[: rng.randint(2, min(5, len(word)))].lower()
        out.append(("name prefix", _fold(prefix) if rng.random() < 0.5 else prefix))
    for _ in range(per_kind):  # "first last", whole or prefixes
        given, family, _d, _e = row()
        g, f = given.split()[0].lower(), family.split()[-1].lower()
        if rng.random() < 0.5:
            g, f = g[: rng.randint(2, 4)], f[: rng.randint(2, 4)]
        out.append(("first last", f"{g} {f}"))
    for _ in range(per_kind):  # 4-7 consecutive digits of a real number
        _g, _f, digits, _e = row()
        size = rng.randint(4, 7)
        start = rng.randrange(0, len(digits) - size + 1)
        out.append(("phone fragment", digits[start : start + size]))
    for _ in range(per_kind):  # a piece of an address, sometimes across the "@"
        _g, _f, _d, email = row()
        local, domain = email.split("@", 1)
        if rng.random() < 0.5:
            size = rng.randint(5, min(10, len(local)))
            start = rng.randrange(0, len(local) - size + 1)
            out.append(("e-mail fragment", local[start : start + size]))
        else:
            out.append(("e-mail fragment", f"{local[-rng.randint(3, 6):]}@{domain[:4]}"))
    letters = "qxzjvkw"
    while len(out) < n:  # nobody has these
        if rng.random() < 0.5:
            out.append(("absent", "".join(rng.choice(letters) for _ in range(rng.randint(4, 8)))))
        else:
            word = "".join(rng.choice(string.ascii_lowercase) for _ in range(6))
            out.append(("absent", f"{word}@nowhere.invalid"))
    rng.shuffle(out)
    return out


# -- events for the sync figure ------------------------------------------------------------

EVENT_COLUMNS = ("id", "terminal_id", "seq", "hlc", "occurred_at", "actor", "approver",
                 "type", "payload", "prev_hash", "hash")


def synthetic_events(count: int, terminal_id: str = TERMINAL_ID, first_seq: int = 1,
                     prev_hash: str | None = None, seed: int = 5
                     ) -> Iterator[tuple[object, ...]]:
    """Hash-chained ``decision.recorded`` events as a terminal's outbox would hold them.

    The chain continues after ``first_seq - 1`` whose hash is ``prev_hash``.
    """
    from pos_app.domain.events import GENESIS_HASH, chain_next, uuid7
    from pos_app.domain.hlc import format_hlc

    rng = random.Random(seed)
    start = datetime(2026, 11, 1, 8, tzinfo=UTC)
    start_ms = int(start.timestamp() * 1000)
    prev = prev_hash or GENESIS_HASH
    actions = ("refund", "goodwill_credit", "discount_voucher", "fee_waiver")
    reasons = ("billing_error", "service_delay", "facility_issue", "product_defect")
    for seq in range(first_seq, first_seq + count):
        ms = start_ms + seq * 1500
        at = start + timedelta(milliseconds=seq * 1500)
        ev = chain_next(
            terminal_id=terminal_id, seq=seq, prev_hash=prev, hlc=format_hlc(ms, 0),
            occurred_at=at.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z",
            actor=rng.choice(("1001", "1002", "2001", "3001")), approver=None,
            type="decision.recorded",
            payload={"decision_id": str(uuid7(ms)),
                     "customer_id": f"C{100000 + rng.randrange(1_000_000)}",
                     "action": rng.choice(actions),
                     "amount_minor": rng.randrange(100, 15_000), "currency": "USD",
                     "reason": rng.choice(reasons), "note": "",
                     "policy_version": "2026.11-demo"},
            event_id=str(uuid7(ms)))
        prev = ev.hash
        yield (ev.id, ev.terminal_id, ev.seq, ev.hlc, ev.occurred_at, ev.actor, ev.approver,
               ev.type, ev.payload, ev.prev_hash, ev.hash)
