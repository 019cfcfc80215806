"""Checks of the Kibana saved objects that need no Kibana.

Each check returns a list of human-readable problems (empty = fine), so the CLI
(`parley dashboards check`) and the tests report every problem at once:

- check_shapes:      each object has Kibana 8's saved-object envelope (type, id,
                     attributes, references, coreMigrationVersion,
                     typeMigrationVersion) and its type's attributes, with the JSON
                     strings (panelsJSON, searchSourceJSON, layerListJSON...) valid and
                     every Lens layer/accessor/column consistent.
- check_migration_versions: the coreMigrationVersion/typeMigrationVersion each object
                     declares is a migration the target Kibana (KIBANA_VERSION, the
                     version docker-compose runs) registers for that type, and not newer
                     than that Kibana (Kibana refuses to import an object from its future).
- check_references:  every reference (and every embedded Lens reference) names an
                     object in the file, and every panel's reference name is present.
- check_fields:      every field a panel uses exists in the index templates
                     (streams/templates/*.json) of its data view, with a type that
                     panel can aggregate, and not inside a `nested` mapping (Lens,
                     Discover and Maps cannot use those).
"""

from __future__ import annotations

import fnmatch
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from streams.dashboards.kibana import RECORDS
from streams.dashboards.spec import TEMPLATES_DIR, Sources

__all__ = [
    "KIBANA_VERSION",
    "RENAMED_LAYER_TYPES",
    "check_migration_versions",
    "MappedField",
    "load_template_fields",
    "fields_for_index",
    "check_shapes",
    "check_references",
    "check_fields",
    "check_expected_fields",
    "run_all",
]

VERSION = re.compile(r"^\d+\.\d+\.\d+$")
# The Kibana the saved objects are checked for: the one .env pins for docker-compose
# (ES_VERSION; tests/unit/test_dashboards.py keeps the two equal). `parley dashboards
# check --kibana-version` checks for another.
KIBANA_VERSION = "8.19.7"
# Since 8.8, Kibana writes coreMigrationVersion "8.8.0" on every object (model versions
# replaced the per-release core migrations).
CORE_MIGRATION_VERSIONS = {"8.8.0"}
# Migration versions Kibana registers for the types Parley writes, each from Kibana's own
# sources (see streams/dashboards/kibana.py): index-pattern and search "8.0.0" and dashboard
# "8.9.0" are what Kibana's sample data declares; map "7.14.0" (flights sample), "8.0.0"
# (setEmsTmsDefaultModes) and "8.1.0" (renameLayerTypes) are in maps'
# saved_object_migrations.ts. A migration "x.y.z" exists from Kibana x.y.z on, and stays
# registered in later 8.x releases.
REGISTERED_MIGRATIONS = {
    "index-pattern": {"8.0.0"},
    "search": {"8.0.0"},
    "dashboard": {"8.9.0"},
    "map": {"7.14.0", "8.0.0", "8.1.0"},
}
# Map layer types Kibana 8.1 renamed (maps common/migrations/rename_layer_types.ts); only an
# import migration still understands the old names.
RENAMED_LAYER_TYPES = {"VECTOR_TILE": "EMS_VECTOR_TILE", "TILED_VECTOR": "MVT_VECTOR",
                       "VECTOR": "GEOJSON_VECTOR", "TILE": "RASTER_TILE"}
KNOWN_TYPES = {"index-pattern", "dashboard", "search", "map", "lens", "visualization"}
LENS_TYPES = {"lnsXY", "lnsDatatable", "lnsMetric", "lnsPie"}
# Kibana 8's dashboard saved-object attributes schema (dashboardAttributesSchema, config-schema
# with unknowns: 'forbid'): any other attribute makes the import fail.
DASHBOARD_ATTRIBUTES = {"title", "description", "kibanaSavedObjectMeta", "timeRestore", "timeFrom", "timeTo",
                        "refreshInterval", "controlGroupInput", "panelsJSON", "optionsJSON", "hits", "version"}
