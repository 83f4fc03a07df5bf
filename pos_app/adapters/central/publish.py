"""Publishing a policy from head office (``leeway central policy publish``).

Shared rules come from head office: the administrator's own connection validates the
document, stores it in ``central_policies``, its caps in ``central_limits`` (what the
central functions enforce) and a change in the feed, in one transaction, so every desk
pulls it and a desk that registers later receives the newest one at once
(:func:`published_policy`). A version, once published, names one document for good:
publishing it again with other content is refused (give the change a new version, also
to go back to an older policy). The first desk of an empty central database publishes
its own (:func:`publish_first`).

The helpers for the administrator's connection (:func:`admin_engine`,
:func:`require_table`) are shared by :mod:`staff_admin` and :mod:`audit`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, inspect, text

from pos_app.adapters.central.connect import central_engine, kind_of, normalise_url
from pos_app.adapters.central.limits import write_limits
from pos_app.domain.errors import InvalidInput, PolicyError
from pos_app.domain.policy import Policy, parse_policy
from pos_app.i18n import N_, _

OLD_SCHEMA = N_("The central database has no Leeway schema, or an older one; run"
                " 'leeway central init --url URL' first.")
KEY_LENGTH = 64  # central_changes.key; the full version travels in the change's data


def admin_engine(url: str) -> Engine:
    """An engine on the administrator's URL; the administrator's commands need
    PostgreSQL (the SQLite central file is for development only)."""
    url = normalise_url(url)
    if kind_of(url) != "postgresql":
        raise InvalidInput(_("The central administrator's commands need a PostgreSQL URL"
                             " (postgresql://...)."))
    return central_engine(url)


def require_table(conn: Connection, table: str) -> None:
    if not inspect(conn).has_table(table):
        raise InvalidInput(_(OLD_SCHEMA))


@dataclass(frozen=True)
class Publication:
    version: str
    desks: int  # registered desks, which all receive it by sync
    already: bool  # the same document was published before; nothing was written


def publish_policy(admin_url: str, document: str) -> Publication:
    """Validate, store and announce a policy in one central transaction."""
    policy = parse_policy(document)
    engine = admin_engine(admin_url)
    try:
        with engine.begin() as conn:
            return _publish(conn, policy, document)
    finally:
        engine.dispose()


def publish_first(admin_url: str, document: str, terminal_id: str) -> bool:
    """The first desk to register with a central database that has no policy yet
    publishes its own (the central functions need a policy's caps to grant any
    allowance). Nothing happens once a policy is published or another desk is
    registered: registering never changes another desk's policy. True if it published."""
    policy = parse_policy(document)
    engine = admin_engine(admin_url)
    try:
        with engine.begin() as conn:
            _lock(conn)
            others = conn.execute(text(
                "SELECT count(*) FROM central_terminals WHERE id <> :t"),
                {"t": terminal_id}).scalar()
            if newest_policy(conn) is not None or others:
                return False
            _publish(conn, policy, document)
            return True
    finally:
        engine.dispose()


def _lock(conn: Connection) -> None:
    """One publisher at a time, so publication order, published_at and the order of the
    change feed agree ("newest" means the same everywhere)."""
    require_table(conn, "central_policies")
    conn.execute(text("LOCK TABLE central_policies IN SHARE ROW EXCLUSIVE MODE"))


def _publish(conn: Connection, policy: Policy, document: str) -> Publication:
    _lock(conn)
    desks = int(conn.execute(text("SELECT count(*) FROM central_terminals")).scalar() or 0)
    existing = conn.execute(text("SELECT document FROM central_policies WHERE version = :v"),
                            {"v": policy.version}).scalar()
    if existing is not None:
        if existing != document:
            raise InvalidInput(
                _("Policy version {version} is already published with a different document;"
                  " give the new document a new version.").format(version=policy.version))
        return Publication(policy.version, desks, already=True)
    conn.execute(text(
        "INSERT INTO central_policies (version, document, published_at, published_by)"
        " VALUES (:v, :d, clock_timestamp(), current_user)"),
        {"v": policy.version, "d": document})
    conn.execute(text(
        "INSERT INTO central_changes (kind, key, data) VALUES ('policy', :k, :data)"),
        {"k": policy.version[:KEY_LENGTH],
         "data": json.dumps({"version": policy.version, "document": document},
                            ensure_ascii=False)})
    # The caps the central functions enforce are this policy's from now on.
    write_limits(conn, policy)
    return Publication(policy.version, desks, already=False)


def newest_policy(conn: Connection) -> tuple[str, str] | None:
    """(version, document) of the policy published last, or None."""
    row = conn.execute(text(
        "SELECT version, document FROM central_policies"
        " ORDER BY published_at DESC, version DESC LIMIT 1")).first()
    return (str(row[0]), str(row[1])) if row is not None else None


def published_policy(admin_url: str) -> tuple[str, str] | None:
    """The newest published policy, read and validated with the administrator's URL
    (for a desk that registers); raises :class:`PolicyError` when this desk's Leeway
    cannot read it, before anything is written anywhere."""
    engine = central_engine(normalise_url(admin_url))
    try:
        with engine.connect() as conn:
            require_table(conn, "central_policies")
            newest = newest_policy(conn)
    finally:
        engine.dispose()
    if newest is not None:
        try:
            parse_policy(newest[1])
        except PolicyError as exc:
            raise PolicyError(_("The policy published centrally ({version}) does not"
                                " validate on this desk: {why} Update Leeway here.").format(
                version=newest[0], why=exc)) from None
    return newest
