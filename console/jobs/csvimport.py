"""Checking an import CSV against the pool, row by row (format: docs/CSV.md).

Reading (encoding, delimiter, line numbers) is csvread's. Nothing here talks to Cognito:
the pool's schema and group names are passed in, so the same checks serve the web upload,
the command line and the runner.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from console.cognito.provisioning import PoolSchema
from console.core.csvsafe import unguard_cell
from console.jobs.csvread import CsvProblem, control_character, read_rows, visible

USERNAME_HEADERS = ("username", "cognito:username")
VERIFIED = ("email_verified", "phone_number_verified")
# Schema attributes Cognito sets itself.
NOT_SETTABLE = ("sub", "identities", "updated_at")
# Columns accepted and not imported: those of Cognito's own header (GetCSVHeader) the console
# cannot set, and an export's read-only ones. The check page shows why (docs/CSV.md).
IGNORED = {
    "cognito:mfa_enabled": "not imported: each user sets up MFA at sign-in",
    "status": "not imported: Cognito sets the status (a new user sets a password at first sign-in)",
    "created": "not imported: Cognito records when it creates the user",
    "modified": "not imported: Cognito records when the user last changed",
    "updated_at": "not imported: Cognito records when the user last changed",
    "sub": "not imported: Cognito gives each user a new sub",
    "identities": "not imported: links to external identity providers are made at sign-in",
}

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
E164_RE = re.compile(r"^\+[1-9]\d{1,14}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
USERNAME_RE = re.compile(r"^[^\s]+$")
TRUE = {"true", "yes", "1", "y"}
FALSE = {"false", "no", "0", "n", ""}
DEFAULT_MAX_LENGTH = 2048
PREVIEW_ROWS = 10


@dataclass
class Column:
    index: int
    header: str
    kind: str  # username | attribute | verified | enabled | groups | password | ignored
    name: str = ""  # the attribute name in the pool

    def describe(self) -> str:
        return {
            "username": "username",
            "attribute": f"attribute {self.name}",
            "verified": f"attribute {self.name} (true/false)",
            "enabled": "enabled (true/false): a new user with false is disabled after creation",
            "groups": "groups (separated by ; or |)",
            "password": "temporary password (never shown or stored after use)",
            "ignored": IGNORED.get(self.name, "ignored"),
        }[self.kind]


@dataclass
class RowError:
    line: int
    column: str
    reason: str
    value: str = ""


@dataclass
class ParsedRow:
    line: int
    username: str
    attributes: dict[str, str]
    groups: list[str]
    temporary_password: str
    raw: dict[str, str]
    enabled: bool = True

    def payload(self) -> dict:
        data = {"username": self.username, "attributes": self.attributes, "groups": self.groups, "row": self.raw}
        if self.temporary_password:
            data["temporary_password"] = self.temporary_password
        if not self.enabled:
            data["enabled"] = False  # only when it matters: most rows keep the smaller payload
        return data


@dataclass
class Report:
    columns: list[Column] = field(default_factory=list)
    delimiter: str = ","
    rows: int = 0
    valid: int = 0
    invalid: int = 0
    errors: int = 0
    preview: list[dict] = field(default_factory=list)
    missing_groups: set[str] = field(default_factory=set)
    problem: str = ""
    problem_line: int | None = None

    def as_dict(self) -> dict:
        return {
            "columns": [
                {"header": c.header, "kind": c.kind, "name": c.name, "means": c.describe()} for c in self.columns
            ],
            "delimiter": {",": "comma", ";": "semicolon", "\t": "tab"}.get(self.delimiter, self.delimiter),
            "rows": self.rows,
            "valid": self.valid,
            "invalid": self.invalid,
            "errors": self.errors,
            "preview": self.preview,
            "missing_groups": sorted(self.missing_groups),
            "problem": self.problem,
            "problem_line": self.problem_line,
        }


# --- Checking -------------------------------------------------------------------


class RowChecker:
    """Maps the header to the pool's schema and checks each row against it."""

    def __init__(self, schema: PoolSchema, *, groups: set[str] | None, create_missing_groups: bool = False):
        self.schema = schema
        self.groups = groups
        self.create_missing_groups = create_missing_groups
        self.columns: list[Column] = []
        self.seen: set[str] = set()
        self.missing_groups: set[str] = set()
        self._by_lower = {name.lower(): name for name in schema.attributes if name not in NOT_SETTABLE}

    def allowed_columns(self) -> list[str]:
        names = ["username"] + sorted(self._by_lower.values(), key=lambda n: (n.startswith("custom:"), n))
        return names + ["groups", "temporary_password"]

    def map_header(self, header: list[str]) -> list[Column]:
        columns, unknown, seen = [], [], {}
        for index, cell in enumerate(header):
            key = unguard_cell(cell.strip()).strip().lower()
            if not key:
                raise CsvProblem(f"Column {index + 1} of the header has no name.", line=1)
            if key in seen:
                raise CsvProblem(f"The header names the column {visible(cell.strip())!r} twice.", line=1)
            seen[key] = index
            if key in USERNAME_HEADERS:
                columns.append(Column(index, cell, "username", "username"))
            elif key in VERIFIED:
                columns.append(Column(index, cell, "verified", key))
            elif key == "enabled":
                columns.append(Column(index, cell, "enabled", "enabled"))
            elif key == "groups":
                columns.append(Column(index, cell, "groups", "groups"))
            elif key == "temporary_password":
                columns.append(Column(index, cell, "password", "temporary_password"))
            elif key in IGNORED:
                columns.append(Column(index, cell, "ignored", key))
            elif key in self._by_lower:
                columns.append(Column(index, cell, "attribute", self._by_lower[key]))
            else:
                unknown.append(visible(cell.strip()))
        if unknown and len(unknown) == len(header):
            raise CsvProblem(
                "The first line is not a header row: none of its names is a column the console knows "
                f"({', '.join(self.allowed_columns()[:8])}, ...).",
                line=1,
            )
        if unknown:
            raise CsvProblem(
                f"Unknown column{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}. "
                f"This pool's columns are: {', '.join(self.allowed_columns())}.",
                line=1,
            )
        names = {c.name for c in columns}
        identifiers = {"username", *self.schema.username_attributes}
        if not names & identifiers:
            need = " or ".join(sorted(identifiers))
            raise CsvProblem(f"The header has no column that identifies the user ({need}).", line=1)
        self.columns = columns
        return columns

    def check(self, line: int, cells: list[str]) -> tuple[ParsedRow | None, list[RowError]]:
        if len(cells) != len(self.columns):
            return None, [RowError(line, "", f"The row has {len(cells)} fields; the header has {len(self.columns)}.")]
        if control_character("".join(cells)):
            refused = self._control_characters(line, cells)
            if refused:  # none when only ignored columns carry one: they go no further
                return None, refused
        errors: list[RowError] = []
        enabled = True
        username = ""
        attributes: dict[str, str] = {}
        groups: list[str] = []
        password = ""
        raw: dict[str, str] = {}
        for column, cell in zip(self.columns, cells, strict=True):
            kind = column.kind
            if kind == "ignored":
                continue
            value = unguard_cell(cell.strip())
            if kind == "password":
                password = cell  # passwords are taken as typed, spaces included
                if password and not 6 <= len(password) <= 256:
                    errors.append(RowError(line, column.header, "A temporary password has 6 to 256 characters."))
                continue
            raw[column.header] = value
            if not value:
                continue
            if kind == "username":
                username = value
                self._check_username(line, column, value, errors)
            elif kind == "verified":
                lowered = value.lower()
                if lowered in TRUE:
                    attributes[column.name] = "true"
                elif lowered in FALSE:
                    attributes[column.name] = "false"
                else:
                    errors.append(RowError(line, column.header, "Must be true or false (or yes/no, 1/0).", value))
            elif kind == "enabled":
                enabled = self._check_enabled(line, column, value, errors)
            elif kind == "groups":
                groups = self._check_groups(line, column, value, errors)
            else:
                self._check_attribute(line, column, value, errors)
                attributes[column.name] = value
        for name, attr in self.schema.attributes.items():
            if attr.required and name not in NOT_SETTABLE and not attributes.get(name):
                errors.append(RowError(line, name, f"{name} is required in this pool."))
        identifier = username
        if not identifier:
            for attr in self.schema.username_attributes:
                if attributes.get(attr):
                    identifier = attributes[attr]
                    break
        if not identifier:
            errors.append(RowError(line, "username", "The row has no username" + self._sign_in_hint() + "."))
        else:
            key = identifier.lower()
            if key in self.seen:
                errors.append(
                    RowError(line, "username", f"{identifier} appears more than once in the file.", identifier)
                )
            else:
                self.seen.add(key)
        if errors:
            return None, errors
        return ParsedRow(line, identifier, attributes, groups, password, raw, enabled), []

    def _control_characters(self, line: int, cells: list[str]) -> list[RowError]:
        """A row error per cell carrying a control character, on the physical line where it is
        (a quoted cell may span lines). The value is shown escaped: a NUL never goes further."""
        errors = []
        for column, cell in zip(self.columns, cells, strict=True):
            found = control_character(cell)
            if found and column.kind != "ignored":
                character, at = found
                errors.append(
                    RowError(
                        line + cell.count("\n", 0, at),
                        column.header,
                        f"Contains a control character ({character}); only tab and quoted line breaks are allowed.",
                        visible(cell),
                    )
                )
            line += cell.count("\n")
        return errors

    @staticmethod
    def _check_enabled(line, column, value, errors) -> bool:
        lowered = value.lower()
        if lowered not in TRUE | FALSE:
            errors.append(RowError(line, column.header, "Must be true or false (or yes/no, 1/0).", value))
        return lowered not in FALSE

    def _sign_in_hint(self) -> str:
        if self.schema.username_attributes:
            return " and no " + " or ".join(self.schema.username_attributes)
        return ""

    def _check_username(self, line, column, value, errors):
        if len(value) > 128 or not USERNAME_RE.match(value):
            errors.append(RowError(line, column.header, "A username has 1 to 128 characters and no spaces.", value))
        elif self.schema.username_attributes:
            allowed = self.schema.username_attributes
            ok = ("email" in allowed and EMAIL_RE.match(value)) or ("phone_number" in allowed and E164_RE.match(value))
            if not ok:
                errors.append(
                    RowError(
                        line,
                        column.header,
                        f"This pool signs users in by {' or '.join(allowed)}: the username must be one.",
                        value,
                    )
                )

    def _check_groups(self, line, column, value, errors) -> list[str]:
        names = [g.strip() for g in re.split(r"[;|]", value) if g.strip()]
        for name in names:
            if len(name) > 128:
                errors.append(RowError(line, column.header, "A group name has at most 128 characters.", name))
            elif self.groups is not None and name not in self.groups:
                if self.create_missing_groups:
                    self.missing_groups.add(name)
                else:
                    errors.append(
                        RowError(line, column.header, f"No group {name!r} in this pool (or ask to create it).", name)
                    )
        return list(dict.fromkeys(names))

    def _check_attribute(self, line, column, value, errors):
        attr = self.schema.attributes[column.name]
        name = column.name
        if name == "email" and not EMAIL_RE.match(value):
            errors.append(RowError(line, column.header, "Not an email address.", value))
            return
        if name == "phone_number" and not E164_RE.match(value):
            errors.append(RowError(line, column.header, "Not a phone number in E.164 form (+14155550100).", value))
            return
        if name == "birthdate" and not DATE_RE.match(value):
            errors.append(RowError(line, column.header, "A birthdate is written YYYY-MM-DD.", value))
            return
        if attr.data_type == "Number":
            try:
                number = float(value)
            except ValueError:
                errors.append(RowError(line, column.header, "Must be a number.", value))
                return
            if attr.min_value is not None and number < attr.min_value:
                errors.append(RowError(line, column.header, f"Must be at least {attr.min_value:g}.", value))
            elif attr.max_value is not None and number > attr.max_value:
                errors.append(RowError(line, column.header, f"Must be at most {attr.max_value:g}.", value))
            return
        if attr.data_type == "Boolean":
            if value.lower() not in ("true", "false"):
                errors.append(RowError(line, column.header, "Must be true or false.", value))
            return
        max_length = attr.max_length if attr.max_length is not None else DEFAULT_MAX_LENGTH
        if len(value) > max_length:
            errors.append(
                RowError(line, column.header, f"At most {max_length} characters ({len(value)} given).", value)
            )
        elif attr.min_length is not None and len(value) < attr.min_length:
            errors.append(RowError(line, column.header, f"At least {attr.min_length} characters.", value))


