"""The shape every sink of Parley has (no driver imports here).

Shaped like quix-streams' sinks: ``setup()`` creates what the sink needs,
``write(batch)`` sends a batch (in chunks if it must), ``doc_id`` decides the
document identity (the article id, which is also the Kafka key), and a sink
that cannot take more *right now* raises :class:`SinkBackpressureError` with a
``retry_after`` hint instead of dropping anything. The caller then retries the
same batch, so a sink's ``write`` must be idempotent (same ids, same docs).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Protocol, Sequence, runtime_checkable

from processors.errors import ParleyError

__all__ = ["Sink", "SinkError", "SinkBackpressureError", "SinkUnavailableError", "Rejected", "WriteResult", "default_doc_id"]


class SinkError(ParleyError):
    """A sink failed in a way its caller must handle."""

    reason = "sink_error"


class SinkBackpressureError(SinkError):
    """The sink cannot accept the batch now; retry the *same* batch after ``retry_after`` seconds."""

    reason = "backpressure"

    def __init__(self, message: str, *, retry_after: float = 1.0) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class SinkUnavailableError(SinkError):
    """The sink's backend cannot be reached at all (used by setup, which does not retry)."""

    reason = "unavailable"

    def __init__(self, message: str, *, url: str = "") -> None:
        super().__init__(message)
        self.url = url


@dataclass(frozen=True)
class Rejected:
    """One document the backend refused for good (bad mapping, ...): dead-letter it, do not retry."""

    doc: Mapping[str, Any]
    reason: str
    error: str


@dataclass
class WriteResult:
    written: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    deleted: int = 0  # stale documents removed (events a re-tagged article no longer has)


def default_doc_id(doc: Mapping[str, Any]) -> str:
    """The article id: the Kafka key and the Elasticsearch ``_id``."""
    return str(doc["id"])


@runtime_checkable
class Sink(Protocol):
    """Where tagged articles end up."""

    doc_id: Callable[[Mapping[str, Any]], str]

    async def setup(self) -> list[tuple[str, str]]:
        """Create what the sink needs; return ``(name, "created"|"updated"|"exists")`` pairs."""
        ...

    async def write(self, batch: Sequence[Mapping[str, Any]]) -> WriteResult:
        """Write ``batch``; raise :class:`SinkBackpressureError` to have it retried as a whole."""
        ...

    async def close(self) -> None:
        ...
