"""The catalogue of user actions: one entry per thing an operator can do to a user.

The user page, the action view, bulk jobs (start, confirm page, reverse) and the
templates all read this table. A new action is one entry here, its service and its tests.

Each entry says who may run it (permission), what runs (service), what the operator is
asked before (confirm, naming the user and the pool), whether a reason is asked for,
whether it can run in bulk (with the Cognito calls it makes per user, kept only to
estimate a job's time) and which action undoes it.
"""

from functools import partial

from console.accounts.policy import action_allowed
from console.cognito.types import CognitoUser
from console.groups import services as group_services
from console.users import event_services, factor_services, selectors, services
from console.users.action_spec import (  # noqa: F401 - the catalogue's names, imported from here by its readers
    ADMIN,
    BULK_ONLY,
    DEVICES,
    EVENTS,
    FACTORS,
    HELPDESK,
    IDENTITIES,
    MEMBERSHIP,
    SESSIONS,
    UserAction,
)
from console.users.event_forms import EventFeedbackForm
from console.users.factor_forms import DeviceForm, MfaPreferenceForm, SessionForm
from console.users.factor_selectors import no_authenticator
from console.users.forms import (
    AttributesForm,
    DeleteAttributeForm,
    DeleteForm,
    GroupForm,
    SetPasswordForm,
    editable_attributes,
)
from console.users.identity_actions import IDENTITY_ACTIONS


def _schema(pool_id: str) -> list[dict]:
    return selectors.pool_settings(pool_id).get("SchemaAttributes") or []


def _attributes_form(data, *, pool_id, username):
    return AttributesForm(data, schema=_schema(pool_id), current=selectors.user_attributes(pool_id, username))


def _delete_attribute_form(data, *, pool_id, **_):
    return DeleteAttributeForm(data, names=[a["Name"] for a in editable_attributes(_schema(pool_id))])


def _group(form) -> dict:
    return {"group": form.cleaned_data["group"]}


def _set_attribute(*, attribute, value, **kw):
    services.user_update_attributes(attributes={attribute: value}, **kw)


