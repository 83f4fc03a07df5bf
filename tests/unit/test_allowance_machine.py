"""Escrow as a Hypothesis state machine: any interleaving of online requests, offline
spending, syncs and returns across desks never spends or grants past the cap."""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from pos_app.domain.allowance import Holding, grantable

CAP = 2_000_00
DESKS = 3


class Escrow(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.holdings = [Holding() for _ in range(DESKS)]
        self.central_granted = [0] * DESKS  # what central believes each desk holds
        self.central_consumed = [0] * DESKS  # spending central has seen (synced)
        self.unsynced = [0] * DESKS  # spent locally, not pushed yet
        self.online = [True] * DESKS

    def _central_spent(self) -> int:
        return sum(self.central_consumed)

    @rule(desk=st.integers(0, DESKS - 1))
    def toggle_network(self, desk: int) -> None:
        self.online[desk] = not self.online[desk]

    @rule(desk=st.integers(0, DESKS - 1), want=st.integers(1, CAP))
    def request_more(self, desk: int, want: int) -> None:
        if not self.online[desk]:
            return  # offline: no central, no new allowance
        outstanding = sum(max(g - c, 0) for g, c in
                          zip(self.central_granted, self.central_consumed, strict=True))
        give = grantable(CAP, self._central_spent(), outstanding, want)
        assert give >= 0
        self.central_granted[desk] += give
        self.holdings[desk].granted += give

    @rule(desk=st.integers(0, DESKS - 1), amount=st.integers(1, CAP))
    def spend(self, desk: int, amount: int) -> None:
        holding = self.holdings[desk]
        if holding.can_spend(amount):  # online or not, only what the desk holds
            holding.spent += amount
            self.unsynced[desk] += amount

    @rule(desk=st.integers(0, DESKS - 1))
    def sync(self, desk: int) -> None:
        if not self.online[desk]:
            return
        self.central_consumed[desk] += self.unsynced[desk]
        self.unsynced[desk] = 0

    @rule(desk=st.integers(0, DESKS - 1))
    def return_unused(self, desk: int) -> None:
        if not self.online[desk] or self.unsynced[desk]:
            return  # unused allowance returns only after a full push
        self.central_granted[desk] = self.central_consumed[desk]
        h = self.holdings[desk]
        h.granted, h.spent = 0, 0

    @invariant()
    def never_spent_past_the_cap(self) -> None:
        spent = self._central_spent() + sum(self.unsynced)
        assert spent <= CAP

    @invariant()
    def never_granted_past_the_cap(self) -> None:
        outstanding = sum(max(g - c, 0) for g, c in
                          zip(self.central_granted, self.central_consumed, strict=True))
        assert self._central_spent() + outstanding <= CAP

    @invariant()
    def a_desk_never_spends_more_than_it_holds(self) -> None:
        for h in self.holdings:
            assert h.spent <= h.granted


Escrow.TestCase.settings = settings(max_examples=150, stateful_step_count=40, deadline=None)
TestEscrow = Escrow.TestCase
