"""PIN hashing: argon2id at OWASP's recommended cost (m=19 MiB, t=2, p=1) plus a pepper.

The pepper is a random key held in the OS keyring, never in the database: a stolen
database file alone cannot be brute-forced, even for 4-digit PINs. The PIN is keyed
with HMAC-SHA256 under the pepper before argon2 sees it.
"""

from __future__ import annotations

import hashlib
import hmac

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

OWASP_MEMORY_KIB = 19456
OWASP_TIME_COST = 2


STAFF_PREFIX = "staff:"


class Argon2PinHasher:
    """``pepper`` is this desk's own; ``staff_pepper``, once the desk is registered with a
    central database, is shared by every desk so staff can sign in anywhere. Hashes made
    with it carry the ``staff:`` prefix; older local hashes keep working here."""

    def __init__(self, pepper: bytes, memory_kib: int = OWASP_MEMORY_KIB,
                 time_cost: int = OWASP_TIME_COST, staff_pepper: bytes | None = None) -> None:
        if len(pepper) < 16 or (staff_pepper is not None and len(staff_pepper) < 16):
            raise ValueError("the pepper must be at least 16 bytes")
        self._pepper = pepper
        self._staff = staff_pepper
        self._ph = PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=1)
        self._decoy: str | None = None  # made on first use: start-up stays fast

    def _keyed(self, pin: str, pepper: bytes | None = None) -> str:
        key = pepper or self._pepper
        return hmac.new(key, pin.encode("utf-8"), hashlib.sha256).hexdigest()

    def hash(self, pin: str) -> str:
        if self._staff is not None:
            return STAFF_PREFIX + str(self._ph.hash(self._keyed(pin, self._staff)))
        return str(self._ph.hash(self._keyed(pin)))

    def verify(self, pin_hash: str, pin: str) -> bool:
        pepper = self._pepper
        if pin_hash.startswith(STAFF_PREFIX):
            if self._staff is None:
                return False  # made for roaming staff; this desk lacks the shared key
            pin_hash, pepper = pin_hash[len(STAFF_PREFIX):], self._staff
        try:
            return bool(self._ph.verify(pin_hash, self._keyed(pin, pepper)))
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def approval_key(self, pin_hash: str, employee_id: str) -> bytes | None:
        """The key an approver's answer codes are made with (see ``approval_code``).

        Derived from the stored PIN hash under the pepper it was made with, so every desk
        holding the staff key computes the same key for a roaming approver, a PIN change
        replaces it, and a copied database file alone (no keyring) cannot make answers.
        None when this desk lacks the staff key the hash needs."""
        pepper = self._pepper
        if pin_hash.startswith(STAFF_PREFIX):
            if self._staff is None:
                return None
            pepper = self._staff
        message = f"leeway-approval-key-v1|{employee_id}|{pin_hash}".encode()
        return hmac.new(pepper, message, hashlib.sha256).digest()

    def burn(self, pin: str) -> None:
        """Verify against a real hash, so an unknown ID costs what a wrong PIN costs."""
        if self._decoy is None:
            self._decoy = self._ph.hash(self._keyed("decoy-not-a-pin"))
        self.verify(self._decoy, pin)
