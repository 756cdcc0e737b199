"""Reading and checking import files (CSV.md)."""

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
