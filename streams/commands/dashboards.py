"""`parley dashboards`: build, check and import the Kibana dashboards.

    parley dashboards build            # dashboards/kibana/src/*.yaml -> parley.ndjson
    parley dashboards check            # static checks, no Kibana needed
    parley dashboards import --kibana http://localhost:5601
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

__all__ = ["dashboards"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def dashboards() -> None:
    """Kibana dashboards as code: build the saved objects, check them, import them.

    The sources are dashboards/kibana/src/*.yaml (one file per dashboard, plus
    dataviews.yaml naming every field the panels expect); `build` turns them into
    dashboards/kibana/parley.ndjson, which `import` sends to Kibana.
    """


@dashboards.command("build")
@click.option("--check", "only_check", is_flag=True, help="Do not write; exit 1 if the NDJSON is stale.")
def build(only_check: bool) -> None:
    """Regenerate dashboards/kibana/parley.ndjson from the YAML sources."""
    from streams.dashboards import NDJSON_PATH, SpecError, build_ndjson

    try:
        text = build_ndjson()
    except SpecError as exc:
        raise click.ClickException(f"{exc}\nFix the source file, then run `parley dashboards build` again.")
    current = NDJSON_PATH.read_text(encoding="utf-8") if NDJSON_PATH.exists() else ""
    if only_check:
        if current != text:
            raise click.ClickException(f"{NDJSON_PATH} is stale: run `parley dashboards build` and commit it.")
        click.echo(f"{NDJSON_PATH} is up to date")
        return
    NDJSON_PATH.write_text(text, encoding="utf-8")
    state = "unchanged" if current == text else "updated"
    click.echo(f"wrote {NDJSON_PATH}: {len(text.splitlines())} saved objects ({state})")


@dashboards.command("check")
@click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Directory of index templates (default: streams/templates).")
@click.option("--kibana-version", default=None, metavar="X.Y.Z",
              help="Kibana to check the migration versions for (default: the one .env pins for docker-compose).")
def check(templates: Path | None, kibana_version: str | None) -> None:
    """Check the saved objects without Kibana: Kibana 8 shape, migration versions, references, fields."""
    import json

    from streams.dashboards import NDJSON_PATH, SpecError, load_sources
    from streams.dashboards.checks import KIBANA_VERSION, run_all
    from streams.dashboards.kibana import build_objects
    from streams.dashboards.spec import TEMPLATES_DIR

    try:
        sources = load_sources()
        built = build_objects(sources)
    except SpecError as exc:
        raise click.ClickException(str(exc))
    if not NDJSON_PATH.exists():
        raise click.ClickException(f"{NDJSON_PATH} is missing: run `parley dashboards build`.")
    objects = [json.loads(line) for line in NDJSON_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]
    kibana_version = kibana_version or KIBANA_VERSION
    problems = run_all(sources, objects, templates or TEMPLATES_DIR, kibana_version)
    if objects != built:
        problems.insert(0, f"{NDJSON_PATH} is stale: run `parley dashboards build`")
    for problem in problems:
        click.echo(f"  ✗ {problem}", err=True)
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) in the dashboards")
    click.echo(f"ok: {len(objects)} saved objects for Kibana {kibana_version}; "
               "shapes, migration versions, references and fields check out")


@dashboards.command("requests")
@click.option("--time-from", default=None, help="Start of the time range (default: each dashboard's).")
@click.option("--time-to", default=None, help="End of the time range (default: each dashboard's).")
def requests_(time_from: str | None, time_to: str | None) -> None:
    """Print the Elasticsearch request each panel makes (what the integration test runs)."""
    from streams.dashboards import load_sources
    from streams.dashboards.esquery import panel_request

    sources = load_sources()
    for dash in sources.dashboards:
        click.echo(f"# {dash.title}")
        for panel in dash.panels:
            req = panel_request(sources, panel, dashboard=dash, time_from=time_from, time_to=time_to)
            click.echo(f"{dash.id}/{panel.id} ({panel.kind}): {req.describe()}")


@dashboards.command("import")
@click.option("--kibana", "kibana_url", envvar="PARLEY_KIBANA_URL", default="http://localhost:5601",
              show_default=True, help="Kibana base URL (env PARLEY_KIBANA_URL); user:password@ for basic auth.")
@click.option("--file", "ndjson_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="NDJSON to import (default: dashboards/kibana/parley.ndjson).")
@click.option("--space", default=None, help="Kibana space id (default space if omitted).")
@click.option("--wait", "wait_seconds", type=float, default=0.0, show_default=True,
              help="Keep retrying this many seconds while Kibana is starting.")
@click.option("--index-prefix", envvar="PARLEY_INDEX_PREFIX", default="parley", show_default=True,
              help="Index prefix the data views point at (env PARLEY_INDEX_PREFIX, as the workers use).")
def import_(kibana_url: str, ndjson_file: Path | None, space: str | None, wait_seconds: float,
            index_prefix: str) -> None:
    """Import the dashboards into Kibana (overwrites Parley's objects; safe to repeat)."""
    import json

    from streams.dashboards.importer import KibanaRefused, KibanaUnreachable, import_saved_objects, public_url
    from streams.dashboards.kibana import DEFAULT_INDEX_PREFIX, to_ndjson, with_index_prefix
    from streams.dashboards.spec import find_ndjson

    path = ndjson_file or find_ndjson()
    if not path.exists():
        raise click.ClickException(f"{path} is missing: run `parley dashboards build`.")
    data = path.read_bytes()
    if index_prefix != DEFAULT_INDEX_PREFIX:
        objects = [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]
        data = to_ndjson(with_index_prefix(objects, index_prefix)).encode("utf-8")
    try:
        result = import_saved_objects(kibana_url, data, filename=path.name, space=space, wait_seconds=wait_seconds)
    except KibanaUnreachable as exc:
        raise click.ClickException(str(exc))
    except KibanaRefused as exc:
        for line in exc.lines():
            click.echo(f"  ✗ {line}", err=True)
        raise click.ClickException(str(exc))
    shown = public_url(kibana_url)
    click.echo(f"imported {result.success_count} saved objects into {shown}")
    click.echo(f"open {shown}/app/dashboards and pick a \"Parley ·\" dashboard")


if __name__ == "__main__":  # pragma: no cover
    dashboards(sys.argv[1:])
