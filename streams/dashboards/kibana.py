"""Build Kibana 8 saved objects (NDJSON) from the readable dashboard sources.

Kibana cannot run here, so every shape below is taken from saved objects that
Kibana itself ships and loads, not guessed. Sources (elastic/kibana unless noted):

[DV]  data view ("index-pattern"): sample data security_solution/saved_objects.ts
      (src/plugins/home/server/services/sample_data/data_sets/, Kibana 8.10):
      attributes title, name, timeFieldName, fields "[]", fieldAttrs, fieldFormatMap,
      runtimeFieldMap, sourceFilters, typeMeta; coreMigrationVersion "8.8.0",
      typeMigrationVersion "8.0.0". The "url" field formatter id ({"id": "url"}) as
      used in index patterns by wazuh-kibana-app and others.
[SE]  saved search ("search"): same file: columns, sort [[field, "desc"]], grid,
      hideChart, isTextBasedQuery, usesAdHocDataView, timeRestore,
      kibanaSavedObjectMeta.searchSourceJSON with indexRefName, and the reference
      "kibanaSavedObjectMeta.searchSourceJSON.index"; typeMigrationVersion "8.0.0".
[DB]  dashboard: same file (typeMigrationVersion "8.9.0", by-value Lens panels with
      embeddableConfig.attributes and dashboard references named
      "<panelIndex>:indexpattern-datasource-layer-<layerId>") and
      ecommerce/saved_objects.ts (by-reference panels: panelRefName "panel_<i>" and
      reference name "<i>:panel_<i>"; optionsJSON; refreshInterval {pause, value};
      timeRestore/timeFrom/timeTo). The "<panelIndex>:" prefix is what
      dashboard_container_references.ts getReferencesForPanelId() strips. The
      attributes are those Kibana 8's dashboardAttributesSchema allows (it forbids
      unknown keys); checks.DASHBOARD_ATTRIBUTES holds that list.
[LN]  Lens states (datasourceStates.formBased.layers.<id>.columns / columnOrder):
      lnsXY and lnsDatatable and lnsMetric from ecommerce/saved_objects.ts
      ("Top products this week", "Daily comparison", "Sum of revenue"), lnsXY with a
      splitAccessor from security_solution/saved_objects.ts, lnsPie from the flights
      sample's "Delay Type" panel and elastic/integrations' nginx dashboard.
      By value, not by reference, as elastic/integrations docs/dashboard_guidelines.md
      recommends ("Visualizations by value, not by reference").
[MP]  map: x-pack/plugins/maps/server/sample_data/flights_saved_objects.js:
      attributes title, description, layerListJSON, mapStateJSON, uiStateJSON; an
      EMS_TMS base layer and an ES_SEARCH (scalingType MVT) document layer with
      indexPatternRefName "layer_1_source_index_pattern". The layer types are the
      names Kibana 8.1 gave them (x-pack/plugins/maps common/migrations/
      rename_layer_types.ts: VECTOR_TILE -> EMS_VECTOR_TILE, TILED_VECTOR ->
      MVT_VECTOR, VECTOR -> GEOJSON_VECTOR, TILE -> RASTER_TILE), so the map's
      typeMigrationVersion is "8.1.0", the map migration that renames them
      (saved_object_migrations.ts): nothing is left for an import migration to fix.
[IM]  the import API: POST /api/saved_objects/_import, multipart "file", header
      kbn-xsrf (Kibana docs, "Import objects API").

Layer and column ids are UUIDs derived from the dashboard and panel ids (uuid5), so
a rebuild of unchanged sources gives byte-identical NDJSON.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from typing import Any

from streams.dashboards.spec import Dashboard, DataView, Panel, Sources, Terms

__all__ = [
    "CORE_MIGRATION_VERSION",
    "TYPE_MIGRATION_VERSIONS",
    "DEFAULT_INDEX_PREFIX",
    "prefixed_title",
    "with_index_prefix",
    "build_objects",
    "to_ndjson",
    "lens_layer",
]

CORE_MIGRATION_VERSION = "8.8.0"  # [DV] [SE] [DB]
TYPE_MIGRATION_VERSIONS = {
    "index-pattern": "8.0.0",  # [DV]
    "search": "8.0.0",  # [SE]
    "dashboard": "8.9.0",  # [DB]
    "map": "8.1.0",  # [MP] renameLayerTypes
}
DEFAULT_INDEX_PREFIX = "parley"  # the prefix dataviews.yaml's titles are written with
RECORDS = "___records___"  # Lens' pseudo-field for count()  [LN]
_NS = uuid.UUID("8d5f6a52-3c1e-4f0b-9b7e-5a2d0c6e7f10")  # Parley's uuid5 namespace


def _uid(*parts: str) -> str:
    return str(uuid.uuid5(_NS, "/".join(parts)))


def _dump(value: Any) -> str:
    """JSON as Kibana stores it inside attributes (compact, key order kept)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _meta(obj_type: str) -> dict[str, Any]:
    return {
        "coreMigrationVersion": CORE_MIGRATION_VERSION,
        "typeMigrationVersion": TYPE_MIGRATION_VERSIONS[obj_type],
        "managed": False,
    }


