"""Translate a dashboard panel into the Elasticsearch request it makes, and read the
answer back as the rows the panel draws.

Used by tests/integration/test_dashboard_queries.py to check every panel against a
real Elasticsearch node, and handy by hand:

    >>> from streams.dashboards.spec import load_sources
    >>> from streams.dashboards.esquery import panel_request
    >>> src = load_sources()
    >>> dash = src.dashboards[0]
    >>> req = panel_request(src, dash.panels[0], time_from="now-30d")
    >>> req.index, sorted(req.body)
    ('parley-events', ['aggs', 'query', 'size', 'track_total_hits'])

What Kibana does, and what this translation keeps:
- The query bar text in Lucene syntax becomes a `query_string` query with
  `analyze_wildcard: true` (Kibana's luceneStringToDsl plus its default
  query:queryString:options), ANDed with a range filter on the data view's time
  field for the dashboard's time range.
- Lens nests its bucket aggregations in the layer's columnOrder (terms before the
  date_histogram in a broken-down time series), and orders "Top values" by the
  count column, i.e. `order: {"_count": "desc"}`.
- Lens' "auto" date interval depends on the screen; here it is a fixed interval
  (one day unless told), and empty rows are left out (min_doc_count 1).
- A saved search sorts by the time field, newest first, and shows its columns.
- A map document layer (ES_SEARCH) asks for documents that have the geo_point; Kibana
  fetches them as vector tiles (_mvt), this asks for the same documents as hits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from streams.dashboards.kibana import lens_layer
from streams.dashboards.spec import Dashboard, Panel, Sources

__all__ = ["PanelRequest", "panel_request", "panel_rows", "get_path", "geo_point_latlon"]


@dataclass(frozen=True)
class PanelRequest:
    """`POST /{index}/_search` with `body`: what a panel asks of Elasticsearch."""

    panel: Panel
    index: str
    body: dict[str, Any]
    bucket_fields: tuple[str, ...] = ()

    def describe(self) -> str:
        import json

        return f"POST /{self.index}/_search {json.dumps(self.body, sort_keys=True)}"


def _filters(sources: Sources, panel: Panel, time_from: str, time_to: str) -> dict[str, Any]:
    dv = sources.data_views[panel.data_view]
    must: list[dict[str, Any]] = []
    if panel.query.strip():
        must.append({"query_string": {"query": panel.query, "analyze_wildcard": True}})
    filters: list[dict[str, Any]] = [
        {"range": {dv.time_field: {"gte": time_from, "lte": time_to, "format": "strict_date_optional_time"}}}
    ]
    if panel.kind == "map":
        filters.append({"exists": {"field": panel.geo_field}})
    return {"bool": {"must": must, "filter": filters}}


def panel_request(
    sources: Sources,
    panel: Panel,
    *,
    dashboard: Dashboard | None = None,
    time_from: str | None = None,
    time_to: str | None = None,
    fixed_interval: str = "1d",
) -> PanelRequest:
    """The request `panel` makes for the time range (the dashboard's unless given)."""
    dash = dashboard or next(d for d in sources.dashboards if panel in d.panels)
    dv = sources.data_views[panel.data_view]
    time_from = time_from or dash.time_from
    time_to = time_to or dash.time_to
    query = _filters(sources, panel, time_from, time_to)

    if panel.kind == "search":
        body = {
            "size": panel.size,
            "query": query,
            "sort": [{dv.time_field: {"order": "desc"}}],
            "_source": [dv.time_field, *panel.columns],
        }
        return PanelRequest(panel, dv.title, body)
    if panel.kind == "map":
        body = {
            "size": min(panel.limit, 10000),
            "query": query,
            "sort": [{dv.time_field: {"order": "desc"}}],
            "_source": [panel.geo_field, *panel.tooltip],
        }
        return PanelRequest(panel, dv.title, body)

    # Lens: nest the bucket columns in columnOrder, exactly as the saved object has them.
    _layer_id, formbased, _vis, _vtype = lens_layer(dash, panel, dv)
    aggs: dict[str, Any] = {}
    cursor = aggs
    bucket_fields: list[str] = []
    for cid in formbased["columnOrder"]:
        col = formbased["columns"][cid]
        if not col["isBucketed"]:
            continue
        if col["operationType"] == "terms":
            agg = {"terms": {"field": col["sourceField"], "size": col["params"]["size"], "order": {"_count": "desc"}}}
        elif col["operationType"] == "date_histogram":
            agg = {"date_histogram": {"field": col["sourceField"], "fixed_interval": fixed_interval, "min_doc_count": 1}}
        else:  # pragma: no cover - kibana.lens_layer makes only these two
            raise ValueError(f"no translation for {col['operationType']}")
        name = f"b{len(bucket_fields)}"
        bucket_fields.append(col["sourceField"])
        cursor[name] = agg
        cursor = agg.setdefault("aggs", {})
    _drop_empty_aggs(aggs)
    body = {"size": 0, "track_total_hits": True, "query": query}
    if aggs:
        body["aggs"] = aggs
    return PanelRequest(panel, dv.title, body, tuple(bucket_fields))


def _drop_empty_aggs(aggs: dict[str, Any]) -> None:
    for agg in aggs.values():
        if agg.get("aggs") == {}:
            del agg["aggs"]
        elif "aggs" in agg:
            _drop_empty_aggs(agg["aggs"])


def get_path(source: Mapping[str, Any], dotted: str) -> Any:
    """`source["where"]["location"]` or `source["where.location"]`, whichever exists."""
    if dotted in source:
        return source[dotted]
    head, _, rest = dotted.partition(".")
    value = source.get(head)
    if not rest:
        return value
    if isinstance(value, Mapping):
        return get_path(value, rest)
    if isinstance(value, list):
        found = [get_path(v, rest) for v in value if isinstance(v, Mapping)]
        found = [f for f in found if f is not None]
        return found or None
    return None


def geo_point_latlon(value: Any) -> tuple[float, float] | None:
    """(lat, lon) from any geo_point form Elasticsearch accepts in _source, else None."""
    if isinstance(value, Mapping) and "lat" in value and "lon" in value:
        return float(value["lat"]), float(value["lon"])
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(v, (int, float)) for v in value):
        return float(value[1]), float(value[0])  # GeoJSON order: [lon, lat]
    if isinstance(value, str):
        text = value.strip()
        if text.upper().startswith("POINT"):
            lon, lat = text[text.index("(") + 1 : text.index(")")].split()
            return float(lat), float(lon)
        if "," in text:
            lat, lon = text.split(",", 1)
            return float(lat), float(lon)
    return None


