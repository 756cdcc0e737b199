"""Authentication backends: the throttle in front of the password check, and the backend that
loads operators and answers permission questions from their role."""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef
from django_otp.plugins.otp_totp.models import TOTPDevice


class ThrottleBackend(AxesStandaloneBackend):
    """django-axes' lock check, first in AUTHENTICATION_BACKENDS.

    A sign-in without a request (management commands, test clients) is not a
    web sign-in attempt and cannot be throttled by address, so it is let through
    to the next backend instead of being refused."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class RoleBackend(ModelBackend):
    """Django's ModelBackend (password sign-in, active check, per-instance permission cache), with
    an operator's permissions read from its role groups together with their names in one query
    (Operator.role_permissions). Operators hold permissions only through their role: nothing in
    the console grants one permission to one operator, so the per-operator table is not read."""

    def get_user(self, user_id):
        """The signed-in operator, loaded with whether it has a confirmed authenticator: the
        two-factor gate asks that on every page (TwoFactorMiddleware), and one query is cheaper
        than two."""
        Operator = get_user_model()
        confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        try:
            user = Operator._default_manager.annotate(device_confirmed_at_load=Exists(confirmed)).get(pk=user_id)
        except Operator.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def get_user_permissions(self, user_obj, obj=None):
        if user_obj.is_superuser:
            return super().get_user_permissions(user_obj, obj)
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None or user_obj.is_superuser:
            return super().get_group_permissions(user_obj, obj)
        return user_obj.role_permissions()