def check_file(
    path: str,
    *,
    schema: PoolSchema,
    groups: set[str] | None,
    create_missing_groups: bool = False,
    max_rows: int,
    on_error: Callable[[RowError], None] | None = None,
    on_valid: Callable[[ParsedRow], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> Report:
    """Check every row; call on_valid for each good row and on_error for each problem.
    A file-level problem ends the check and is reported in Report.problem."""
    report = Report()
    checker = RowChecker(schema, groups=groups, create_missing_groups=create_missing_groups)
    try:
        header, report.delimiter, rows = read_rows(path, max_rows=max_rows)
        report.columns = checker.map_header(header)
        for line, cells in rows:
            report.rows += 1
            parsed, errors = checker.check(line, cells)
            if parsed is not None:
                report.valid += 1
                if len(report.preview) < PREVIEW_ROWS:
                    report.preview.append({"line": line, "username": parsed.username, "values": parsed.raw})
                if on_valid:
                    on_valid(parsed)
            else:
                report.invalid += 1
                report.errors += len(errors)
                if on_error:
                    for error in errors:
                        on_error(error)
            if on_progress and report.rows % 1000 == 0:
                on_progress(report.rows)
        if report.rows == 0:
            raise CsvProblem("The file has a header row but no rows to import.", line=2)
    except CsvProblem as problem:
        report.problem = problem.message
        report.problem_line = problem.line
    report.missing_groups = checker.missing_groups
    return report