NUMERIC = {"long", "integer", "short", "byte", "double", "float", "half_float", "scaled_float", "unsigned_long"}
KEYWORDISH = {"keyword", "constant_keyword", "wildcard"}
DATES = {"date", "date_nanos"}
# what each use needs (Kibana: terms on aggregatable fields; date_histogram on dates; maps on geo)
ALLOWED = {
    "terms": KEYWORDISH | NUMERIC | DATES | {"boolean", "ip"},
    "date_histogram": DATES,
    "time": DATES,
    "geo": {"geo_point"},
    "display": None,  # any mapped field can be shown in a table or tooltip
}
EXPECTED_OK = {
    "keyword": KEYWORDISH,
    "date": DATES,
    "geo_point": {"geo_point"},
    "text": {"text", "match_only_text"} | KEYWORDISH,
    "long": NUMERIC,
    "integer": NUMERIC,
    "boolean": {"boolean"},
}


@dataclass(frozen=True)
class MappedField:
    type: str
    nested: bool = False


def _flatten(props: Mapping[str, Any], prefix: str, nested: bool, out: dict[str, MappedField]) -> None:
    for name, spec in props.items():
        path = f"{prefix}{name}"
        ftype = spec.get("type", "object" if "properties" in spec else None)
        if ftype in ("object", "nested"):
            _flatten(spec.get("properties", {}), f"{path}.", nested or ftype == "nested", out)
            continue
        if ftype is None:
            continue
        out[path] = MappedField(ftype, nested)
        for sub, subspec in (spec.get("fields") or {}).items():
            if "type" in subspec:
                out[f"{path}.{sub}"] = MappedField(subspec["type"], nested)


def _mappings(doc: Mapping[str, Any]) -> Mapping[str, Any]:
    for holder in (doc.get("template", {}), doc):
        if isinstance(holder, Mapping) and "mappings" in holder:
            return holder["mappings"] or {}
    return {}


@dataclass(frozen=True)
class _Template:
    name: str
    stem: str
    index_patterns: tuple[str, ...]
    composed_of: tuple[str, ...]
    properties: Mapping[str, Any]
    priority: int


