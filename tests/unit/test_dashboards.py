"""Kibana dashboards as code, checked without Kibana.

- the committed NDJSON is what the YAML sources build;
- every object has Kibana 8's saved-object shape, every reference resolves, every
  field a panel uses is in the index templates with a type the panel can aggregate
  (and each check is shown to catch the mistake it is for);
- `parley dashboards import` speaks Kibana's import API to a real local HTTP server
  that answers like Kibana (success, per-object refusal, bad request, not ready,
  nothing listening).
"""

from __future__ import annotations

import copy
import email
import email.policy
import json
import shutil
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from streams.commands.dashboards import dashboards
from streams.dashboards import NDJSON_PATH, build_ndjson, load_sources
from streams.dashboards.checks import (
    MappedField,
    check_expected_fields,
    check_fields,
    check_references,
    check_shapes,
    load_template_fields,
)
from streams.dashboards.importer import KibanaRefused, KibanaUnreachable, import_saved_objects
from streams.dashboards.kibana import build_objects
from streams.dashboards.spec import TEMPLATES_DIR


@pytest.fixture(scope="module")
def sources():
    return load_sources()


@pytest.fixture(scope="module")
def objects() -> list[dict]:
    return [json.loads(line) for line in NDJSON_PATH.read_text(encoding="utf-8").splitlines()]


def _by_type(objects, t):
    return [o for o in objects if o["type"] == t]


# --- the file ---------------------------------------------------------------------------

def test_ndjson_is_up_to_date_with_the_sources():
    assert NDJSON_PATH.read_text(encoding="utf-8") == build_ndjson(), (
        "dashboards/kibana/parley.ndjson is stale: run `parley dashboards build` and commit it"
    )


def test_every_line_is_one_json_object(objects):
    lines = NDJSON_PATH.read_text(encoding="utf-8").splitlines()
    assert lines and all(line.startswith("{") for line in lines)
    assert len(objects) == len(lines)


def test_the_five_dashboards_and_four_data_views_are_there(objects):
    titles = {o["attributes"]["title"] for o in _by_type(objects, "dashboard")}
    assert titles == {f"Parley · {t}" for t in ("Overview", "Ceasefires", "Peace processes", "Diplomacy", "Alerts")}
    views = {o["attributes"]["title"]: o["attributes"]["timeFieldName"] for o in _by_type(objects, "index-pattern")}
    assert views == {"parley-articles*": "@timestamp", "parley-events": "@timestamp",
                     "parley-alerts*": "created_at", "parley-deliveries*": "at"}


def test_dashboards_refresh_themselves_and_restore_their_time_range(objects):
    for board in _by_type(objects, "dashboard"):
        attrs = board["attributes"]
        assert attrs["refreshInterval"]["pause"] is False
        assert 5_000 <= attrs["refreshInterval"]["value"] <= 300_000
        assert attrs["timeRestore"] is True and attrs["timeFrom"].startswith("now-") and attrs["timeTo"] == "now"


# --- Kibana 8 saved-object shape -----------------------------------------------------------

def test_every_object_has_kibana_8_saved_object_shape(objects):
    assert check_shapes(objects) == []
    for obj in objects:
        assert obj["coreMigrationVersion"] == "8.8.0"
        version = tuple(int(x) for x in obj["typeMigrationVersion"].split("."))
        assert version <= (8, 19, 7)  # Kibana refuses objects newer than itself


def test_shape_check_catches_broken_objects(objects):
    broken = copy.deepcopy(objects)
    del broken[0]["typeMigrationVersion"]
    board = next(o for o in broken if o["type"] == "dashboard")
    panels = json.loads(board["attributes"]["panelsJSON"])
    lens = next(p for p in panels if p["type"] == "lens")
    layer = next(iter(lens["embeddableConfig"]["attributes"]["state"]["datasourceStates"]["formBased"]["layers"].values()))
    layer["columnOrder"].append("not-a-column")
    board["attributes"]["panelsJSON"] = json.dumps(panels)
    board["attributes"]["refreshInterval"] = {"pause": True, "value": 0}
    board["attributes"]["panels"] = []
    problems = "\n".join(check_shapes(broken))
    assert "attribute 'panels' is not in Kibana's dashboard schema" in problems
    assert "`typeMigrationVersion` missing" in problems
    assert "columnOrder and columns differ" in problems
    assert "refreshInterval" in problems and "paused" in problems


