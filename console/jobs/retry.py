"""The retry policy of job items: what is worth trying again, and how soon."""

import random
import time

from console.cognito.errors import CognitoError

# Backoff for throttling and transient errors inside one item; after the last
# try the item goes back to pending (never failed) and is taken up again later.
RETRY_DELAYS = (0.2, 0.4, 0.8, 1.6, 3.2, 5.0, 5.0)
# A non-throttling transient error (Cognito unreachable) fails the row after this many passes.
MAX_TRANSIENT_PASSES = 10


class Deferred(Exception):
    """The item could not be done now (throttled, transient); try it again later."""

    def __init__(self, message: str, throttled: bool = False):
        super().__init__(message)
        self.throttled = throttled


def transient(exc: CognitoError) -> bool:
    """Throttling, Cognito's retryable errors, and any HTTP 5xx the service answered."""
    return exc.throttled or exc.retryable or (exc.code.isdigit() and int(exc.code) >= 500)


def with_retries(call, *args, on_retry=None, **kwargs):
    """Run one Cognito call, retrying throttling and transient errors with backoff.
    on_retry(exc) hears of each retry (a retried create may have reached Cognito)."""
    for delay in (*RETRY_DELAYS, None):
        try:
            return call(*args, **kwargs)
        except CognitoError as exc:
            if not transient(exc):
                raise
            if on_retry is not None:
                on_retry(exc)
            if delay is None:
                raise Deferred(exc.message, exc.throttled) from exc
            time.sleep(delay * (0.5 + random.random()))
    raise AssertionError("unreachable")
