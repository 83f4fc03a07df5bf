"""The acts around a voucher once it exists: check a code, redeem it, and print or save
it (as often as needed; every print after the first is marked COPY and counted).

Redemption asks the central database first when it is reachable: it is the judge of
whether another desk already took the voucher. Offline, the local record decides, and
a voucher from another desk is redeemed only up to the policy's offline cap.
"""

from __future__ import annotations

from dataclasses import dataclass

from pos_app.domain.errors import CentralUnavailable, InvalidInput
from pos_app.domain.voucher_code import parse_code
from pos_app.i18n import _
from pos_app.services.desk import CentralVoucherState, Desk
from pos_app.services.ports import VoucherRecord
from pos_app.services.vouchers import (
    VoucherStatus,
    apology_for,
    redeem_voucher,
    verify_voucher,
    voucher_face,
)


@dataclass(frozen=True)
class PrintableVoucher:
    voucher: VoucherRecord
    pdf: bytes


def check_code(desk: Desk, code: str) -> VoucherStatus:
    """What a typed or scanned code is worth now; raises for a malformed code."""
    with desk.uows() as uow:
        return verify_voucher(uow, desk.verify, code, desk.today() if desk.today else None,
                              desk.zone(), desk.locale)


def redeem(desk: Desk, employee_id: str, code: str) -> VoucherStatus:
    """Redeem once, across every desk when central can be asked."""
    serial = parse_code(code)
    central: CentralVoucherState | None = None
    try:
        central = desk.central.voucher_state(serial)
        online = True
    except CentralUnavailable:
        online = False
    with desk.uows(write=True) as uow:
        status = redeem_voucher(uow, desk.verify, desk.policies.current(uow), code,
                                employee_id, online=online,
                                today=desk.today() if desk.today else None, central=central,
                                zone=desk.zone(), locale=desk.locale)
        uow.commit()
    return status


def suggested_apology(desk: Desk, reason: str) -> str:
    return apology_for(desk.policy(), reason, desk.locale)


def printable(desk: Desk, serial: str, layout: str = "a6", copy: bool = False
              ) -> PrintableVoucher:
    """The voucher as PDF bytes (``copy`` marks a reprint COPY); writes nothing."""
    with desk.uows() as uow:
        voucher = uow.vouchers.get(serial)
        if voucher is None:
            raise InvalidInput(_("No such voucher."))
        store_name = uow.terminal().store_name
    face = voucher_face(voucher, store_name, desk.locale, copy, desk.zone())
    return PrintableVoucher(voucher, desk.render(face, layout))


def record_print(desk: Desk, serial: str, copy: bool) -> int:
    """Count a print or save once it happened; a copy is also an audited reprint."""
    with desk.uows(write=True) as uow:
        if uow.vouchers.get(serial) is None:
            raise InvalidInput(_("No such voucher."))
        prints = uow.vouchers.count_print(serial)
        if copy:
            uow.events.append("voucher.reprinted", {"serial": serial}, actor=None)
        uow.commit()
    return prints


def serial_for_code(desk: Desk, code: str) -> str:
    """The serial of a voucher known here, from its printed code."""
    serial = parse_code(code)
    with desk.uows() as uow:
        if uow.vouchers.get(serial) is None:
            raise InvalidInput(_("No voucher with this code is known here."))
    return serial
