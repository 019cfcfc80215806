"""The one reader of Parley's data files (processors/data/**/*.tsv) and their form conventions.

Every data file is UTF-8 text, one record a line, columns separated by tabs; blank lines
and lines starting with ``#`` are comments. `read_rows` returns the other lines with their
line numbers, so a loader's error can name ``file:line``.

Forms (the words and phrases inside the files) follow one convention, parsed by `Form`:

- written as a person spells them; the loaders fold them (`textutil.fold`: lower case,
  Arabic letter variants, width) before matching, so case is ignored;
- ``=form`` or a form written with a capital letter matches only as written, case included
  (``=morgen``: German "tomorrow", not "Morgen", morning; ``UN``, ``AS``). The gazetteer and
  the date words honour it; lexicon, figure and concept files are matched folded and must
  not rely on it;
- a trailing ``*`` matches any continuation of the last word (inflection): ``ateşkes*``;
- a trailing ``?`` (date and number words) marks a form that counts only next to a marker.

>>> Form.parse("=morgen"), Form.parse("perundingan*").prefix, Form.parse("UN").exact
(Form(text='morgen', exact=True, prefix=False, ambiguous=False), True, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

__all__ = ["Row", "Form", "read_rows", "read_word_lists"]


class Row(NamedTuple):
    lineno: int
    cols: list[str]


def read_rows(path: Path) -> list[Row]:
    """The records of a data file (tab-separated, comments skipped); [] if it does not exist."""
    if not path.exists():
        return []
    rows = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append(Row(lineno, line.split("\t")))
    return rows


def read_word_lists(path: Path) -> list[tuple[str, list[Form]]]:
    """The rows ``lang<TAB>form|form|...`` of a word list (data/actors/*_words.tsv): each
    language with its forms, in file order."""
    out = []
    for lineno, cols in read_rows(path):
        if len(cols) != 2:
            raise ValueError(f"{path.name}:{lineno}: expected 'lang<TAB>forms'")
        out.append((cols[0], [Form.parse(raw) for raw in cols[1].split("|")]))
    return out


@dataclass(frozen=True, slots=True)
class Form:
    """One form of a data file, its markers taken off (see the module docstring)."""

    text: str
    exact: bool
    prefix: bool
    ambiguous: bool

    @classmethod
    def parse(cls, raw: str) -> Form:
        text = raw.strip()
        ambiguous = text.endswith("?")
        text = text.rstrip("?")
        marked = text.startswith("=")
        text = text.lstrip("=")
        prefix = text.endswith("*")
        return cls(text.rstrip("*"), marked or any(c.isupper() for c in text), prefix, ambiguous)
