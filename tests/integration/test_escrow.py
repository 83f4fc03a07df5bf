"""Limits that span desks hold, offline and online, with managers approving.

Three desks share one central PostgreSQL. Whatever they do while cut off, and however
two of them race while online, once everything has synced the central database shows,
for the guest, no more than the goodwill budget granted outside overrides, and, for the
associate, no more than the shift cap granted on their own authority.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from pos_app.adapters.central.connect import SECRET_URL, normalise_url
from pos_app.bootstrap import init_terminal, open_app
from pos_app.domain.engine import Outcome
from pos_app.domain.people import Employee
from pos_app.services.escrow import reserve_guest, reserve_shift
from pos_app.services.granting import RecoveryAsk, grant_recovery, unlock_and_grant
from tests.integration.sync_support import new_central, register, sync

GUEST = "C100050"
ASSOCIATE = Employee("1001", "Maya Lindqvist", "associate")
BUDGET = 200_000  # the demo policy: $2,000 per guest
SHIFT_CAP = 30_000  # the demo associate: $300 per shift
UNREACHABLE = "postgresql+psycopg://nobody:nothing@127.0.0.1:1/nowhere"


def _desks(tmp_path: Path, central: str, capsys: Any, n: int = 3) -> list[Path]:
    desks = []
    for i in range(n):
        desk = tmp_path / f"desk-{i}"
        init_terminal(desk, terminal_id=f"desk-{i}", demo=True).close()
        register(desk, central, capsys)
        sync(desk, capsys)
        desks.append(desk)
    return desks


def _ask(amount: str, action: str = "goodwill_credit", note: str = "") -> RecoveryAsk:
    return RecoveryAsk("1001", GUEST, action, amount, "service_delay", note)


def _spent(central: str) -> tuple[int, int, int]:
    """(the guest's budget spent outside overrides, overrides, the associate's own)."""
    engine = create_engine(normalise_url(central))
    try:
        with engine.connect() as conn:
            budget, overrides = conn.execute(text(
                "SELECT coalesce(sum(amount_minor) FILTER (WHERE NOT override), 0),"
                " coalesce(sum(amount_minor) FILTER (WHERE override), 0)"
                " FROM central_decisions WHERE customer_id = :g AND discretionary"),
                {"g": GUEST}).one()
            own = conn.execute(text(
                "SELECT coalesce(sum(amount_minor), 0) FROM central_decisions"
                " WHERE authority_id = '1001'")).scalar()
        return int(budget), int(overrides), int(own or 0)
    finally:
        engine.dispose()


def test_three_desks_offline_with_managers_approving_never_pass_the_budget(
        tmp_path: Path, pg_url: str, capsys: Any) -> None:
    central = new_central(pg_url)
    desks = _desks(tmp_path, central, capsys)
    _budget, _overrides, own_before = _spent(central)  # the demo desks' own history
    recorded = {"overrides": 0, "refused_to_managers": 0}
    for desk in desks:
        app = open_app(desk)
        try:
            reserve_shift(app.desk, ASSOCIATE)  # at sign-in
            reserve_guest(app.desk, GUEST)  # the guest is opened
            # The network goes.
            app.secrets.set(SECRET_URL, UNREACHABLE)
            app.syncer.close()
            assert not app.syncer.sync_once().online
            # The associate grants on their own authority until the desk's share ends.
            for _ in range(8):
                grant_recovery(app.desk, _ask("40.00"))
            # A manager (below the override tier) tries to push the guest further.
            for _ in range(4):
                outcome = unlock_and_grant(app.desk, _ask("600.00", note="room flooded"),
                                           "4001", "4826")
                if outcome.recorded:
                    assert outcome.decision is not None
                else:
                    recorded["refused_to_managers"] += 1
                    assert outcome.verdict.outcome is not Outcome.ALLOWED
            # Only the override tier may go beyond, and it is recorded as an override.
            gm = unlock_and_grant(app.desk, _ask("700.00", note="wedding"), "5001", "5937")
            if gm.recorded:
                recorded["overrides"] += 1
        finally:
            app.close()
    assert recorded["refused_to_managers"] > 0
    for desk in desks:  # the network is back
        app = open_app(desk)
        app.secrets.set(SECRET_URL, _terminal_url(central, desk))
        app.close()
        report = sync(desk, capsys)
        assert report["online"] and report["pending"] == 0
    budget, overrides, own = _spent(central)
    assert budget <= BUDGET, budget
    assert own <= max(SHIFT_CAP, own_before), (own, own_before)
    assert recorded["overrides"] == 3 and overrides == 3 * 70_000


def test_two_desks_racing_online_never_pass_the_budget(tmp_path: Path, pg_url: str,
                                                        capsys: Any) -> None:
    central = new_central(pg_url)
    desks = _desks(tmp_path, central, capsys, n=2)
    apps = [open_app(d) for d in desks]
    barrier = threading.Barrier(2)
    outcomes: list[Any] = []
    lock = threading.Lock()

    def race(app: Any) -> None:
        barrier.wait()
        for _ in range(6):  # 2 desks x 6 x $250 asks for $3,000 of a $2,000 budget
            outcome = unlock_and_grant(app.desk, _ask("250.00", note="noisy works"),
                                       "4001", "4826")
            with lock:
                outcomes.append(outcome)

    workers = [threading.Thread(target=race, args=(a,)) for a in apps]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    for app in apps:
        app.close()
    for desk in desks:
        assert sync(desk, capsys)["online"]
    budget, overrides, _own = _spent(central)
    assert len(outcomes) == 12
    assert budget <= BUDGET and overrides == 0
    refused = [o for o in outcomes if not o.recorded]
    assert refused, "some of the $3,000 asked for must have been refused or sent up"
    assert any("across all desks" in o.verdict.explain().lower() for o in refused), [
        o.verdict.explain() for o in refused]


def _terminal_url(central: str, desk: Path) -> str:
    """The desk role's URL again (the test replaced it with an unreachable one)."""
    from sqlalchemy.engine import make_url

    from pos_app.adapters.central.roles import desk_role

    engine = create_engine(normalise_url(central))
    try:
        with engine.begin() as conn:
            database = str(make_url(normalise_url(central)).database)
            role = desk_role(database, desk.name)
            conn.exec_driver_sql(f"ALTER ROLE {role} PASSWORD 'back-again'")
    finally:
        engine.dispose()
    url = make_url(normalise_url(central)).set(username=role, password="back-again")
    return url.render_as_string(hide_password=False)

