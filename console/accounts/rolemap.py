"""Mapping an identity provider's groups to a console role (OpenID Connect).

Kept free of Django imports: settings parse the map at start-up."""

from console.accounts.constants import ROLES


def parse_role_map(text: str) -> dict[str, str]:
    """Parse "console-admins=admin,console-helpdesk=helpdesk" into {"console-admins": "admin", ...}."""
    mapping = {}
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        group, sep, role = (piece.strip() for piece in item.partition("="))
        if not sep or not group or not role:
            raise ValueError(f"{item!r} is not of the form group=role.")
        if role not in ROLES:
            raise ValueError(f"{item!r} names an unknown role {role!r}; use one of {', '.join(ROLES)}.")
        mapping[group] = role
    return mapping


def claim_values(value) -> list[str]:
    """A group claim may be a list, or one string of names separated by commas or spaces."""
    if value is None:
        return []
    if isinstance(value, (list, tuple, set)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v for v in str(value).replace(",", " ").split() if v]


def role_for_claims(claims: dict, *, claim: str, role_map: dict[str, str]) -> str | None:
    """The most powerful role any of the operator's groups maps to, or None."""
    roles = {role_map[g] for g in claim_values(claims.get(claim)) if g in role_map}
    return next((r for r in ROLES if r in roles), None)
