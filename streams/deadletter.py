"""Dead-letter records: what could not be processed, why, and the original bytes.

A record is a JSON object written to ``articles.deadletter`` (key = the original
key) so that an operator can see the reason, fix the cause and replay the payload::

    {"stage": "tag", "reason": "bad_json", "error": "Expecting value: line 1 column 1",
     "source": {"topic": "articles.raw", "partition": 2, "offset": 1234, "timestamp": ...},
     "key": "...", "size": 17, "payload_b64": "...", "payload_truncated": false,
     "headers": [{"key": "content-type", "value_b64": "..."}], "failed_at": "...", "worker": "host:pid"}

A payload bigger than ``max_payload`` (reason ``too_large``: 20 MB would be 27 MB in
base64, over any sane message limit) keeps only its first ``max_payload`` bytes plus
its size and sha256; the full message stays in the source topic at the given
partition/offset for the topic's retention.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterable, Sequence

__all__ = ["SourceRef", "deadletter_record", "encode_record"]

DEFAULT_MAX_PAYLOAD = 1024 * 1024


@dataclass(frozen=True)
class SourceRef:
    """Where the failed message came from."""

    topic: str
    partition: int | None = None
    offset: int | None = None
    timestamp: float | None = None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _as_bytes(value: Any) -> bytes:
    if value is None:
        return b""
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8")
    return json.dumps(value, ensure_ascii=False, default=str).encode("utf-8")


def deadletter_record(
    *,
    stage: str,
    reason: str,
    error: str,
    payload: Any,
    key: bytes | str | None,
    source: SourceRef,
    headers: Iterable[tuple[str, bytes]] | Sequence[Any] = (),
    now: datetime | None = None,
    worker: str = "",
    max_payload: int = DEFAULT_MAX_PAYLOAD,
) -> dict[str, Any]:
    """Build the dead-letter record (a JSON-serialisable dict)."""
    data = _as_bytes(payload)
    truncated = len(data) > max_payload
    kept = data[:max_payload] if truncated else data
    record: dict[str, Any] = {
        "stage": stage,
        "reason": reason,
        "error": error[:4000],
        "source": {
            "topic": source.topic,
            "partition": source.partition,
            "offset": source.offset,
            "timestamp": source.timestamp,
        },
        "key": key.decode("utf-8", "replace") if isinstance(key, bytes) else key,
        "size": len(data),
        "payload_b64": _b64(kept),
        "payload_truncated": truncated,
        "headers": [{"key": str(k), "value_b64": _b64(_as_bytes(v))} for k, v in headers or ()],
        "failed_at": (now or datetime.now(timezone.utc)).isoformat(),
        "worker": worker,
    }
    if truncated:
        record["sha256"] = hashlib.sha256(data).hexdigest()
    return record


def encode_record(record: dict[str, Any]) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8")
