"""Cross-language concepts for alert queries (`~ceasefire`, `~peace_talks`, ...).

Each concept is a data file `processors/data/concepts/{name}.tsv` (see the README
there). All patterns of all concepts form one `PatternSet`, searched once per
article over `fold_fixed(text)`, so the spans it reports are spans of the text.

>>> hits = find_concepts("Die Waffenruhe hielt; 停火 holds.")
>>> sorted({h.payload for h in hits})
['ceasefire', 'truce']
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .datafiles import read_rows
from .matcher import Match, PatternSet
from .tokens import fold_fixed

__all__ = ["concept_names", "concept_patterns", "find_concepts", "CONCEPT_DIR"]

CONCEPT_DIR = Path(__file__).parent / "data" / "concepts"


@lru_cache(maxsize=1)
def _load(directory: Path = CONCEPT_DIR) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(directory.glob("*.tsv")):
        rows: list[tuple[str, str]] = []
        for n, parts in read_rows(path):
            line = "\t".join(parts)
            if len(parts) != 2 or not parts[1].strip():
                raise ValueError(f"{path.name}:{n}: expected 'lang<TAB>pattern', got {line!r}")
            if "*" in parts[1].strip()[:-1]:
                raise ValueError(f"{path.name}:{n}: only a final '*' is supported; write the inflected forms of the other words")
            rows.append((parts[0].strip(), parts[1].strip()))
        out[path.stem] = rows
    return out


def concept_names() -> tuple[str, ...]:
    """The concepts a query may name after `~`."""
    return tuple(_load())


def concept_patterns(name: str) -> list[tuple[str, str]]:
    """(lang, pattern) rows of one concept, as written in its file."""
    return list(_load()[name])


@lru_cache(maxsize=1)
def _pattern_set() -> PatternSet[str]:
    pairs = []
    for name, rows in _load().items():
        for _lang, pattern in rows:
            pairs.append((fold_fixed(pattern), name))
    return PatternSet(pairs)


def find_concepts(text: str, folded: str | None = None) -> list[Match[str]]:
    """Every concept mention in `text` (payload = concept name), spans in `text`.

    Pass `folded=fold_fixed(text)` if the caller already has it.
    """
    return _pattern_set().find(folded if folded is not None else fold_fixed(text))
