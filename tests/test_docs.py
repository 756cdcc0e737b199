"""The documentation travels with the code: every relative link in README.md, SECURITY.md and
docs/*.md reaches a file inside the repository (no `../shared/...` that is dead in a clone)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# [text](target) in Markdown, skipping images' sizes and code spans is not needed: links only.
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def documents() -> list[Path]:
    return [ROOT / "README.md", ROOT / "SECURITY.md", *sorted((ROOT / "docs").glob("*.md"))]


def relative_links(path: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", path.read_text(), flags=re.S)  # examples in code blocks are not links
    targets = [m.group(1) for m in LINK.finditer(text)]
    return [t for t in targets if not re.match(r"^[a-z][a-z0-9+.-]*:", t) and not t.startswith("#")]


def test_it_has_the_docs_the_project_needs():
    for name in ("ARCHITECTURE.md", "CSV.md", "iam-policy.json"):
        assert (ROOT / "docs" / name).is_file(), name


def test_it_links_only_files_inside_the_repository():
    broken = []
    for doc in documents():
        for target in relative_links(doc):
            resolved = (doc.parent / target.split("#")[0]).resolve()
            if not resolved.is_relative_to(ROOT) or not resolved.exists():
                broken.append(f"{doc.relative_to(ROOT)} -> {target}")
    assert broken == [], broken


def test_it_finds_the_links_it_checks():
    # The check above passes trivially if the pattern finds nothing.
    assert "docs/CSV.md" in relative_links(ROOT / "README.md")
    assert "docs/iam-policy.json" in relative_links(ROOT / "SECURITY.md")
