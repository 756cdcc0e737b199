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


def logging_config(level: str) -> dict:
    """settings.LOGGING: one plain handler on the root logger, at `level`."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
        "filters": {"refusals_without_traceback": {"()": "console.core.logging.RefusalsWithoutTraceback"}},
        # A 4xx raised by a view (403, 404, a suspicious request) is one line, not a traceback:
        # the audit log has the refusals. 5xx keep theirs.
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "plain",
                "filters": ["refusals_without_traceback"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Replaces Django's default "django" logger, whose own console handler (DEBUG only)
            # printed every record a second time: everything goes through the root handler once.
            "django": {"handlers": [], "level": level, "propagate": True},
            "botocore": {"level": "WARNING"},
            "urllib3": {"level": "WARNING"},
        },
    }
