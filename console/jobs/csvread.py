"""Reading an import CSV as a stream (format: docs/CSV.md "Reading"): encoding, delimiter,
line numbers, the row limit, and the control characters a cell may not carry.

Nothing here knows the pool: csvimport maps the header and checks each row.
"""

import csv
import re
from collections.abc import Iterator

# C0 controls but tab, CR and LF; DEL; C1 controls. CR and LF can only be in a cell that was
# quoted (the reader ends a row at an unquoted one), which the format allows (docs/CSV.md).
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# What visible() escapes in a message: every control character, tab and line breaks included.
SHOWN_ESCAPED_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class CsvProblem(Exception):
    """The file as a whole cannot be imported; the message says why (and where)."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


def visible(value: str) -> str:
    """The value with every control character written as an escape (\\x00), so a message or an
    error report can show it: a NUL must not reach a page, a log or PostgreSQL (which refuses it)."""
    return SHOWN_ESCAPED_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", value)


def control_character(value: str) -> tuple[str, int] | None:
    """The first forbidden character of a cell as ("U+0000", index), or None."""
    found = CONTROL_RE.search(value)
    return (f"U+{ord(found.group()):04X}", found.start()) if found else None


def _first_bad_line(path: str) -> int:
    """Which physical line fails to decode (the decoder reads ahead, so find it again)."""
    with open(path, "rb") as f:
        for number, line in enumerate(f, 1):
            if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                return number
    return 0


def _sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _encoding_problem(path: str) -> CsvProblem:
    line = _first_bad_line(path)
    where = f" (line {line})" if line else ""
    return CsvProblem(
        f"The file is not UTF-8 text{where}. Save it as 'CSV UTF-8' and upload it again.", line=line or None
    )


def read_rows(path: str, *, max_rows: int) -> tuple[list[str], str, Iterator[tuple[int, list[str]]]]:
    """(header, delimiter, iterator of (line number, cells)); raises CsvProblem."""
    with open(path, "rb") as probe:
        head = probe.read(4)
    if not head:
        raise CsvProblem("The file is empty.")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CsvProblem("The file is UTF-16 text. Save it as 'CSV UTF-8' and upload it again.", line=1)
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            first = f.readline()
    except UnicodeDecodeError:
        raise _encoding_problem(path) from None
    if not first.strip():
        raise CsvProblem("The first line is empty: a header row is required.", line=1)
    delimiter = _sniff_delimiter(first)

    text = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed by the generator
    reader = csv.reader(text, delimiter=delimiter, strict=False)
    try:
        header = next(reader)
    except UnicodeDecodeError:
        text.close()
        raise _encoding_problem(path) from None
    except csv.Error as exc:
        text.close()
        raise CsvProblem(f"The header row cannot be read as CSV: {exc}.", line=1) from None
    for index, cell in enumerate(header):
        found = CONTROL_RE.search(cell)  # a tab around a name is trimmed (docs/CSV.md)
        if found:
            text.close()
            raise CsvProblem(
                f"Column {index + 1} of the header ({visible(cell)!r}) contains a control character "
                f"(U+{ord(found.group()):04X}). Remove it and upload the file again.",
                line=1,
            )

    def rows():
        count = 0
        last = reader.line_num
        try:
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except UnicodeDecodeError:
                    raise _encoding_problem(path) from None
                except csv.Error as exc:
                    raise CsvProblem(f"Line {last + 1} cannot be read as CSV: {exc}.", line=last + 1) from None
                line = last + 1
                last = reader.line_num
                if not cells or (len(cells) == 1 and not cells[0].strip()):
                    continue  # blank line
                count += 1
                if count > max_rows:
                    raise CsvProblem(f"The file has more than {max_rows:,} rows, the most one import may have.", line)
                yield line, cells
        finally:
            text.close()

    return header, delimiter, rows()
