"""The Elasticsearch sink: index templates, monthly article indices, bulk writes.

Example::

    sink = ElasticsearchSink("http://localhost:9200", prefix="parley")
    await sink.setup()                      # templates + initial indices, idempotent
    result = await sink.write([tagged, ...])  # raises SinkBackpressureError while ES is down
    await sink.close()

Writes use ``elasticsearch.helpers.async_streaming_bulk``; each article's ``_id`` is
its id, each event's ``<id>#<event id>`` (the tagger's stable frame id), so writing the
same batch twice changes nothing. A document Elasticsearch refuses for good (mapping
error, 400) is returned in ``WriteResult.rejected`` for the caller to dead-letter, and so
is one that made Elasticsearch refuse its whole bulk request (an ``_id`` over 512 bytes, a
document it cannot parse): the request is split until the culprit is alone. Anything that
may succeed later (connection refused, timeouts, 429, 5xx, unassigned shards after a
restart; 401/403 too, until an operator fixes the credentials) raises
:class:`SinkBackpressureError` so the caller retries the whole batch.

Re-tagging replaces an article's events. When the bulk *updated* an article document
(it was indexed before: a replay, or the same article tagged again), the events that
article had and its new tagging no longer has are deleted: one search for the whole
batch (:func:`~streams.sinks.es_docs.stale_events_query`, which never matches the events
just written), then a bulk delete of what it found. This runs only after the bulk has
succeeded and only for articles seen before, so a batch of new articles costs no extra
request. A temporary failure of the delete raises :class:`SinkBackpressureError` like
the bulk's: the caller retries the whole batch, whose bulk now "updates" every article,
so the delete runs again (idempotent). Not covered: an article whose month index
changed (a new ``published``) is "created" in its new index, and its old events stay.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from typing import Any, Callable, Mapping, Sequence

from elastic_transport import SerializationError, TransportError
from elasticsearch import ApiError, AsyncElasticsearch, NotFoundError
from elasticsearch.helpers import async_scan, async_streaming_bulk

from .base import Rejected, SinkBackpressureError, SinkUnavailableError, WriteResult, default_doc_id
from .es_docs import (TEMPLATE_KINDS, TIME_FIELD, bulk_actions, doc_time, id_problem, language_text_fields,
                      load_template, parse_date, stale_events_query)

__all__ = ["ElasticsearchSink"]

log = logging.getLogger(__name__)

RETRYABLE_STATUS = frozenset({0, 408, 429, 500, 502, 503, 504})
#: request-level refusals that say nothing about the documents: never dead-letter for them
NOT_THE_DOCUMENTS_FAULT = frozenset({401, 403})

#: stale event documents deleted per search + bulk round (re-tagging drops a few per article)
STALE_PAGE = 1000


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
        shards: int | None = None,
        replicas: int | None = None,
    ) -> None:
        self.url = url
        #: None keeps what the stored template says (the template file's 1 and 0 when it is new)
        self.shards = shards
        self.replicas = replicas
        self.prefix = prefix
        self.doc_id = doc_id
        self.chunk_size = chunk_size
        self._request_timeout = request_timeout
        self._client = client
        self._clock = clock
        self._missing_analyzers: frozenset[str] | None = None   # found by setup()

    @property
    def client(self) -> AsyncElasticsearch:
        if self._client is None:  # created on first use, inside the running loop
            extra: dict[str, Any] = {}
            try:
                from elasticsearch.serializer import OrjsonSerializer

                extra["serializer"] = OrjsonSerializer()  # bulk bodies serialise ~5x faster
            except ImportError:
                pass
            hosts = [u.strip() for u in self.url.split(",") if u.strip()]  # a cluster: fail over between nodes
            self._client = AsyncElasticsearch(hosts, request_timeout=self._request_timeout, max_retries=0, **extra)
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
        self._missing_analyzers = await self._analyzers_missing()
        for name in sorted(self._missing_analyzers):
            log.warning("event=analyzer_missing analyzer=%s fields=%s using=standard", name,
                        ",".join(f"text.{c}" for c, f in language_text_fields().items() if f["analyzer"] == name))
            report.append((f"analyzer {name}", "not on this cluster: standard instead (see docs/adding-a-language.md)"))
        for kind in TEMPLATE_KINDS:
            report.append(await self._put_template(kind))
        if self.replicas is not None:
            report.extend(await self._align_replicas())
        now = self._clock()
        initial = [f"{self.prefix}-articles-{now:%Y.%m}"] + [f"{self.prefix}-{k}" for k in TEMPLATE_KINDS if k != "articles"]
        for index in initial:
            report.append(await self._create_index(index))
        for kind in TEMPLATE_KINDS:
            report.extend(await self._update_mappings(kind))
        for kind in ("articles", "events"):
            report.extend(await self._backfill_time_field(kind))
        return report

    async def _analyzers_missing(self) -> frozenset[str]:
        """Analyzers the language registry names that this cluster does not have (Polish needs
        the analysis-stempel plugin, which the stock image lacks): their fields get `standard`,
        rather than a template the cluster refuses."""
        missing = set()
        for name in sorted({f["analyzer"] for f in language_text_fields().values()}):
            try:
                await self.client.indices.analyze(analyzer=name, text="a")
            except ApiError as exc:
                if exc.meta.status != 400:
                    raise
                missing.add(name)
        return frozenset(missing)

    async def data_nodes(self) -> int:
        """Data nodes of the cluster (where shards and their replicas can go)."""
        try:
            health = await self.client.cluster.health()
        except TransportError as exc:
            raise SinkUnavailableError(f"cannot reach Elasticsearch at {self.url} ({exc.__class__.__name__})",
                                       url=self.url) from exc
        return int(health.get("number_of_data_nodes") or 0)

    def _template(self, kind: str, existing: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The template body to store: the file's, with `standard` for the analyzers setup()
        found missing, and the shards and replicas asked for, or (when not asked for) those of
        the `existing` stored template."""
        body = load_template(kind, self.prefix)
        if kind == "articles" and self._missing_analyzers:
            for field in body["template"]["mappings"]["properties"]["text"]["properties"].values():
                if field.get("analyzer") in self._missing_analyzers:
                    field["analyzer"] = "standard"
        index_settings = body["template"].setdefault("settings", {})
        stored = ((existing or {}).get("template") or {}).get("settings") or {}
        stored = stored.get("index", stored)  # Elasticsearch returns them under "index"
        for key, asked in (("number_of_shards", self.shards), ("number_of_replicas", self.replicas)):
            if asked is not None:
                index_settings[key] = asked
            elif key in stored:
                index_settings[key] = int(stored[key])
        return body

    async def _align_replicas(self) -> list[tuple[str, str]]:
        """Give existing indices the replica count asked for (shards are fixed at creation)."""
        patterns = ",".join(p for kind in TEMPLATE_KINDS for p in load_template(kind, self.prefix)["index_patterns"])
        current = await self.client.indices.get_settings(index=patterns, name="index.number_of_replicas",
                                                         allow_no_indices=True, ignore_unavailable=True)
        report = []
        for index in sorted(current.body):
            have = int(current.body[index]["settings"]["index"]["number_of_replicas"])
            if have != self.replicas:
                await self.client.indices.put_settings(index=index, settings={"index": {"number_of_replicas": self.replicas}})
                report.append((f"index {index}", f"replicas {have} -> {self.replicas}"))
        return report

    async def _put_template(self, kind: str) -> tuple[str, str]:
        name = f"{self.prefix}-{kind}"
        try:
            current = await self.client.indices.get_index_template(name=name)
            existing = current["index_templates"][0]["index_template"]
        except NotFoundError:
            existing = None
        body = self._template(kind, existing)
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
        body = self._template(kind)
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
                # a field whose parameters changed (text.pl: standard -> polish) cannot change in
                # place, but the fields the index lacks (a new language's text.<lang>) can be added
                new = _new_properties(current.body[index].get("mappings") or {}, wanted)
                if new:
                    await self.client.indices.put_mapping(index=index, properties=new)
                    report.append((f"mapping {index}", f"new fields added; not updated: {reason}; reindex to apply "
                                                       "the rest of the template"))
                else:
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
        """Index ``batch`` (articles and their events) in bulk.

        An article whose id Elasticsearch would refuse (:func:`~.es_docs.id_problem`) is
        rejected before anything is sent: one such ``_id`` fails the whole bulk request.
        """
        articles: list[Mapping[str, Any]] = []
        refused: list[Rejected] = []
        for a in batch:
            try:
                problem = id_problem(self.doc_id(a))
            except (KeyError, TypeError, ValueError) as exc:
                problem = f"no usable id ({exc.__class__.__name__}: {exc})"
            if problem:
                refused.append(Rejected(a, "bad_id", problem))
            else:
                articles.append(a)
        if not articles:
            return WriteResult(written=0, rejected=refused)
        actions = bulk_actions(articles, prefix=self.prefix, doc_id=self.doc_id, now=self._clock())
        owner: dict[str, Mapping[str, Any]] = {self.doc_id(a): a for a in articles}
        events_index = f"{self.prefix}-events"
        # article id -> the _ids of its new events; an event's failure rejects its article
        # (looked up, not split at "#": an article id may hold a "#" itself)
        keep: dict[str, list[str]] = {a["_id"]: [] for a in actions if a["_index"] != events_index}
        article_of: dict[str, str] = {}
        for a in actions:
            if a["_index"] == events_index:
                keep[a["_source"]["article_id"]].append(a["_id"])
                article_of[a["_id"]] = a["_source"]["article_id"]
        updated: set[tuple[str, str]] = set()
        result = await self._bulk(actions, owner, lambda doc_id: article_of.get(doc_id, doc_id), len(articles),
                                  updated=updated)
        rejected = {self.doc_id(r.doc) for r in result.rejected}
        replaced = {aid: keep[aid] for index, aid in updated
                    if index != events_index and aid in keep and aid not in rejected}
        if replaced:
            result.deleted = await self._delete_stale_events(events_index, replaced)
        result.rejected[:0] = refused
        return result

    async def _delete_stale_events(self, index: str, keep: Mapping[str, list[str]]) -> int:
        """Delete the events of the articles in ``keep`` that are not in their new lists;
        raise SinkBackpressureError when that cannot be done now.

        A search then a bulk delete, page by page, rather than ``_delete_by_query``: that
        lives in the ``reindex`` module, which the minimal Elasticsearch the tests run
        (scripts/services.py) does not have; the semantics are the same."""
        query = stale_events_query(keep)
        deleted = 0
        try:
            while True:
                # the events indexed less than a refresh interval ago must be visible to the search
                await self.client.indices.refresh(index=index, ignore_unavailable=True)
                found = await self.client.search(index=index, query=query, size=STALE_PAGE, source=False,
                                                 track_total_hits=False, ignore_unavailable=True)
                if found.get("timed_out") or (found.get("_shards") or {}).get("failed"):
                    raise SinkBackpressureError("searching stale events timed out or missed shards", retry_after=1.0)
                ids = [h["_id"] for h in found["hits"]["hits"]]
                if not ids:
                    return deleted
                resp = await self.client.bulk(operations=[{"delete": {"_index": index, "_id": i}} for i in ids])
                done, retryable, failed = 0, [], []
                for item in resp["items"]:
                    info = next(iter(item.values()))
                    status = int(info.get("status") or 0)
                    if status in (200, 404):  # 404: already gone
                        done += status == 200
                    elif status in RETRYABLE_STATUS:
                        retryable.append(f"{status}:{json.dumps(info.get('error'))[:200]}")
                    else:
                        failed.append(f"{info.get('_id')} {status}:{json.dumps(info.get('error'))[:200]}")
                if retryable:
                    raise SinkBackpressureError(f"{len(retryable)} stale event deletes failed temporarily, "
                                                f"first: {retryable[0]}", retry_after=1.0)
                deleted += done
                if failed:  # refused for good: retrying would not help, and must not stall the partition
                    log.warning("stale events not deleted count=%d first=%r", len(failed), failed[0])
                    return deleted
                if len(ids) < STALE_PAGE:
                    return deleted
        except TransportError as exc:
            raise SinkBackpressureError(f"Elasticsearch unreachable at {self.url}: {exc}", retry_after=1.0) from exc
        except ApiError as exc:
            if exc.meta.status in RETRYABLE_STATUS:
                raise SinkBackpressureError(f"Elasticsearch busy ({exc.meta.status}): {exc}", retry_after=1.0) from exc
            raise
        finally:
            if deleted:
                log.info("stale events deleted=%d articles=%d", deleted, len(keep))

    async def _bulk(self, actions: list[dict[str, Any]], owner: Mapping[str, Mapping[str, Any]],
                    record_of: Callable[[str], str], count: int,
                    *, updated: set[tuple[str, str]] | None = None) -> WriteResult:
        """Send `actions` in bulk chunks. A document Elasticsearch refuses for good rejects
        the record `owner[record_of(_id)]`; a temporary failure (429, 5xx, unreachable)
        raises SinkBackpressureError so that the caller retries the whole batch.

        Elasticsearch refuses a whole *request* (400: an ``_id`` over 512 bytes; 413: too
        large) for what is wrong with one document of it. Such a request is split in two at
        a record boundary and each half sent again, down to one record, which is then
        rejected alone: the other records of the batch are written. With `updated`, collect
        there the (index, _id) of each document that existed before."""
        rejected: dict[str, Rejected] = {}
        await self._bulk_split(actions, owner, record_of, rejected, updated)
        return WriteResult(written=count - len(rejected), rejected=list(rejected.values()))

    async def _bulk_split(self, actions: list[dict[str, Any]], owner: Mapping[str, Mapping[str, Any]],
                          record_of: Callable[[str], str], rejected: dict[str, Rejected],
                          updated: set[tuple[str, str]] | None = None) -> None:
        try:
            await self._bulk_once(actions, owner, record_of, rejected, updated)
            return
        except _RequestRefused as exc:
            refusal = exc
        groups = _record_groups(actions, record_of)
        if len(groups) > 1:
            log.warning("bulk request refused, splitting records=%d status=%s error=%r",
                        len(groups), refusal.status, refusal.error[:300])
            half = len(groups) // 2
            for part in (groups[:half], groups[half:]):
                await self._bulk_split([a for _, group in part for a in group], owner, record_of, rejected, updated)
            return
        [(key, _)] = groups
        record = owner.get(key)
        if record is not None and key not in rejected:
            rejected[key] = Rejected(record, "index_rejected", f"{refusal.status} {refusal.error}")

    async def _bulk_once(self, actions: list[dict[str, Any]], owner: Mapping[str, Mapping[str, Any]],
                         record_of: Callable[[str], str], rejected: dict[str, Rejected],
                         updated: set[tuple[str, str]] | None = None) -> None:
        retryable: list[str] = []
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
                yield_ok=updated is not None,
            ):
                info = next(iter(item.values()))
                if ok:
                    if updated is not None and info.get("result") == "updated":
                        updated.add((str(info.get("_index")), str(info.get("_id"))))
                    continue
                status = int(info.get("status") or 0)
                error = json.dumps(info.get("error"), ensure_ascii=False)[:2000]
                if status in RETRYABLE_STATUS:
                    retryable.append(f"{status}:{error[:200]}")
                    continue
                key = record_of(str(info.get("_id", "")))
                record = owner.get(key)
                if record is not None and key not in rejected:
                    rejected[key] = Rejected(record, "index_rejected", f"{status} {error}")
        except SerializationError as exc:  # a document the client cannot encode (before TransportError: a subclass)
            raise _RequestRefused(0, f"cannot serialise: {exc}") from exc
        except TransportError as exc:
            raise SinkBackpressureError(f"Elasticsearch unreachable at {self.url}: {exc}", retry_after=1.0) from exc
        except ApiError as exc:
            status = exc.meta.status
            if status in RETRYABLE_STATUS or status in NOT_THE_DOCUMENTS_FAULT:
                # 401/403: credentials or privileges, for every document alike: retry (and alert
                # on parley_es_bulk_errors_total) rather than dead-letter the whole stream
                raise SinkBackpressureError(f"Elasticsearch refused the request ({status}): {exc}",
                                            retry_after=1.0) from exc
            raise _RequestRefused(status, _api_error_text(exc)) from exc
        if retryable:
            raise SinkBackpressureError(
                f"{len(retryable)} bulk items failed temporarily, first: {retryable[0]}", retry_after=1.0
            )


class _RequestRefused(Exception):
    """Elasticsearch refused a whole bulk request for good (4xx) for what is in it."""

    def __init__(self, status: int, error: str) -> None:
        super().__init__(f"{status} {error}")
        self.status = status
        self.error = error


def _record_groups(actions: list[dict[str, Any]], record_of: Callable[[str], str]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The actions grouped by the record they belong to, in order (an article, then its events)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for action in actions:
        groups.setdefault(record_of(str(action.get("_id", ""))), []).append(action)
    return list(groups.items())


def _api_error_text(exc: ApiError) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, Mapping):
        try:
            return json.dumps(body.get("error", body), ensure_ascii=False)[:2000]
        except (TypeError, ValueError):
            pass
    return str(exc)[:2000]


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


def _new_properties(have: Mapping[str, Any], want: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of mapping `want` that mapping `have` lacks, as a `properties` object
    (object fields both have are descended into)."""
    out: dict[str, Any] = {}
    have_props = have.get("properties") or {}
    for name, field in (want.get("properties") or {}).items():
        if name not in have_props:
            out[name] = field
        elif isinstance(field, Mapping) and "properties" in field:
            inner = _new_properties(have_props[name], field)
            if inner:
                out[name] = {"properties": inner}
    return out


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
