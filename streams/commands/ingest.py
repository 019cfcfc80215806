"""`parley ingest PATH|-`: send articles to Kafka's articles.raw, keyed by article id."""

from __future__ import annotations

import sys

import click

__all__ = ["ingest"]


@click.command(help="""Send articles to Kafka (topic articles.raw), keyed by article id.

PATH is a JSON Lines file (one article per line: `text` or `html`, optional
`url`/`id`, `title`, `lang`, `published`, `source`), a .txt or .html file (one
article), a folder (searched recursively for .jsonl/.ndjson/.json/.txt/.html),
or `-` for JSON Lines on stdin. Bad lines are reported as FILE:LINE and
skipped; the exit status is 1 when any line was bad. Run `parley worker` to tag
and index what was sent.
""")
@click.argument("path", default="-")
@click.option("--kafka", metavar="HOST:PORT", help="Kafka bootstrap servers (default: $PARLEY_KAFKA_BOOTSTRAP).")
@click.option("--topic", help="Topic to send to (default: articles.raw).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def ingest(path: str, kafka: str | None, topic: str | None, quiet: bool) -> None:
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from ..config import Settings
    from ..kafka_admin import KafkaUnavailableError
    from ..sources.articles import iter_path
    from ..sources.producer import ArticleProducer

    settings = Settings.from_env()
    if kafka:
        settings = settings.with_(kafka_bootstrap=kafka)
    err = Console(stderr=True)
    try:
        producer = ArticleProducer(settings, topic=topic)
    except KafkaUnavailableError as exc:
        raise click.ClickException(str(exc)) from None
    errors = 0
    failures: list[str] = []

    def on_error(origin: str) -> object:
        def callback(exc: BaseException) -> None:
            failures.append(f"{origin}: not sent: {exc}")
        return callback

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=err, disable=quiet, transient=True) as progress:
        task = progress.add_task("sending", total=None)
        for item in iter_path(path):
            if item.error:
                errors += 1
                progress.console.print(f"[red]{item.origin}[/red]: {item.error}", highlight=False, soft_wrap=True)
                continue
            try:
                producer.send(item.article, on_error=on_error(item.origin))
            except Exception as exc:  # noqa: BLE001 - e.g. MessageSizeTooLargeError: report and go on
                errors += 1
                progress.console.print(f"[red]{item.origin}[/red]: not sent: {exc}", highlight=False, soft_wrap=True)
                continue
            progress.update(task, description=f"sent {producer.sent} articles to {producer.topic}")
        producer.close()
    for line in failures:
        err.print(f"[red]{line}[/red]", highlight=False, soft_wrap=True)
    sent = producer.sent - len(failures)
    errors += len(failures)
    click.echo(f"sent {sent} articles to {producer.topic}" + (f", {errors} error(s)" if errors else ""), err=True)
    if errors:
        sys.exit(1)
