"""A drafted row: its cells in the curated schema, and why each guess was made.

Every guess carries the rule that produced it and a confidence (high, medium,
low); the row's `notes` cell spells them out, and the row's confidence is its
weakest guess, so the review shows first what most needs a look.
"""

import re
from dataclasses import dataclass, field

from analysis.curation import dictionary

LEVELS = ("high", "medium", "low")
_WHY_RE = re.compile(r"(?P<field>[a-z_]+): (?P<rule>.*?) \[(?P<level>high|medium|low)\]")


@dataclass
class Row:
    """One drafted row of claims, events or exclusions."""

    file: str
    cells: dict[str, str]
    why: list[tuple[str, str, str]] = field(default_factory=list)
    span: tuple[int, int] = (0, 0)  # where its numbers are in the article

    def guess(self, column: str, value: str, rule: str, confidence: str = "high") -> None:
        self.cells[column] = value
        self.why.append((column, rule, confidence))

    @property
    def confidence(self) -> str:
        worst = max((LEVELS.index(c) for _, _, c in self.why), default=0)
        return LEVELS[worst]

    @property
    def id(self) -> str:
        return self.cells[dictionary.file_spec(self.file).key]

    def finish(self, extra: str = "") -> dict[str, str]:
        """The row in its file's column order, with the notes cell written."""
        parts = [f"{f}: {rule} [{c}]" for f, rule, c in self.why]
        note = f"Drafted ({self.confidence} confidence). " + "; ".join(parts) + "."
        if extra:
            note = extra + " " + note
        self.cells["notes"] = note
        columns = dictionary.file_spec(self.file).column_names
        return {c: self.cells.get(c, "") for c in columns}


def parse_notes(notes: str) -> list[tuple[str, str, str]]:
    """(field, rule, confidence) guesses written in a drafted notes cell."""
    return [(m["field"], m["rule"], m["level"]) for m in _WHY_RE.finditer(notes or "")]