def prefixed_title(title: str, index_prefix: str = DEFAULT_INDEX_PREFIX) -> str:
    """A data view title for PARLEY_INDEX_PREFIX: ("parley-events", "desk") -> "desk-events"."""
    if index_prefix == DEFAULT_INDEX_PREFIX or not title.startswith(DEFAULT_INDEX_PREFIX + "-"):
        return title
    return index_prefix + title[len(DEFAULT_INDEX_PREFIX):]


def with_index_prefix(objects: Iterable[dict[str, Any]], index_prefix: str) -> list[dict[str, Any]]:
    """The objects with every data view title rewritten for `index_prefix` (ids stay)."""
    out = []
    for obj in objects:
        if obj.get("type") == "index-pattern":
            attrs = obj.get("attributes") or {}
            obj = {**obj, "attributes": {**attrs, "title": prefixed_title(str(attrs.get("title", "")), index_prefix)}}
        out.append(obj)
    return out


def data_view_object(dv: DataView, index_prefix: str = DEFAULT_INDEX_PREFIX) -> dict[str, Any]:
    """An "index-pattern" saved object [DV]; `fields` is left for Kibana to discover."""
    formats = {name: {"id": "url"} for name in dv.url_fields}
    return {
        "type": "index-pattern",
        "id": dv.id,
        "attributes": {
            "title": prefixed_title(dv.title, index_prefix),
            "name": dv.name,
            "timeFieldName": dv.time_field,
            "fields": "[]",
            "fieldAttrs": "{}",
            "fieldFormatMap": _dump(formats),
            "runtimeFieldMap": "{}",
            "sourceFilters": "[]",
            "typeMeta": "{}",
        },
        "references": [],
        **_meta("index-pattern"),
    }


# --- Lens (by value) ------------------------------------------------------------

def _count_column() -> dict[str, Any]:
    return {
        "label": "Count of records",
        "dataType": "number",
        "operationType": "count",
        "isBucketed": False,
        "scale": "ratio",
        "sourceField": RECORDS,
        "params": {"emptyAsNull": False},
    }


def _terms_column(t: Terms, count_id: str) -> dict[str, Any]:
    return {
        "label": f"Top {t.size} values of {t.field}",
        "dataType": "string",
        "operationType": "terms",
        "scale": "ordinal",
        "sourceField": t.field,
        "isBucketed": True,
        "params": {
            "size": t.size,
            "orderBy": {"type": "column", "columnId": count_id},
            "orderDirection": "desc",
            "otherBucket": False,
            "missingBucket": False,
            "parentFormat": {"id": "terms"},
        },
    }


def _date_column(time_field: str, interval: str) -> dict[str, Any]:
    return {
        "label": time_field,
        "dataType": "date",
        "operationType": "date_histogram",
        "sourceField": time_field,
        "isBucketed": True,
        "scale": "interval",
        "params": {"interval": interval, "includeEmptyRows": True, "dropPartials": False},
    }


