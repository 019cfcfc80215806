"""`parley alerts tail`: alerts live in the terminal, matched words highlighted."""

from __future__ import annotations

import json
from typing import Any, Mapping

import click

__all__ = ["alerts"]


def render(alert: Mapping[str, Any]) -> Any:
    """A rich renderable of one alert/digest/update record."""
    from rich.panel import Panel
    from rich.text import Text

    sub = alert.get("subscription") or {}
    if alert.get("kind") == "update":
        return Text(f"  ↳ {sub.get('name')}: {alert.get('id')} also in {', '.join(alert.get('other_sources') or [])}",
                    style="dim")
    if alert.get("kind") == "digest":
        body = Text("\n".join(f"• {(a.get('article') or {}).get('title') or (a.get('article') or {}).get('url')}"
                              for a in alert.get("alerts") or ()))
        return Panel(body, title=f"digest {sub.get('name')} {alert.get('bucket')} ({alert.get('count')})")
    art = alert.get("article") or {}
    snippet = Text(str(alert.get("snippet") or ""))
    for s, e in alert.get("highlights") or ():
        snippet.stylize("bold black on yellow", s, e)
    head = Text(f"{art.get('title') or art.get('id')}\n", style="bold")
    meta = Text(" · ".join(x for x in (art.get("source"), art.get("lang"), ", ".join(alert.get("tags") or ()),
                                       art.get("url")) if x) + "\n", style="cyan")
    parts = [head, meta, snippet]
    if alert.get("other_sources"):
        parts.append(Text("\nalso in: " + ", ".join(alert["other_sources"]), style="dim"))
    return Panel(Text.assemble(*parts), title=f"[b]{sub.get('name')}[/b]", subtitle=str(alert.get("created_at") or ""),
                 title_align="left")


@click.group(help="Alerts: watch them live.")
def alerts() -> None:
    pass


@alerts.command(help="""Print alerts live as they are made (consumes the `alerts` topic).

Starts at the end of the topic; --from-beginning replays what is kept.
""")
@click.option("--from-beginning", is_flag=True, help="Replay the alerts kept in the topic first.")
@click.option("--subscription", "sub_id", help="Only this subscription id.")
@click.option("--json", "as_json", is_flag=True, help="One JSON record per line instead of panels.")
@click.option("--max", "max_n", type=int, default=0, help="Stop after this many alerts (0 = run until Ctrl-C).")
def tail(from_beginning: bool, sub_id: str | None, as_json: bool, max_n: int) -> None:
    from kafka import KafkaConsumer
    from kafka.errors import KafkaError
    from rich.console import Console

    from ..config import Settings
    from ..topics import ALERTS

    settings = Settings.from_env()
    topic = settings.topic(ALERTS)
    try:
        consumer = KafkaConsumer(topic, bootstrap_servers=settings.bootstrap_servers, group_id=None,
                                 auto_offset_reset="earliest" if from_beginning else "latest",
                                 enable_auto_commit=False, consumer_timeout_ms=-1 if not max_n else 600_000)
    except KafkaError as exc:
        raise click.ClickException(f"cannot reach Kafka at {settings.kafka_bootstrap} ({exc.__class__.__name__}): "
                                   "start it or set PARLEY_KAFKA_BOOTSTRAP") from None
    console = Console()
    console.print(f"[dim]tailing {topic} on {settings.kafka_bootstrap} (Ctrl-C to stop)[/dim]", highlight=False)
    n = 0
    try:
        for record in consumer:
            try:
                alert = json.loads(record.value)
            except (ValueError, TypeError):
                continue
            if sub_id and (alert.get("subscription") or {}).get("id") != sub_id:
                continue
            if as_json:
                click.echo(json.dumps(alert, ensure_ascii=False))
            else:
                console.print(render(alert))
            n += 1
            if max_n and n >= max_n:
                break
    except KeyboardInterrupt:
        pass
    finally:
        consumer.close()
