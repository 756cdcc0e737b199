"""Authentication backends: the throttle in front of the password check."""

from axes.backends import AxesStandaloneBackend


class ThrottleBackend(AxesStandaloneBackend):
    """django-axes' lock check, first in AUTHENTICATION_BACKENDS.

    A sign-in without a request (management commands, test clients) is not a
    web sign-in attempt and cannot be throttled by address, so it is let through
    to the next backend instead of being refused."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
