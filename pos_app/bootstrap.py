"""Wiring: settings -> adapters -> services. The CLI and the desktop client start here.

Nothing heavy is imported at module level so ``leeway --help`` and the window appear
quickly; Alembic only runs when the database is behind the code's schema.
"""

from __future__ import annotations

import os
import re
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from threading import Lock
from typing import TYPE_CHECKING

from pos_app.domain.errors import InvalidInput, LeewayError
from pos_app.i18n import _

if TYPE_CHECKING:
    # The data layer (SQLAlchemy, the keyring, argon2) is imported by the functions that
    # open a desk, not here: the window imports this module for the ``App`` type and
    # shows its sign-in screen while a worker opens the desk (see pos_app.ui.app).
    from pos_app.adapters.central.sync import Syncer
    from pos_app.adapters.db.engine import LocalDatabase
    from pos_app.adapters.pins import Argon2PinHasher
    from pos_app.adapters.secrets import SecretStore
    from pos_app.domain.policy import Policy
    from pos_app.services.desk import Desk, VoucherFace, VoucherRenderer
    from pos_app.services.ports import PinHasher, Signer, UnitOfWorkFactory

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
DEFAULT_POLICY = RESOURCES / "policies" / "default.toml"
DB_NAME = "leeway.sqlite3"
PEPPER = "pin-pepper"


class NotInitialised(LeewayError):
    pass


def resolve_data_dir(arg: str | None = None) -> Path:
    """--data-dir, else LEEWAY_DATA_DIR, else the platform's user data folder; an empty
    value is refused (silently falling back to the default would open another desk)."""
    if arg is not None:
        if not arg.strip():
            raise InvalidInput(_("--data-dir is empty; give a folder."))
        return Path(arg).expanduser()
    env = os.environ.get("LEEWAY_DATA_DIR")
    if env is not None:
        if not env.strip():
            raise InvalidInput(_("LEEWAY_DATA_DIR is set but empty; give a folder or unset"
                                 " it."))
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("leeway", "Leeway"))


@dataclass
class App:
    """The wired desk for one process: its database, keyring, services and sync.

    ``desk`` is what every use case takes; the rest is here to be closed at the end.
    """

    data_dir: Path
    db: LocalDatabase
    secrets: SecretStore
    desk: Desk
    syncer: Syncer

    # Short names for what commands and windows read most (wiring, not behaviour).
    @property
    def uow(self) -> UnitOfWorkFactory:
        return self.desk.uows

    @property
    def locale(self) -> str:
        return self.desk.locale

    @property
    def region(self) -> str:
        return self.desk.region

    @property
    def zone(self) -> tzinfo:
        """Where times are shown (stored times are UTC); see ``Desk.zone``."""
        return self.desk.zone()

    @property
    def hasher(self) -> PinHasher:
        return self.desk.hasher

    def policy(self) -> Policy:
        """The policy in force now (cached by version; a newer one applies at once)."""
        return self.desk.policy()

    def signer(self) -> Signer:
        return self.desk.signer()

    def close(self) -> None:
        self.syncer.close()
        self.db.dispose()


def _lazy_signer(secrets: SecretStore) -> Callable[[], Signer]:
    """The terminal's voucher-signing key, loaded from the keyring on first use."""
    lock = Lock()
    loaded: list[Signer] = []

    def signer() -> Signer:
        with lock:
            if not loaded:
                from pos_app.adapters.vouchers.keys import VoucherSigner

                loaded.append(VoucherSigner(secrets))
            return loaded[0]

    return signer


def _renderer(locale: str) -> VoucherRenderer:
    """The voucher renderer of a desk: the PDF's own words ("COPY") in its locale."""

    def render(face: VoucherFace, layout: str) -> bytes:
        # reportlab is imported on first use, on a worker: it costs start-up ~70 ms otherwise.
        from pos_app.adapters.vouchers.pdf import render_voucher

        return render_voucher(face, layout, locale)

    return render


def _verify(public_raw: bytes, message: bytes, signature: str) -> bool:
    from pos_app.adapters.vouchers.keys import verify_signature

    return verify_signature(public_raw, message, signature)


def _wire(data_dir: Path, db: LocalDatabase, secrets: SecretStore, locale: str,
          region: str, hasher: Argon2PinHasher | None = None,
          time_zone: str | None = None) -> App:
    from pos_app.adapters.central.sync import Syncer
    from pos_app.adapters.db.uow import SqlUnitOfWorkFactory
    from pos_app.services.desk import Desk, PolicyCache

    syncer = Syncer(db, secrets)
    desk = Desk(uows=SqlUnitOfWorkFactory(db), hasher=hasher or _hasher(secrets),
                policies=PolicyCache(),
                signer=_lazy_signer(secrets), verify=_verify, render=_renderer(locale),
                central=syncer, locale=locale, region=region, time_zone=time_zone)
    return App(data_dir, db, secrets, desk, syncer)


