"""PIN hashing with argon2id at OWASP's recommended cost (m=19 MiB, t=2, p=1)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError


class Argon2PinHasher:
    def __init__(self, memory_kib: int = 19456, time_cost: int = 2) -> None:
        self._ph = PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=1)
        # A real hash to verify against for unknown IDs, so they cost the same time.
        self._decoy = self._ph.hash("decoy-not-a-pin")

    def hash(self, pin: str) -> str:
        return str(self._ph.hash(pin))

    def verify(self, pin_hash: str, pin: str) -> bool:
        try:
            return bool(self._ph.verify(pin_hash, pin))
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def burn(self, pin: str) -> None:
        self.verify(self._decoy, pin)
