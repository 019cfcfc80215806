"""`parley search QUERY`: full-text search of indexed articles, with their tags and events."""

from __future__ import annotations

from typing import Any

import click

__all__ = ["search", "build_query"]


def build_query(query: str, *, lang: str | None = None, tags: tuple[str, ...] = (), countries: tuple[str, ...] = ()) -> dict[str, Any]:
    """The Elasticsearch query: multi_match over the title and every language subfield of ``text``."""
    filters: list[dict[str, Any]] = []
    if lang:
        filters.append({"term": {"lang": lang}})
    for tag in tags:
        filters.append({"term": {"tags": tag}})
    for country in countries:
        filters.append({"term": {"countries": country.upper()}})
    must: list[dict[str, Any]] = (
        [{"multi_match": {"query": query, "fields": ["title^2", "text.*"], "type": "best_fields"}}]
        if query.strip() and query.strip() != "*"
        else [{"match_all": {}}]
    )
    return {"bool": {"must": must, "filter": filters}}


@click.command(help="""Search articles indexed in Elasticsearch (alias parley-articles).

QUERY is matched against titles and texts, each text with its own language's
analyzer (so "negotiations" also finds "negotiated"; Arabic, Russian, Indonesian,
... texts are stemmed by their own rules). Use `*` to list the latest articles.

\b
Examples:
  parley search ceasefire --tag ceasefire --lang en
  parley search "gencatan senjata" --lang id --size 5
  parley search '*' --country ARM
""")
@click.argument("query")
@click.option("--lang", help="Only articles in this language (ISO 639-1, e.g. en, id, ar).")
@click.option("--tag", "tags", multiple=True, help="Only articles with this family: diplomatic_meeting, peace_process, ceasefire (repeatable).")
@click.option("--country", "countries", multiple=True, help="Only articles involving this ISO3 country code (repeatable).")
@click.option("--size", default=10, show_default=True, type=click.IntRange(1, 1000), help="How many hits to show.")
@click.option("--es", metavar="URL", help="Elasticsearch URL (default: $PARLEY_ES_URL).")
@click.option("--json", "as_json", is_flag=True, help="Print raw hits as JSON Lines instead of a table.")
def search(query: str, lang: str | None, tags: tuple[str, ...], countries: tuple[str, ...], size: int, es: str | None, as_json: bool) -> None:
    import json

    from elastic_transport import TransportError
    from elasticsearch import Elasticsearch, NotFoundError
    from rich.console import Console
    from rich.table import Table

    from ..config import Settings

    settings = Settings.from_env()
    url = es or settings.es_url
    index = settings.index("articles")
    client = Elasticsearch(url, request_timeout=30)
    body_query = build_query(query, lang=lang, tags=tags, countries=countries)
    sort = None if query.strip() not in ("", "*") else [{"ingested_at": {"order": "desc", "unmapped_type": "date"}}]
    try:
        resp = client.search(index=index, query=body_query, size=size, sort=sort,
                             source_excludes=["text"], track_total_hits=True)
    except TransportError as exc:
        raise click.ClickException(f"cannot reach Elasticsearch at {url} ({exc.__class__.__name__}); start it or set PARLEY_ES_URL") from None
    except NotFoundError:
        raise click.ClickException(f"no index {index!r} at {url}: run `parley setup`, then `parley worker` to index articles") from None
    finally:
        client.close()
    hits = resp["hits"]["hits"]
    total = resp["hits"]["total"]["value"]
    if as_json:
        for h in hits:
            click.echo(json.dumps({"_id": h["_id"], "_score": h["_score"], **h["_source"]}, ensure_ascii=False))
        return
    console = Console()
    table = Table(title=f"{total} articles match {query!r} (showing {len(hits)})", show_lines=True)
    for col in ("article", "lang", "tags", "countries", "events"):
        table.add_column(col, overflow="fold")
    for h in hits:
        src = h["_source"]
        events = "\n".join(_event_line(e) for e in src.get("events") or []) or "-"
        table.add_row(
            f"{src.get('title') or '(no title)'}\n[dim]{src.get('url') or h['_id']}[/dim]\n[dim]{src.get('published') or ''}[/dim]",
            src.get("lang") or "",
            ", ".join(src.get("tags") or []) or "-",
            ", ".join(src.get("countries") or []) or "-",
            events,
        )
    console.print(table)


def _event_line(e: dict[str, Any]) -> str:
    bits = [e.get("family") or "?"]
    bits += [str(e[k]) for k in ("status", "stage", "mode") if e.get(k)]
    if e.get("where"):
        bits.append(f"@ {e['where']}")
    if e.get("date"):
        bits.append(str(e["date"]))
    line = " ".join(bits)
    if e.get("evidence"):
        line += f' — "{e["evidence"]}"'
    return line
