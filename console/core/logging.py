"""Log filters referenced by settings.LOGGING."""

import logging


class RefusalsWithoutTraceback(logging.Filter):
    """django.request (and django.security) log every 4xx raised as an exception (PermissionDenied, Http404, a bad
    request) with its traceback. Those are expected answers, audited where it matters: keep
    the one-line message, drop the traceback. Server errors (5xx) keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
