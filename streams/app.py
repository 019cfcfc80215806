"""The one wiring module: builds the Faust app, its topics and agents, and hands them adapters.

Nothing connects at import time; :func:`build_app` only builds objects. A worker
runs them (``parley worker``); tests pass fakes::

    pipeline = build_app(Settings.from_env())                     # real tagger, real ES sink
    pipeline = build_app(settings, tagger=fake_tag, sink=FakeSink(), registry=CollectorRegistry())

Flow: ``articles.raw`` (bytes) -> tag agent -> ``articles.tagged`` (JSON, for the alert agents)
and, from the same agent, -> sink (Elasticsearch); failures -> ``articles.deadletter`` (JSON records).
Every worker joins the consumer group ``settings.app_id``: partitions are shared.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Callable

import faust
from prometheus_client import REGISTRY, CollectorRegistry

from .agents.index import BatchWriter
from .agents.tag import Tagger
from .agents.tag_index import make_tag_index_agent
from .agents.tag_pool import TagPool, TagPoolUnavailable
from .config import Settings
from .metrics import Metrics
from .sinks.base import Sink
from .topics import DEADLETTER, RAW, TAGGED, TOPICS, topic_configs
from .web import articles_view, health_view

__all__ = ["Pipeline", "build_app"]

log = logging.getLogger(__name__)


@dataclass
class Pipeline:
    """What :func:`build_app` built; ``app`` is what a Faust worker runs."""

    app: faust.App
    settings: Settings
    metrics: Metrics
    sink: Sink
    tagger: Tagger
    raw: Any
    tagged: Any
    deadletter: Any
    tag_agent: Any
    index_agent: Any
    writer: BatchWriter
    alerting: Any = None  # streams.alerting.wiring.Alerting, when built with alerts


def _load_tagger(spec: str) -> Tagger:
    import importlib

    module, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module), attr or "tag_article")


def _default_sink(settings: Settings) -> Sink:
    from .sinks.elasticsearch import ElasticsearchSink

    return ElasticsearchSink(settings.es_url, prefix=settings.index_prefix, chunk_size=settings.bulk_size,
                             shards=settings.es_shards, replicas=settings.es_replicas)


def changelog_topics(app: faust.App) -> list[tuple[str, int, dict[str, str]]]:
    """(name, partitions, configs) of the changelog topic of each table of `app`, with the
    cleanup policy and retention Faust declares them with."""
    out = []
    for table in app.tables.values():
        topic = table.changelog_topic
        configs = {k: str(v) for k, v in (topic.config or {}).items()}
        policy = ",".join(p for p, on in (("compact", topic.compacting), ("delete", topic.deleting)) if on)
        if policy:
            configs["cleanup.policy"] = policy
        if topic.retention:
            configs["retention.ms"] = str(int(topic.retention * 1000))
        out.append((topic.get_topic_name(), topic.partitions or app.conf.topic_partitions, configs))
    return out


def build_app(
    settings: Settings,
    *,
    tagger: Tagger | None = None,
    sink: Sink | None = None,
    registry: CollectorRegistry | None = None,
    metrics: Metrics | None = None,
    sleep: Callable[[float], Any] | None = None,
    alerts: bool = True,
    alerting: Any = None,
    tag_pool: TagPool | None = None,
) -> Pipeline:
    """Build the Faust app with its topics, agents, web views and timers.

    With `tag_pool` the agent tags in those processes; a timer replaces them when one dies
    while idle, and ``/health`` (worker web port, and the alerts API) says not ready
    while none can tag. When none can be started any more, the worker stops (crash) so
    that the consumer group gives its partitions to the other workers.
    """
    tagger = tagger or _load_tagger(settings.tagger)
    sink = sink or _default_sink(settings)
    metrics = metrics or Metrics.create(registry if registry is not None else REGISTRY)
    from .faust_tuning import (enable_idempotence, resume_after_rebalance, seek_uncommitted_to_beginning,
                               set_fetch_max_wait, watch_recovery)

    set_fetch_max_wait(settings.fetch_max_wait_ms)  # Faust's 1.5 s default would dominate alert latency
    seek_uncommitted_to_beginning()  # else records fetched around the seek of a rebalance are lost until a restart
    enable_idempotence()  # a retried send after a broker failover is not written twice
    app = faust.App(
        settings.app_id,
        broker=settings.broker_url,
        store=settings.store,
        datadir=settings.data_dir,
        autodiscover=False,
        topic_partitions=settings.topic_partitions,
        topic_replication_factor=settings.topic_replication,
        consumer_auto_offset_reset="earliest",
        broker_commit_interval=settings.commit_interval,
        producer_max_request_size=settings.max_message_bytes,
        # bounded fetches keep the two agents fair: a 25 MB fetch of articles.raw would make the
        # alert agents wait until the tag agent has drained it; much smaller fetches cost more
        # round trips (bench/bench_pipeline.py: 256 KB/200 records 339/s, 1 MB/1000 530/s,
        # 4 MB/2000 468/s). Kafka still returns one record bigger than this (up to the topic's
        # max.message.bytes), so 20 MB articles reach the tag agent and are dead-lettered.
        consumer_max_fetch_size=1024 * 1024,
        broker_max_poll_records=1000,
        stream_buffer_maxsize=1000,
        producer_acks=-1,
        # batch produce requests: one small request per message costs ~1 ms of syscalls each
        producer_linger=0.02,
        producer_max_batch_size=1024 * 1024,
        web_port=settings.web_port,
        web_bind=settings.web_bind,
        web_host=settings.web_bind,
        broker_session_timeout=settings.session_timeout,
        broker_heartbeat_interval=min(3.0, settings.session_timeout / 3),
    )
    resume_after_rebalance(app)  # the stream partitions seek_uncommitted_to_beginning holds during the seek
    watch_recovery(app, settings.recovery_stall_seconds)  # a changelog partition recovery never hears from
    specs = {s.name: s for s in TOPICS}

    def topic(name: str, **kw: Any) -> Any:
        return app.topic(
            settings.topic(name),
            partitions=settings.topic_partitions,
            replicas=settings.topic_replication,
            config=dict(topic_configs(specs[name], settings)),
            key_type=bytes,
            key_serializer="raw",
            **kw,
        )

    raw = topic(RAW, value_type=bytes, value_serializer="raw")
    tagged = topic(TAGGED, value_serializer="json")
    deadletter = topic(DEADLETTER, value_serializer="json")

    # one agent tags *and* indexes (and still produces articles.tagged for the alert agents):
    # Elasticsearch indexes a batch while the next one is tagged; streams/agents/tag_index.py says why
    writer = BatchWriter(sink, metrics, max_backoff=settings.bulk_max_retry_seconds, **({"sleep": sleep} if sleep else {}))
    tag_fn = make_tag_index_agent(
        tagger=tagger,
        tagged_topic=tagged,
        deadletter_topic=deadletter,
        metrics=metrics,
        max_bytes=settings.max_article_bytes,
        raw_topic_name=raw.get_topic_name(),
        writer=writer,
        out_label="elasticsearch",
        batch_size=settings.bulk_size,
        pool=tag_pool,
        on_unavailable=app.crash,
    )
    tag_agent = index_agent = app.agent(raw, name="parley.tag")(tag_fn)

    def checks() -> dict[str, bool]:
        return {"tagging": tag_pool.ready if tag_pool is not None else True}

    # PARLEY_INGEST_KEYS: "api" admits every key of PARLEY_API_KEYS (hashed ones too: the KeyRing
    # verifies), a list admits those keys, unset leaves POST /articles open (bound to 127.0.0.1)
    ingest_keys: Any = None
    if settings.ingest_keys == "api":
        from .alerting.config import AlertSettings

        ingest_keys = (alerting or AlertSettings.from_env()).api_keys
    else:
        ingest_keys = settings.ingest_key_set()
    app.page("/articles")(articles_view(raw, keys=ingest_keys))
    app.page("/health")(health_view(checks))

    if tag_pool is None:
        metrics.tag_pool_ready.set(1)  # tagging in the event loop: it can always tag
    else:
        @app.timer(1.0, name="parley.tag-pool")
        async def watch_tag_pool() -> None:
            """Replace tagging processes that died while idle; keep the ready gauge current."""
            try:
                await tag_pool.ensure()
            except TagPoolUnavailable as exc:
                log.critical("cannot tag: no tagging process starts; stopping the worker error=%r", str(exc))
                await app.crash(exc)
            finally:
                metrics.tag_pool_ready.set(1 if tag_pool.ready else 0)

    @app.timer(settings.lag_interval, name="parley.lag")
    async def sample_consumer_lag() -> None:
        _sample_lag(app, metrics)

    @app.task
    async def setup_sink() -> None:
        try:
            await sink.setup()
        except Exception as exc:  # noqa: BLE001 - the index agent retries writes anyway
            log.warning("sink setup failed error=%r (run `parley setup`)", str(exc)[:300])

    @app.on_before_shutdown.connect
    async def close_sink(app: faust.App, **kwargs: Any) -> None:
        await sink.close()

    alert_parts = None
    if alerts:  # match -> alert -> notify agents, subscriptions mirror, REST API (streams/alerting/)
        from .alerting.wiring import install

        alert_parts = install(app, settings, metrics, topic, tagged, alerting=alerting, checks=checks)
    return Pipeline(app, settings, metrics, sink, tagger, raw, tagged, deadletter, tag_agent, index_agent, writer,
                    alert_parts)


def _sample_lag(app: faust.App, metrics: Metrics) -> None:
    """Lag per assigned partition: highwater minus the last committed offset of this group."""
    consumer = app.consumer
    try:
        assignment = consumer.assignment()
    except Exception:  # noqa: BLE001 - not started or rebalancing
        return
    committed = getattr(consumer, "_committed_offset", {})  # faust keeps no public accessor
    metrics.consumer_lag.clear()  # partitions revoked by a rebalance must not linger
    for tp in assignment:
        try:
            highwater = consumer.highwater(tp)
        except Exception:  # noqa: BLE001
            continue
        if highwater is None:
            continue
        done = committed.get(tp) or 0
        metrics.consumer_lag.labels(topic=tp.topic, partition=str(tp.partition)).set(max(0, highwater - done))