def _load_templates(directory: Path) -> list[_Template]:
    templates = []
    for path in sorted(directory.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        body = doc.get("body", doc) if isinstance(doc, Mapping) else {}
        patterns = body.get("index_patterns", ())
        if isinstance(patterns, str):
            patterns = (patterns,)
        templates.append(
            _Template(
                name=str(doc.get("name", path.stem)),
                stem=path.stem,
                index_patterns=tuple(patterns),
                composed_of=tuple(body.get("composed_of", ())),
                properties=_mappings(body).get("properties", {}),
                priority=int(body.get("priority", 0) or 0),
            )
        )
    return templates


def fields_for_index(index: str, directory: Path = TEMPLATES_DIR) -> dict[str, MappedField]:
    """The fields an index named `index` gets from the templates in `directory`.

    Like Elasticsearch: the matching index template with the highest priority,
    its component templates first (composed_of, by file stem or "name"), then its own
    mappings on top.
    """
    templates = _load_templates(directory)
    by_name = {**{t.stem: t for t in templates}, **{t.name: t for t in templates}}
    matching = [t for t in templates if any(fnmatch.fnmatchcase(index, p) for p in t.index_patterns)]
    if not matching:
        return {}
    chosen = max(matching, key=lambda t: t.priority)
    out: dict[str, MappedField] = {}
    for comp in chosen.composed_of:
        tpl = by_name.get(comp)
        if tpl is not None:
            _flatten(tpl.properties, "", False, out)
    _flatten(chosen.properties, "", False, out)
    return out


def load_template_fields(sources: Sources, directory: Path = TEMPLATES_DIR) -> dict[str, dict[str, MappedField]]:
    """data view id -> its fields, from the template(s) matching its example index."""
    return {dv.id: fields_for_index(dv.example_index, directory) for dv in sources.data_views.values()}


# --- shapes -----------------------------------------------------------------------------

def _json(value: Any, what: str, problems: list[str]) -> Any:
    if not isinstance(value, str):
        problems.append(f"{what}: expected a JSON string, got {type(value).__name__}")
        return None
    try:
        return json.loads(value)
    except json.JSONDecodeError as exc:
        problems.append(f"{what}: invalid JSON ({exc})")
        return None


def _lens_problems(attrs: Mapping[str, Any], where: str) -> list[str]:
    problems: list[str] = []
    vtype = attrs.get("visualizationType")
    if vtype not in LENS_TYPES:
        problems.append(f"{where}: visualizationType {vtype!r} not one of {sorted(LENS_TYPES)}")
    state = attrs.get("state") or {}
    layers = ((state.get("datasourceStates") or {}).get("formBased") or {}).get("layers") or {}
    if not layers:
        problems.append(f"{where}: no state.datasourceStates.formBased.layers")
    ref_names = {r.get("name") for r in attrs.get("references", [])}
    column_ids: set[str] = set()
    for layer_id, layer in layers.items():
        if f"indexpattern-datasource-layer-{layer_id}" not in ref_names:
            problems.append(f"{where}: layer {layer_id} has no indexpattern-datasource-layer reference")
        columns = layer.get("columns") or {}
        if set(layer.get("columnOrder", [])) != set(columns):
            problems.append(f"{where}: layer {layer_id} columnOrder and columns differ")
        for cid, col in columns.items():
            for key in ("operationType", "dataType", "isBucketed", "label"):
                if key not in col:
                    problems.append(f"{where}: column {cid} lacks {key}")
            if col.get("operationType") in ("terms", "date_histogram", "count") and "sourceField" not in col:
                problems.append(f"{where}: column {cid} lacks sourceField")
            ob = (col.get("params") or {}).get("orderBy") or {}
            if ob.get("type") == "column" and ob.get("columnId") not in columns:
                problems.append(f"{where}: column {cid} orders by missing column {ob.get('columnId')}")
        column_ids |= set(columns)
    vis = state.get("visualization") or {}
    vis_layers = vis.get("layers") if isinstance(vis.get("layers"), list) else [vis]
    for vl in vis_layers:
        if vl.get("layerId") not in layers:
            problems.append(f"{where}: visualization layer {vl.get('layerId')} not in datasource layers")
        accessors = [*vl.get("accessors", []), *vl.get("primaryGroups", []), *vl.get("metrics", [])]
        accessors += [vl[k] for k in ("xAccessor", "splitAccessor", "metricAccessor") if vl.get(k)]
        accessors += [c.get("columnId") for c in vl.get("columns", [])]
        for acc in accessors:
            if acc not in column_ids:
                problems.append(f"{where}: accessor {acc} is not a column")
        if not accessors:
            problems.append(f"{where}: visualization shows no column")
    query = state.get("query") or {}
    if query.get("language") not in ("kuery", "lucene"):
        problems.append(f"{where}: query.language must be kuery or lucene")
    return problems


def _dashboard_problems(obj: Mapping[str, Any], where: str) -> list[str]:
    problems: list[str] = []
    attrs = obj["attributes"]
    for key in sorted(set(attrs) - DASHBOARD_ATTRIBUTES):
        problems.append(f"{where}: attribute {key!r} is not in Kibana's dashboard schema")
    for key in ("title", "panelsJSON", "optionsJSON", "timeRestore", "refreshInterval", "kibanaSavedObjectMeta"):
        if key not in attrs:
            problems.append(f"{where}: attributes.{key} missing")
    ri = attrs.get("refreshInterval") or {}
    if not (isinstance(ri.get("pause"), bool) and isinstance(ri.get("value"), int) and ri["value"] > 0):
        problems.append(f"{where}: refreshInterval must be {{pause: bool, value: milliseconds > 0}}")
    if ri.get("pause") is not False:
        problems.append(f"{where}: auto-refresh is paused (refreshInterval.pause must be false)")
    if attrs.get("timeRestore") is True and not (attrs.get("timeFrom") and attrs.get("timeTo")):
        problems.append(f"{where}: timeRestore needs timeFrom and timeTo")
    _json(attrs.get("optionsJSON"), f"{where} optionsJSON", problems)
    _json((attrs.get("kibanaSavedObjectMeta") or {}).get("searchSourceJSON"), f"{where} searchSourceJSON", problems)
    panels = _json(attrs.get("panelsJSON"), f"{where} panelsJSON", problems)
    if not isinstance(panels, list) or not panels:
        problems.append(f"{where}: panelsJSON must be a non-empty list")
        return problems
    ref_names = {r.get("name") for r in obj.get("references", [])}
    seen: set[str] = set()
    for panel in panels:
        idx = panel.get("panelIndex")
        pw = f"{where} panel {idx}"
        if not idx or idx in seen:
            problems.append(f"{pw}: panelIndex missing or repeated")
        seen.add(idx)
        grid = panel.get("gridData") or {}
        if grid.get("i") != idx or not all(isinstance(grid.get(k), int) for k in "xywh"):
            problems.append(f"{pw}: gridData needs integer x, y, w, h and i == panelIndex")
        elif grid["x"] + grid["w"] > 48:
            problems.append(f"{pw}: wider than the 48-column grid")
        if panel.get("type") == "lens" and "attributes" in (panel.get("embeddableConfig") or {}):
            attrs_l = panel["embeddableConfig"]["attributes"]
            problems += _lens_problems(attrs_l, pw)
            for ref in attrs_l.get("references", []):
                if f"{idx}:{ref.get('name')}" not in ref_names:
                    problems.append(f"{pw}: dashboard lacks reference {idx}:{ref.get('name')}")
        elif panel.get("panelRefName"):
            if f"{idx}:{panel['panelRefName']}" not in ref_names:
                problems.append(f"{pw}: no dashboard reference named {idx}:{panel['panelRefName']}")
        else:
            problems.append(f"{pw}: neither a by-value Lens panel nor a panelRefName")
    return problems


def check_shapes(objects: Iterable[Mapping[str, Any]]) -> list[str]:
    """The saved-object envelope and per-type attributes of every object."""
    problems: list[str] = []
    ids: set[tuple[str, str]] = set()
    for n, obj in enumerate(objects, 1):
        where = f"object {n} ({obj.get('type')}/{obj.get('id')})"
        for key in ("type", "id", "attributes", "references", "coreMigrationVersion", "typeMigrationVersion"):
            if key not in obj:
                problems.append(f"{where}: `{key}` missing")
        if problems and problems[-1].startswith(where):
            continue
        if obj["type"] not in KNOWN_TYPES:
            problems.append(f"{where}: unknown type")
        if not isinstance(obj["id"], str) or not obj["id"]:
            problems.append(f"{where}: id must be a non-empty string")
        if (obj["type"], obj["id"]) in ids:
            problems.append(f"{where}: duplicate type/id")
        ids.add((obj["type"], obj["id"]))
        for key in ("coreMigrationVersion", "typeMigrationVersion"):
            if not VERSION.match(str(obj[key])):
                problems.append(f"{where}: {key} {obj[key]!r} is not x.y.z")
        if not isinstance(obj["references"], list) or not all(
            isinstance(r, Mapping) and {"name", "type", "id"} <= set(r) for r in obj["references"]
        ):
            problems.append(f"{where}: references must be [{{name, type, id}}, ...]")
        attrs = obj["attributes"]
        if not isinstance(attrs, Mapping) or not attrs.get("title"):
            problems.append(f"{where}: attributes.title missing")
            continue
        if obj["type"] == "index-pattern":
            if not attrs.get("timeFieldName"):
                problems.append(f"{where}: timeFieldName missing (dashboards need a time field)")
            _json(attrs.get("fieldFormatMap", "{}"), f"{where} fieldFormatMap", problems)
        elif obj["type"] == "dashboard":
            problems += _dashboard_problems(obj, where)
        elif obj["type"] == "search":
            if not attrs.get("columns") or not attrs.get("sort"):
                problems.append(f"{where}: a saved search needs columns and sort")
            src = _json((attrs.get("kibanaSavedObjectMeta") or {}).get("searchSourceJSON"), where, problems) or {}
            if src.get("indexRefName") not in {r["name"] for r in obj["references"]}:
                problems.append(f"{where}: searchSourceJSON.indexRefName has no matching reference")
        elif obj["type"] == "map":
            layers = _json(attrs.get("layerListJSON"), f"{where} layerListJSON", problems) or []
            _json(attrs.get("mapStateJSON"), f"{where} mapStateJSON", problems)
            refs = {r["name"] for r in obj["references"]}
            for layer in layers:
                ref = (layer.get("sourceDescriptor") or {}).get("indexPatternRefName")
                if ref and ref not in refs:
                    problems.append(f"{where}: layer {layer.get('id')} refers to missing {ref}")
                old = layer.get("type")
                if old in RENAMED_LAYER_TYPES:
                    problems.append(f"{where}: layer {layer.get('id')}: layer type {old!r} was renamed "
                                    f"{RENAMED_LAYER_TYPES[old]!r} in Kibana 8.1; write the new name")
        elif obj["type"] == "lens":
            problems += _lens_problems(attrs, where)
    return problems


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split("."))


