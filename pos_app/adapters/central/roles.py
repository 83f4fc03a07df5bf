"""Names of the central database's roles, unique per database on one server.

Two Leeway central databases on one PostgreSQL server must not share roles (a desk of
one hotel group would otherwise be a desk of the other), so every name carries a short
digest of the database name.
"""

from __future__ import annotations

import hashlib
import re


def _tag(database: str) -> str:
    return hashlib.sha256(database.encode("utf-8")).hexdigest()[:8]


def owner_role(database: str) -> str:
    """The non-login role that owns the sync functions of ``database``."""
    return f"leeway_owner_{_tag(database)}"


def desk_role(database: str, terminal_id: str) -> str:
    """The login role of one desk ([a-z0-9_] only, at most 63 characters)."""
    safe = re.sub(r"[^a-z0-9_]", "_", terminal_id.lower())[:40]
    return f"leeway_{_tag(database)}_{safe}"
