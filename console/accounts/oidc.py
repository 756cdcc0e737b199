"""Sign-in through an OpenID Connect provider (mozilla-django-oidc).

The provider decides who the person is; CONSOLE_OIDC_ROLE_MAP decides what they
may do: the group claim must map to a console role, and the operator gets
exactly that role at every sign-in (a group removed at the provider takes the
role away at the next sign-in). A local operator with a password of the same
name is never taken over by a provider account."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from console.accounts.backends import RoleBackend
from console.accounts.rolemap import parse_role_map, role_for_claims
from console.accounts.signals import REFUSAL_ATTR
from console.audit.services import audit_record


class SignInRefused(SuspiciousOperation):
    """mozilla-django-oidc turns SuspiciousOperation into a failed sign-in."""


class OperatorOIDCBackend(OIDCAuthenticationBackend):
    """Signs operators in through the organisation's identity provider. Loading the operator and
    answering permission questions is RoleBackend's (also listed in AUTHENTICATION_BACKENDS): the
    ModelBackend this class inherits would grant per-operator permissions and query them again."""

    def get_user(self, user_id):
        return RoleBackend().get_user(user_id)

    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def has_perm(self, user_obj, perm, obj=None):
        return False

    def get_userinfo(self, access_token, id_token, payload):
        # Group claims such as cognito:groups are in the (verified) ID token, not
        # in the userinfo answer; the userinfo endpoint is optional.
        claims = dict(payload or {})
        if self.OIDC_OP_USER_ENDPOINT:
            claims.update(super().get_userinfo(access_token, id_token, payload))
        return claims

    def verify_claims(self, claims):
        if not username_from_claims(claims):
            self._refuse(
                f"The identity provider did not send the {settings.CONSOLE_OIDC_USERNAME_CLAIM!r} claim "
                "that names the operator."
            )
        if self._role(claims) is None:
            self._refuse(
                "Your account at the identity provider is not in a group that gives a console role. "
                "Ask an admin to add you to one."
            )
        return True

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(username=username_from_claims(claims))

    @transaction.atomic
    def create_user(self, claims):
        username = username_from_claims(claims)
        operator = self.UserModel(username=username, email=str(claims.get("email", ""))[:254])
        operator.set_unusable_password()  # signs in only through the provider
        operator.save()
        role = self._role(claims)
        operator.role_set(role)
        audit_record(action="operator.create", target=username, params={"role": role, "method": "oidc"})
        return operator

    @transaction.atomic
    def update_user(self, user, claims):
        if user.has_usable_password():
            self._refuse(
                f"A console operator named {user.username!r} signs in with a password; "
                "the identity provider cannot sign in as them."
            )
        if not user.is_active:
            self._refuse("This operator is deactivated.")
        role, previous = self._role(claims), user.role
        user.email = str(claims.get("email", user.email))[:254]
        user.save(update_fields=["email"])
        user.role_set(role)
        if role != previous:
            audit_record(
                action="operator.role_change",
                target=user.username,
                params={"role": role, "previous": previous, "method": "oidc"},
            )
        return user

    def _role(self, claims):
        return role_for_claims(
            claims,
            claim=settings.CONSOLE_OIDC_ROLE_CLAIM,
            role_map=parse_role_map(settings.CONSOLE_OIDC_ROLE_MAP),
        )

    def _refuse(self, message: str):
        request = getattr(self, "request", None)
        if request is not None:
            setattr(request, REFUSAL_ATTR, message)
            messages.error(request, message)
        raise SignInRefused(message)


def username_from_claims(claims) -> str:
    return str(claims.get(settings.CONSOLE_OIDC_USERNAME_CLAIM) or "").strip()[:150]
