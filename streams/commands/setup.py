"""`parley setup`: create Kafka topics and Elasticsearch index templates/indices (idempotent)."""

from __future__ import annotations

import asyncio
import sys

import click

__all__ = ["setup"]


@click.command(help="""Create Parley's Kafka topics and Elasticsearch index templates and indices.

Safe to run again: existing topics and templates are reported as "already
exists" (or "updated" when their settings changed). Existing indices get the
fields their template gained ("mapping <index>: updated"; a field whose type
changed needs a reindex and is reported), and articles/events indexed without
@timestamp get it. Reads PARLEY_KAFKA_BOOTSTRAP,
PARLEY_ES_URL, PARLEY_TOPIC_PARTITIONS, PARLEY_TOPIC_REPLICATION,
PARLEY_TOPIC_MIN_INSYNC, PARLEY_ES_SHARDS, PARLEY_ES_REPLICAS and
PARLEY_INDEX_PREFIX; the options below override them.

Refuses (exit 1, nothing changed on that side) settings the clusters cannot
hold: a replication factor above the number of Kafka brokers, or as many
Elasticsearch replicas as data nodes or more; the message says what to change.
""")
@click.option("--kafka", "kafka", metavar="HOST:PORT", help="Kafka bootstrap servers (default: $PARLEY_KAFKA_BOOTSTRAP).")
@click.option("--es", "es", metavar="URL", help="Elasticsearch URL (default: $PARLEY_ES_URL).")
@click.option("--skip-kafka", is_flag=True, help="Do not touch Kafka.")
@click.option("--skip-es", is_flag=True, help="Do not touch Elasticsearch.")
def setup(kafka: str | None, es: str | None, skip_kafka: bool, skip_es: bool) -> None:
    from ..config import Settings

    settings = Settings.from_env()
    if kafka:
        settings = settings.with_(kafka_bootstrap=kafka)
    if es:
        settings = settings.with_(es_url=es)
    failed = False
    if not skip_kafka:
        from ..capacity import ClusterTooSmallError
        from ..kafka_admin import KafkaUnavailableError, ensure_changelog_topics, ensure_topics

        try:
            for label, status in ensure_topics(settings):
                click.echo(f"{label}: {status}")
            for label, status in ensure_changelog_topics(settings, _changelogs(settings)):
                click.echo(f"{label}: {status}")
        except (KafkaUnavailableError, ClusterTooSmallError) as exc:
            click.echo(f"error: {exc}", err=True)
            failed = True
    if not skip_es:
        from ..sinks.base import SinkUnavailableError
        from ..sinks.elasticsearch import ElasticsearchSink

        from ..capacity import ClusterTooSmallError, es_problems

        async def run() -> list[tuple[str, str]]:
            sink = ElasticsearchSink(settings.es_url, prefix=settings.index_prefix, shards=settings.es_shards,
                                     replicas=settings.es_replicas)
            try:
                problems = es_problems(settings, await sink.data_nodes())
                if problems:
                    raise ClusterTooSmallError("; ".join(problems))
                return await sink.setup()
            finally:
                await sink.close()

        try:
            for label, status in asyncio.run(run()):
                click.echo(f"{label}: {status}")
        except (SinkUnavailableError, ClusterTooSmallError) as exc:
            click.echo(f"error: {exc}", err=True)
            failed = True
    if failed:
        sys.exit(1)


def _changelogs(settings) -> list[tuple[str, int, dict[str, str]]]:
    """The changelog topics of the worker's tables (its app built, not started)."""
    from prometheus_client import CollectorRegistry

    from ..app import build_app, changelog_topics

    return changelog_topics(build_app(settings, registry=CollectorRegistry()).app)
