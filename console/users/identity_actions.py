"""The catalogue's entries for federated users (issue 13, item 4), shown by the linked identities
card of the user page (templates/users/identities.html).

Unlinking takes access away (like signing out or forgetting a device), so helpdesk staff may do
it; linking grants a federated identity this account, so only admins may.
"""

from console.users import identity_services
from console.users.action_spec import IDENTITIES, UserAction, fields, form_of
from console.users.identity_forms import LinkIdentityForm, UnlinkIdentityForm
from console.users.identity_selectors import pool_providers


def _link_form(data, *, pool_id, **_):
    return LinkIdentityForm(data, providers=pool_providers(pool_id))


IDENTITY_ACTIONS = (
    UserAction(
        "unlink_identity",
        "Unlink",
        "helpdesk_users",
        identity_services.user_unlink_identity,
        "Unlink this identity from {user} in pool {pool}? Signing in with it will no longer reach this user "
        "(the next such sign-in creates a separate user).",
        lambda p: f"{p['provider']} identity unlinked: signing in with it no longer reaches this user.",
        section=IDENTITIES,
        style="danger",
        form=form_of(UnlinkIdentityForm),
        params=fields("provider", "user_id"),
    ),
    UserAction(
        "link_identity",
        "Link identity",
        "manage_users",
        identity_services.user_link_identity,
        "Link this federated identity to {user} in pool {pool}? Whoever signs in with it at the provider "
        "will be signed in as this user, with this user's groups and access.",
        lambda p: f"{p['provider']} identity linked: signing in with it now signs in as this user.",
        section=IDENTITIES,
        form=_link_form,
        params=lambda form: form.params(),
    ),
)
