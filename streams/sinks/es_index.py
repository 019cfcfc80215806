"""One-index sinks for alerts and delivery logs, on the Elasticsearch sink's client and error rules.

`IndexSink("parley-alerts", to_doc=alert_doc)` writes each record as one document
(``_id`` = the record's id, so a replay rewrites the same document); a record
whose ``kind`` is ``update`` becomes a partial update of its alert (the alert's
``other_sources`` grow as copies of its story arrive).
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

from .base import WriteResult
from .elasticsearch import ElasticsearchSink

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
    if record.get("kind") in ("spike", "breaking"):  # what a dashboard counts and lists
        doc.update(count=record.get("count"), baseline=record.get("baseline"), group=record.get("group"),
                   direction=record.get("direction"), first_at=record.get("first_at"),
                   window_end=(record.get("window") or {}).get("end"), langs=record.get("langs"),
                   sources=record.get("sources"),
                   article_ids=[a.get("id") for a in record.get("articles") or () if isinstance(a, Mapping)])
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
        return await self._bulk(self._actions(records), owner, lambda doc_id: doc_id, len(records))