def lens_layer(dash: Dashboard, panel: Panel, dv: DataView) -> tuple[str, dict[str, Any], dict[str, Any], str]:
    """(layer id, formBased layer, visualization state, visualizationType) for a Lens panel.

    Bucket columns come first in columnOrder, in nesting order: that is the order in
    which Lens nests its aggregations, and the order streams.dashboards.esquery nests
    them when it checks the panel against Elasticsearch.
    """
    key = (dash.id, panel.id)
    layer_id = _uid(*key, "layer")
    count_id = _uid(*key, "count")
    columns: dict[str, Any] = {count_id: _count_column()}
    order: list[str] = []

    def add_terms(t: Terms, role: str) -> str:
        cid = _uid(*key, role, t.field)
        columns[cid] = _terms_column(t, count_id)
        order.append(cid)
        return cid

    if panel.kind == "timeseries":
        split = add_terms(panel.breakdown, "split") if panel.breakdown else None
        x = _uid(*key, "x")
        columns[x] = _date_column(dv.time_field, panel.interval)
        order.append(x)
        layer: dict[str, Any] = {
            "layerId": layer_id,
            "accessors": [count_id],
            "position": "top",
            "seriesType": panel.series,
            "showGridlines": False,
            "layerType": "data",
            "xAccessor": x,
        }
        if split:
            layer["splitAccessor"] = split
        vis = _xy_state(panel.series, layer)
        vtype = "lnsXY"
    elif panel.kind == "bar":
        x = add_terms(panel.terms, "x")
        layer = {
            "layerId": layer_id,
            "accessors": [count_id],
            "position": "top",
            "seriesType": "bar_horizontal",
            "showGridlines": False,
            "layerType": "data",
            "xAccessor": x,
        }
        vis = _xy_state("bar_horizontal", layer)
        vtype = "lnsXY"
    elif panel.kind == "table":
        for i, t in enumerate(panel.rows):
            add_terms(t, f"row{i}")
        vis = {
            "layerId": layer_id,
            "layerType": "data",
            "columns": [{"columnId": c} for c in [*order, count_id]],
            "rowHeight": "single",
            "rowHeightLines": 1,
        }
        vtype = "lnsDatatable"
    elif panel.kind == "pie":
        group = add_terms(panel.terms, "slice")
        vis = {
            "shape": "donut",
            "layers": [
                {
                    "layerId": layer_id,
                    "primaryGroups": [group],
                    "metrics": [count_id],
                    "numberDisplay": "percent",
                    "categoryDisplay": "default",
                    "legendDisplay": "default",
                    "nestedLegend": False,
                    "layerType": "data",
                }
            ],
        }
        vtype = "lnsPie"
    elif panel.kind == "metric":
        vis = {"layerId": layer_id, "layerType": "data", "metricAccessor": count_id}
        vtype = "lnsMetric"
    else:  # pragma: no cover - spec.load_sources only lets Lens kinds reach here
        raise ValueError(f"{panel.kind} is not a Lens panel")
    order.append(count_id)
    formbased = {"columns": columns, "columnOrder": order, "incompleteColumns": {}}
    return layer_id, formbased, vis, vtype


def _xy_state(series: str, layer: dict[str, Any]) -> dict[str, Any]:
    return {
        "legend": {"isVisible": True, "position": "right"},
        "valueLabels": "hide",
        "fittingFunction": "None",
        "preferredSeriesType": series,
        "layers": [layer],
        "yLeftExtent": {"mode": "full"},
        "yRightExtent": {"mode": "full"},
        "axisTitlesVisibilitySettings": {"x": False, "yLeft": False, "yRight": True},
        "tickLabelsVisibilitySettings": {"x": True, "yLeft": True, "yRight": True},
        "gridlinesVisibilitySettings": {"x": True, "yLeft": True, "yRight": True},
    }


def _lucene(query: str) -> dict[str, str]:
    return {"query": query, "language": "lucene"}