def test_lens_panels_are_by_value_with_prefixed_references(objects):
    for board in _by_type(objects, "dashboard"):
        names = {r["name"] for r in board["references"]}
        for panel in json.loads(board["attributes"]["panelsJSON"]):
            idx = panel["panelIndex"]
            if panel["type"] == "lens":
                attrs = panel["embeddableConfig"]["attributes"]
                assert attrs["visualizationType"] in {"lnsXY", "lnsDatatable", "lnsMetric", "lnsPie"}
                for ref in attrs["references"]:
                    assert f"{idx}:{ref['name']}" in names
            else:
                assert panel["type"] in {"search", "map"}
                assert panel["panelRefName"] == f"panel_{idx}" and f"{idx}:panel_{idx}" in names


# --- references -------------------------------------------------------------------------------

def test_every_reference_resolves_to_an_object_in_the_file(objects):
    assert check_references(objects) == []


def test_reference_check_catches_a_missing_object(objects):
    without_events = [o for o in objects if not (o["type"] == "index-pattern" and o["id"] == "parley-events")]
    problems = check_references(without_events)
    assert problems and all("index-pattern/parley-events is not in the file" in p for p in problems)
    assert any(p.startswith("dashboard/parley-ceasefires") for p in problems)  # embedded Lens refs count too
    searches_gone = [o for o in objects if o["type"] != "search"]
    assert any("-> search/" in p for p in check_references(searches_gone))


# --- fields against the index templates ----------------------------------------------------------

def test_every_panel_field_exists_in_the_templates_with_an_aggregatable_type(sources, objects):
    fields = load_template_fields(sources)
    assert all(fields.values()), f"a data view matches no template: {[k for k, v in fields.items() if not v]}"
    assert check_fields(objects, fields) == []


def test_dataviews_yaml_field_contract_matches_the_templates(sources):
    assert check_expected_fields(sources, load_template_fields(sources)) == []


def test_field_check_catches_missing_and_unaggregatable_fields(sources, objects):
    fields = copy.deepcopy(load_template_fields(sources))
    del fields["parley-events"]["countries"]
    fields["parley-events"]["family"] = MappedField("text")
    fields["parley-events"]["where.location"] = MappedField("keyword")
    fields["parley-alerts"]["subscription_name"] = MappedField("keyword", nested=True)
    problems = "\n".join(check_fields(objects, fields))
    assert "field 'countries' is not mapped" in problems
    assert "field 'family' is mapped as 'text'; a terms needs" in problems
    assert "field 'where.location' is mapped as 'keyword'; a geo needs one of ['geo_point']" in problems
    assert "nested mapping" in problems


def test_field_check_reads_the_real_template_files(tmp_path, sources, objects):
    """A template edit that drops a field the dashboards use is caught from the JSON files."""
    for f in TEMPLATES_DIR.glob("*.json"):
        shutil.copy(f, tmp_path / f.name)
    events = json.loads((tmp_path / "events.json").read_text())
    del events["template"]["mappings"]["properties"]["countries_pair"]
    events["template"]["mappings"]["properties"]["mode"] = {"type": "text"}
    (tmp_path / "events.json").write_text(json.dumps(events))
    problems = "\n".join(check_fields(objects, load_template_fields(sources, tmp_path)))
    assert "'countries_pair' is not mapped" in problems and "'mode' is mapped as 'text'" in problems


def test_lens_columns_use_exactly_the_fields_the_sources_name(sources):
    objects = build_objects(sources)
    for dash in sources.dashboards:
        board = next(o for o in objects if o["type"] == "dashboard" and o["id"] == dash.id)
        panels = json.loads(board["attributes"]["panelsJSON"])
        for spec_panel, panel in zip(dash.panels, panels, strict=True):
            if panel["type"] != "lens":
                continue
            layer = next(iter(panel["embeddableConfig"]["attributes"]["state"]["datasourceStates"]["formBased"]["layers"].values()))
            used = {c["sourceField"] for c in layer["columns"].values()} - {"___records___"}
            wanted = {sources.resolve_field(spec_panel, f) for f, use in spec_panel.fields() if use != "display"}
            assert used == wanted, spec_panel.id
            assert panel["embeddableConfig"]["attributes"]["state"]["query"] == {"query": spec_panel.query, "language": "lucene"}


