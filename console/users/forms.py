"""Forms of the users pages. Attribute forms are built from the pool's schema
(DescribeUserPool's SchemaAttributes) so Cognito's constraints are checked before the call."""

from django import forms
from django.core.validators import RegexValidator

from console.accounts.policy import ReasonField, reason_required
from console.cognito.attributes import STANDARD_VALUES
from console.cognito.users import USER_STATUSES
from console.users.selectors import SEARCH_ATTRIBUTES, STATUS_LABELS

# Attributes never edited through the generic form: identity, verification flags
# (they have their own actions) and values Cognito maintains itself.
NOT_EDITABLE = {"sub", "identities", "email_verified", "phone_number_verified", "updated_at"}
# Standard attributes offered when inviting a user even if the schema does not require them.
CREATE_COMMON = ("email", "phone_number", "given_name", "family_name", "name")
E164 = RegexValidator(r"^\+[1-9][0-9]{4,14}$", "Use the international format: + then country code and number.")
PHONE_HINT = "International format: + then the country code and number, for example +15551234567."
# Standard attributes in words (OpenID Connect names otherwise); the rest are humanised from their names.
ATTRIBUTE_LABELS = {
    "name": "Full name",
    "email": "Email address",
    "zoneinfo": "Time zone",
    "birthdate": "Date of birth",
    "picture": "Picture URL",
    "profile": "Profile URL",
    "website": "Website URL",
}
ATTRIBUTE_HINTS = {
    "phone_number": PHONE_HINT,
    "birthdate": "As YYYY-MM-DD, for example 1990-04-23.",
    "zoneinfo": "For example Europe/Paris.",
    "locale": "For example en-US.",
}


_SELECT = {"class": "search-select"}


class SearchForm(forms.Form):
    q = forms.CharField(required=False, strip=False, label="Search")
    attr = forms.ChoiceField(
        choices=SEARCH_ATTRIBUTES,
        required=False,
        initial="email",
        label="Attribute",
        widget=forms.Select(attrs=_SELECT),
        error_messages={
            "invalid_choice": "Cognito can search only by username, email, phone, name, given name, family name, "
            "preferred username or sub; custom attributes are not searchable."
        },
    )
    match = forms.ChoiceField(
        choices=[("prefix", "starts with"), ("exact", "is exactly")],
        required=False,
        initial="prefix",
        label="Match",
        widget=forms.Select(attrs=_SELECT),
    )
    status = forms.ChoiceField(
        choices=[("", "any status")] + [(s, STATUS_LABELS[s]) for s in USER_STATUSES],
        required=False,
        label="Status",
        widget=forms.Select(attrs=_SELECT),
    )
    enabled = forms.ChoiceField(
        choices=[("", "enabled or not"), ("yes", "enabled"), ("no", "disabled")],
        required=False,
        label="Enabled",
        widget=forms.Select(attrs=_SELECT),
    )
    group = forms.CharField(required=False, label="Group")


class ReasonForm(forms.Form):
    reason = ReasonField()


class SetPasswordForm(ReasonForm):
    password = forms.CharField(widget=forms.PasswordInput, strip=False, max_length=256, label="New permanent password")


class GroupForm(ReasonForm):
    group = forms.CharField(max_length=128, label="Group")