def _lens_panel(dash: Dashboard, panel: Panel, index: str, dv: DataView) -> tuple[dict, list[dict]]:
    layer_id, formbased, vis, vtype = lens_layer(dash, panel, dv)
    ref_name = f"indexpattern-datasource-layer-{layer_id}"
    attributes = {
        "title": panel.title,
        "description": "",
        "visualizationType": vtype,
        "type": "lens",
        "references": [{"type": "index-pattern", "id": dv.id, "name": ref_name}],
        "state": {
            "visualization": vis,
            "query": _lucene(panel.query),
            "filters": [],
            "datasourceStates": {"formBased": {"layers": {layer_id: formbased}}, "textBased": {"layers": {}}},
            "internalReferences": [],
            "adHocDataViews": {},
        },
    }
    entry = {
        "type": "lens",
        "gridData": _grid(panel, index),
        "panelIndex": index,
        "embeddableConfig": {"attributes": attributes, "enhancements": {}},
        "title": panel.title,
    }
    refs = [{"type": "index-pattern", "id": dv.id, "name": f"{index}:{ref_name}"}]
    return entry, refs


def _grid(panel: Panel, index: str) -> dict[str, Any]:
    g = panel.grid
    return {"x": g.x, "y": g.y, "w": g.w, "h": g.h, "i": index}


# --- saved searches and maps (by reference) ----------------------------------------

def panel_object_id(dash: Dashboard, panel: Panel) -> str:
    return f"{dash.id}--{panel.id}"


def search_object(dash: Dashboard, panel: Panel, dv: DataView) -> dict[str, Any]:
    """A saved "search" (Discover table) [SE]: the latest documents first."""
    source = {
        "highlightAll": True,
        "version": True,
        "query": _lucene(panel.query),
        "filter": [],
        "indexRefName": "kibanaSavedObjectMeta.searchSourceJSON.index",
    }
    return {
        "type": "search",
        "id": panel_object_id(dash, panel),
        "attributes": {
            "title": panel.title,
            "description": f"{dash.title}: {panel.title}",
            "columns": list(panel.columns),
            "sort": [[dv.time_field, "desc"]],
            "grid": {},
            "hideChart": True,
            "isTextBasedQuery": False,
            "usesAdHocDataView": False,
            "timeRestore": False,
            "kibanaSavedObjectMeta": {"searchSourceJSON": _dump(source)},
        },
        "references": [
            {"name": "kibanaSavedObjectMeta.searchSourceJSON.index", "type": "index-pattern", "id": dv.id}
        ],
        **_meta("search"),
    }


def map_object(dash: Dashboard, panel: Panel, dv: DataView) -> dict[str, Any]:
    """A "map" saved object with a base map and one document layer on a geo_point [MP]."""
    layer: dict[str, Any] = {
        "id": _uid(dash.id, panel.id, "layer"),
        "label": panel.title,
        "minZoom": 0,
        "maxZoom": 24,
        "alpha": 0.9,
        "sourceDescriptor": {
            "id": _uid(dash.id, panel.id, "source"),
            "type": "ES_SEARCH",
            "geoField": panel.geo_field,
            "limit": panel.limit,
            "filterByMapBounds": True,
            "tooltipProperties": list(panel.tooltip),
            "applyGlobalQuery": True,
            "scalingType": "MVT",
            "sortField": dv.time_field,
            "indexPatternRefName": "layer_1_source_index_pattern",
        },
        "visible": True,
        "style": {
            "type": "VECTOR",
            "properties": {
                "icon": {"type": "STATIC", "options": {"value": "marker"}},
                "fillColor": {"type": "STATIC", "options": {"color": "#D36086"}},
                "lineColor": {"type": "STATIC", "options": {"color": "#FFFFFF"}},
                "lineWidth": {"type": "STATIC", "options": {"size": 1}},
                "iconSize": {"type": "STATIC", "options": {"size": 6}},
                "symbolizeAs": {"options": {"value": "circle"}},
            },
            "isTimeAware": True,
        },
        "type": "MVT_VECTOR",
    }
    if panel.query:
        layer["query"] = _lucene(panel.query)
    base = {
        "id": _uid(dash.id, panel.id, "basemap"),
        "alpha": 1,
        "sourceDescriptor": {"type": "EMS_TMS", "isAutoSelect": True},
        "visible": True,
        "style": {},
        "type": "EMS_VECTOR_TILE",
        "minZoom": 0,
        "maxZoom": 24,
    }
    state = {
        "zoom": 1.4,
        "center": {"lon": 20.0, "lat": 20.0},
        "timeFilters": {"from": dash.time_from, "to": dash.time_to},
        "refreshConfig": {"isPaused": False, "interval": dash.refresh_seconds * 1000},
        "query": _lucene(""),
        "filters": [],
        "settings": {"autoFitToDataBounds": False, "initialLocation": "LAST_SAVED_LOCATION"},
    }
    return {
        "type": "map",
        "id": panel_object_id(dash, panel),
        "attributes": {
            "title": panel.title,
            "description": f"{dash.title}: {panel.title}",
            "layerListJSON": _dump([base, layer]),
            "mapStateJSON": _dump(state),
            "uiStateJSON": _dump({"isLayerTOCOpen": False, "openTOCDetails": []}),
        },
        "references": [{"id": dv.id, "name": "layer_1_source_index_pattern", "type": "index-pattern"}],
        **_meta("map"),
    }