def check_migration_versions(objects: Iterable[Mapping[str, Any]], kibana_version: str = KIBANA_VERSION) -> list[str]:
    """Each object's declared migration versions are ones Kibana `kibana_version` knows."""
    problems: list[str] = []
    kibana = _version(kibana_version)
    for obj in objects:
        where = f"{obj.get('type')}/{obj.get('id')}"
        core, declared = str(obj.get("coreMigrationVersion", "")), str(obj.get("typeMigrationVersion", ""))
        if not (VERSION.match(core) and VERSION.match(declared)):
            continue  # check_shapes reports it
        if _version(core) > kibana:
            problems.append(f"{where}: coreMigrationVersion {core} is newer than Kibana {kibana_version}")
        elif kibana >= (8, 8, 0) and core not in CORE_MIGRATION_VERSIONS:
            problems.append(f"{where}: coreMigrationVersion {core}: Kibana 8.8+ objects declare "
                            f"{sorted(CORE_MIGRATION_VERSIONS)}")
        known = REGISTERED_MIGRATIONS.get(str(obj.get("type")))
        if known is None:
            problems.append(f"{where}: no known migration versions for type {obj.get('type')!r} (add them to "
                            f"checks.REGISTERED_MIGRATIONS from Kibana's sources)")
        elif declared not in known:
            problems.append(f"{where}: typeMigrationVersion {declared} is not a migration Kibana registers for "
                            f"{obj.get('type')} ({', '.join(sorted(known, key=_version))})")
        if _version(declared) > kibana:
            problems.append(f"{where}: typeMigrationVersion {declared} is newer than Kibana {kibana_version}; "
                            f"it would refuse the import")
    return problems


