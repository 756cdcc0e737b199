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