def _ref_panel(dash: Dashboard, panel: Panel, index: str) -> tuple[dict, list[dict]]:
    config: dict[str, Any] = {"enhancements": {}}
    if panel.kind == "map":
        config.update(
            {"isLayerTOCOpen": False, "hiddenLayers": [], "openTOCDetails": [],
             "mapCenter": {"lat": 20.0, "lon": 20.0, "zoom": 1.4}}
        )
    entry = {
        "type": panel.kind,
        "gridData": _grid(panel, index),
        "panelIndex": index,
        "embeddableConfig": config,
        "panelRefName": f"panel_{index}",
    }
    refs = [{"name": f"{index}:panel_{index}", "type": panel.kind, "id": panel_object_id(dash, panel)}]
    return entry, refs


def dashboard_objects(dash: Dashboard, data_views: dict[str, DataView]) -> list[dict[str, Any]]:
    """The dashboard [DB] followed by the saved searches and maps its panels refer to."""
    panels: list[dict] = []
    references: list[dict] = []
    children: list[dict] = []
    for i, panel in enumerate(dash.panels):
        index = str(i)
        dv = data_views[panel.data_view]
        if panel.kind == "search":
            children.append(search_object(dash, panel, dv))
            entry, refs = _ref_panel(dash, panel, index)
        elif panel.kind == "map":
            children.append(map_object(dash, panel, dv))
            entry, refs = _ref_panel(dash, panel, index)
        else:
            entry, refs = _lens_panel(dash, panel, index, dv)
        panels.append(entry)
        references.extend(refs)
    options = {"useMargins": True, "syncColors": False, "syncCursor": True,
               "syncTooltips": False, "hidePanelTitles": False}
    board = {
        "type": "dashboard",
        "id": dash.id,
        "attributes": {
            "title": dash.title,
            "description": dash.description,
            "version": 1,
            "timeRestore": True,
            "timeFrom": dash.time_from,
            "timeTo": dash.time_to,
            "refreshInterval": {"pause": False, "value": dash.refresh_seconds * 1000},
            "optionsJSON": _dump(options),
            "panelsJSON": _dump(panels),
            "kibanaSavedObjectMeta": {"searchSourceJSON": _dump({"query": {"query": "", "language": "kuery"}, "filter": []})},
        },
        "references": references,
        **_meta("dashboard"),
    }
    return [*children, board]


def build_objects(sources: Sources, index_prefix: str = DEFAULT_INDEX_PREFIX) -> list[dict[str, Any]]:
    """Every saved object, in import order: data views (titled for `index_prefix`, i.e.
    PARLEY_INDEX_PREFIX), then each dashboard's objects."""
    objects = [data_view_object(dv, index_prefix) for dv in sources.data_views.values()]
    for dash in sources.dashboards:
        objects.extend(dashboard_objects(dash, sources.data_views))
    return objects


def to_ndjson(objects: Iterable[dict[str, Any]]) -> str:
    """One compact JSON object per line, keys sorted, newline-terminated (stable diffs)."""
    return "".join(json.dumps(o, sort_keys=True, ensure_ascii=False) + "\n" for o in objects)