def check_references(objects: Iterable[Mapping[str, Any]]) -> list[str]:
    """Every reference, including those inside by-value Lens panels, resolves in the file."""
    objects = list(objects)
    present = {(o.get("type"), o.get("id")) for o in objects}
    problems: list[str] = []
    for obj in objects:
        refs = list(obj.get("references", []))
        if obj.get("type") == "dashboard":
            try:
                for panel in json.loads(obj["attributes"]["panelsJSON"]):
                    refs += (panel.get("embeddableConfig") or {}).get("attributes", {}).get("references", [])
            except (KeyError, TypeError, json.JSONDecodeError):
                pass  # check_shapes reports it
        for ref in refs:
            if (ref.get("type"), ref.get("id")) not in present:
                problems.append(
                    f"{obj.get('type')}/{obj.get('id')}: reference {ref.get('name')} -> "
                    f"{ref.get('type')}/{ref.get('id')} is not in the file"
                )
    return problems


def _uses(objects: list[Mapping[str, Any]]) -> Iterable[tuple[str, str, str, str]]:
    """(where, data view id, field, use) for every field the objects read."""
    for obj in objects:
        t, attrs = obj.get("type"), obj.get("attributes", {})
        where = f"{t}/{obj.get('id')}"
        if t == "index-pattern":
            yield where, obj["id"], attrs.get("timeFieldName", ""), "time"
        elif t == "search":
            dv = next((r["id"] for r in obj["references"] if r["type"] == "index-pattern"), "")
            for col in attrs.get("columns", []):
                yield where, dv, col, "display"
            for field, _order in attrs.get("sort", []):
                yield where, dv, field, "time"
        elif t == "map":
            refs = {r["name"]: r["id"] for r in obj["references"]}
            for layer in json.loads(attrs.get("layerListJSON", "[]")):
                sd = layer.get("sourceDescriptor") or {}
                dv = refs.get(sd.get("indexPatternRefName", ""), "")
                if sd.get("geoField"):
                    yield where, dv, sd["geoField"], "geo"
                for tip in sd.get("tooltipProperties", []):
                    yield where, dv, tip, "display"
                if sd.get("sortField"):
                    yield where, dv, sd["sortField"], "time"
        elif t == "dashboard":
            for panel in json.loads(attrs.get("panelsJSON", "[]")):
                la = (panel.get("embeddableConfig") or {}).get("attributes")
                if not la:
                    continue
                pw = f"{where} panel {panel.get('panelIndex')} {panel.get('title')!r}"
                refs = {r["name"]: r["id"] for r in la.get("references", [])}
                layers = la["state"]["datasourceStates"]["formBased"]["layers"]
                for layer_id, layer in layers.items():
                    dv = refs.get(f"indexpattern-datasource-layer-{layer_id}", "")
                    for col in layer["columns"].values():
                        field = col.get("sourceField")
                        if field and field != RECORDS:
                            yield pw, dv, field, col["operationType"] if col["operationType"] != "count" else "display"