# --- import against a local server that answers like Kibana ----------------------------------------

class FakeKibana:
    """A real HTTP server on 127.0.0.1 recording each import request and answering from a script."""

    def __init__(self, answers: list[tuple[int, dict]]) -> None:
        self.answers = answers
        self.requests: list[dict] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's API
                body = self.rfile.read(int(self.headers["Content-Length"]))
                headers = {k.lower(): v for k, v in self.headers.items()}  # HTTP names are case-blind
                outer.requests.append({"path": self.path, "headers": headers, "body": body})
                status, payload = outer.answers[min(len(outer.requests), len(outer.answers)) - 1]
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "FakeKibana":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def _file_part(request: dict) -> tuple[str, bytes]:
    """(filename, content) of the multipart part named "file", parsed by the stdlib."""
    raw = f"Content-Type: {request['headers']['content-type']}\r\n\r\n".encode() + request["body"]
    msg = email.message_from_bytes(raw, policy=email.policy.HTTP)
    assert msg.is_multipart()
    (part,) = [p for p in msg.iter_parts() if p.get_param("name", header="content-disposition") == "file"]
    return part.get_filename(), part.get_payload(decode=True)


def _ok(n: int) -> dict:
    return {"success": True, "successCount": n, "successResults": [{"type": "dashboard", "id": "x"}]}


def test_import_posts_the_ndjson_as_kibana_expects_and_is_idempotent():
    n = len(NDJSON_PATH.read_text().splitlines())
    with FakeKibana([(200, _ok(n))]) as kibana:
        runner = CliRunner()
        first = runner.invoke(dashboards, ["import", "--kibana", kibana.url])
        second = runner.invoke(dashboards, ["import", "--kibana", kibana.url + "/"])
    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    assert f"imported {n} saved objects" in first.output
    assert len(kibana.requests) == 2
    for req in kibana.requests:
        url = urlsplit(req["path"])
        assert url.path == "/api/saved_objects/_import"
        assert parse_qs(url.query) == {"overwrite": ["true"]}
        assert req["headers"]["kbn-xsrf"]
        assert req["headers"]["content-type"].startswith("multipart/form-data; boundary=")
        filename, content = _file_part(req)
        assert filename == "parley.ndjson"
        assert content == NDJSON_PATH.read_bytes()
    assert _file_part(kibana.requests[0]) == _file_part(kibana.requests[1])


def test_import_into_a_space_with_basic_auth(tmp_path):
    small = tmp_path / "one.ndjson"
    small.write_text(NDJSON_PATH.read_text().splitlines()[0] + "\n")
    with FakeKibana([(200, _ok(1))]) as kibana:
        host = kibana.url.removeprefix("http://")
        result = CliRunner().invoke(
            dashboards, ["import", "--kibana", f"http://elastic:s3cret@{host}", "--file", str(small), "--space", "desk"]
        )
    assert result.exit_code == 0, result.output
    assert "s3cret" not in result.output
    req = kibana.requests[0]
    assert urlsplit(req["path"]).path == "/s/desk/api/saved_objects/_import"
    assert req["headers"]["authorization"] == "Basic ZWxhc3RpYzpzM2NyZXQ="
    assert _file_part(req) == ("one.ndjson", small.read_bytes())


def test_import_prints_kibanas_errors_per_object():
    refusal = {
        "success": False,
        "successCount": 13,
        "errors": [
            {"id": "parley-overview", "type": "dashboard", "meta": {"title": "Parley · Overview"},
             "error": {"type": "missing_references", "references": [{"type": "index-pattern", "id": "parley-events"}]}},
            {"id": "parley-alerts--latest-alerts", "type": "search", "meta": {"title": "Latest alerts"},
             "error": {"type": "unknown", "message": "version conflict"}},
        ],
    }
    with FakeKibana([(200, refusal)]) as kibana:
        result = CliRunner().invoke(dashboards, ["import", "--kibana", kibana.url])
    assert result.exit_code == 1
    assert "imported 13 objects and refused 2" in result.output
    assert "dashboard/parley-overview 'Parley · Overview': missing_references missing index-pattern/parley-events" in result.output
    assert "search/parley-alerts--latest-alerts 'Latest alerts': unknown version conflict" in result.output


