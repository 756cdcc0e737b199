"""Reading and checking import files (docs/CSV.md)."""

import time

import pytest

from console.jobs.csvimport import check_file
from tests.jobs.conftest import write

GROUPS = {"staff", "customers"}


def check(tmp_path, schema, text, **kwargs):
    rows, errors = [], []
    kwargs.setdefault("groups", GROUPS)
    kwargs.setdefault("max_rows", 1000)
    report = check_file(write(tmp_path, text), schema=schema, on_valid=rows.append, on_error=errors.append, **kwargs)
    return report, rows, errors


def test_it_reads_a_plain_file(tmp_path, email_schema):
    report, rows, errors = check(
        tmp_path, email_schema, "email,given_name,custom:department,groups\na@example.com,Ann,Sales,staff;customers\n"
    )
    assert report.problem == "" and errors == []
    assert report.valid == 1 and report.rows == 1
    assert rows[0].username == "a@example.com"
    assert rows[0].attributes == {"email": "a@example.com", "given_name": "Ann", "custom:department": "Sales"}
    assert rows[0].groups == ["staff", "customers"]
    assert rows[0].line == 2


@pytest.mark.parametrize("delimiter", [";", "\t", ","])
def test_it_detects_the_delimiter_from_the_header(tmp_path, email_schema, delimiter):
    text = delimiter.join(["Email", " GIVEN_NAME "]) + "\r\n" + delimiter.join(["a@example.com", "Ann, Jr"]) + "\r\n"
    report, rows, _ = check(tmp_path, email_schema, text.replace("Ann, Jr", '"Ann, Jr"') if delimiter == "," else text)
    assert report.problem == ""
    assert rows[0].attributes["given_name"] == "Ann, Jr"


def test_it_accepts_a_byte_order_mark_and_quoted_line_breaks(tmp_path, email_schema):
    text = '\ufeffemail,given_name\na@example.com,"two\nlines"\nb@example.com,Bob\n'
    report, rows, _ = check(tmp_path, email_schema, text)
    assert report.problem == ""
    assert [r.line for r in rows] == [2, 4]
    assert rows[0].attributes["given_name"] == "two\nlines"


def test_it_refuses_latin1_with_the_line(tmp_path, email_schema):
    text = "email,given_name\n" + "".join(f"u{i}@example.com,Ann\n" for i in range(3000))
    data = text.encode() + "z@example.com,Jos\xe9\n".encode("latin-1")
    report, _, _ = check(tmp_path, email_schema, data, max_rows=10_000)
    assert "not UTF-8" in report.problem
    assert report.problem_line == 3002
    assert "line 3002" in report.problem


def test_it_refuses_utf16(tmp_path, email_schema):
    report, _, _ = check(tmp_path, email_schema, "email\na@example.com\n".encode("utf-16"))
    assert "UTF-16" in report.problem


def test_it_says_an_empty_file_is_empty(tmp_path, email_schema):
    assert check(tmp_path, email_schema, "")[0].problem == "The file is empty."


def test_it_says_a_header_only_file_has_no_rows(tmp_path, email_schema):
    assert "no rows" in check(tmp_path, email_schema, "email,given_name\n")[0].problem


def test_it_says_when_there_is_no_header(tmp_path, email_schema):
    report = check(tmp_path, email_schema, "a@example.com,Ann\nb@example.com,Bob\n")[0]
    assert "not a header row" in report.problem


def test_it_lists_the_pools_columns_for_an_unknown_column(tmp_path, email_schema):
    report = check(tmp_path, email_schema, "email,shoe_size\na@example.com,42\n")[0]
    assert "Unknown column: shoe_size" in report.problem
    assert "custom:department" in report.problem


def test_it_ignores_exported_and_native_columns(tmp_path, username_schema):
    text = "cognito:username,email,cognito:mfa_enabled,status,enabled,sub\njdoe,j@example.com,false,CONFIRMED,true,x\n"
    report, rows, _ = check(tmp_path, username_schema, text)
    assert report.problem == ""
    assert rows[0].username == "jdoe"
    assert rows[0].attributes == {"email": "j@example.com"}


