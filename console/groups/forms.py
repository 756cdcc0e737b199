import re

from django import forms
from django.core.validators import RegexValidator

from console.accounts.policy import ReasonField

GROUP_NAME = re.compile(r"^[\w\s+=,.@\-:/!#$%&'*?^`{|}~()\[\]<>\"]{1,128}$", re.UNICODE)
ROLE_ARN = re.compile(r"^arn:aws[\w-]*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$")
# Cognito filter values sit inside double quotes; these would break out of them.
SEARCH_FORBIDDEN = re.compile(r'["\\]')


class GroupForm(forms.Form):
    name = forms.CharField(
        max_length=128,
        help_text="Cannot change later; up to 128 characters.",
        validators=[RegexValidator(GROUP_NAME, "Use letters, digits, spaces and punctuation only (up to 128).")],
    )
    description = forms.CharField(
        required=False, max_length=2048, widget=forms.Textarea(attrs={"rows": 2}), help_text="What the group is for."
    )
    precedence = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=2_147_483_647,
        help_text="Lower wins when a user's groups carry different IAM roles; leave empty for none.",
    )
    role_arn = forms.CharField(
        required=False,
        label="IAM role ARN",
        help_text="Optional role members get through an identity pool.",
        validators=[RegexValidator(ROLE_ARN, "Enter an IAM role ARN such as arn:aws:iam::123456789012:role/Staff.")],
    )
    reason = ReasonField(asks_reason=False, help_text="Optional: ticket number or why, for the audit log.")

    def __init__(self, *args, group=None, **kwargs):
        if group is not None:
            kwargs["initial"] = {
                "name": group.name,
                "description": group.description,
                "precedence": group.precedence,
                "role_arn": group.role_arn,
            }
        super().__init__(*args, **kwargs)
        if group is not None:
            self.fields["name"].disabled = True


class MembershipForm(forms.Form):
    username = forms.CharField(max_length=128)
    reason = ReasonField()


def search_filters(query: str) -> list[str]:
    """ListUsers filters for a prefix search by email and by username ([] if unusable)."""
    query = query.strip()
    if not query or SEARCH_FORBIDDEN.search(query) or len(query) > 128:
        return []
    return [f'email ^= "{query}"', f'username ^= "{query}"']