def test_import_reports_a_bad_request_with_kibanas_message():
    answer = {"statusCode": 415, "error": "Unsupported Media Type", "message": "Unsupported file extension .txt"}
    with FakeKibana([(415, answer)]) as kibana:
        with pytest.raises(KibanaRefused) as info:
            import_saved_objects(kibana.url, b"{}\n", filename="x.txt")
    assert info.value.status == 415
    assert "HTTP 415 Unsupported file extension .txt" in str(info.value)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_import_says_kibana_is_unreachable_and_what_to_do():
    url = f"http://127.0.0.1:{_free_port()}"
    result = CliRunner().invoke(dashboards, ["import", "--kibana", url])
    assert result.exit_code == 1
    assert f"cannot reach Kibana at {url}:" in result.output
    assert "is it running? docker compose up kibana" in result.output


def test_import_waits_while_kibana_is_not_ready_yet():
    answers = [(503, {"statusCode": 503, "error": "Service Unavailable", "message": "Kibana server is not ready yet"}),
               (503, {"statusCode": 503, "error": "Service Unavailable", "message": "Kibana server is not ready yet"}),
               (200, _ok(15))]
    slept: list[float] = []
    now = [0.0]

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    with FakeKibana(answers) as kibana:
        result = import_saved_objects(kibana.url, b"{}\n", wait_seconds=60, sleep=sleep, clock=lambda: now[0])
        with pytest.raises(KibanaUnreachable, match="HTTP 503 Kibana server is not ready yet"):
            kibana.answers = answers[:1]
            import_saved_objects(kibana.url, b"{}\n", wait_seconds=0)
    assert result.success_count == 15
    assert slept == [1.0, 2.0]


def test_build_check_and_check_commands_pass_on_the_committed_files():
    runner = CliRunner()
    built = runner.invoke(dashboards, ["build", "--check"])
    assert built.exit_code == 0, built.output
    checked = runner.invoke(dashboards, ["check"])
    assert checked.exit_code == 0, checked.output
    assert "shapes, migration versions, references and fields check out" in checked.output


def test_check_command_fails_on_templates_missing_a_field(tmp_path):
    for f in TEMPLATES_DIR.glob("*.json"):
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "deliveries.json").unlink()
    result = CliRunner().invoke(dashboards, ["check", "--templates", str(tmp_path)])
    assert result.exit_code == 1
    assert "no template in streams/templates/ matches 'parley-deliveries'" in result.output


# --- dashboards that keep working ---------------------------------------------------------------

def test_articles_and_events_always_carry_the_data_views_time_field(sources):
    """A document without `published` must still fall inside a time-filtered panel."""
    from datetime import datetime, timezone

    from streams.sinks.es_docs import article_doc, event_docs

    now = datetime(2026, 12, 4, 12, 0, tzinfo=timezone.utc)
    event = {"family": "ceasefire", "status": "agreed", "countries": ["ARM", "AZE"]}
    base = {"id": "a1", "url": "https://news.example/a1", "text": "x", "lang": "en", "events": [event]}
    cases = {
        "published": ({**base, "published": "2026-11-02T07:00:00Z", "ingested_at": "2026-11-03T00:00:00Z"},
                      "2026-11-02T07:00:00+00:00"),
        "first seen": ({**base, "ingested_at": "2026-11-03T00:00:00Z"}, "2026-11-03T00:00:00+00:00"),
        "unparsable published": ({**base, "published": "last Tuesday", "ingested_at": "2026-11-03T00:00:00Z"},
                                 "2026-11-03T00:00:00+00:00"),
        "neither": (base, now.isoformat()),
    }
    for view_id in ("parley-articles", "parley-events"):
        field = sources.data_views[view_id].time_field
        for case, (article, want) in cases.items():
            docs = [article_doc(article, now=now)] if view_id == "parley-articles" else \
                [d for _id, d in event_docs(article, now=now)]
            assert docs and all(d.get(field) == want for d in docs), (view_id, case, field, docs[0].get(field))


