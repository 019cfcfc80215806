"""Cursor pagination over a sorted list, pure: ``page(items, sort_key, limit, cursor)``.

The cursor is opaque to clients (URL-safe base64 of the last item's sort key as
JSON), so it stays valid while items are added or removed: the next page starts
after that key, whatever happened before it.

>>> rows = [{"t": "2026-01-0%d" % i, "id": str(i)} for i in range(1, 6)]
>>> first, nxt = page(rows, lambda r: [r["t"], r["id"]], limit=2)
>>> [r["id"] for r in first], [r["id"] for r in page(rows, lambda r: [r["t"], r["id"]], limit=2, cursor=nxt)[0]]
(['1', '2'], ['3', '4'])
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from .errors import InputError

__all__ = ["page", "encode_cursor", "decode_cursor", "parse_limit"]

T = TypeVar("T")


def encode_cursor(key: Sequence[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key), separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> list[Any]:
    """The sort key in `cursor`; `InputError` when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key = json.loads(raw)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise InputError("cursor is not valid: pass the `next` value of the previous page unchanged") from None
    if not isinstance(key, list) or not all(isinstance(k, (str, int, float)) for k in key):
        raise InputError("cursor is not valid: pass the `next` value of the previous page unchanged")
    return key


def parse_limit(raw: str | None, *, default: int, maximum: int) -> int:
    """``?limit=`` as an int in 1..maximum (`default` when absent); `InputError` otherwise."""
    if raw is None or raw == "":
        return default
    try:
        n = int(raw)
    except ValueError:
        raise InputError(f"limit must be an integer from 1 to {maximum}") from None
    if not 1 <= n <= maximum:
        raise InputError(f"limit must be an integer from 1 to {maximum}")
    return n


def page(items: Iterable[T], sort_key: Callable[[T], list[Any]], *, limit: int,
         cursor: str | None = None) -> tuple[list[T], str | None]:
    """Items after `cursor` in `sort_key` order, at most `limit`; and the cursor of the next page (None: last)."""
    ordered = sorted(items, key=sort_key)
    if cursor:
        after = decode_cursor(cursor)
        try:
            ordered = [i for i in ordered if sort_key(i) > after]
        except TypeError:
            raise InputError("cursor is not valid: pass the `next` value of the previous page unchanged") from None
    chunk = ordered[:limit]
    more = len(ordered) > limit
    return chunk, (encode_cursor(sort_key(chunk[-1])) if more and chunk else None)
