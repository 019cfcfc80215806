"""`parley worker`: run one pipeline worker (Faust), with /metrics for Prometheus."""

from __future__ import annotations

import logging

import click

__all__ = ["worker"]


@click.command(help="""Run a pipeline worker: articles.raw -> tag -> articles.tagged -> Elasticsearch.

Start as many as you like: workers with the same PARLEY_APP_ID form one Kafka
consumer group and share the partitions. Each worker serves Prometheus metrics
on --metrics-port (/metrics) and accepts articles on POST /articles of its
web server (--web-port). Stop with Ctrl-C (or SIGTERM); offsets of articles not
yet indexed are not committed, so nothing is lost.
""")
@click.option("--web-port", type=int, help="Faust web server port (POST /articles). Default $PARLEY_WORKER_WEB_PORT or 6066.")
@click.option("--web-bind", help="Address the web server listens on. Default $PARLEY_WORKER_WEB_BIND or 127.0.0.1.")
@click.option("--metrics-port", type=int, help="Prometheus /metrics port; 0 turns it off. Default $PARLEY_METRICS_PORT or 9464.")
@click.option("--metrics-bind", help="Address /metrics listens on. Default $PARLEY_METRICS_BIND or 127.0.0.1.")
@click.option("--loglevel", default="warning", show_default=True, type=click.Choice(["debug", "info", "warning", "error"]))
def worker(web_port: int | None, web_bind: str | None, metrics_port: int | None, metrics_bind: str | None, loglevel: str) -> None:
    import faust

    from ..app import build_app
    from ..config import Settings

    try:  # uvloop: a faster event loop (Faust's per-message overhead is mostly asyncio's)
        import uvloop  # noqa: F401
        import mode.loop

        mode.loop.use("uvloop")
    except ImportError:
        pass

    settings = Settings.from_env()
    overrides = {
        "web_port": web_port,
        "web_bind": web_bind,
        "metrics_port": metrics_port,
        "metrics_bind": metrics_bind,
    }
    settings = settings.with_(**{k: v for k, v in overrides.items() if v is not None})
    from prometheus_client import REGISTRY

    from ..metrics import Metrics

    metrics = Metrics.create(REGISTRY)
    tag_pool = None
    if settings.tag_processes > 0:
        from ..agents.tag import start_tag_pool
        from ..agents.tag_pool import TagPool

        # replaced when a tagging process dies (streams/agents/tag_pool.py)
        tag_pool = TagPool(lambda: start_tag_pool(settings.tag_processes, settings.tagger), metrics=metrics).open()
    pipeline = build_app(settings, tag_pool=tag_pool, metrics=metrics)
    if tag_pool is None:
        _warm_up(pipeline.tagger)
    import gc

    gc.collect()
    # the tagger's lexicons, gazetteer and automata (~500k long-lived objects) leave the cyclic
    # GC's view: each full collection walked them all (~0.15 s, a few per 5,000 articles)
    gc.freeze()
    if settings.metrics_port:
        try:
            pipeline.metrics.serve(settings.metrics_port, settings.metrics_bind)
        except OSError as exc:
            raise click.ClickException(
                f"cannot serve /metrics on {settings.metrics_bind}:{settings.metrics_port} ({exc}); "
                "pick another --metrics-port (or 0 to turn metrics off)"
            ) from None
    click.echo(
        f"parley worker app_id={settings.app_id} kafka={settings.kafka_bootstrap} es={settings.es_url} "
        f"web=http://{settings.web_bind}:{settings.web_port} "
        f"metrics={'off' if not settings.metrics_port else f'http://{settings.metrics_bind}:{settings.metrics_port}/metrics'}",
        err=True,
    )
    class Worker(faust.Worker):
        def on_setup_root_logger(self, logger: logging.Logger, level: int) -> None:
            # Faust's terminal spinner sets the root logger to DEBUG so that it spins on every
            # record: thousands of discarded log records per second on a busy worker.
            self.spinner = None
            super().on_setup_root_logger(logger, level)

    Worker(pipeline.app, loglevel=loglevel, quiet=True).execute_from_commandline()


def _warm_up(tagger: object) -> None:
    """Load the tagger's lexicons and models now, not on the first articles.

    They load lazily, per language and per extractor (gazetteer, dates, figures): one
    sentence loaded a fifth of them and the first real articles stalled the stream for
    ~0.7 s more. Synthetic articles in 8 languages, with and without events, load them all.
    """
    from ..sources.synthetic import synthetic_articles

    try:
        tagger({"text": "Envoys met in Geneva for ceasefire talks."})  # type: ignore[operator]
        for article in synthetic_articles(48, seed=1):
            tagger(article, include_text=True)  # type: ignore[operator]
    except Exception as exc:  # noqa: BLE001 - a broken tagger shows up in the dead-letter topic instead
        click.echo(f"warning: tagger warm-up failed: {exc}", err=True)
