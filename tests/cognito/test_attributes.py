"""Cognito's standard attributes are listed once (console/cognito/attributes.py): the import schema,
the user attribute forms and the new-pool form all offer the same ones."""

import pytest

from console.cognito.attributes import STANDARD_ATTRIBUTES, STANDARD_VALUES
from console.cognito.provisioning import pool_schema
from console.pools.settings.forms import PoolCreateForm
from console.users.forms import editable_attributes, schema_complete


def test_the_value_attributes_are_the_standard_ones_less_the_verification_flags():
    assert set(STANDARD_ATTRIBUTES) - set(STANDARD_VALUES) == {"email_verified", "phone_number_verified"}
    assert {STANDARD_ATTRIBUTES[n] for n in STANDARD_VALUES} == {"String"}


def test_the_user_forms_and_the_new_pool_form_offer_the_same_attributes_in_the_same_order():
    offered_to_users = [a["Name"] for a in editable_attributes(schema_complete([]))]
    required_choices = [value for value, _label in PoolCreateForm.base_fields["required_attributes"].choices]
    assert offered_to_users == required_choices == list(STANDARD_VALUES)


@pytest.mark.django_db
def test_the_import_schema_has_every_standard_attribute_with_its_type(pool):
    schema = pool_schema(pool.id)
    assert {n: schema.attributes[n].data_type for n in STANDARD_ATTRIBUTES} == STANDARD_ATTRIBUTES
