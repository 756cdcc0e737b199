"""Form pieces every pool resource's forms share."""

from django import forms

from console.accounts.policy import ReasonField


class ReasonMixin(forms.Form):
    reason = ReasonField()  # the reason rule (CONSOLE_REASON_REQUIRED) shown beside the field; the services enforce it


class FieldsetsMixin:
    """Forms that group their fields under headings (see templates/pools/form.html)."""

    fieldset_names: list[tuple[str, list[str]]] = []

    @property
    def fieldsets(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.fieldset_names]


def checkboxes(choices, **kwargs):
    return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **kwargs)


class LinesField(forms.CharField):
    """A textarea of one value a line, cleaned to the list of non-blank lines (so a browser's
    CRLF line ends never count as a change)."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class ArnField(forms.CharField):
    """An optional ARN of one kind: `pattern` says which, `example` shows the operator one."""

    def __init__(self, *, pattern, example: str, **kwargs):
        self.pattern, self.example = pattern, example
        super().__init__(required=False, max_length=2048, **kwargs)

    def clean(self, value):
        value = super().clean(value).strip()
        if value and not self.pattern.match(value):
            raise forms.ValidationError(f"Enter an ARN such as {self.example}.")
        return value
def text_field(label: str, help_text: str, *, rows: int = 0, **kwargs):
    """An optional text field: one line, or a textarea of `rows` lines."""
    if rows:
        kwargs["widget"] = forms.Textarea(attrs={"rows": rows})
    return forms.CharField(required=False, label=label, help_text=help_text, **kwargs)


def matched(value: str, pattern, message: str) -> str:
    """value stripped, or the form's error when it does not match pattern."""
    value = value.strip()
    if not pattern.match(value):
        raise forms.ValidationError(message)
    return value


def pairs(text: str, shape: str):
    """(line number, left, right) for each non-empty "left = right" line; shape names the two
    sides in the error for a line that is not a pair, e.g. "scope = description"."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        left, sep, right = (part.strip() for part in line.partition("="))
        if not sep or not left or not right:
            raise forms.ValidationError(f"Line {number}: write {shape}.")
        yield number, left, right
