"""The Elasticsearch sink: index templates, monthly article indices, bulk writes.

Example::

    sink = ElasticsearchSink("http://localhost:9200", prefix="parley")
    await sink.setup()                      # templates + initial indices, idempotent
    result = await sink.write([tagged, ...])  # raises SinkBackpressureError while ES is down
    await sink.close()

Writes use ``elasticsearch.helpers.async_streaming_bulk``; each article's ``_id`` is
its id, each event's ``<id>#<n>``, so writing the same batch twice changes nothing.
A document Elasticsearch refuses for good (mapping error, 400) is returned in
``WriteResult.rejected`` for the caller to dead-letter; anything that may succeed
later (connection refused, timeouts, 429, 5xx, unassigned shards after a restart)
raises :class:`SinkBackpressureError` so the caller retries the whole batch.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from typing import Any, Callable, Mapping, Sequence

from elastic_transport import TransportError
from elasticsearch import ApiError, AsyncElasticsearch, NotFoundError
from elasticsearch.helpers import async_scan, async_streaming_bulk

from .base import Rejected, SinkBackpressureError, SinkUnavailableError, WriteResult, default_doc_id
from .es_docs import TEMPLATE_KINDS, TIME_FIELD, bulk_actions, doc_time, load_template, parse_date

__all__ = ["ElasticsearchSink"]

log = logging.getLogger(__name__)

RETRYABLE_STATUS = frozenset({0, 408, 429, 500, 502, 503, 504})


class ElasticsearchSink:
    """A :class:`streams.sinks.base.Sink` writing to Elasticsearch 8."""

    def __init__(
        self,
        url: str,
        *,
        prefix: str = "parley",
        client: AsyncElasticsearch | None = None,
        doc_id: Callable[[Mapping[str, Any]], str] = default_doc_id,
        chunk_size: int = 500,
        request_timeout: float = 30.0,
        clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    ) -> None:
        self.url = url
        self.prefix = prefix
        self.doc_id = doc_id
        self.chunk_size = chunk_size
        self._request_timeout = request_timeout
        self._client = client
        self._clock = clock

    @property
    def client(self) -> AsyncElasticsearch:
        if self._client is None:  # created on first use, inside the running loop
            extra: dict[str, Any] = {}
            try:
                from elasticsearch.serializer import OrjsonSerializer

                extra["serializer"] = OrjsonSerializer()  # bulk bodies serialise ~5x faster
            except ImportError:
                pass
            self._client = AsyncElasticsearch(self.url, request_timeout=self._request_timeout, max_retries=0, **extra)
        return self._client

    async def close(self) -> None:
        if self._client is not None:
            await self._client.close()
            self._client = None

    # -- setup ---------------------------------------------------------------------------

    async def setup(self) -> list[tuple[str, str]]:
        """Put the index templates, create the indices that must exist, and bring the mappings
        of existing indices up to their templates; idempotent."""
        try:
            await self.client.cluster.health()  # (no GET / on a minimal node)
        except TransportError as exc:
            raise SinkUnavailableError(
                f"cannot reach Elasticsearch at {self.url} ({exc.__class__.__name__}). "
                "Start it (`python scripts/services.py start` or `docker compose up elasticsearch`) "
                "or set PARLEY_ES_URL.",
                url=self.url,
            ) from exc
        report: list[tuple[str, str]] = []
        for kind in TEMPLATE_KINDS:
            report.append(await self._put_template(kind))
        now = self._clock()
        initial = [f"{self.prefix}-articles-{now:%Y.%m}"] + [f"{self.prefix}-{k}" for k in TEMPLATE_KINDS if k != "articles"]
        for index in initial:
            report.append(await self._create_index(index))
        for kind in TEMPLATE_KINDS:
            report.extend(await self._update_mappings(kind))
        for kind in ("articles", "events"):
            report.extend(await self._backfill_time_field(kind))
        return report

    async def _put_template(self, kind: str) -> tuple[str, str]:
        name = f"{self.prefix}-{kind}"
        body = load_template(kind, self.prefix)
        try:
            current = await self.client.indices.get_index_template(name=name)
            existing = current["index_templates"][0]["index_template"]
        except NotFoundError:
            existing = None
        if existing is not None and _same_template(existing, body):
            return (f"template {name}", "already exists")
        await self.client.indices.put_index_template(name=name, **body)
        return (f"template {name}", "created" if existing is None else "updated")

    async def _create_index(self, index: str) -> tuple[str, str]:
        if await self.client.indices.exists(index=index):
            return (f"index {index}", "already exists")
        try:
            await self.client.indices.create(index=index)
        except ApiError as exc:
            if exc.meta.status == 400 and "resource_already_exists" in str(exc):
                return (f"index {index}", "already exists")
            raise
        return (f"index {index}", "created")

    async def _update_mappings(self, kind: str) -> list[tuple[str, str]]:
        """Put the template's mappings on existing indices that lack part of them.

        A template applies only when an index is created, so without this the fixed-name
        indices keep the fields of the release that created them. Elasticsearch can add
        fields and parameters to a mapping but not change a field's type: such an index is
        reported ("not updated: ...; reindex to apply") and left as it is.
        """
        body = load_template(kind, self.prefix)
        wanted = body["template"]["mappings"]
        current = await self.client.indices.get_mapping(
            index=",".join(body["index_patterns"]), allow_no_indices=True, ignore_unavailable=True)
        report = []
        for index in sorted(current.body):
            if _mapping_covers(current.body[index].get("mappings") or {}, wanted):
                continue
            try:
                await self.client.indices.put_mapping(index=index, **{k.lstrip("_"): v for k, v in wanted.items()})
            except ApiError as exc:
                if exc.meta.status != 400:
                    raise
                reason = (exc.body or {}).get("error", {}).get("reason", str(exc)) if isinstance(exc.body, dict) else str(exc)
                log.warning("event=mapping_not_updated index=%s reason=%r", index, reason)
                report.append((f"mapping {index}", f"not updated: {reason}; reindex to apply the template"))
                continue
            report.append((f"mapping {index}", "updated"))
        return report

    async def _backfill_time_field(self, kind: str) -> list[tuple[str, str]]:
        """Give TIME_FIELD to documents an older Parley indexed without it.

        The dashboards filter on TIME_FIELD: without it, everything indexed before the
        upgrade would drop out of them. Computed here as es_docs does (published, else
        ingested_at, else indexed_at) and written as partial updates, so it needs no
        scripting module on the server.
        """
        pattern = ",".join(load_template(kind, self.prefix)["index_patterns"])
        missing = {"bool": {"must_not": {"exists": {"field": TIME_FIELD}}}}
        found = await self.client.count(index=pattern, query=missing, allow_no_indices=True, ignore_unavailable=True)
        if not found["count"]:
            return []
        now = self._clock()

        async def updates():
            async for hit in async_scan(self.client, index=pattern, query={"query": missing},
                                        _source=["published", "ingested_at", "indexed_at"]):
                src = hit.get("_source") or {}
                when = doc_time(src, parse_date(src.get("indexed_at")) or now)
                yield {"_op_type": "update", "_index": hit["_index"], "_id": hit["_id"],
                       "retry_on_conflict": 3, "doc": {TIME_FIELD: when}}

        done = 0
        async for ok, _item in async_streaming_bulk(self.client, updates(), chunk_size=self.chunk_size,
                                                    raise_on_error=False):
            done += bool(ok)
        log.info("event=time_field_backfilled pattern=%s documents=%d", pattern, done)
        return [(f"documents {pattern}", f"{done} given {TIME_FIELD}")]

    # -- writes --------------------------------------------------------------------------

    async def write(self, batch: Sequence[Mapping[str, Any]]) -> WriteResult:
        """Index ``batch`` (articles and their events) in bulk."""
        articles = list(batch)
        actions = bulk_actions(articles, prefix=self.prefix, doc_id=self.doc_id, now=self._clock())
        owner: dict[str, Mapping[str, Any]] = {self.doc_id(a): a for a in articles}
        # an event's _id is "<article id>#<n>": its failure rejects its article
        return await self._bulk(actions, owner, lambda doc_id: doc_id.split("#", 1)[0], len(articles))

    async def _bulk(self, actions: list[dict[str, Any]], owner: Mapping[str, Mapping[str, Any]],
                    record_of: Callable[[str], str], count: int) -> WriteResult:
        """Send `actions` in bulk chunks. A document Elasticsearch refuses for good rejects
        the record `owner[record_of(_id)]`; a temporary failure (429, 5xx, unreachable)
        raises SinkBackpressureError so that the caller retries the whole batch."""
        retryable: list[str] = []
        rejected: dict[str, Rejected] = {}
        try:
            async for ok, item in async_streaming_bulk(
                self.client,
                actions,
                chunk_size=self.chunk_size,
                raise_on_error=False,
                raise_on_exception=True,
                max_retries=2,
                initial_backoff=0.2,
                max_backoff=2.0,
                yield_ok=False,
            ):
                if ok:
                    continue
                info = next(iter(item.values()))
                status = int(info.get("status") or 0)
                error = json.dumps(info.get("error"), ensure_ascii=False)[:2000]
                if status in RETRYABLE_STATUS:
                    retryable.append(f"{status}:{error[:200]}")
                    continue
                key = record_of(str(info.get("_id", "")))
                record = owner.get(key)
                if record is not None and key not in rejected:
                    rejected[key] = Rejected(record, "index_rejected", f"{status} {error}")
        except TransportError as exc:
            raise SinkBackpressureError(f"Elasticsearch unreachable at {self.url}: {exc}", retry_after=1.0) from exc
        except ApiError as exc:
            if exc.meta.status in RETRYABLE_STATUS:
                raise SinkBackpressureError(f"Elasticsearch busy ({exc.meta.status}): {exc}", retry_after=1.0) from exc
            raise
        if retryable:
            raise SinkBackpressureError(
                f"{len(retryable)} bulk items failed temporarily, first: {retryable[0]}", retry_after=1.0
            )
        return WriteResult(written=count - len(rejected), rejected=list(rejected.values()))


def _mapping_covers(have: Any, want: Any) -> bool:
    """True when the index mapping `have` already says everything the template mapping `want`
    says (Elasticsearch echoes `dynamic: false` as "false" and leaves out `type: object`)."""
    if isinstance(want, Mapping):
        if not isinstance(have, Mapping):
            return False
        return all(
            (key == "type" and value == "object") or (key in have and _mapping_covers(have[key], value))
            for key, value in want.items()
        )
    return str(have).lower() == str(want).lower()


def _same_template(existing: Mapping[str, Any], wanted: Mapping[str, Any]) -> bool:
    """True when the stored template already says what ``wanted`` says (ES normalises some values)."""

    def norm(v: Any) -> Any:
        if isinstance(v, Mapping):
            return {k: norm(x) for k, x in v.items()}
        if isinstance(v, list):
            return [norm(x) for x in v]
        if isinstance(v, bool):
            return str(v).lower()
        if isinstance(v, (int, float)):
            return str(v)
        return v

    def settings(t: Mapping[str, Any]) -> Any:
        s = dict(t.get("template", {}).get("settings", {}))
        return norm(s.get("index", s))

    return (
        norm(existing.get("index_patterns")) == norm(wanted.get("index_patterns"))
        and norm(existing.get("template", {}).get("mappings")) == norm(wanted.get("template", {}).get("mappings"))
        and norm(existing.get("template", {}).get("aliases", {})) == norm(wanted.get("template", {}).get("aliases", {}))
        and settings(existing) == settings(wanted)
        and norm(existing.get("_meta")) == norm(wanted.get("_meta"))
    )
