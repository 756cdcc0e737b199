"""A secret shown once after a redirect: kept in the operator's session, encrypted, until the
one page that shows it reads it.

Redirect-after-POST means refreshing the result page cannot create a second app client; the
secret has to survive that one hop, and the session (database-backed) is the only place every
web process sees. Encrypted (Fernet, keyed from SECRET_KEY) so the session row never holds it
in clear, and taken out on the first read so it is stored for seconds, not for the session."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

SESSION_KEY = "pools:one-time"


def _fernet() -> Fernet:
    digest = hashlib.sha256(f"console.pools.one_time:{settings.SECRET_KEY}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def secret_keep(session, *, name: str, secret: str) -> None:
    """Keep `secret` for one read under `name` (for example the new client's id)."""
    kept = session.get(SESSION_KEY, {})
    kept[name] = _fernet().encrypt(secret.encode()).decode() if secret else ""
    session[SESSION_KEY] = kept


def secret_take(session, *, name: str) -> str | None:
    """The secret kept under `name`, once: None when it was already shown (or never kept)."""
    kept = session.get(SESSION_KEY, {})
    if name not in kept:
        return None
    token = kept.pop(name)
    session[SESSION_KEY] = kept
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:  # SECRET_KEY rotated in between: nothing to show
        return None
