"""Wiring: settings -> adapters -> services. The CLI and the desktop client start here.

Nothing heavy is imported at module level so ``leeway --help`` and the window appear
quickly; Alembic only runs when the database is behind the code's schema.
"""

from __future__ import annotations

import os
import re
import socket
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from threading import Lock
from typing import TYPE_CHECKING, Any

from pos_app.adapters.db.engine import LocalDatabase, open_database
from pos_app.adapters.db.uow import SqlUnitOfWorkFactory
from pos_app.adapters.pins import Argon2PinHasher
from pos_app.adapters.secrets import SecretStore, SecretsUnavailable, open_secret_store
from pos_app.adapters.vouchers.keys import VoucherSigner
from pos_app.domain.errors import InvalidInput, LeewayError
from pos_app.domain.events import GENESIS_HASH
from pos_app.domain.money import Money
from pos_app.domain.people import Employee
from pos_app.domain.policy import Policy, parse_policy
from pos_app.services.policy_store import current_policy, load_policy

if TYPE_CHECKING:
    from pos_app.adapters.central.sync import Syncer

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
DEFAULT_POLICY = RESOURCES / "policies" / "default.toml"
DB_NAME = "leeway.sqlite3"
PEPPER = "pin-pepper"


class NotInitialised(LeewayError):
    pass


