"""`parley feeds --config feeds.yaml`: poll RSS/Atom feeds into articles.raw."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

__all__ = ["feeds"]


@click.command(help="""Poll RSS/Atom feeds and send each new item's article to Kafka (articles.raw).

\b
feeds.yaml:
  interval: 300                 # seconds between polls
  feeds:
    - url: https://example.org/world/rss.xml
      source: Example News      # optional
      lang: en                  # optional hint for the tagger
      full_text: true           # fetch each linked page (default)

Uses conditional GET (ETag / Last-Modified). Items already sent are remembered
in the compacted Kafka topic feeds.seen, so re-polls and restarts send nothing
twice (and an item re-sent anyway keeps its id: its canonical URL).
""")
@click.option("--config", "config_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path), help="feeds.yaml")
@click.option("--once", is_flag=True, help="Poll every feed once and exit (for cron).")
@click.option("--kafka", metavar="HOST:PORT", help="Kafka bootstrap servers (default: $PARLEY_KAFKA_BOOTSTRAP).")
def feeds(config_path: Path, once: bool, kafka: str | None) -> None:
    import yaml

    from ..config import Settings
    from ..kafka_admin import KafkaUnavailableError
    from ..sources.feeds import FeedPoller, KafkaSeenStore, load_config
    from ..sources.producer import ArticleProducer
    from ..topics import FEEDS_SEEN

    try:
        config = load_config(yaml.safe_load(config_path.read_text("utf-8")) or {})
    except (ValueError, yaml.YAMLError) as exc:
        raise click.ClickException(f"{config_path}: {exc}") from None
    settings = Settings.from_env()
    if kafka:
        settings = settings.with_(kafka_bootstrap=kafka)
    try:
        producer = ArticleProducer(settings)
        store = KafkaSeenStore(settings.bootstrap_servers, settings.topic(FEEDS_SEEN))
    except KafkaUnavailableError as exc:
        raise click.ClickException(str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - kafka-python raises several kinds when the broker is away
        raise click.ClickException(f"cannot reach Kafka at {settings.kafka_bootstrap}: {exc}") from None
    poller = FeedPoller(store, producer.send, flush=producer.flush)
    failed = False
    try:
        while True:
            for feed in config.feeds:
                r = poller.poll(feed)
                line = f"feed={r.feed} status={r.status} new={r.new} skipped={r.skipped}"
                click.echo(line + (f" error={r.error!r}" if r.error else ""), err=True)
                failed = failed or r.status == "error"
            if once:
                break
            time.sleep(config.interval)
    except KeyboardInterrupt:
        pass
    finally:
        producer.close()
        store.close()
    if once and failed:
        sys.exit(1)
