"""What the desk's use cases need, wired once at start-up (see ``bootstrap``).

Every act a person performs is one function taking a :class:`Desk`: it opens its own
unit of work, owns its transaction and returns plain data. The command line and the
windows are thin callers of those functions; neither holds a session.

The policy in force is read per act through :class:`PolicyCache`: one indexed look-up
of the newest version, parsed again only when a newer version was stored (loaded from
the command line, or pulled by sync), so a running desk applies a new policy at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from threading import Lock
from typing import Protocol

from pos_app.domain.errors import CentralUnavailable, PolicyError
from pos_app.domain.policy import Policy, parse_policy
from pos_app.domain.zones import desk_zone
from pos_app.i18n import N_, _
from pos_app.services.ports import PinHasher, Signer, UnitOfWork, UnitOfWorkFactory


class PolicyCache:
    """The parsed policy, keyed by its version; thread-safe."""

    def __init__(self) -> None:
        self._lock = Lock()
        self._policy: Policy | None = None

    def current(self, uow: UnitOfWork) -> Policy:
        version = uow.policies.current_version()
        if version is None:
            raise PolicyError(_("No policy is loaded; run 'leeway policy load FILE.toml'."))
        with self._lock:
            if self._policy is not None and self._policy.version == version:
                return self._policy
        stored = uow.policies.current()
        if stored is None:  # pragma: no cover - the version was just read in this unit
            raise PolicyError(_("No policy is loaded; run 'leeway policy load FILE.toml'."))
        policy = parse_policy(stored[1])
        with self._lock:
            self._policy = policy
        return policy


class CentralVoucherState(Protocol):
    """The central database's record of a voucher (the judge across desks)."""

    @property
    def status(self) -> str: ...
    @property
    def redeemed_terminal(self) -> str | None: ...
    @property
    def redeemed_at(self) -> str | None: ...  # ISO 8601, as the redeeming desk said


@dataclass(frozen=True)
class RemoteRequest:
    """An approval request as the central database relays it between desks."""

    id: str
    terminal_id: str
    requester_id: str
    requester_name: str
    customer_id: str
    customer_name: str
    action: str
    amount_minor: int
    currency: str
    reason: str
    note: str
    required_tier: str
    challenge: str
    created_at: str  # ISO 8601, UTC, the server's clock
    expires_at: str


@dataclass(frozen=True)
class RemoteAnswer:
    approver_id: str
    verdict: str  # approve or decline
    code: str
    why: str
    answered_at: str
    terminal_id: str = ""  # the desk the answer came from (recorded with the grant)


class Central(Protocol):
    """The central database as the desk's services see it (allowances, vouchers)."""

    def configured(self) -> bool: ...
    def last_known_online(self) -> bool: ...
    def top_up(self, scope: str, key: str, amount_minor: int, cap_minor: int,
               window: timedelta, wait_s: float = 2.0) -> bool:
        """Hold enough allowance for ``amount_minor``; False when it could not ask."""
        ...
    def voucher_state(self, serial: str) -> CentralVoucherState | None:
        """None when central does not know it; raises :class:`CentralUnavailable`."""
        ...
    def reserve(self, scope: str, key: str, amount_minor: int, wait_s: float = 2.0) -> bool:
        """Hold up to ``amount_minor`` ahead of need, kept across syncs."""
        ...
    def release(self, scope: str, key: str) -> None: ...
    # Approvals from afar, online; each raises :class:`CentralUnavailable` when central
    # cannot be asked now.
    def ask_approval(self, request: RemoteRequest, ttl_s: int) -> None: ...
    def approvals_waiting(self) -> list[RemoteRequest]: ...
    def answer_approval(self, request_id: str, approver_id: str, verdict: str, code: str,
                        why: str) -> None: ...
    def approval_status(self, request_id: str) -> tuple[str, list[RemoteAnswer]]:
        """(state, answers): pending, approved, declined, withdrawn, expired or unknown."""
        ...
    def close_approval(self, request_id: str, state: str) -> None: ...


_ALONE = N_("This desk works without a central database.")


class LocalOnly:
    """A desk with no central database (a single machine, a demo)."""

    def configured(self) -> bool:
        return False

    def last_known_online(self) -> bool:
        return False

    def top_up(self, scope: str, key: str, amount_minor: int, cap_minor: int,
               window: timedelta, wait_s: float = 2.0) -> bool:
        return False

    def voucher_state(self, serial: str) -> CentralVoucherState | None:
        raise CentralUnavailable(_(_ALONE))

    def reserve(self, scope: str, key: str, amount_minor: int, wait_s: float = 2.0) -> bool:
        return False

    def release(self, scope: str, key: str) -> None:
        return None

    def ask_approval(self, request: RemoteRequest, ttl_s: int) -> None:
        raise CentralUnavailable(_(_ALONE))

    def approvals_waiting(self) -> list[RemoteRequest]:
        return []

    def answer_approval(self, request_id: str, approver_id: str, verdict: str, code: str,
                        why: str) -> None:
        raise CentralUnavailable(_(_ALONE))

    def approval_status(self, request_id: str) -> tuple[str, list[RemoteAnswer]]:
        raise CentralUnavailable(_(_ALONE))

    def close_approval(self, request_id: str, state: str) -> None:
        raise CentralUnavailable(_(_ALONE))


@dataclass(frozen=True)
class VoucherFace:
    """Everything printed on a voucher, already formatted for the desk's locale."""

    store_name: str
    customer_name: str
    value_text: str
    headline: str
    apology: str
    expires_text: str
    terms: str
    code: str
    issued_by: str
    issued_text: str
    copy: bool = False


class VoucherRenderer(Protocol):
    def __call__(self, face: VoucherFace, layout: str) -> bytes: ...


Verify = Callable[[bytes, bytes, str], bool]  # (public key, message, signature) -> ok


@dataclass(frozen=True)
class Desk:
    """The dependencies of every desk use case; build one per process (bootstrap)."""

    uows: UnitOfWorkFactory
    hasher: PinHasher
    policies: PolicyCache
    signer: Callable[[], Signer]  # loaded from the keyring on first use
    verify: Verify  # a voucher signature check, offline
    render: VoucherRenderer
    central: Central
    locale: str = "en_US"
    region: str = "US"
    today: Callable[[], date] | None = None  # tests pin the date; None: today (UTC)
    time_zone: str | None = None  # the zone times are shown in; None: the system's zone

    def zone(self) -> tzinfo:
        """Where stored (UTC) times are shown: the desk's setting, else the system's
        zone, followed as it is now (see :mod:`pos_app.domain.zones`)."""
        return desk_zone(self.time_zone)

    def policy(self) -> Policy:
        """The policy in force now (cheap: cached by version)."""
        with self.uows() as uow:
            return self.policies.current(uow)
