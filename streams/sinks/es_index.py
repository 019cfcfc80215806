"""One-index sinks for alerts and delivery logs, on the Elasticsearch sink's client and error rules.

`IndexSink("parley-alerts", to_doc=alert_doc)` writes each record as one document
(``_id`` = the record's id, so a replay rewrites the same document); a record
whose ``kind`` is ``update`` becomes a partial update of its alert (the alert's
``other_sources`` grow as copies of its story arrive).
"""

from __future__ import annotations

import json
from typing import Any, Callable, Mapping, Sequence

from elastic_transport import TransportError
from elasticsearch import ApiError
from elasticsearch.helpers import async_streaming_bulk

from .base import Rejected, SinkBackpressureError, WriteResult
from .elasticsearch import RETRYABLE_STATUS, ElasticsearchSink

__all__ = ["IndexSink", "alert_doc", "delivery_doc"]


def alert_doc(record: Mapping[str, Any]) -> dict[str, Any]:
    """The ``parley-alerts`` document of an alert or digest record (flat, as the template maps it)."""
    sub = record.get("subscription") or {}
    art = record.get("article") or {}
    doc = {"kind": record.get("kind"), "subscription_id": sub.get("id"), "subscription_name": sub.get("name"),
           "owner": sub.get("owner"), "created_at": record.get("created_at")}
    if record.get("kind") == "digest":
        doc.update(bucket=record.get("bucket"), count=record.get("count"),
                   article_ids=[(a.get("article") or {}).get("id") for a in record.get("alerts") or ()])
        return doc
    doc.update(article_id=art.get("id"), url=art.get("url"), title=art.get("title"), lang=art.get("lang"),
               source=art.get("source"), published=art.get("published"), snippet=record.get("snippet"),
               snippet_marked=record.get("snippet_marked"), terms=record.get("terms"), tags=record.get("tags"),
               countries=record.get("countries"), events=record.get("events"), story_id=record.get("story_id"),
               other_sources=record.get("other_sources") or [], ingested_at=record.get("ingested_at"))
    return doc


def delivery_doc(record: Mapping[str, Any]) -> dict[str, Any]:
    return dict(record)


class IndexSink(ElasticsearchSink):
    """A `Sink` writing records to one index (templates come from `parley setup`)."""

    def __init__(self, url: str, index: str, *, to_doc: Callable[[Mapping[str, Any]], dict[str, Any]], **kw: Any) -> None:
        super().__init__(url, doc_id=lambda r: str(r["id"]), **kw)
        self.index = index
        self.to_doc = to_doc

    async def setup(self) -> list[tuple[str, str]]:
        return []

    def _actions(self, records: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        out = []
        for r in records:
            if r.get("kind") == "update":
                out.append({"_op_type": "update", "_index": self.index, "_id": str(r["id"]), "retry_on_conflict": 3,
                            "doc": {"other_sources": r.get("other_sources") or [], "updated_at": r.get("updated_at")}})
            else:
                out.append({"_op_type": "index", "_index": self.index, "_id": str(r["id"]), "_source": self.to_doc(r)})
        return out

    async def write(self, batch: Sequence[Mapping[str, Any]]) -> WriteResult:
        records = list(batch)
        owner = {str(r["id"]): r for r in records}
        retryable: list[str] = []
        rejected: dict[str, Rejected] = {}
        try:
            async for ok, item in async_streaming_bulk(self.client, self._actions(records), chunk_size=self.chunk_size,
                                                       raise_on_error=False, raise_on_exception=True, max_retries=2,
                                                       initial_backoff=0.2, max_backoff=2.0, yield_ok=False):
                if ok:
                    continue
                info = next(iter(item.values()))
                status = int(info.get("status") or 0)
                error = json.dumps(info.get("error"), ensure_ascii=False)[:2000]
                if status in RETRYABLE_STATUS:
                    retryable.append(f"{status}:{error[:200]}")
                    continue
                rid = str(info.get("_id", ""))
                if rid in owner and rid not in rejected:
                    rejected[rid] = Rejected(owner[rid], "index_rejected", f"{status} {error}")
        except TransportError as exc:
            raise SinkBackpressureError(f"Elasticsearch unreachable at {self.url}: {exc}", retry_after=1.0) from exc
        except ApiError as exc:
            if exc.meta.status in RETRYABLE_STATUS:
                raise SinkBackpressureError(f"Elasticsearch busy ({exc.meta.status}): {exc}", retry_after=1.0) from exc
            raise
        if retryable:
            raise SinkBackpressureError(f"{len(retryable)} bulk items failed temporarily, first: {retryable[0]}", retry_after=1.0)
        return WriteResult(written=len(records) - len(rejected), rejected=list(rejected.values()))