def panel_rows(request: PanelRequest, response: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """The rows the panel would draw from `response`.

    - Lens panels: one row per innermost bucket, (key of each bucket level..., count);
      a metric panel: one row (total count,).
    - search: one row per document, the values of its columns in order.
    - map: one row (lat, lon) per document whose geo_point parses.
    """
    panel = request.panel
    hits = response.get("hits", {}).get("hits", [])
    if panel.kind == "search":
        return [tuple(get_path(h.get("_source", {}), c) for c in panel.columns) for h in hits]
    if panel.kind == "map":
        points = [geo_point_latlon(get_path(h.get("_source", {}), panel.geo_field)) for h in hits]
        return [p for p in points if p is not None]
    if not request.bucket_fields:
        total = response.get("hits", {}).get("total", {})
        return [(total.get("value", 0) if isinstance(total, Mapping) else total,)]

    rows: list[tuple[Any, ...]] = []

    def walk(aggs: Mapping[str, Any], depth: int, keys: tuple[Any, ...]) -> None:
        for bucket in aggs[f"b{depth}"]["buckets"]:
            key = bucket.get("key_as_string", bucket["key"])
            if depth + 1 < len(request.bucket_fields):
                walk(bucket, depth + 1, (*keys, key))
            else:
                rows.append((*keys, key, bucket["doc_count"]))

    walk(response.get("aggregations", {}), 0, ())
    return rows
