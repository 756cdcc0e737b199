"""The request being served, for code deep below the view (the audit log)."""

import contextvars

_request = contextvars.ContextVar("console_request", default=None)


def current_request():
    return _request.get()


def set_current_request(request):
    return _request.set(request)


def reset_current_request(token) -> None:
    _request.reset(token)
