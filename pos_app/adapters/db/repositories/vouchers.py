"""Vouchers, their redemption and print count, and the public keys that verify them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from pos_app.adapters.db.models import TerminalKeyRow, VoucherRow
from pos_app.domain.clock import utcnow
from pos_app.services.ports import VoucherRecord


def _voucher(r: VoucherRow) -> VoucherRecord:
    return VoucherRecord(
        r.serial, r.code, r.decision_id, r.customer_id, r.customer_name, r.action,
        r.value_minor, r.currency, r.item, r.apology, r.issued_at, r.expires_on,
        r.issuer_terminal, r.issued_by, r.issued_by_name, r.key_id, r.signature, r.status,
        r.redeemed_at, r.redeemed_by, r.redeemed_terminal, r.prints)


class SqlVouchers:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, voucher: VoucherRecord) -> None:
        self.session.execute(insert(VoucherRow).values(**voucher.__dict__))

    def get(self, serial: str) -> VoucherRecord | None:
        row = self.session.get(VoucherRow, serial)
        return _voucher(row) if row else None

    def for_customer(self, customer_id: str) -> list[VoucherRecord]:
        rows = self.session.scalars(select(VoucherRow).where(
            VoucherRow.customer_id == customer_id).order_by(VoucherRow.issued_at.desc()))
        return [_voucher(r) for r in rows]

    def for_decision(self, decision_id: str) -> VoucherRecord | None:
        row = self.session.scalars(select(VoucherRow).where(
            VoucherRow.decision_id == decision_id)).first()
        return _voucher(row) if row else None

    def redeem(self, serial: str, at: datetime, by: str, terminal: str) -> bool:
        # The conditional UPDATE is what makes redemption single-use under races.
        result = self.session.execute(
            update(VoucherRow).where(VoucherRow.serial == serial,
                                     VoucherRow.status == "issued")
            .values(status="redeemed", redeemed_at=at, redeemed_by=by,
                    redeemed_terminal=terminal)
            .execution_options(synchronize_session=False))
        return bool(getattr(result, "rowcount", 0) == 1)

    def count_print(self, serial: str) -> int:
        self.session.execute(update(VoucherRow).where(VoucherRow.serial == serial)
                             .values(prints=VoucherRow.prints + 1)
                             .execution_options(synchronize_session=False))
        return int(self.session.scalar(select(VoucherRow.prints).where(
            VoucherRow.serial == serial)) or 0)

    def public_key(self, key_id: str) -> tuple[str, bytes] | None:
        row = self.session.get(TerminalKeyRow, key_id)
        return (row.terminal_id, bytes.fromhex(row.public_key)) if row else None

    def add_public_key(self, key_id: str, terminal_id: str, public_raw: bytes) -> None:
        if self.session.get(TerminalKeyRow, key_id) is None:
            self.session.add(TerminalKeyRow(key_id=key_id, terminal_id=terminal_id,
                                            public_key=public_raw.hex(),
                                            created_at=utcnow()))
            self.session.flush()
