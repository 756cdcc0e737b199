"""The group form validates with field validators: names Cognito accepts, role ARNs, spaces trimmed."""

from console.groups.forms import GroupForm

ROLE = "arn:aws:iam::123456789012:role/Staff"


def test_it_trims_and_accepts_a_name_and_a_role():
    form = GroupForm({"name": "  support team  ", "role_arn": f" {ROLE} "})
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["name"], form.cleaned_data["role_arn"]) == ("support team", ROLE)


def test_it_refuses_a_name_cognito_refuses_and_a_role_that_is_no_arn():
    form = GroupForm({"name": "a;b", "role_arn": "role/Staff"})
    assert not form.is_valid()
    assert form.errors["name"] == ["Use letters, digits, spaces and punctuation only (up to 128)."]
    assert form.errors["role_arn"] == ["Enter an IAM role ARN such as arn:aws:iam::123456789012:role/Staff."]


def test_an_empty_role_is_no_role():
    form = GroupForm({"name": "staff", "role_arn": ""})
    assert form.is_valid() and form.cleaned_data["role_arn"] == ""
