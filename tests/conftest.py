"""Shared fixtures: a fresh terminal in a temporary folder, and PostgreSQL when present."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LEEWAY_INSECURE_FILE_KEYRING", "1")
# Tests read English unless they ask for a language: a developer whose shell is German
# must not see the command line's messages (and the tests' expectations) change.
for _name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "desk"


@pytest.fixture()
def demo_app(data_dir: Path) -> Iterator[object]:
    """A terminal initialised with the demo policy, staff and 3,000 customers."""
    from pos_app.bootstrap import init_terminal

    app = init_terminal(data_dir, terminal_id="test-desk", store="Test Hotel", demo=True)
    yield app
    app.close()


@pytest.fixture()
def empty_app(data_dir: Path) -> Iterator[object]:
    """A terminal with the default policy and no staff or customers."""
    from pos_app.bootstrap import init_terminal

    app = init_terminal(data_dir, terminal_id="test-desk", store="Test Hotel")
    yield app
    app.close()


def _pg_admin_url() -> str | None:
    import psycopg

    for user in ("postgres", "root"):
        url = f"postgresql://{user}@127.0.0.1:5432/test"
        try:
            with psycopg.connect(url, connect_timeout=3):
                return url
        except psycopg.Error:
            continue
    return None


@pytest.fixture()
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database, dropped afterwards. Skips (or fails in CI) without one."""
    import psycopg

    admin = _pg_admin_url()
    if admin is None:
        if os.environ.get("LEEWAY_REQUIRE_PG") == "1":
            pytest.fail("PostgreSQL at 127.0.0.1:5432 is required (LEEWAY_REQUIRE_PG=1)")
        pytest.skip("PostgreSQL at 127.0.0.1:5432 is not reachable")
    name = f"leeway_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield admin.rsplit("/", 1)[0] + "/" + name
    from pos_app.adapters.central.roles import owner_role

    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        # Roles belong to the server, not the database: drop this database's owner and
        # desk roles too, or every test run leaves a few behind.
        owner = owner_role(name)
        prefix = owner.replace("leeway_owner_", "leeway_") + "_"
        roles = [r[0] for r in conn.execute(
            "SELECT rolname FROM pg_roles WHERE rolname = %s OR starts_with(rolname, %s)",
            (owner, prefix))]
        for role in sorted(roles, key=lambda r: r == owner):  # desks first, then owner
            conn.execute(f'DROP ROLE IF EXISTS "{role}"')
