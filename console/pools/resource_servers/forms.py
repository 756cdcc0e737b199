"""The resource server form: it validates; resource_servers/services.py builds the requests."""

import re

from django import forms

from console.cognito.resource_servers import ResourceServer
from console.pools.fields import FieldsetsMixin, ReasonMixin

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
    scopes = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One per line: scope = description, e.g. orders.read = Read orders. At most 100.",
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
        identifier = self.cleaned_data["identifier"].strip()
        if not IDENTIFIER.match(identifier):
            raise forms.ValidationError("No spaces, quotes or backslashes; 1-256 characters.")
        return identifier

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not NAME.match(name):
            raise forms.ValidationError("Letters, digits, spaces and + = , . @ - only.")
        return name

    def clean_scopes(self):
        scopes = []
        for number, line in enumerate(self.cleaned_data["scopes"].splitlines(), start=1):
            if not line.strip():
                continue
            name, sep, description = (part.strip() for part in line.partition("="))
            if not sep or not name or not description:
                raise forms.ValidationError(f"Line {number}: write scope = description.")
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
