"""The terminal's Ed25519 voucher-signing key, kept in the OS keyring.

Each terminal signs the vouchers it issues; its public key travels to the other desks
(by sync, in the ``terminal_keys`` table) so any of them can check a voucher offline.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from pos_app.adapters.secrets import SecretStore

SECRET_NAME = "voucher-signing-key"


def key_id(public_raw: bytes) -> str:
    return hashlib.sha256(public_raw).hexdigest()[:16]


class VoucherSigner:
    """Signs with the private key from the keyring (created on first use)."""

    def __init__(self, store: SecretStore) -> None:
        stored = store.get(SECRET_NAME)
        if stored is None:
            private = Ed25519PrivateKey.generate()
            raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
            store.set(SECRET_NAME, base64.b64encode(raw).decode())
        else:
            private = Ed25519PrivateKey.from_private_bytes(base64.b64decode(stored))
        self._private = private
        self.public_raw = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.key_id = key_id(self.public_raw)

    def sign(self, message: bytes) -> str:
        return base64.b64encode(self._private.sign(message)).decode()


def verify_signature(public_raw: bytes, message: bytes, signature_b64: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(
            base64.b64decode(signature_b64, validate=True), message)
    except (InvalidSignature, ValueError):
        return False
    return True
