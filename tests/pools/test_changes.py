"""The one rule for Cognito's Update* operations (console/pools/changes.py), on a resource of
its own so nothing but the rule is tested."""

from console.pools.changes import Updatable, update_prepared

DESCRIBED = {
    "Id": "r1",
    "Name": "thing",
    "Status": "Enabled",  # read-only: the request drops it
    "Mode": "OPTIONAL",
    "Email": {"Account": "DEVELOPER", "SourceArn": "arn:ses", "From": "a@example.com"},
    "Policy": {"Min": 8, "Upper": True},
    "Secret": "s3cr3t-value",
}
sent = []
THING = Updatable(
    describe=lambda thing_id: dict(DESCRIBED, Id=thing_id),
    as_request=lambda d: {k: v for k, v in d.items() if k != "Status"},
    send=sent.append,
    replaced_whole=("Email",),
    kept=("Mode",),
    hidden=("Secret",),
)


def test_it_sends_the_whole_current_configuration_with_the_change_laid_over_it():
    update = update_prepared(THING, "r1", changes={"Policy": {"Min": 12}})
    assert update.request == {
        "Id": "r1",
        "Name": "thing",
        "Mode": "OPTIONAL",
        "Email": DESCRIBED["Email"],
        "Policy": {"Min": 12, "Upper": True},
        "Secret": "s3cr3t-value",
    }
    assert update.diff == [{"field": "Policy.Min", "before": 8, "after": 12}]
    assert update.changes_something


def test_an_alternative_is_replaced_whole_not_merged():
    update = update_prepared(THING, "r1", changes={"Email": {"Account": "COGNITO_DEFAULT"}})
    assert update.request["Email"] == {"Account": "COGNITO_DEFAULT"}


def test_settings_owned_by_another_operation_and_secrets_are_never_changed_or_audited():
    update = update_prepared(THING, "r1", changes={"Mode": "ON", "Secret": "other"})
    assert update.request["Mode"] == "OPTIONAL"
    assert update.request["Secret"] == "s3cr3t-value"
    assert update.diff == []
    assert not update.changes_something


def test_a_change_may_depend_on_the_fresh_description():
    update = update_prepared(THING, "r1", changes=lambda described: {"Name": described["Name"] + "-2"})
    assert update.diff == [{"field": "Name", "before": "thing", "after": "thing-2"}]
