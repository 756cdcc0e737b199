"""Linked federated identities for the emulator (issue 13, item 4): moto has neither
AdminLinkProviderForUser nor AdminDisableProviderForUser. These handlers keep the links where
Cognito does, in the destination user's `identities` attribute, as Cognito documents them:
- linking names an identity provider of the pool and an existing user; a user has at most five
  links, and an identity already linked to a user cannot be linked again;
- disabling a linked identity (ProviderName of an IdP, Cognito_Subject and the subject) removes
  the link from whichever user holds it.
Applied by console.emulator.cognito_fixes.apply(), in the emulator process only.
"""

import json
import time

from moto.cognitoidp.exceptions import ResourceNotFoundError, UserNotFoundError
from moto.core.exceptions import JsonRESTError
from moto.core.responses import EmptyResult

MAX_LINKED = 5
NATIVE = "Cognito"


class _Error(JsonRESTError):
    def __init__(self, code: str, message: str):
        super().__init__(error_type=code, message=message)


def identities_of(user) -> list[dict]:
    try:
        found = json.loads(user.attribute_lookup.get("identities") or "[]")
    except ValueError:
        return []
    return found if isinstance(found, list) else []


def _set(user, identities: list[dict]) -> None:
    if identities:
        user.update_attributes([{"Name": "identities", "Value": json.dumps(identities)}])
    elif "identities" in user.attribute_lookup:
        user.delete_attributes(["identities"])


def _holder(pool, provider: str, subject: str):
    for user in pool.users.values():
        for identity in identities_of(user):
            if identity.get("providerName") == provider and identity.get("userId") == subject:
                return user
    return None


def admin_link_provider_for_user(self):
    params = json.loads(self.body)
    pool = self.backend.describe_user_pool(params["UserPoolId"])
    source, destination = params["SourceUser"], params["DestinationUser"]
    provider = pool.identity_providers.get(source.get("ProviderName", ""))
    if provider is None or destination.get("ProviderName") != NATIVE:
        raise _Error("InvalidParameterException", "The source user must name an identity provider of this pool.")
    user = self.backend.admin_get_user(pool.id, destination.get("ProviderAttributeValue", ""))
    subject = source.get("ProviderAttributeValue", "")
    if _holder(pool, provider.name, subject) is not None:
        raise _Error("AliasExistsException", "This identity is already linked to a user of the pool.")
    identities = identities_of(user)
    if len(identities) >= MAX_LINKED:
        raise _Error("LimitExceededException", f"A user has at most {MAX_LINKED} linked identities.")
    identities.append(
        {
            "userId": subject,
            "providerName": provider.name,
            "providerType": provider.extended_config.get("ProviderType") or "",
            "issuer": None,
            "primary": "false",
            "dateCreated": str(int(time.time() * 1000)),
        }
    )
    _set(user, identities)
    return EmptyResult()


def admin_disable_provider_for_user(self):
    params = json.loads(self.body)
    pool = self.backend.describe_user_pool(params["UserPoolId"])
    named = params["User"]
    provider, subject = named.get("ProviderName", ""), named.get("ProviderAttributeValue", "")
    if provider == NATIVE:
        raise _Error("InvalidParameterException", "The emulator does not disable a user's own sign-in.")
    if provider not in pool.identity_providers:
        raise ResourceNotFoundError(f"Identity provider {provider} does not exist.")
    user = _holder(pool, provider, subject)
    if user is None:
        raise UserNotFoundError("No user is linked to this identity.")
    _set(user, [i for i in identities_of(user) if (i.get("providerName"), i.get("userId")) != (provider, subject)])
    return EmptyResult()


HANDLERS = (admin_link_provider_for_user, admin_disable_provider_for_user)
