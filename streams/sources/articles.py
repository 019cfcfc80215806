"""Reading articles from what users give Parley: JSON Lines, .txt/.html files, folders, HTTP bodies.

Pure (no Kafka): the ingest command, the feed poller and the HTTP endpoint use these
and hand the articles to a producer keyed by :func:`article_key`.

Example::

    for item in iter_path(Path("news/")):
        if item.error: print(item.origin, item.error)
        else: produce(article_key(item.article), item.article)
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterator

from processors.errors import InputError
from processors.identity import article_id

__all__ = ["SourceItem", "article_key", "validate_article", "iter_path", "iter_jsonl", "parse_body"]

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}


@dataclass(frozen=True)
class SourceItem:
    """One article (or one error) and where it came from (``file:line``)."""

    origin: str
    article: dict[str, Any] | None = None
    error: str | None = None


def article_key(article: dict[str, Any]) -> str:
    """The article's identity, its Kafka key: :func:`processors.identity.article_id`.

    The tagger gives the tagged article the same ``id`` (the Elasticsearch ``_id``), so what
    ``ingest``, ``POST /articles`` and ``feeds`` return is where the article is indexed.
    """
    return article_id(article)


def validate_article(value: Any) -> dict[str, Any]:
    """Check the shape the tagger needs: an object with a non-empty ``text`` or ``html`` string."""
    if not isinstance(value, dict):
        raise InputError(f"expected a JSON object, got {type(value).__name__}")
    body = value.get("text") if value.get("text") is not None else value.get("html")
    if not isinstance(body, str) or not body.strip():
        raise InputError("article needs a non-empty 'text' or 'html' string", field="text")
    for name in ("url", "id", "title", "lang", "published", "source"):
        if name in value and value[name] is not None and not isinstance(value[name], str):
            raise InputError(f"'{name}' must be a string", field=name)
    return value


def iter_jsonl(stream: IO[str], origin: str) -> Iterator[SourceItem]:
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        try:
            yield SourceItem(where, article=validate_article(json.loads(line)))
        except json.JSONDecodeError as exc:
            yield SourceItem(where, error=f"not JSON: {exc.msg} (column {exc.colno})")
        except InputError as exc:
            yield SourceItem(where, error=str(exc))


def _file_items(path: Path) -> Iterator[SourceItem]:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        try:
            body = path.read_text("utf-8", errors="replace")
        except OSError as exc:
            yield SourceItem(str(path), error=f"cannot read: {exc}")
            return
        if not body.strip():
            yield SourceItem(str(path), error="empty file")
            return
        yield SourceItem(str(path), article={TEXT_SUFFIXES[suffix]: body})
        return
    try:
        with path.open("r", encoding="utf-8", errors="replace") as fh:
            yield from iter_jsonl(fh, str(path))
    except OSError as exc:
        yield SourceItem(str(path), error=f"cannot read: {exc}")


def iter_path(path: str | Path, stdin: IO[str] | None = None) -> Iterator[SourceItem]:
    """Articles from a file, a folder (recursively: .jsonl/.ndjson/.json/.txt/.html) or ``-`` (stdin)."""
    if str(path) == "-":
        yield from iter_jsonl(stdin or sys.stdin, "<stdin>")
        return
    p = Path(path)
    if p.is_dir():
        for f in sorted(p.rglob("*")):
            if f.is_file() and (f.suffix.lower() in TEXT_SUFFIXES or f.suffix.lower() in JSONL_SUFFIXES):
                yield from _file_items(f)
        return
    if not p.exists():
        yield SourceItem(str(p), error="no such file or folder")
        return
    yield from _file_items(p)


def parse_body(body: bytes) -> list[dict[str, Any]]:
    """Articles from an HTTP body: one JSON object, a JSON array, or JSON Lines.

    Raises :class:`InputError` naming the line at fault.
    """
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"body is not UTF-8 (byte {exc.start})") from None
    if not text.strip():
        raise InputError("empty body: send a JSON object or JSON Lines")
    try:
        whole = json.loads(text)
    except json.JSONDecodeError:
        whole = None
    else:
        values = whole if isinstance(whole, list) else [whole]
        return [_validated(v, f"item {i}") for i, v in enumerate(values, 1)]
    articles = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"line {lineno}: not JSON: {exc.msg} (column {exc.colno})") from None
        articles.append(_validated(value, f"line {lineno}"))
    return articles


def _validated(value: Any, where: str) -> dict[str, Any]:
    try:
        return validate_article(value)
    except InputError as exc:
        raise InputError(f"{where}: {exc}", field=exc.field) from None
