"""Repositories over one SQLAlchemy session: the storage side of the service ports.

One module per group of tables (customers, people, decisions and corrections, approvals
and referrals, vouchers, the event chain and terminal row, policies and allowances, sync
reviews); the unit of work in :mod:`pos_app.adapters.db.uow` gives each the same session.
"""

from pos_app.adapters.db.repositories.approvals import SqlApprovals, SqlFarApprovals, SqlReferrals
from pos_app.adapters.db.repositories.customers import SqlCustomers
from pos_app.adapters.db.repositories.decisions import SqlCorrections, SqlDecisions
from pos_app.adapters.db.repositories.events import SqlEventLog, SqlTerminals
from pos_app.adapters.db.repositories.limits import SqlAllowances, SqlPolicies
from pos_app.adapters.db.repositories.people import SqlEmployees
from pos_app.adapters.db.repositories.reviews import SqlSyncReviews
from pos_app.adapters.db.repositories.vouchers import SqlVouchers

__all__ = [
    "SqlAllowances",
    "SqlApprovals",
    "SqlCorrections",
    "SqlCustomers",
    "SqlDecisions",
    "SqlEmployees",
    "SqlEventLog",
    "SqlFarApprovals",
    "SqlPolicies",
    "SqlReferrals",
    "SqlSyncReviews",
    "SqlTerminals",
    "SqlVouchers",
]