def _hasher(store: SecretStore) -> Argon2PinHasher:
    import base64

    from pos_app.adapters.pins import Argon2PinHasher
    from pos_app.adapters.secrets import STAFF_PEPPER

    staff = store.get(STAFF_PEPPER)  # present once registered with a central database
    return Argon2PinHasher(store.get_or_create_bytes(PEPPER),
                           staff_pepper=base64.b64decode(staff) if staff else None)


def open_app(data_dir: Path, insecure_keyring: bool = False) -> App:
    """Open an initialised terminal; refuses without a usable keyring."""
    from pos_app.adapters.db.checks import check_database_file, check_folder, check_schema
    from pos_app.adapters.db.engine import open_database
    from pos_app.adapters.db.models import Base
    from pos_app.adapters.db.uow import SqlUnitOfWorkFactory
    from pos_app.adapters.secrets import SecretsUnavailable, open_secret_store

    path = data_dir / DB_NAME
    check_folder(data_dir)
    if not path.exists() and not path.is_symlink():
        raise NotInitialised(
            _("No Leeway terminal in {folder}; run 'leeway init' (or 'leeway init --demo')."
              ).format(folder=data_dir)
        )
    check_database_file(path)
    check_schema(path, set(Base.metadata.tables))
    db = open_database(path)
    try:
        with SqlUnitOfWorkFactory(db)() as uow:
            term = uow.terminal()
        store = open_secret_store(data_dir, term.secrets_namespace, insecure_keyring)
        if store.get(PEPPER) is None:
            raise SecretsUnavailable(
                _("The PIN key for terminal {terminal} is missing from the keyring"
                  " ({backend}); without it no PIN can be checked. Restore the keyring, or"
                  " re-initialise this terminal.").format(terminal=term.id,
                                                          backend=store.backend_name)
            )
        app = _wire(data_dir, db, store, term.locale, term.region,
                    time_zone=term.time_zone)
    except BaseException:
        db.dispose()
        raise
    return app


def init_terminal(data_dir: Path, terminal_id: str | None = None, store: str | None = None,
                  locale: str = "en_US", demo: bool = False,
                  policy_file: Path | None = None, insecure_keyring: bool = False) -> App:
    """Create the local database, its terminal row and the default policy."""
    from pos_app.adapters.db.checks import check_database_file, check_folder, check_schema
    from pos_app.adapters.db.engine import open_database
    from pos_app.adapters.db.models import Base
    from pos_app.adapters.db.uow import SqlUnitOfWorkFactory
    from pos_app.adapters.secrets import open_secret_store
    from pos_app.domain.policy import parse_policy
    from pos_app.services.desk_settings import parse_locale, region_of
    from pos_app.services.policy_store import load_policy

    tid = terminal_id or re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname())[:40] or "desk"
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", tid):
        raise InvalidInput(_("A terminal ID is 1-64 letters, digits, '.', '_' or '-'."))
    loc = parse_locale(locale)  # the same check as 'leeway terminal settings --locale'
    region = region_of(loc)
    path = data_dir / DB_NAME
    check_folder(data_dir)
    if path.exists() or path.is_symlink():
        check_database_file(path)  # an empty or foreign file says so, not "a terminal"
        check_schema(path, set(Base.metadata.tables), thorough=True)
        raise InvalidInput(_("{folder} already holds a terminal; nothing was changed.").format(
            folder=data_dir))
    document = (policy_file or DEFAULT_POLICY).read_text(encoding="utf-8")
    parse_policy(document)  # refuse before creating anything
    secrets_id = str(uuid.uuid4())  # fresh keyring entries for this folder's terminal
    secrets = open_secret_store(data_dir, f"{tid}/{secrets_id}", insecure_keyring)
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    db = open_database(path)
    try:
        hasher = _hasher(secrets)
        with SqlUnitOfWorkFactory(db)(write=True) as uow:
            uow.terminals.create(tid, store or "Leeway Demo Hotel", loc, region,
                                 secrets_id)
            uow.events.append("terminal.initialised", {"terminal_id": tid,
                                                       "store": store or ""}, actor=None)
            policy = load_policy(uow, document)
            if demo:
                from pos_app.services.demo import seed_demo

                seed_demo(uow, hasher, policy)
            uow.commit()
        app = _wire(data_dir, db, secrets, loc, region, hasher)
    except BaseException:
        db.dispose()
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        raise
    return app