_ENTRIES = (
    UserAction(
        "reset_password",
        "Reset password",
        "helpdesk_users",
        services.user_reset_password,
        "Reset the password of {user} in pool {pool}? They get a code and must choose a new password.",
        "Password reset. The user receives a code and must choose a new password at the next sign-in.",
        style="primary",
        bulk_operations=("AdminResetUserPassword",),
    ),
    UserAction(
        "resend_invitation",
        "Resend invitation",
        "helpdesk_users",
        services.user_resend_invitation,
        "Send the invitation again to {user} in pool {pool}?",
        "Invitation sent again.",
        shown=lambda u: u.status == "FORCE_CHANGE_PASSWORD",
        # DescribeUserPool too, for the sign-in attribute (cached by the pool-description cache).
        bulk_operations=("AdminGetUser", "AdminCreateUser"),
    ),
    UserAction(
        "set_temporary_password",
        "Set temporary password",
        "helpdesk_users",
        services.user_set_temporary_password,
        "Generate a temporary password for {user} in pool {pool}? It is shown once; they must change it at sign-in.",
        "Temporary password set. Give it to the user; it is shown only this once.",
        returns_secret=True,
    ),
    UserAction(
        "disable",
        "Disable",
        "helpdesk_users",
        services.user_disable,
        "Disable {user} in pool {pool} and sign them out everywhere?",
        "User disabled and signed out everywhere.",
        shown=lambda u: u.enabled,
        style="danger",
        bulk_operations=("AdminDisableUser", "AdminUserGlobalSignOut"),
        inverse="enable",
        skip_when_enabled=False,
    ),
    UserAction(
        "enable",
        "Enable",
        "helpdesk_users",
        services.user_enable,
        "Enable {user} in pool {pool}?",
        "User enabled: they can sign in again.",
        shown=lambda u: not u.enabled,
        bulk_operations=("AdminEnableUser",),
        inverse="disable",
        skip_when_enabled=True,
    ),
    UserAction(
        "sign_out",
        "Sign out everywhere",
        "helpdesk_users",
        services.user_sign_out,
        "Sign {user} out on every device (pool {pool})?",
        "User signed out everywhere: every refresh token is revoked.",
        bulk_operations=("AdminUserGlobalSignOut",),
    ),
    UserAction(
        "confirm_sign_up",
        "Confirm sign-up",
        "helpdesk_users",
        services.user_confirm_sign_up,
        "Confirm the sign-up of {user} in pool {pool}?",
        "Sign-up confirmed.",
        shown=lambda u: u.status == "UNCONFIRMED",
        bulk_operations=("AdminConfirmSignUp",),
    ),
    UserAction(
        "verify_email",
        "Mark email verified",
        "helpdesk_users",
        partial(services.user_mark_verified, attribute="email"),
        "Mark the email of {user} in pool {pool} as verified?",
        "Email marked as verified.",
        shown=lambda u: bool(u.email) and u.attributes.get("email_verified") != "true",
        bulk_operations=("AdminUpdateUserAttributes",),
    ),
    UserAction(
        "verify_phone",
        "Mark phone verified",
        "helpdesk_users",
        partial(services.user_mark_verified, attribute="phone_number"),
        "Mark the phone number of {user} in pool {pool} as verified?",
        "Phone number marked as verified.",
        shown=lambda u: bool(u.phone_number) and u.attributes.get("phone_number_verified") != "true",
    ),
    UserAction(
        "reset_mfa",
        "Reset MFA",
        "helpdesk_users",
        factor_services.user_reset_mfa,
        "Reset MFA for {user} in pool {pool}? Their authenticator app is removed and every MFA method "
        "(SMS, authenticator app, email, passkey) is turned off.",
        "MFA reset.",
        reports=True,
        bulk_operations=("AdminGetUserAuthFactors", "AdminDeleteSoftwareToken", "AdminSetUserMFAPreference"),
    ),
    UserAction(
        "remove_authenticator",
        "Remove authenticator app",
        "helpdesk_users",
        factor_services.user_remove_authenticator,
        "Remove the authenticator app of {user} in pool {pool}? They must register one again to use it.",
        "Authenticator app removed: the user must register one again to use it.",
        section=FACTORS,
        style="danger",
        bulk_operations=("AdminGetUserAuthFactors", "AdminDeleteSoftwareToken"),
        skip=no_authenticator,
    ),
    UserAction(
        "set_mfa_preference",
        "Save MFA setting",
        "helpdesk_users",
        factor_services.user_set_mfa_preference,
        "Change the chosen MFA setting of {user} in pool {pool}?",
        lambda p: (
            f"MFA by {factor_services.METHOD_NAMES[p['method']]} is now "
            + ("on" if p["enabled"] else "off")
            + (" and preferred." if p["preferred"] and p["enabled"] else ".")
        ),
        section=FACTORS,
        form=lambda data, **_: MfaPreferenceForm(data),
        params=lambda form: form.params(),
    ),
    UserAction(
        "forget_device",
        "Forget",
        "helpdesk_users",
        factor_services.user_forget_device,
        "Forget this device of {user} in pool {pool}? The next sign-in from it asks for MFA again.",
        "Device forgotten: the next sign-in from it asks for MFA again.",
        section=DEVICES,
        style="danger",
        form=lambda data, **_: DeviceForm(data),
        params=lambda form: {"device_key": form.cleaned_data["device_key"]},
    ),
    UserAction(
        "device_not_remembered",
        "Stop remembering",
        "helpdesk_users",
        factor_services.user_device_not_remembered,
        "Stop remembering this device of {user} in pool {pool}? It stays listed but asks for MFA again.",
        "Device no longer remembered: it asks for MFA again at the next sign-in.",
        section=DEVICES,
        form=lambda data, **_: DeviceForm(data),
        params=lambda form: {"device_key": form.cleaned_data["device_key"]},
    ),
    UserAction(
        "revoke_session",
        "End session",
        "helpdesk_users",
        factor_services.user_revoke_session,
        "End this session of {user} in pool {pool}? The app using it must sign in again.",
        lambda p: "Session ended" + (" with the sessions linked to it." if p["linked"] else "."),
        section=SESSIONS,
        style="danger",
        form=lambda data, **_: SessionForm(data),
        params=lambda form: {"session_id": form.cleaned_data["session_id"], "linked": form.cleaned_data["linked"]},
    ),
    UserAction(
        "auth_event_feedback",
        "Mark sign-in",
        "helpdesk_users",
        event_services.user_auth_event_feedback,
        "Tell threat protection whether this sign-in of {user} in pool {pool} was really them?",
        event_services.feedback_done,
        section=EVENTS,
        form=lambda data, **_: EventFeedbackForm(data),
        params=lambda form: form.params(),
    ),
    UserAction(
        "group_add",
        "Add to group",
        "manage_membership",
        group_services.membership_add,
        "Add {user} to the chosen group in pool {pool}?",
        lambda p: f"Added to group {p['group']}.",
        section=MEMBERSHIP,
        form=lambda data, **_: GroupForm(data),
        params=_group,
        bulk_operations=("AdminAddUserToGroup",),
        inverse="group_remove",
        makes_member=True,
        needs=("group",),
    ),
    UserAction(
        "group_remove",
        "Remove from group",
        "manage_membership",
        group_services.membership_remove,
        "Remove {user} from group {group} in pool {pool}?",
        lambda p: f"Removed from group {p['group']}.",
        section=MEMBERSHIP,
        form=lambda data, **_: GroupForm(data),
        params=_group,
        bulk_operations=("AdminRemoveUserFromGroup",),
        inverse="group_add",
        makes_member=False,
        needs=("group",),
    ),
    UserAction(
        "update_attributes",
        "Save attributes",
        "manage_users",
        services.user_update_attributes,
        "Save the changed attributes of {user} in pool {pool}?",
        lambda p: "Attributes saved: " + ", ".join(sorted(p["attributes"])) + ".",
        section=ADMIN,
        form=_attributes_form,
        params=lambda form: {"attributes": form.changes()},
    ),
    UserAction(
        "set_attribute",
        "Set an attribute",
        "manage_users",
        _set_attribute,
        "Set an attribute of {user} in pool {pool}?",
        "Attribute set.",
        section=BULK_ONLY,
        bulk_operations=("AdminUpdateUserAttributes",),
        needs=("attribute", "value"),
    ),
    UserAction(
        "delete_attribute",
        "Remove",
        "manage_users",
        services.user_delete_attribute,
        "Remove the chosen attribute of {user} in pool {pool}?",
        lambda p: f"Attribute {p['name']} removed.",
        section=ADMIN,
        form=_delete_attribute_form,
        params=lambda form: {"name": form.cleaned_data["name"]},
    ),
    UserAction(
        "set_password",
        "Set password",
        "manage_users",
        services.user_set_password,
        "Set this permanent password for {user} in pool {pool}? They will not be asked to change it.",
        "Permanent password set.",
        section=ADMIN,
        form=lambda data, **_: SetPasswordForm(data),
        params=lambda form: {"password": form.cleaned_data["password"]},
    ),
    UserAction(
        "delete",
        "Delete user",
        "manage_users",
        services.user_delete,
        "Delete {user} from pool {pool} for good? This cannot be undone.",
        "User deleted.",
        section=ADMIN,
        style="danger",
        form=lambda data, *, username, **_: DeleteForm(data, username=username),
        bulk_operations=("AdminDeleteUser",),
    ),
)

ACTIONS: dict[str, UserAction] = {a.name: a for a in (*_ENTRIES, *IDENTITY_ACTIONS)}
# The actions a single-user page (and its view) offers; set_attribute exists only in bulk.
USER_PAGE_ACTIONS: dict[str, UserAction] = {n: a for n, a in ACTIONS.items() if a.section != BULK_ONLY}
BULK_ACTIONS: dict[str, UserAction] = {n: a for n, a in ACTIONS.items() if a.bulk}


def user_label(user: CognitoUser | None, username: str = "") -> str:
    """How a confirmation names a user: name and email, the username only when there is nothing else."""
    if user is None:
        return username
    name, email = user.display_name, user.email
    if name and email:
        return f"{name} ({email})"
    return name or email or user.username


def action_run(*, operator, action: UserAction, pool_id: str, username: str, reason: str, **params):
    """Run one catalogue action on one user, after the shared policy (permission, pool, reason)."""
    reason = action_allowed(
        operator=operator, permission=action.permission, pool_id=pool_id, reason=reason, asks_reason=action.asks_reason
    )
    return action.run(pool_id=pool_id, username=username, reason=reason, **params)
