"""The resource server form: it validates; resource_servers/services.py builds the requests."""

import re

from django import forms

from console.cognito.resource_servers import ResourceServer
from console.pools.fields import FieldsetsMixin, ReasonMixin, matched, pairs, text_field

# Cognito's patterns (API reference, CreateResourceServer and ResourceServerScopeType).
IDENTIFIER = re.compile(r"^[\x21\x23-\x5B\x5D-\x7E]{1,256}$")
NAME = re.compile(r"^[\w\s+=,.@-]{1,256}$")
SCOPE_NAME = re.compile(r"^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]{1,256}$")
MAX_SCOPES = 100


class ResourceServerForm(FieldsetsMixin, ReasonMixin):
    fieldset_names = [
        ("The resource server", ["identifier", "name"]),
        ("Custom scopes", ["scopes"]),
        ("Audit", ["reason"]),
    ]

    identifier = forms.CharField(
        max_length=256,
        help_text="Usually the API's URL, e.g. https://api.example.com. Scopes are named identifier/scope. "
        "Cannot change.",
    )
    name = forms.CharField(max_length=256, help_text="A name for people, e.g. Orders API.")
    scopes = text_field(
        "Scopes", "One per line: scope = description, e.g. orders.read = Read orders. At most 100.", rows=4
    )

    def __init__(self, *args, server: ResourceServer | None = None, **kwargs):
        if server is not None:
            kwargs["initial"] = {
                "identifier": server.identifier,
                "name": server.name,
                "scopes": "\n".join(f"{s.name} = {s.description}" for s in server.scopes),
            }
        super().__init__(*args, **kwargs)
        if server is not None:
            self.fields["identifier"].disabled = True

    def clean_identifier(self):
        return matched(
            self.cleaned_data["identifier"], IDENTIFIER, "No spaces, quotes or backslashes; 1-256 characters."
        )

    def clean_name(self):
        return matched(self.cleaned_data["name"], NAME, "Letters, digits, spaces and + = , . @ - only.")

    def clean_scopes(self):
        scopes = []
        for number, name, description in pairs(self.cleaned_data["scopes"], "scope = description"):
            if not SCOPE_NAME.match(name):
                raise forms.ValidationError(f"Line {number}: {name} is not a scope name (no spaces, quotes, / or \\).")
            if len(description) > 256:
                raise forms.ValidationError(f"Line {number}: a description may have at most 256 characters.")
            if any(s["ScopeName"] == name for s in scopes):
                raise forms.ValidationError(f"Line {number}: the scope {name} is listed twice.")
            scopes.append({"ScopeName": name, "ScopeDescription": description})
        if len(scopes) > MAX_SCOPES:
            raise forms.ValidationError(f"At most {MAX_SCOPES} scopes.")
        return scopes
