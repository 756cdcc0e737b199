"""Form pieces every pool resource's forms share."""

from django import forms

REASON_HELP = "Optional: ticket number or why, for the audit log."


class ReasonMixin(forms.Form):
    reason = forms.CharField(required=False, max_length=500, help_text=REASON_HELP)


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
