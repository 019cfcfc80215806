"""Prometheus metrics of a Parley worker, in one object built from an explicit registry.

Tests build ``Metrics.create(CollectorRegistry())`` and read values back with
``registry.get_sample_value(...)``; a worker uses the default registry and serves
it on ``/metrics`` (:meth:`Metrics.serve`).

Names (all ``parley_*``; the dashboards rely on them):

=====================================  =========  =====================================
parley_articles_in_total               counter    {topic} messages consumed
parley_articles_out_total              counter    {topic} messages produced / indexed
parley_articles_tagged_total           counter    {family, lang} tagged articles; family="none" when untagged
parley_deadletters_total               counter    {stage, reason} dead-lettered messages
parley_processing_seconds              histogram  tag_article time per article
parley_es_bulk_seconds                 histogram  time of one Elasticsearch bulk request
parley_es_bulk_errors_total            counter    {kind} "unavailable" (retried) or "rejected" (dead-lettered)
parley_es_docs_total                   counter    {index} documents written per index kind (articles, events)
parley_ingest_to_indexed_seconds       histogram  raw message timestamp -> indexed in Elasticsearch
parley_consumer_lag                    gauge      {topic, partition} highwater - committed offset
parley_tag_pool_restarts_total         counter    tagging processes replaced (one died: killed, out of memory)
parley_tag_pool_ready                  gauge      1 when the worker can tag (tagging processes up), else 0
parley_alerts_total                    counter    alerts produced (new alerts and digests, not updates)
parley_alert_deliveries_total          counter    {channel, status} delivery outcomes: delivered | failed | deferred
parley_alert_delivery_seconds          histogram  {channel} article arrival (raw Kafka timestamp) -> delivered
=====================================  =========  =====================================
"""

from __future__ import annotations

from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

__all__ = ["Metrics"]

# tag_article runs in ~0.1-10 ms; a slow regex or a huge article shows in the top buckets
PROCESSING_BUCKETS = (0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0)
# one bulk of a few hundred docs takes 20-500 ms on a healthy node; retries while ES is
# down show up as the 10-30 s buckets
BULK_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
# end to end: sub-second when keeping up, minutes when catching up after an outage
# alerts are due within a second of the article's arrival: fine buckets below 1 s,
# retries with backoff show up in the 2-60 s buckets
ALERT_BUCKETS = (0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 2.0, 5.0, 15.0, 60.0)
E2E_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 300.0, 1800.0)


@dataclass(frozen=True)
class Metrics:
    registry: CollectorRegistry
    articles_in: Counter
    articles_out: Counter
    tagged: Counter
    deadletters: Counter
    processing_seconds: Histogram
    bulk_seconds: Histogram
    bulk_errors: Counter
    es_docs: Counter
    ingest_to_indexed_seconds: Histogram
    consumer_lag: Gauge
    tag_pool_restarts: Counter
    tag_pool_ready: Gauge
    alerts: Counter
    alert_deliveries: Counter
    alert_delivery_seconds: Histogram

    @classmethod
    def create(cls, registry: CollectorRegistry) -> "Metrics":
        """Register every Parley metric in ``registry`` (once per registry)."""
        r = registry
        return cls(
            registry=r,
            articles_in=Counter("parley_articles_in", "Messages consumed, per topic", ["topic"], registry=r),
            articles_out=Counter("parley_articles_out", "Messages produced or indexed, per topic", ["topic"], registry=r),
            tagged=Counter("parley_articles_tagged", "Tagged articles per event family and language", ["family", "lang"], registry=r),
            deadletters=Counter("parley_deadletters", "Dead-lettered messages per stage and reason", ["stage", "reason"], registry=r),
            processing_seconds=Histogram("parley_processing_seconds", "tag_article time per article", buckets=PROCESSING_BUCKETS, registry=r),
            bulk_seconds=Histogram("parley_es_bulk_seconds", "Elasticsearch bulk request time", buckets=BULK_BUCKETS, registry=r),
            bulk_errors=Counter("parley_es_bulk_errors", "Elasticsearch bulk failures per kind", ["kind"], registry=r),
            es_docs=Counter("parley_es_docs", "Documents written to Elasticsearch per index kind", ["index"], registry=r),
            ingest_to_indexed_seconds=Histogram(
                "parley_ingest_to_indexed_seconds", "Raw message timestamp to indexed", buckets=E2E_BUCKETS, registry=r
            ),
            consumer_lag=Gauge("parley_consumer_lag", "Highwater minus committed offset", ["topic", "partition"], registry=r),
            tag_pool_restarts=Counter("parley_tag_pool_restarts", "Tagging process pools started to replace a broken one",
                                      registry=r),
            tag_pool_ready=Gauge("parley_tag_pool_ready", "1 when the worker can tag, 0 while its tagging processes are down",
                                 registry=r),
            alerts=Counter("parley_alerts", "Alerts produced (new alerts and digests)", registry=r),
            alert_deliveries=Counter("parley_alert_deliveries", "Alert delivery outcomes per channel", ["channel", "status"], registry=r),
            alert_delivery_seconds=Histogram("parley_alert_delivery_seconds", "Article arrival to alert delivered",
                                             ["channel"], buckets=ALERT_BUCKETS, registry=r),
        )

    def record_tagged(self, result: dict) -> None:
        """Count one tagged article under each of its families (or "none")."""
        lang = str(result.get("lang") or "und")
        families = result.get("tags") or ["none"]
        for family in families:
            self.tagged.labels(family=str(family), lang=lang).inc()

    def serve(self, port: int, addr: str = "127.0.0.1") -> None:
        """Serve ``/metrics`` on ``addr:port`` from a daemon thread."""
        from prometheus_client import start_http_server

        start_http_server(port, addr=addr, registry=self.registry)