def test_map_layers_use_the_layer_types_kibana_8_1_renamed(objects):
    maps = _by_type(objects, "map")
    assert maps
    for m in maps:
        types = {layer["type"] for layer in json.loads(m["attributes"]["layerListJSON"])}
        assert types <= {"EMS_VECTOR_TILE", "MVT_VECTOR", "GEOJSON_VECTOR", "RASTER_TILE", "HEATMAP",
                         "BLENDED_VECTOR", "LAYER_GROUP"}, types
        assert m["typeMigrationVersion"] == "8.1.0"  # the migration that renamed them (renameLayerTypes)


def test_shape_check_catches_pre_8_1_map_layer_types(objects):
    broken = copy.deepcopy(objects)
    m = next(o for o in broken if o["type"] == "map")
    layers = json.loads(m["attributes"]["layerListJSON"])
    layers[0]["type"], layers[1]["type"] = "VECTOR_TILE", "TILED_VECTOR"
    m["attributes"]["layerListJSON"] = json.dumps(layers)
    problems = "\n".join(check_shapes(broken))
    assert "layer type 'VECTOR_TILE' was renamed 'EMS_VECTOR_TILE' in Kibana 8.1" in problems
    assert "layer type 'TILED_VECTOR' was renamed 'MVT_VECTOR' in Kibana 8.1" in problems


def test_migration_versions_are_ones_the_target_kibana_knows(objects):
    from streams.dashboards.checks import KIBANA_VERSION, check_migration_versions

    env = dict(line.split("=", 1) for line in (NDJSON_PATH.parents[2] / ".env").read_text().splitlines()
               if "=" in line and not line.startswith("#"))
    assert KIBANA_VERSION == env["ES_VERSION"], "the checks follow the Kibana that docker-compose runs"
    assert check_migration_versions(objects, KIBANA_VERSION) == []
    too_old = "\n".join(check_migration_versions(objects, "8.0.0"))
    assert "typeMigrationVersion 8.9.0 is newer than Kibana 8.0.0" in too_old
    assert "coreMigrationVersion 8.8.0 is newer than Kibana 8.0.0" in too_old
    broken = copy.deepcopy(objects)
    broken[0]["typeMigrationVersion"] = "8.99.0"
    assert "is not a migration Kibana registers for index-pattern" in "\n".join(
        check_migration_versions(broken, KIBANA_VERSION))


def test_check_command_follows_the_kibana_version():
    runner = CliRunner()
    ok = runner.invoke(dashboards, ["check"])
    assert ok.exit_code == 0 and "Kibana 8.19.7" in ok.output, ok.output
    old = runner.invoke(dashboards, ["check", "--kibana-version", "8.0.0"])
    assert old.exit_code == 1 and "newer than Kibana 8.0.0" in old.output, old.output


def test_data_views_are_built_and_imported_with_the_configured_index_prefix(sources):
    titles = {o["id"]: o["attributes"]["title"] for o in build_objects(sources, index_prefix="desk")
              if o["type"] == "index-pattern"}
    assert titles == {"parley-articles": "desk-articles*", "parley-events": "desk-events",
                      "parley-alerts": "desk-alerts*", "parley-deliveries": "desk-deliveries*"}
    n = len(NDJSON_PATH.read_text().splitlines())
    with FakeKibana([(200, _ok(n))]) as kibana:
        result = CliRunner().invoke(dashboards, ["import", "--kibana", kibana.url],
                                    env={"PARLEY_INDEX_PREFIX": "desk"})
    assert result.exit_code == 0, result.output
    _name, content = _file_part(kibana.requests[0])
    sent = [json.loads(line) for line in content.decode().splitlines()]
    assert {o["attributes"]["title"] for o in sent if o["type"] == "index-pattern"} == set(titles.values())
    assert len(sent) == n
    assert not any("parley-articles*" in line for line in content.decode().splitlines()
                   if '"index-pattern"' in line)
