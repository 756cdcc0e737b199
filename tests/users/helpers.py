from django.urls import reverse

from console.audit.models import AuditEvent
from console.cognito.client import cognito

HTMX = {"HTTP_HX_REQUEST": "true"}


def act(client, pool_id, action, username, htmx=True, **data):
    url = reverse("users:action", args=[pool_id, action])
    return client.post(url, {"username": username, "reason": "TICKET-1", **data}, **(HTMX if htmx else {}))


def get_user(pool_id, username) -> dict:
    return cognito().admin_get_user(UserPoolId=pool_id, Username=username)


def attrs(pool_id, username) -> dict:
    return {a["Name"]: a["Value"] for a in get_user(pool_id, username)["UserAttributes"]}


def events(action):
    return list(AuditEvent.objects.filter(action=action))


def confirmed(pool_id, username):
    """Make a user CONFIRMED with a verified email (the state reset password needs)."""
    c = cognito()
    c.admin_set_user_password(UserPoolId=pool_id, Username=username, Password="Perm-Passw0rd!", Permanent=True)
    c.admin_update_user_attributes(
        UserPoolId=pool_id, Username=username, UserAttributes=[{"Name": "email_verified", "Value": "true"}]
    )


def actions(prefix):
    """Audit actions starting with prefix, oldest first."""
    return list(AuditEvent.objects.filter(action__startswith=prefix).order_by("id").values_list("action", flat=True))
