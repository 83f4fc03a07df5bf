"""Head office's review: every desk's decisions, read from the central database.

The rows are the same :class:`ReviewDecision` a desk builds from its own database, so
``central report ...`` prints the same figures, patterns and PDF as ``report ...``, for
the whole group. Read with the administrator's URL (PostgreSQL): desks cannot read
tables. The labels come from the newest published policy.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import text

from pos_app.adapters.central.publish import admin_engine, require_table
from pos_app.domain.errors import InvalidInput
from pos_app.domain.policy import Policy, parse_policy
from pos_app.domain.review import ReviewDecision, voucher_state
from pos_app.i18n import _

_ROWS = """
WITH v AS (  -- one voucher per decision, issued by the decision's own desk: a desk
             -- pushing vouchers that name another desk's decision adds no rows
  SELECT DISTINCT ON (x.data::jsonb ->> 'decision_id', x.data::jsonb ->> 'issuer_terminal')
         x.data::jsonb ->> 'decision_id' AS decision_id,
         x.data::jsonb ->> 'issuer_terminal' AS issuer, x.data, x.status
    FROM central_vouchers x
   ORDER BY x.data::jsonb ->> 'decision_id', x.data::jsonb ->> 'issuer_terminal', x.serial)
SELECT d.id, d.decided_at, d.terminal_id, d.employee_id, coalesce(e.name, ''),
       d.approver_id, coalesce(a.name, ''), d.customer_id, c.data, v.data, v.status,
       coalesce(d.action, ''), coalesce(d.reason, ''), coalesce(d.category, ''),
       d.amount_minor, coalesce(d.currency, ''), coalesce(d.note, ''), d.discretionary,
       d.override, d.allowance_exception, d.approval_channel,
       coalesce(d.policy_version, '')
  FROM central_decisions d
  LEFT JOIN central_staff e ON e.employee_id = d.employee_id
  LEFT JOIN central_staff a ON a.employee_id = d.approver_id
  LEFT JOIN central_customers c ON c.id = d.customer_id
  LEFT JOIN v ON v.decision_id = d.id AND v.issuer = d.terminal_id
 WHERE (CAST(:since AS timestamp) IS NULL OR d.decided_at >= CAST(:since AS timestamp))
   AND (CAST(:until AS timestamp) IS NULL OR d.decided_at < CAST(:until AS timestamp))
 ORDER BY d.decided_at, d.id
"""


def _json(doc: Any) -> dict[str, Any]:
    try:
        value = json.loads(doc) if doc else {}
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _expires(voucher: dict[str, Any]) -> date | None:
    try:
        return date.fromisoformat(str(voucher.get("expires_on") or "")[:10])
    except ValueError:
        return None  # a voucher record without a readable date counts as not expired


def _row(r: Any, today: date) -> ReviewDecision:
    customer, voucher = _json(r[8]), _json(r[9])
    name = " ".join(str(customer.get(k) or "").strip() for k in ("given_name", "family_name"))
    return ReviewDecision(
        id=r[0], decided_at=r[1], terminal_id=r[2], employee_id=r[3], employee_name=r[4],
        approver_id=r[5], approver_name=r[6], customer_id=r[7],
        customer_name=name.strip() or str(voucher.get("customer_name") or ""),
        room=str(customer.get("room") or ""), action=r[11], reason=r[12], category=r[13],
        amount_minor=int(r[14]), currency=r[15], note=r[16], discretionary=bool(r[17]),
        override=bool(r[18]), allowance_exception=bool(r[19]), channel=r[20] or None,
        voucher_state=voucher_state(r[10], _expires(voucher), today), policy_version=r[21])


def central_review(url: str, since: datetime | None, until: datetime | None
                   ) -> tuple[list[ReviewDecision], Policy]:
    """The group's decisions in the period, and the published policy (for labels)."""
    engine = admin_engine(url)
    try:
        with engine.connect() as conn:
            require_table(conn, "central_decisions")
            doc = conn.execute(text("SELECT document FROM central_policies"
                                    " ORDER BY published_at DESC LIMIT 1")).scalar()
            if doc is None:
                raise InvalidInput(_("No policy has been published to this central database"
                                     " yet ('leeway central policy publish FILE.toml')."))
            today = datetime.now(UTC).date()
            rows = conn.execute(text(_ROWS), {"since": since, "until": until})
            return [_row(r, today) for r in rows], parse_policy(str(doc))
    finally:
        engine.dispose()


def central_tiers(url: str) -> dict[str, str]:
    """Every employee head office knows -> their tier (for a what-if across desks)."""
    engine = admin_engine(url)
    try:
        with engine.connect() as conn:
            require_table(conn, "central_staff")
            return {str(r[0]): str(r[1]) for r in conn.execute(
                text("SELECT employee_id, tier FROM central_staff"))}
    finally:
        engine.dispose()
