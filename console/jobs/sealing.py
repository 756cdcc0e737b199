"""Temporary passwords from an import file, encrypted while their rows wait in the database.

Fernet (AES-128-CBC with HMAC-SHA256) under a key derived from SECRET_KEY by HKDF-SHA256,
with its own `info` so the key serves nothing else. SECRET_KEY_FALLBACKS are tried when
reading, so rotating the secret key does not strand a job that is still waiting; a row
whose password no key can read fails with a message saying so (never with the token).
"""

import base64
import functools

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

PURPOSE = b"cognito-console: import temporary passwords at rest"
SEALED_KEY = "sealed_password"  # the payload key of an encrypted password
PLAIN_KEY = "temporary_password"  # rows written before passwords were sealed


class Unreadable(Exception):
    """No current key opens the sealed password (the secret key changed without a fallback)."""


@functools.lru_cache(maxsize=8)  # one derivation per key, not one per row
def _key(secret: str) -> bytes:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=PURPOSE).derive(secret.encode())
    return base64.urlsafe_b64encode(derived)


def _fernet() -> MultiFernet:
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([Fernet(_key(s)) for s in secrets])


def seal(password: str) -> str:
    return _fernet().encrypt(password.encode()).decode()


def unseal(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise Unreadable("The temporary password of this row cannot be read any more (the console's "
                         "secret key changed); import the row again.") from None


def payload_sealed(payload: dict) -> dict:
    """The item payload of a parsed row, its temporary password (if any) encrypted."""
    if payload.get(PLAIN_KEY):
        payload = {**payload, SEALED_KEY: seal(payload[PLAIN_KEY])}
        del payload[PLAIN_KEY]
    return payload


def payload_password(payload: dict) -> str:
    """The row's temporary password in clear, for the one call that sends it to Cognito."""
    if payload.get(SEALED_KEY):
        return unseal(payload[SEALED_KEY])
    return payload.get(PLAIN_KEY, "")


def payload_erased(payload: dict) -> dict | None:
    """The payload without its password, or None when it holds none (nothing to write)."""
    if SEALED_KEY not in payload and PLAIN_KEY not in payload:
        return None
    return {k: v for k, v in payload.items() if k not in (SEALED_KEY, PLAIN_KEY)}
