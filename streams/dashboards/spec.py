"""The readable sources of Parley's Kibana dashboards, loaded and validated.

The sources live in dashboards/kibana/src/: `dataviews.yaml` (the data views and
every field the panels expect the index templates to map) and one YAML file per
dashboard. A panel reads like what an analyst sees:

    - id: top-countries
      title: "Top countries"
      kind: bar                       # timeseries | bar | table | pie | metric | map | search
      data_view: parley-events
      query: "family:ceasefire"       # Lucene syntax, optional
      terms: {field: countries, size: 15}
      grid: {x: 0, y: 12, w: 16, h: 14}

The same objects feed the Kibana builder (streams.dashboards.kibana), the static
checks (streams.dashboards.checks) and the Elasticsearch translator used by the
integration test (streams.dashboards.esquery), so the three cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from processors.errors import ParleyError

__all__ = [
    "REPO_ROOT",
    "SOURCES_DIR",
    "NDJSON_PATH",
    "TEMPLATES_DIR",
    "find_ndjson",
    "PANEL_KINDS",
    "SpecError",
    "Terms",
    "Grid",
    "Panel",
    "Dashboard",
    "DataView",
    "Sources",
    "load_sources",
]

REPO_ROOT = Path(__file__).resolve().parents[2]
SOURCES_DIR = REPO_ROOT / "dashboards" / "kibana" / "src"
NDJSON_PATH = REPO_ROOT / "dashboards" / "kibana" / "parley.ndjson"
TEMPLATES_DIR = REPO_ROOT / "streams" / "templates"


def find_ndjson() -> Path:
    """The NDJSON to import: the repo's, else ./dashboards/kibana/parley.ndjson.

    The second case is the docker image, where `streams` is installed in site-packages
    and the dashboards are copied to the working directory (/app).
    """
    for candidate in (NDJSON_PATH, Path.cwd() / "dashboards" / "kibana" / "parley.ndjson"):
        if candidate.exists():
            return candidate
    return NDJSON_PATH

PANEL_KINDS = ("timeseries", "bar", "table", "pie", "metric", "map", "search")
SERIES = ("bar_stacked", "line", "area_stacked", "bar")
FIELD_TYPES = ("keyword", "date", "geo_point", "text", "long", "integer", "boolean")


class SpecError(ParleyError):
    """A dashboard source that cannot be built; the message names the file and panel."""

    reason = "bad_dashboard_source"


@dataclass(frozen=True)
class Terms:
    """A "top values" bucket: a terms aggregation on `field`, `size` buckets."""

    field: str
    size: int = 10


@dataclass(frozen=True)
class Grid:
    """Position on Kibana's 48-column dashboard grid."""

    x: int
    y: int
    w: int
    h: int


@dataclass(frozen=True)
class Panel:
    id: str
    title: str
    kind: str
    data_view: str
    grid: Grid
    query: str = ""
    series: str = "bar_stacked"
    interval: str = "auto"
    breakdown: Terms | None = None
    terms: Terms | None = None
    rows: tuple[Terms, ...] = ()
    geo_field: str = ""
    tooltip: tuple[str, ...] = ()
    limit: int = 2000
    columns: tuple[str, ...] = ()
    size: int = 50

    def fields(self) -> list[tuple[str, str]]:
        """Every (field, use) this panel reads; `use` says what the panel does with it."""
        used: list[tuple[str, str]] = []
        if self.kind == "timeseries":
            used.append(("@time", "date_histogram"))
        for t in (self.breakdown, self.terms, *self.rows):
            if t is not None:
                used.append((t.field, "terms"))
        if self.geo_field:
            used.append((self.geo_field, "geo"))
        used.extend((f, "display") for f in self.tooltip)
        used.extend((f, "display") for f in self.columns)
        if self.kind == "search":
            used.append(("@time", "sort"))
        return used


@dataclass(frozen=True)
class Dashboard:
    id: str
    title: str
    description: str
    time_from: str
    time_to: str
    refresh_seconds: int
    panels: tuple[Panel, ...]
    source: Path


@dataclass(frozen=True)
class DataView:
    id: str
    title: str
    name: str
    time_field: str
    example_index: str
    expected_fields: Mapping[str, str]
    url_fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sources:
    data_views: dict[str, DataView]
    dashboards: tuple[Dashboard, ...] = field(default_factory=tuple)

    def resolve_field(self, panel: Panel, name: str) -> str:
        """The concrete field for `name` ("@time" is the data view's time field)."""
        return self.data_views[panel.data_view].time_field if name == "@time" else name


