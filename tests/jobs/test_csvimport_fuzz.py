"""Random and malformed files fed to the importer's reader and checker: no
unhandled exception, and every rejection (of the file or of a row) says why."""

import json
import os
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from console.jobs.csvimport import check_file

GROUPS = {"staff", "customers"}
COLUMNS = [
    "email",
    "username",
    "given_name",
    "family_name",
    "phone_number",
    "email_verified",
    "birthdate",
    "custom:department",
    "custom:level",
    "groups",
    "temporary_password",
    "sub",
    "custom:nope",
    "",
    " Email ",
]
NASTY = [
    "",
    '"',
    '""',
    ",",
    ";",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\0",
    "\ufeff",
    "\u202e",
    "=1+1",
    "'",
    "a@b",
    "ü",
    "x" * 3000,
    "staff;nope",
    "true",
    "maybe",
    "+1",
    "2020-13-45",
    "7",
    "NaN",
]
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

cell = st.one_of(st.sampled_from(NASTY), st.text(max_size=30), st.emails().map(str))
delimiter = st.sampled_from([",", ";", "\t", "|"])


@st.composite
def csv_files(draw) -> bytes:
    """Mostly CSV-shaped text with hostile cells, odd quoting, ragged rows, odd encodings."""
    sep = draw(delimiter)
    header = draw(st.lists(st.one_of(st.sampled_from(COLUMNS), st.text(max_size=12)), min_size=0, max_size=6))
    rows = draw(st.lists(st.lists(cell, max_size=8), max_size=12))
    quote = draw(st.booleans())

    def line(cells):
        return sep.join(f'"{c}"' if quote else c for c in cells)

    text = "\r\n".join([line(header), *map(line, rows)]) + draw(st.sampled_from(["", "\n", "\r\n", '"']))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):  # damage it: cut, or splice random bytes in
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=20)) + data[at + draw(st.integers(0, 5)) :]
    return data


def _check(schema, data: bytes):
    rows, errors = [], []
    with tempfile.NamedTemporaryFile(suffix=".csv", delete=False) as f:
        f.write(data)
    try:
        report = check_file(
            f.name, schema=schema, groups=GROUPS, max_rows=50, on_valid=rows.append, on_error=errors.append
        )
    finally:
        os.unlink(f.name)
    return report, rows, errors


def _assert_explained(report, rows, errors):
    json.dumps(report.as_dict())  # stored as the upload's report: must serialise
    if report.problem:
        assert isinstance(report.problem, str) and report.problem.strip()
        assert report.problem_line is None or report.problem_line >= 1
    else:
        assert report.rows >= 1 and report.columns
    assert report.valid == len(rows)
    assert report.valid + report.invalid == report.rows or report.problem
    assert report.errors == len(errors)
    if report.invalid:
        assert errors, "rows were refused without a reason"
    for error in errors:
        assert error.reason.strip(), f"row error without a reason: {error}"
        assert error.line >= 2
    lines_with_errors = {e.line for e in errors}
    assert not lines_with_errors & {r.line for r in rows}, "a row both valid and refused"


@FUZZ
@given(data=csv_files())
def test_it_explains_every_rejection_of_a_malformed_file(email_schema, data):
    _assert_explained(*_check(email_schema, data))


@FUZZ
@given(data=st.binary(max_size=400))
def test_it_survives_random_bytes(username_schema, data):
    _assert_explained(*_check(username_schema, data))
