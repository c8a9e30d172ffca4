"""Encryption of case data at rest (docs/cases.md, "Encryption").

* **Master keys** come from ``CASE_DATA_KEY`` (settings: ``CASE_DATA_KEYS``, current first).
  Each has an id: the first 16 hex digits of a hash derived from it, so the id names the key
  without revealing it. From each master key HKDF derives two keys with separate purposes:
  a *wrapping key* and a *lookup key*.
* **Case keys.** Every case has its own random 256-bit data key (``CaseKey``), stored only
  wrapped (AES-GCM) by the current master key, with the master key's id. Deleting the case
  key (retention) makes every value of the case unreadable, wherever a copy lies.
* **Values** are encrypted with AES-256-GCM under the case key, bound by the associated data
  to their table, row and field (a value copied to another row does not decrypt). The
  stored text is ``v1.<case key id>.<base64url(nonce ‖ ciphertext ‖ tag)>``: the key id
  travels with every value.
* **Lookup** of a personnummer uses HMAC-SHA-256 under the lookup key, never the number.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

VERSION = "v1"
NONCE_BYTES = 12


class CaseKeyError(Exception):
    """A value cannot be decrypted: its key is missing or the value was tampered with."""


@dataclass(frozen=True)
class MasterKey:
    key_id: str
    wrapping_key: bytes
    lookup_key: bytes


def _derive(master: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(master)


@lru_cache(maxsize=4)
def _keyring(raw_keys: tuple[bytes, ...]) -> tuple[MasterKey, ...]:
    return tuple(
        MasterKey(
            key_id=_derive(key, b"samtrygg cases key id v1").hex()[:16],
            wrapping_key=_derive(key, b"samtrygg cases wrapping v1"),
            lookup_key=_derive(key, b"samtrygg cases lookup v1"),
        )
        for key in raw_keys
    )


def keyring() -> tuple[MasterKey, ...]:
    """The configured master keys, current first (read from settings on every call, so a
    test that overrides ``CASE_DATA_KEYS`` sees its keys)."""
    keys = tuple(settings.CASE_DATA_KEYS)
    if not keys:
        raise CaseKeyError("CASE_DATA_KEY: no key configured")
    return _keyring(keys)


def current_master() -> MasterKey:
    return keyring()[0]


def master_by_id(key_id: str) -> MasterKey:
    for key in keyring():
        if key.key_id == key_id:
            return key
    raise CaseKeyError(
        f"CASE_DATA_KEY: the key {key_id} that encrypted this case is not configured; "
        "add it (after the current key) until `samtrygg rotate-case-key` has run"
    )


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def wrap_data_key(data_key: bytes, *, key_id: str) -> tuple[str, str]:
    """``(master key id, wrapped key)`` for a case key with id ``key_id``."""
    master = current_master()
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(master.wrapping_key).encrypt(nonce, data_key, f"casekey:{key_id}".encode())
    return master.key_id, _b64(nonce + sealed)


def unwrap_data_key(wrapped: str, *, master_key_id: str, key_id: str) -> bytes:
    master = master_by_id(master_key_id)
    blob = _unb64(wrapped)
    try:
        return AESGCM(master.wrapping_key).decrypt(
            blob[:NONCE_BYTES], blob[NONCE_BYTES:], f"casekey:{key_id}".encode()
        )
    except InvalidTag:
        raise CaseKeyError(f"the case key {key_id} does not unwrap with its master key") from None


class Cipher:
    """Encrypts and decrypts the values of one case with its data key."""

    def __init__(self, *, key_id: str, data_key: bytes) -> None:
        self.key_id = key_id
        self._aead = AESGCM(data_key)

    def encrypt(self, plaintext: str, *, aad: str) -> str:
        if plaintext == "":
            return ""
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, plaintext.encode("utf-8"), aad.encode())
        return f"{VERSION}.{self.key_id}.{_b64(nonce + sealed)}"

    def decrypt(self, token: str, *, aad: str) -> str:
        if token == "":
            return ""
        try:
            version, key_id, body = token.split(".", 2)
        except ValueError:
            raise CaseKeyError("not an encrypted value") from None
        if version != VERSION:
            raise CaseKeyError(f"unknown encryption format {version!r}")
        if key_id != self.key_id:
            raise CaseKeyError(f"value encrypted with case key {key_id}, not {self.key_id}")
        blob = _unb64(body)
        try:
            plain = self._aead.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad.encode())
        except InvalidTag:
            raise CaseKeyError("the value does not decrypt (changed or moved)") from None
        return plain.decode("utf-8")

    def encrypt_bytes(self, data: bytes, *, aad: str) -> str:
        return self.encrypt(base64.b64encode(data).decode("ascii"), aad=aad) if data else ""

    def decrypt_bytes(self, token: str, *, aad: str) -> bytes:
        return base64.b64decode(self.decrypt(token, aad=aad)) if token else b""


def lookup_hash(digits: str, master: MasterKey | None = None) -> str:
    """The keyed hash of a twelve-digit identity number under one master key (current by
    default)."""
    master = master or current_master()
    return hmac.new(master.lookup_key, digits.encode("ascii"), hashlib.sha256).hexdigest()


def lookup_hashes(digits: str) -> list[str]:
    """Hashes under every configured key: a search finds values not yet rotated too."""
    return [lookup_hash(digits, master) for master in keyring()]


def generate_master_key() -> str:
    return base64.b64encode(os.urandom(32)).decode("ascii")