def _need(mapping: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in mapping or mapping[key] in (None, ""):
        raise SpecError(f"{where}: missing `{key}`")
    return mapping[key]


def _terms(raw: Any, where: str) -> Terms:
    if not isinstance(raw, Mapping):
        raise SpecError(f"{where}: expected {{field: ..., size: ...}}, got {raw!r}")
    size = int(raw.get("size", 10))
    if not 1 <= size <= 500:
        raise SpecError(f"{where}: size {size} out of range 1..500")
    return Terms(field=str(_need(raw, "field", where)), size=size)


def _panel(raw: Mapping[str, Any], where: str, data_views: Mapping[str, DataView]) -> Panel:
    pid = str(_need(raw, "id", where))
    where = f"{where} panel {pid!r}"
    kind = _need(raw, "kind", where)
    if kind not in PANEL_KINDS:
        raise SpecError(f"{where}: kind {kind!r} is not one of {', '.join(PANEL_KINDS)}")
    dv = _need(raw, "data_view", where)
    if dv not in data_views:
        raise SpecError(f"{where}: unknown data_view {dv!r} (dataviews.yaml has {', '.join(data_views)})")
    g = _need(raw, "grid", where)
    grid = Grid(int(g["x"]), int(g["y"]), int(g["w"]), int(g["h"]))
    if grid.x < 0 or grid.w < 1 or grid.x + grid.w > 48:
        raise SpecError(f"{where}: grid {grid} does not fit Kibana's 48 columns")
    series = raw.get("series", "bar_stacked")
    if series not in SERIES:
        raise SpecError(f"{where}: series {series!r} is not one of {', '.join(SERIES)}")
    panel = Panel(
        id=pid,
        title=str(_need(raw, "title", where)),
        kind=kind,
        data_view=dv,
        grid=grid,
        query=str(raw.get("query", "") or ""),
        series=series,
        interval=str(raw.get("interval", "auto")),
        breakdown=_terms(raw["breakdown"], f"{where} breakdown") if raw.get("breakdown") else None,
        terms=_terms(raw["terms"], f"{where} terms") if raw.get("terms") else None,
        rows=tuple(_terms(r, f"{where} rows") for r in raw.get("rows", ()) or ()),
        geo_field=str(raw.get("geo_field", "") or ""),
        tooltip=tuple(raw.get("tooltip", ()) or ()),
        limit=int(raw.get("limit", 2000)),
        columns=tuple(raw.get("columns", ()) or ()),
        size=int(raw.get("size", 50)),
    )
    required = {"bar": "terms", "pie": "terms", "table": "rows", "map": "geo_field", "search": "columns"}
    if kind in required and not getattr(panel, required[kind]):
        raise SpecError(f"{where}: a {kind} panel needs `{required[kind]}`")
    return panel


def _overlaps(a: Grid, b: Grid) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


def load_sources(directory: Path = SOURCES_DIR) -> Sources:
    """Read dataviews.yaml and every other *.yaml in `directory`, in name order.

    Raises SpecError with the file and panel at fault, so `parley dashboards build`
    can tell the author what to fix.
    """
    dv_path = directory / "dataviews.yaml"
    if not dv_path.exists():
        raise SpecError(f"{dv_path}: not found")
    raw_dv = yaml.safe_load(dv_path.read_text(encoding="utf-8")) or {}
    data_views: dict[str, DataView] = {}
    for raw in raw_dv.get("data_views", []):
        where = f"{dv_path.name} data view {raw.get('id')!r}"
        expected = dict(raw.get("expected_fields") or {})
        for name, ftype in expected.items():
            if ftype not in FIELD_TYPES:
                raise SpecError(f"{where}: field {name!r} has unknown type {ftype!r}")
        dv = DataView(
            id=str(_need(raw, "id", where)),
            title=str(_need(raw, "title", where)),
            name=str(raw.get("name") or raw["title"]),
            time_field=str(_need(raw, "time_field", where)),
            example_index=str(_need(raw, "example_index", where)),
            expected_fields=expected,
            url_fields=tuple(raw.get("url_fields", ()) or ()),
        )
        if dv.time_field not in expected:
            raise SpecError(f"{where}: time_field {dv.time_field!r} must be listed in expected_fields")
        data_views[dv.id] = dv

    dashboards: list[Dashboard] = []
    for path in sorted(directory.glob("*.yaml")):
        if path == dv_path:
            continue
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        where = path.name
        time = raw.get("time") or {}
        panels = tuple(_panel(p, where, data_views) for p in raw.get("panels", []))
        if not panels:
            raise SpecError(f"{where}: a dashboard needs panels")
        ids = [p.id for p in panels]
        if len(ids) != len(set(ids)):
            raise SpecError(f"{where}: panel ids repeat: {sorted(i for i in ids if ids.count(i) > 1)}")
        for i, a in enumerate(panels):
            for b in panels[i + 1 :]:
                if _overlaps(a.grid, b.grid):
                    raise SpecError(f"{where}: panels {a.id!r} and {b.id!r} overlap on the grid")
        for p in panels:
            for name, _use in p.fields():
                concrete = data_views[p.data_view].time_field if name == "@time" else name
                if concrete not in data_views[p.data_view].expected_fields:
                    raise SpecError(
                        f"{where} panel {p.id!r}: field {concrete!r} is not declared in "
                        f"dataviews.yaml expected_fields of {p.data_view!r} (declare it there)"
                    )
        refresh = int(_need(raw, "refresh_seconds", where))
        if refresh < 5:
            raise SpecError(f"{where}: refresh_seconds {refresh} is too fast for Kibana (>= 5)")
        dashboards.append(
            Dashboard(
                id=str(_need(raw, "id", where)),
                title=str(_need(raw, "title", where)),
                description=str(raw.get("description", "")),
                time_from=str(time.get("from", "now-7d")),
                time_to=str(time.get("to", "now")),
                refresh_seconds=refresh,
                panels=panels,
                source=path,
            )
        )
    if not dashboards:
        raise SpecError(f"{directory}: no dashboard sources (*.yaml besides dataviews.yaml)")
    return Sources(data_views=data_views, dashboards=tuple(dashboards))