def check_fields(
    objects: Iterable[Mapping[str, Any]], template_fields: Mapping[str, Mapping[str, MappedField]]
) -> list[str]:
    """Every field used exists in its data view's templates with a type its use allows."""
    problems: list[str] = []
    for where, dv, field, use in _uses(list(objects)):
        fields = template_fields.get(dv)
        if not fields:
            problems.append(f"{where}: no index template in streams/templates/ matches data view {dv!r}")
            continue
        mapped = fields.get(field)
        if mapped is None:
            problems.append(f"{where}: field {field!r} is not mapped in the templates of {dv!r}")
            continue
        if mapped.nested:
            problems.append(f"{where}: field {field!r} is inside a nested mapping; Kibana cannot aggregate it")
        allowed = ALLOWED.get(use, ALLOWED["display"])
        if allowed is not None and mapped.type not in allowed:
            problems.append(
                f"{where}: field {field!r} is mapped as {mapped.type!r}; a {use} needs one of {sorted(allowed)}"
            )
    return problems


def check_expected_fields(sources: Sources, template_fields: Mapping[str, Mapping[str, MappedField]]) -> list[str]:
    """dataviews.yaml's expected_fields against the templates (the field contract)."""
    problems: list[str] = []
    for dv in sources.data_views.values():
        fields = template_fields.get(dv.id) or {}
        if not fields:
            problems.append(f"data view {dv.id}: no template in streams/templates/ matches {dv.example_index!r}")
            continue
        if not fnmatch.fnmatchcase(dv.example_index, dv.title):
            problems.append(f"data view {dv.id}: example_index {dv.example_index!r} does not match {dv.title!r}")
        for name, want in dv.expected_fields.items():
            got = fields.get(name)
            if got is None:
                problems.append(f"data view {dv.id}: expected field {name!r} ({want}) is not in the templates")
            elif got.type not in EXPECTED_OK[want]:
                problems.append(f"data view {dv.id}: field {name!r} is {got.type!r}, dashboards need {want!r}")
    return problems


def run_all(sources: Sources, objects: list[Mapping[str, Any]], templates_dir: Path = TEMPLATES_DIR,
            kibana_version: str = KIBANA_VERSION) -> list[str]:
    """Every check; an empty list means the dashboards are fit to import into `kibana_version`."""
    template_fields = load_template_fields(sources, templates_dir)
    return [
        *check_shapes(objects),
        *check_migration_versions(objects, kibana_version),
        *check_references(objects),
        *check_expected_fields(sources, template_fields),
        *check_fields(objects, template_fields),
    ]
