"""The tags form: every tag of the pool, one `key=value` a line, checked against Cognito's
rules before anything is sent (services.py works out what to add, change and remove)."""

import re

from django import forms

from console.pools.fields import ReasonMixin

MAX_TAGS = 50
KEY_MAX, VALUE_MAX = 128, 256
# Cognito's tag pattern: letters, digits, spaces and _ . : / = + - @ (in any script).
ALLOWED = re.compile(r"^[\w\s.:/=+\-@]*$")


def tag_lines(text: str) -> dict[str, str]:
    """{key: value} from `key=value` lines; a ValidationError names every bad line."""
    tags: dict[str, str] = {}
    errors = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        key, sep, value = line.partition("=")
        key, value = key.strip(), value.strip()
        problem = _problem(key, value, sep, tags)
        if problem:
            errors.append(f"Line {number}: {problem}")
        else:
            tags[key] = value
    if len(tags) > MAX_TAGS:
        errors.append(f"A pool can have at most {MAX_TAGS} tags; there are {len(tags)}.")
    if errors:
        raise forms.ValidationError(errors)
    return tags


def _problem(key: str, value: str, sep: str, seen: dict) -> str:
    if not sep:
        return "write each tag as key=value."
    if not 1 <= len(key) <= KEY_MAX:
        return f"a key has 1 to {KEY_MAX} characters."
    if len(value) > VALUE_MAX:
        return f"a value has at most {VALUE_MAX} characters."
    if key.lower().startswith("aws:"):
        return "keys starting with aws: are reserved for AWS."
    if not (ALLOWED.match(key) and ALLOWED.match(value)):
        return "use letters, digits, spaces and _ . : / = + - @ only."
    if key in seen:
        return f"the key {key} appears twice."
    return ""


class TagsForm(ReasonMixin):
    tags = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"One tag a line as key=value (up to {MAX_TAGS}). Delete a line to remove that tag.",
    )
    field_order = ["tags", "reason"]

    def __init__(self, *args, current: dict[str, str], **kwargs):
        text = "\n".join(f"{k}={v}" for k, v in sorted(current.items()))
        super().__init__(*args, initial={"tags": text}, **kwargs)

    def clean_tags(self):
        return tag_lines(self.cleaned_data["tags"])