class DeleteForm(ReasonForm):
    confirm = forms.CharField(label="Type the username to confirm", strip=False)

    def __init__(self, *args, username: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.username = username

    def clean_confirm(self):
        if self.cleaned_data["confirm"] != self.username:
            raise forms.ValidationError("The username you typed does not match; nothing was deleted.")
        return self.cleaned_data["confirm"]


class DeleteAttributeForm(ReasonForm):
    name = forms.ChoiceField(label="Attribute")

    def __init__(self, *args, names: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].choices = [(n, n) for n in names]


def field_key(name: str) -> str:
    return "attr_" + name.replace(":", "__")


def attribute_label(name: str) -> str:
    """"given_name" -> "Given name", "custom:cost_centre" -> "Cost centre (custom)"."""
    bare = name.removeprefix("custom:")
    label = ATTRIBUTE_LABELS.get(bare) or bare.replace("_", " ").capitalize()
    return label + " (custom)" if name.startswith("custom:") else label


def attribute_field(attr: dict, *, required: bool) -> forms.Field:
    """A form field with the constraints Cognito will apply to this attribute."""
    name = attr["Name"]
    kind = attr.get("AttributeDataType", "String")
    label = attribute_label(name)
    if kind == "Number":
        limits = attr.get("NumberAttributeConstraints") or {}
        return forms.IntegerField(
            required=required,
            label=label,
            min_value=int(limits["MinValue"]) if limits.get("MinValue") else None,
            max_value=int(limits["MaxValue"]) if limits.get("MaxValue") else None,
        )
    if kind == "Boolean":
        return forms.ChoiceField(
            required=required, label=label, choices=[("", "—"), ("true", "true"), ("false", "false")]
        )
    limits = attr.get("StringAttributeConstraints") or {}
    min_length = int(limits["MinLength"]) if limits.get("MinLength") else None
    max_length = int(limits["MaxLength"]) if limits.get("MaxLength") else 2048
    if name == "email":
        return forms.EmailField(required=required, label=label, max_length=max_length)
    if name == "phone_number":
        return forms.CharField(
            required=required, label=label, validators=[E164], max_length=16, help_text=PHONE_HINT
        )
    return forms.CharField(
        required=required,
        label=label,
        min_length=min_length or None,
        max_length=max_length,
        strip=True,
        help_text=ATTRIBUTE_HINTS.get(name, ""),
    )


def _value(field: forms.Field, value) -> str:
    if value is None:
        return ""
    return str(value)


class SchemaForm(ReasonForm):
    """Common part of the attribute forms: maps field keys back to attribute names."""

    def add_attribute(self, attr: dict, *, required: bool, initial: str = ""):
        key = field_key(attr["Name"])
        self.fields[key] = attribute_field(attr, required=required)
        self.fields[key].initial = initial
        self.attribute_names[key] = attr["Name"]

    def attribute_fields(self):
        return [self[key] for key in self.attribute_names]

    def attributes(self) -> dict[str, str]:
        return {
            name: _value(self.fields[key], self.cleaned_data.get(key))
            for key, name in self.attribute_names.items()
            if self.cleaned_data.get(key) not in (None, "")
        }



def schema_complete(schema: list[dict]) -> list[dict]:
    """Real pools list every standard attribute in SchemaAttributes; an emulator may list only those
    declared at creation, so the missing ones are added as Cognito defines them."""
    known = {a["Name"] for a in schema}
    extra = [
        {"Name": n, "AttributeDataType": "String", "Mutable": True, "Required": False}
        for n in STANDARD_VALUES
        if n not in known
    ]
    return [*schema, *extra]


def editable_attributes(schema: list[dict]) -> list[dict]:
    return [
        a
        for a in schema_complete(schema)
        if a.get("Mutable", True) and not a.get("DeveloperOnlyAttribute") and a["Name"] not in NOT_EDITABLE
    ]


class AttributesForm(SchemaForm):
    """Edit mutable attributes. Only changed, non-empty values are sent; emptying a value
    is the separate "remove attribute" action, so a blank field never wipes data by accident."""

    def __init__(self, *args, schema: list[dict], current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.attribute_names = {}
        self.current = current
        for attr in editable_attributes(schema):
            self.add_attribute(attr, required=False, initial=current.get(attr["Name"], ""))
        self.order_fields([*self.attribute_names, "reason"])

    def changes(self) -> dict[str, str]:
        return {k: v for k, v in self.attributes().items() if self.current.get(k, "") != v}

    def clean(self):
        data = super().clean()
        if not self.errors and not self.changes():
            raise forms.ValidationError("Nothing changed.")
        return data


def sign_in_field(sign_in: list[str]) -> forms.Field:
    """The username of a pool that signs in by email or phone: the address itself, validated as such."""
    if sign_in == ["email"]:
        return forms.EmailField(
            max_length=128, label="Email address", help_text="The user signs in with it; the invitation goes to it."
        )
    if sign_in == ["phone_number"]:
        return forms.CharField(
            max_length=16, label="Phone number", validators=[E164], help_text="The user signs in with it. " + PHONE_HINT
        )
    return forms.CharField(
        max_length=128,
        label="Email address or phone number",
        help_text="The user signs in with it. A phone number in international format, for example +15551234567.",
    )


class CreateUserForm(SchemaForm):
    username = forms.CharField(max_length=128, label="Username")
    delivery = forms.ChoiceField(
        label="Invitation",
        initial="EMAIL",
        choices=[
            ("EMAIL", "send by email"),
            ("SMS", "send by SMS"),
            ("BOTH", "send by email and SMS"),
            ("SUPPRESS", "do not send (tell the user yourself)"),
        ],
    )
    email_verified = forms.BooleanField(
        required=False, initial=True, label="Mark the email as verified (lets the user reset a forgotten password)"
    )
    temporary_password = forms.CharField(
        required=False,
        strip=False,
        max_length=256,
        widget=forms.PasswordInput,
        label="Temporary password (optional; Cognito generates one if empty)",
    )

    def __init__(self, *args, pool: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.attribute_names = {}
        schema = pool.get("SchemaAttributes") or []
        sign_in = pool.get("UsernameAttributes") or []
        if sign_in:
            self.fields["username"] = sign_in_field(sign_in)
        for attr in schema_complete(schema):
            name = attr["Name"]
            if name in NOT_EDITABLE or attr.get("DeveloperOnlyAttribute"):
                continue
            if sign_in == [name]:
                continue  # asked once, as the username; create_attributes() copies it
            if attr.get("Required") or name.startswith("custom:") or name in CREATE_COMMON:
                # A sign-in attribute may come from the username itself (see create_attributes).
                self.add_attribute(attr, required=bool(attr.get("Required")) and name not in sign_in)
        self.sign_in = sign_in
        # Marked (and announced) as required when the rule asks for a reason; ReasonField checks it.
        self.fields["reason"].marked_required = reason_required()
        if reason_required():
            self.fields["reason"].widget.attrs["aria-required"] = "true"
        self.order_fields(["username", *self.attribute_names, "delivery", "email_verified", "temporary_password"])

    def clean(self):
        data = super().clean()
        attrs = self.attributes() if not self.errors else {}
        delivery = data.get("delivery")
        if delivery in ("EMAIL", "BOTH") and "email" not in attrs and "email" not in self.sign_in:
            self.add_error("delivery", "An email invitation needs an email address.")
        if delivery in ("SMS", "BOTH") and "phone_number" not in attrs and "phone_number" not in self.sign_in:
            self.add_error("delivery", "An SMS invitation needs a phone number.")
        return data

    def create_attributes(self) -> dict[str, str]:
        attrs = self.attributes()
        username = self.cleaned_data["username"]
        # A pool that signs in by email needs the email attribute; take it from the username.
        if "email" in self.sign_in and "@" in username:
            attrs.setdefault("email", username)
        if "phone_number" in self.sign_in and username.startswith("+"):
            attrs.setdefault("phone_number", username)
        if self.cleaned_data.get("email_verified") and "email" in attrs:
            attrs["email_verified"] = "true"
        return attrs
