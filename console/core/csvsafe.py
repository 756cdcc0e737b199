"""Formula-safe CSV cells (OWASP CSV injection; ASVS 5.0 1.2.10).

A cell that a spreadsheet would read as a formula gets a leading single quote,
so it shows as text. The importer strips exactly that quote again, so values
such as phone numbers ("+14155550100") round-trip unchanged. A value that already
begins with quotes before a trigger ("'=1") gets one more, or the importer would take
its own quote for the guard and drop it.
"""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")


def needs_guard(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def _quoted_trigger(text: str) -> bool:
    """Quotes, then a trigger: the shape a guarded cell has."""
    return text.startswith("'") and needs_guard(text.lstrip("'"))


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if needs_guard(text) or _quoted_trigger(text) else text


def unguard_cell(text: str) -> str:
    """Undo safe_cell: drop the quote only where safe_cell would have added it."""
    return text[1:] if _quoted_trigger(text) else text
