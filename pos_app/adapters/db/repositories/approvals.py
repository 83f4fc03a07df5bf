"""Manager approval grants and referrals: single-use and single-resolution by design.

Both claims are conditional UPDATEs, so of two desks racing on one database only one
can use a grant or resolve a referral.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from pos_app.adapters.db.models import ApprovalGrantRow, FarApprovalRow, ReferralRow
from pos_app.services.ports import FarApprovalRecord, GrantRecord, ReferralRecord


def _grant(r: ApprovalGrantRow) -> GrantRecord:
    return GrantRecord(r.id, r.requester_id, r.approver_id, r.customer_id, r.action,
                       r.amount_minor, r.currency, r.granted_at, r.used_by_decision, r.event_id)


class SqlApprovals:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, grant: GrantRecord) -> None:
        self.session.execute(insert(ApprovalGrantRow).values(**grant.__dict__))

    def get(self, grant_id: str) -> GrantRecord | None:
        row = self.session.get(ApprovalGrantRow, grant_id)
        return _grant(row) if row else None

    def mark_used(self, grant_id: str, decision_id: str) -> bool:
        # A conditional UPDATE is the single-use guarantee: only one claim can match.
        result = self.session.execute(
            update(ApprovalGrantRow)
            .where(ApprovalGrantRow.id == grant_id, ApprovalGrantRow.used_by_decision.is_(None))
            .values(used_by_decision=decision_id)
            .execution_options(synchronize_session=False))
        return bool(getattr(result, "rowcount", 0) == 1)


def _referral(r: ReferralRow) -> ReferralRecord:
    return ReferralRecord(r.id, r.customer_id, r.requester_id, r.action, r.amount_minor,
                          r.currency, r.reason, r.note, r.required_tier, r.why, r.created_at,
                          r.state, r.decided_by, r.decided_at, r.decision_id, r.decision_note)


class SqlReferrals:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, referral: ReferralRecord) -> None:
        self.session.execute(insert(ReferralRow).values(**referral.__dict__))

    def get(self, referral_id: str) -> ReferralRecord | None:
        row = self.session.get(ReferralRow, referral_id)
        return _referral(row) if row else None

    def pending(self) -> list[ReferralRecord]:
        rows = self.session.scalars(select(ReferralRow).where(ReferralRow.state == "pending")
                                    .order_by(ReferralRow.created_at))
        return [_referral(r) for r in rows]

    def for_customer(self, customer_id: str) -> list[ReferralRecord]:
        rows = self.session.scalars(select(ReferralRow).where(
            ReferralRow.customer_id == customer_id).order_by(ReferralRow.created_at.desc()))
        return [_referral(r) for r in rows]

    def resolve(self, referral_id: str, state: str, decided_by: str, decided_at: datetime,
                decision_id: str | None, note: str) -> bool:
        result = self.session.execute(
            update(ReferralRow)
            .where(ReferralRow.id == referral_id, ReferralRow.state == "pending")
            .values(state=state, decided_by=decided_by, decided_at=decided_at,
                    decision_id=decision_id, decision_note=note)
            .execution_options(synchronize_session=False))
        return bool(getattr(result, "rowcount", 0) == 1)


def _far(r: FarApprovalRow) -> FarApprovalRecord:
    return FarApprovalRecord(r.id, r.challenge, r.channel, r.requester_id, r.customer_id,
                             r.action, r.amount_minor, r.currency, r.reason, r.note,
                             r.required_tier, r.created_at, r.expires_at, r.state,
                             r.approver_id, r.decision_id, r.answer_note)


class SqlFarApprovals:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, record: FarApprovalRecord) -> None:
        self.session.execute(insert(FarApprovalRow).values(**record.__dict__))

    def get(self, request_id: str) -> FarApprovalRecord | None:
        row = self.session.get(FarApprovalRow, request_id)
        return _far(row) if row else None

    def open_for(self, requester_id: str, customer_id: str, action: str,
                 amount_minor: int, now: datetime) -> list[FarApprovalRecord]:
        rows = self.session.scalars(
            select(FarApprovalRow).where(
                FarApprovalRow.requester_id == requester_id,
                FarApprovalRow.customer_id == customer_id,
                FarApprovalRow.state == "pending", FarApprovalRow.action == action,
                FarApprovalRow.amount_minor == amount_minor,
                FarApprovalRow.expires_at > now)
            .order_by(FarApprovalRow.created_at.desc()))
        return [_far(r) for r in rows]

    def close(self, request_id: str, state: str, approver_id: str | None,
              decision_id: str | None, note: str) -> bool:
        # Conditional, like a grant's use: of two answers racing, one closes it.
        result = self.session.execute(
            update(FarApprovalRow)
            .where(FarApprovalRow.id == request_id, FarApprovalRow.state == "pending")
            .values(state=state, approver_id=approver_id, decision_id=decision_id,
                    answer_note=note)
            .execution_options(synchronize_session=False))
        return bool(getattr(result, "rowcount", 0) == 1)