def test_it_reports_each_bad_row_with_line_column_and_reason(tmp_path, email_schema):
    text = (
        "email,phone_number,email_verified,custom:department,custom:level,groups,birthdate\n"
        "bad-email,,,,,,\n"
        "b@example.com,0044123,maybe,,,,\n"
        "c@example.com,,,a-very-long-department-name,9,nope,31/01/1990\n"
        "d@example.com,'+14155550100,yes,,3,staff|customers,1990-01-31\n"
        "B@example.com,,,,,,\n"
        "e@example.com,,\n"
    )
    report, rows, errors = check(tmp_path, email_schema, text)
    assert report.problem == ""
    assert report.valid == 1 and report.invalid == 5
    by_line = {}
    for e in errors:
        by_line.setdefault(e.line, []).append((e.column, e.reason))
    assert by_line[2][0] == ("email", "Not an email address.")
    assert {c for c, _ in by_line[3]} == {"phone_number", "email_verified"}
    assert {c for c, _ in by_line[4]} == {"custom:department", "custom:level", "groups", "birthdate"}
    assert "more than once" in by_line[6][0][1]
    assert "fields" in by_line[7][0][1]
    good = rows[0]
    assert good.attributes["phone_number"] == "+14155550100"  # the formula guard is stripped
    assert good.attributes["email_verified"] == "true"
    assert good.groups == ["staff", "customers"]


def test_it_collects_missing_groups_when_asked_to_create_them(tmp_path, email_schema):
    report, rows, _ = check(
        tmp_path, email_schema, "email,groups\na@example.com,new-team\n", create_missing_groups=True
    )
    assert report.valid == 1
    assert report.missing_groups == {"new-team"}


def test_it_requires_required_attributes_and_an_identifier(tmp_path, username_schema, email_schema):
    _, _, errors = check(tmp_path, email_schema, "email,given_name\n,Ann\n")
    assert {e.column for e in errors} == {"email", "username"}
    report = check(tmp_path, username_schema, "given_name\nAnn\n")[0]
    assert "identifies the user" in report.problem


def test_it_stops_at_the_row_limit(tmp_path, email_schema):
    text = "email\n" + "".join(f"u{i}@example.com\n" for i in range(20))
    report = check(tmp_path, email_schema, text, max_rows=10)[0]
    assert "more than 10 rows" in report.problem


def test_it_checks_100k_rows_quickly(tmp_path, email_schema):
    lines = ["email,given_name,family_name,custom:department,groups,phone_number"]
    lines += [f"user{i}@example.com,Given{i},Family{i},Sales,staff,+1415555{i:05d}" for i in range(100_000)]
    path = write(tmp_path, "\n".join(lines) + "\n")
    started = time.perf_counter()
    count = 0

    def on_valid(row):
        nonlocal count
        count += 1

    report = check_file(path, schema=email_schema, groups=GROUPS, max_rows=500_000, on_valid=on_valid)
    elapsed = time.perf_counter() - started
    assert report.valid == 100_000 == count
    assert elapsed < 10, elapsed


# Cognito's own import header (GetCSVHeader), as AWS documents it for a pool with one custom attribute.
COGNITO_HEADER = (
    "name,given_name,family_name,middle_name,nickname,preferred_username,profile,picture,website,email,"
    "email_verified,gender,birthdate,zoneinfo,locale,phone_number,phone_number_verified,address,updated_at,"
    "custom:department,cognito:mfa_enabled,cognito:username"
)


@pytest.fixture
def full_schema(username_schema):
    """A username pool as pool_schema() builds it: every standard attribute present."""
    from console.cognito.attributes import STANDARD_ATTRIBUTES
    from console.cognito.provisioning import SchemaAttribute

    for name, data_type in STANDARD_ATTRIBUTES.items():
        username_schema.attributes.setdefault(name, SchemaAttribute(name, data_type=data_type))
    return username_schema


