"""Formula-safe CSV cells (OWASP CSV injection; ASVS 5.0 1.2.10).

A cell that a spreadsheet would read as a formula gets a leading single quote,
so it shows as text. The importer strips exactly that quote again, so values
such as phone numbers ("+14155550100") round-trip unchanged.
"""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")


def needs_guard(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if needs_guard(text) else text


def unguard_cell(text: str) -> str:
    """Undo safe_cell: drop the quote only where safe_cell would have added it."""
    if text.startswith("'") and needs_guard(text[1:]):
        return text[1:]
    return text
