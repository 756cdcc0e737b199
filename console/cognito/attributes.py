"""Cognito's standard user attributes, listed once: the import schema (provisioning), the user forms
and the new-pool form read them from here."""

# Every pool has these, whether or not DescribeUserPool lists them (an emulator lists only those given
# at creation), with Cognito's data type, in the order the console offers them (contact details first).
STANDARD_ATTRIBUTES: dict[str, str] = {
    "email": "String",
    "email_verified": "Boolean",
    "phone_number": "String",
    "phone_number_verified": "Boolean",
    "name": "String",
    "given_name": "String",
    "family_name": "String",
    "middle_name": "String",
    "nickname": "String",
    "preferred_username": "String",
    "birthdate": "String",
    "gender": "String",
    "locale": "String",
    "zoneinfo": "String",
    "address": "String",
    "picture": "String",
    "profile": "String",
    "website": "String",
}

# Those that hold a value someone types (a form field, an attribute a new pool may require); the two
# verification flags are set by their own actions instead.
STANDARD_VALUES: tuple[str, ...] = tuple(name for name, kind in STANDARD_ATTRIBUTES.items() if kind == "String")