def resolve_data_dir(arg: str | None = None) -> Path:
    if arg:
        return Path(arg).expanduser()
    env = os.environ.get("LEEWAY_DATA_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("leeway", "Leeway"))


@dataclass
class App:
    """Everything a command or window needs; build one per process."""

    data_dir: Path
    db: LocalDatabase
    uow: SqlUnitOfWorkFactory
    hasher: Argon2PinHasher
    secrets: SecretStore
    locale: str = "en_US"
    region: str = "US"
    _policy: Policy | None = field(default=None, repr=False)
    _lock: Lock = field(default_factory=Lock, repr=False)
    _signer: VoucherSigner | None = field(default=None, repr=False)
    _syncer: Syncer | None = field(default=None, repr=False)

    def policy(self, refresh: bool = False) -> Policy:
        with self._lock:
            if self._policy is None or refresh:
                with self.uow() as uow:
                    self._policy = current_policy(uow)
            return self._policy

    def signer(self) -> VoucherSigner:
        """The terminal's voucher-signing key, loaded from the keyring on first use."""
        with self._lock:
            if self._signer is None:
                self._signer = VoucherSigner(self.secrets)
            return self._signer

    def syncer(self) -> Syncer:
        """The sync engine (central connection made lazily, on first use)."""
        with self._lock:
            if self._syncer is None:
                from pos_app.adapters.central.sync import Syncer

                self._syncer = Syncer(self)
            return self._syncer

    def employee(self, employee_id: str) -> Employee | None:
        with self.uow() as uow:
            record = uow.employees.get(employee_id)
        return record.employee if record else None

    def top_up_allowances(self, employee: Employee, customer_id: str, amount: Money) -> None:
        """Online, ask central for enough allowance before deciding (escrow).

        Skipped when this desk is local-only or the last sync found central unreachable,
        so a lost network never slows the counter down; the decision then spends only
        what the desk already holds.
        """
        syncer = self.syncer()
        if not syncer.configured() or not syncer.last_known_online():
            return
        policy = self.policy()
        syncer.ensure_allowance("customer", customer_id, amount.minor,
                                policy.customer_budget.minor,
                                timedelta(days=policy.budget_days))
        syncer.ensure_allowance("employee", employee.id, amount.minor,
                                policy.limits[employee.tier].shift_cap.minor,
                                timedelta(hours=policy.shift_hours))

    def redeem_voucher(self, code: str, employee_id: str) -> Any:
        """Redeem, asking the central database first when it can be reached."""
        from pos_app.adapters.vouchers.keys import verify_signature
        from pos_app.domain.voucher_code import parse_code
        from pos_app.services.vouchers import redeem_voucher

        answer = self.syncer().central_voucher(parse_code(code))
        online = answer is not False
        central = answer if isinstance(answer, dict) else None
        with self.uow(write=True) as uow:
            status = redeem_voucher(uow, verify_signature, self.policy(), code, employee_id,
                                    online=online, central=central)
            uow.commit()
        return status

    @property
    def store_name(self) -> str:
        with self.uow() as uow:
            return uow.terminal().store_name

    def close(self) -> None:
        if self._syncer is not None:
            self._syncer.close()
        self.db.dispose()


STAFF_PEPPER = "staff-pepper"


def _hasher(store: SecretStore) -> Argon2PinHasher:
    import base64

    staff = store.get(STAFF_PEPPER)  # present once registered with a central database
    return Argon2PinHasher(store.get_or_create_bytes(PEPPER),
                           staff_pepper=base64.b64decode(staff) if staff else None)


def open_app(data_dir: Path, insecure_keyring: bool = False) -> App:
    """Open an initialised terminal; refuses without a usable keyring."""
    path = data_dir / DB_NAME
    if not path.exists():
        raise NotInitialised(
            f"No Leeway terminal in {data_dir}; run 'leeway init' (or 'leeway init --demo')."
        )
    db = open_database(path)
    try:
        uow_factory = SqlUnitOfWorkFactory(db)
        with uow_factory() as uow:
            term = uow.terminal()
        store = open_secret_store(data_dir, term.id, insecure_keyring)
        if store.get(PEPPER) is None:
            raise SecretsUnavailable(
                f"The PIN key for terminal {term.id} is missing from the keyring"
                f" ({store.backend_name}); without it no PIN can be checked. Restore the"
                " keyring, or re-initialise this terminal."
            )
        app = App(data_dir, db, uow_factory, _hasher(store), store, term.locale, term.region)
    except BaseException:
        db.dispose()
        raise
    return app


def init_terminal(data_dir: Path, terminal_id: str | None = None, store: str | None = None,
                  locale: str = "en_US", demo: bool = False,
                  policy_file: Path | None = None, insecure_keyring: bool = False) -> App:
    """Create the local database, its terminal row and the default policy."""
    from babel import Locale, UnknownLocaleError

    from pos_app.adapters.db.models import TerminalRow
    from pos_app.domain.clock import utcnow

    tid = terminal_id or re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname())[:40] or "desk"
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", tid):
        raise InvalidInput("A terminal ID is 1-64 letters, digits, '.', '_' or '-'.")
    try:
        loc = Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        raise InvalidInput(f"'{locale}' is not a locale (like en_US or de_DE).") from None
    region = loc.territory or "US"
    path = data_dir / DB_NAME
    if path.exists():
        raise InvalidInput(f"{data_dir} already holds a terminal; nothing was changed.")
    document = (policy_file or DEFAULT_POLICY).read_text(encoding="utf-8")
    parse_policy(document)  # refuse before creating anything
    secrets = open_secret_store(data_dir, tid, insecure_keyring)
    data_dir.mkdir(parents=True, exist_ok=True)
    db = open_database(path)
    try:
        app = App(data_dir, db, SqlUnitOfWorkFactory(db), _hasher(secrets), secrets, str(loc),
                  region)
        with app.uow(write=True) as uow:
            uow.session.add(TerminalRow(id=tid, store_name=store or "Leeway Demo Hotel",
                                        locale=str(loc), region=region, last_seq=0,
                                        head_hash=GENESIS_HASH, last_hlc="",
                                        created_at=utcnow()))
            uow.session.flush()
            uow.events.append("terminal.initialised", {"terminal_id": tid,
                                                       "store": store or ""}, actor=None)
            policy = load_policy(uow, document)
            if demo:
                from pos_app.services.demo import seed_demo

                seed_demo(uow, app.hasher, policy)
            uow.commit()
    except BaseException:
        db.dispose()
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        raise
    return app