def test_it_reads_a_file_in_cognitos_own_header_format(tmp_path, full_schema):
    row = "Jane Doe,Jane,Doe,,,,,,,jane@example.com,true,,,,,+14155550100,false,,1700000000,Sales,false,jdoe"
    report, rows, errors = check(tmp_path, full_schema, COGNITO_HEADER + "\n" + row + "\n")
    assert report.problem == "" and errors == []
    assert rows[0].username == "jdoe"
    assert rows[0].attributes == {
        "name": "Jane Doe",
        "given_name": "Jane",
        "family_name": "Doe",
        "email": "jane@example.com",
        "email_verified": "true",
        "phone_number": "+14155550100",
        "phone_number_verified": "false",
        "custom:department": "Sales",
    }
    means = {c["header"]: c["means"] for c in report.as_dict()["columns"]}
    assert means["updated_at"].startswith("not imported") and means["cognito:mfa_enabled"].startswith("not imported")


def test_it_says_on_the_report_what_an_export_carries_that_cannot_be_imported(tmp_path, username_schema):
    text = "username,email,status,enabled,created,modified,sub\njdoe,j@example.com,CONFIRMED,false,,,x\n"
    report, rows, _ = check(tmp_path, username_schema, text)
    means = {c["header"]: c["means"] for c in report.as_dict()["columns"]}
    assert "Cognito sets" in means["status"] and means["sub"].startswith("not imported")
    assert means["enabled"].startswith("enabled")
    assert rows[0].payload()["enabled"] is False


@pytest.mark.parametrize(("cell", "enabled"), [("true", True), ("", True), ("no", False), ("FALSE", False)])
def test_it_reads_the_enabled_column(tmp_path, username_schema, cell, enabled):
    report, rows, _ = check(tmp_path, username_schema, f"username,enabled\njdoe,{cell}\n")
    assert report.problem == ""
    assert rows[0].payload().get("enabled", True) is enabled


def test_it_refuses_an_enabled_value_that_is_not_a_boolean(tmp_path, username_schema):
    _, rows, errors = check(tmp_path, username_schema, "username,enabled\njdoe,maybe\n")
    assert rows == [] and (errors[0].line, errors[0].column) == (2, "enabled")


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x0b", "\x1b", "\x7f", "\x85"])
def test_it_refuses_control_characters_in_a_cell_naming_line_and_column(tmp_path, username_schema, char):
    text = f'username,given_name\nok,Ann\njdoe,"two\nlines {char}x"\nlast,Bob\n'
    report, rows, errors = check(tmp_path, username_schema, text)
    assert report.problem == "" and [r.username for r in rows] == ["ok", "last"]
    (error,) = errors
    # The row starts on line 3; the character is on its second physical line.
    assert (error.line, error.column) == (4, "given_name")
    assert f"U+{ord(char):04X}" in error.reason
    assert char not in error.value and "\\x" in error.value


def test_it_refuses_a_nul_in_the_username_and_password_too(tmp_path, username_schema):
    text = "username,temporary_password\nj\x00doe,Passw0rd!\nann,Pass\x00word1\n"
    report, rows, errors = check(tmp_path, username_schema, text)
    assert rows == [] and [(e.line, e.column) for e in errors] == [(2, "username"), (3, "temporary_password")]
    assert all("\x00" not in e.value and "\x00" not in e.reason for e in errors)


def test_it_keeps_tabs_and_quoted_line_breaks(tmp_path, username_schema):
    report, rows, errors = check(tmp_path, username_schema, 'username,given_name\njdoe,"a\tb\r\nc"\n')
    assert errors == [] and rows[0].attributes["given_name"] == "a\tb\r\nc"


def test_it_refuses_a_control_character_in_the_header_without_repeating_it(tmp_path, username_schema):
    report, rows, _ = check(tmp_path, username_schema, "username,given\x00name\njdoe,Ann\n")
    assert report.problem_line == 1 and rows == []
    assert "Column 2" in report.problem and "U+0000" in report.problem
    assert "\x00" not in report.problem


def test_it_lets_a_control_character_pass_in_a_column_it_ignores(tmp_path, username_schema):
    report, rows, errors = check(tmp_path, username_schema, "username,status\njdoe,x\x00y\n")
    assert errors == [] and [r.username for r in rows] == ["jdoe"]
