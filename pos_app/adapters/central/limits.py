"""The published policy's caps, as numbers the central functions can use.

``leeway_allowance()`` and ``leeway_spent()`` (``sql/authority.sql``) cannot read TOML,
and must not take caps from a desk, so publishing a policy also writes its caps into
``central_limits``: the guest budget and its period, the shift length, each tier's shift
cap and whether the tier may approve. Written in the publisher's transaction.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from pos_app.domain.policy import Policy


def policy_limits(policy: Policy) -> dict[str, int]:
    limits = {"customer_budget": policy.customer_budget.minor,
              "budget_seconds": policy.budget_days * 86_400,
              "shift_seconds": policy.shift_hours * 3_600}
    for tier, tier_limits in policy.limits.items():
        limits[f"shift_cap:{tier}"] = tier_limits.shift_cap.minor
        limits[f"can_approve:{tier}"] = int(tier_limits.can_approve)
    return limits


def write_limits(conn: Connection, policy: Policy) -> None:
    """Replace the caps in force with ``policy``'s (the caller's transaction)."""
    conn.execute(text("DELETE FROM central_limits"))
    conn.execute(text("INSERT INTO central_limits (name, value) VALUES (:n, :v)"),
                 [{"n": name, "v": value} for name, value in policy_limits(policy).items()])
