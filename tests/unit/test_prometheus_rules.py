"""The operations side: Prometheus alerting rules and the Grafana dashboard.

Runs the REAL promtool (Debian's `prometheus` package): `check rules`, `test rules`
(dashboards/prometheus/rules_test.yml says when each alert fires and when it must
not), and a mutated copy of the rules to show those unit tests bite. The Grafana
queries are parsed by promtool too. Every metric the rules and the dashboard use
must be listed, with the labels it is queried by, in dashboards/prometheus/metrics.yml,
and every metric listed there must be defined in streams/ (prometheus_client
constructors, read with ast) with the same kind and labels.

promtool is required, never skipped:  apt-get update && apt-get install -y prometheus
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "dashboards" / "prometheus" / "rules.yml"
RULES_TEST = ROOT / "dashboards" / "prometheus" / "rules_test.yml"
GRAFANA = ROOT / "dashboards" / "grafana" / "parley.json"
DATASOURCES = ROOT / "dashboards" / "grafana" / "provisioning" / "datasources" / "prometheus.yml"
DASHBOARD_PROVIDER = ROOT / "dashboards" / "grafana" / "provisioning" / "dashboards" / "parley.yml"
EXPECTED_METRICS = ROOT / "dashboards" / "prometheus" / "metrics.yml"
INSTALL_HINT = "promtool not found: install it with `apt-get update && apt-get install -y prometheus` (Debian)"


@pytest.fixture(scope="module")
def promtool() -> str:
    path = shutil.which("promtool") or ("/usr/bin/promtool" if Path("/usr/bin/promtool").exists() else None)
    if path is None:
        pytest.fail(INSTALL_HINT, pytrace=False)
    return path


def _run(promtool: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([promtool, *args], capture_output=True, text=True, timeout=60, cwd=cwd)


# --- promtool ------------------------------------------------------------------------------

def test_promtool_check_rules(promtool):
    result = _run(promtool, "check", "rules", str(RULES))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS: 7 rules found" in result.stdout


def test_promtool_unit_tests_of_the_rules(promtool):
    result = _run(promtool, "test", "rules", str(RULES_TEST))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS" in result.stdout


def test_every_alert_has_a_firing_and_a_quiet_unit_test():
    rules = yaml.safe_load(RULES.read_text())["groups"][0]["rules"]
    cases = [c for t in yaml.safe_load(RULES_TEST.read_text())["tests"] for c in t["alert_rule_test"]]
    for rule in rules:
        mine = [c for c in cases if c["alertname"] == rule["alert"]]
        assert any(c["exp_alerts"] for c in mine), f"{rule['alert']} is never shown firing"
        assert any(not c["exp_alerts"] for c in mine), f"{rule['alert']} is never shown quiet"


@pytest.mark.parametrize("old,new", [
    ("(sum by (topic) (parley_consumer_lag) > 1000)", "(sum by (topic) (parley_consumer_lag) > 100000)"),
    ("increase(parley_deadletters_total[15m])) > 5", "increase(parley_deadletters_total[15m])) > 50"),
    ('{kind="rejected"}[10m])) > 0', '{kind="unavailable"}[10m])) > 0'),
    ("> 0.2", "> 0.6"),
])
def test_the_unit_tests_catch_a_broken_rule(promtool, tmp_path, old, new):
    text = RULES.read_text()
    assert old in text
    (tmp_path / "rules.yml").write_text(text.replace(old, new))
    shutil.copy(RULES_TEST, tmp_path / "rules_test.yml")
    result = _run(promtool, "test", "rules", "rules_test.yml", cwd=tmp_path)
    assert result.returncode != 0, f"rules_test.yml did not notice {old!r} -> {new!r}"


def _grafana_exprs() -> list[str]:
    board = json.loads(GRAFANA.read_text())
    return [t["expr"] for p in board["panels"] for t in p.get("targets", [])]


def test_grafana_queries_are_valid_promql(promtool, tmp_path):
    """promtool parses each query as a recording rule ($__rate_interval as 5m)."""
    rules = [{"record": f"parley:grafana_query_{i}", "expr": e.replace("$__rate_interval", "5m")}
             for i, e in enumerate(_grafana_exprs())]
    path = tmp_path / "grafana_queries.yml"
    path.write_text(yaml.safe_dump({"groups": [{"name": "grafana", "rules": rules}]}))
    result = _run(promtool, "check", "rules", str(path))
    assert result.returncode == 0, result.stdout + result.stderr


# --- Grafana dashboard and provisioning --------------------------------------------------------

def test_grafana_dashboard_uses_the_provisioned_datasource_and_fits_the_grid():
    board = json.loads(GRAFANA.read_text())
    uid = yaml.safe_load(DATASOURCES.read_text())["datasources"][0]["uid"]
    assert board["uid"] == "parley-operations" and board["refresh"]
    cells: set[tuple[int, int]] = set()
    for panel in board["panels"]:
        g = panel["gridPos"]
        assert 0 <= g["x"] and g["x"] + g["w"] <= 24, panel["title"]
        mine = {(x, y) for x in range(g["x"], g["x"] + g["w"]) for y in range(g["y"], g["y"] + g["h"])}
        assert not cells & mine, f"{panel['title']} overlaps another panel"
        cells |= mine
        if panel["type"] != "row":
            assert panel["datasource"]["uid"] == uid
            assert panel["targets"] and all(t["datasource"]["uid"] == uid for t in panel["targets"])
    provider = yaml.safe_load(DASHBOARD_PROVIDER.read_text())["providers"][0]
    assert provider["type"] == "file" and provider["options"]["path"].startswith("/var/lib/grafana/dashboards")


def test_grafana_covers_what_operations_needs():
    text = " ".join(_grafana_exprs())
    for needed in ("parley_articles_in_total", "parley_consumer_lag", "histogram_quantile(0.95",
                   "parley_deadletters_total", "parley_es_bulk_errors_total", "parley_alert_deliveries_total"):
        assert needed in text


# --- metric names against streams/ ------------------------------------------------------------------

CONSTRUCTORS = {"Counter", "Gauge", "Histogram", "Summary"}


def _exposed(name: str, kind: str) -> list[str]:
    """The series names prometheus_client exposes for a metric (a Counter drops a _total suffix)."""
    base = name.removesuffix("_total") if kind == "Counter" else name
    return {
        "Counter": [f"{base}_total", f"{base}_created"],
        "Gauge": [base],
        "Histogram": [f"{base}_bucket", f"{base}_sum", f"{base}_count", f"{base}_created"],
        "Summary": [base, f"{base}_sum", f"{base}_count", f"{base}_created"],
    }[kind]


def defined_metrics() -> dict[str, dict]:
    """name as exposed -> {"kind", "labels"} for every parley_* metric constructed in streams/."""
    found: dict[str, dict] = {}
    for path in (ROOT / "streams").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            fname = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if fname not in CONSTRUCTORS or not node.args or not isinstance(node.args[0], ast.Constant):
                continue
            name = node.args[0].value
            if not isinstance(name, str) or not name.startswith("parley_"):
                continue
            labels_node = node.args[2] if len(node.args) > 2 else next(
                (k.value for k in node.keywords if k.arg == "labelnames"), None)
            labels = set()
            if isinstance(labels_node, (ast.List, ast.Tuple)):
                labels = {e.value for e in labels_node.elts if isinstance(e, ast.Constant)}
            for n in _exposed(name, fname):
                found[n] = {"kind": fname, "labels": labels | ({"le"} if n.endswith("_bucket") else set()),
                            "where": f"{path.relative_to(ROOT)}:{node.lineno}"}
    return found


def _used(exprs: list[str]) -> list[tuple[str, set[str], str]]:
    """(metric, labels it is matched or grouped by, expression) for each use."""
    uses = []
    for expr in exprs:
        grouped = {l.strip() for g in re.findall(r"\bby\s*\(([^)]*)\)", expr) for l in g.split(",") if l.strip()}
        for metric, matchers in re.findall(r"\b(parley_[a-z0-9_]+)(\{[^}]*\})?", expr):
            if metric.startswith("parley:"):
                continue
            labels = set(re.findall(r"(\w+)\s*(?:=~|!~|!=|=)", matchers or ""))
            uses.append((metric, labels, expr))
        uses.append(("", grouped, expr))
    return uses


def _rule_exprs() -> list[str]:
    return [r["expr"] for g in yaml.safe_load(RULES.read_text())["groups"] for r in g["rules"]]


def metric_problems(exprs: list[str], defined: dict[str, dict]) -> list[str]:
    """Unknown metrics, unknown label matchers and unknown `by (...)` labels in `exprs`."""
    problems: list[str] = []
    for metric, labels, expr in _used(exprs):
        if not metric:
            in_expr = {m for m, _l, _e in _used([expr]) if m}
            if in_expr <= set(defined):
                known = set().union(*(defined[m]["labels"] for m in in_expr))
                if labels - known:
                    problems.append(f"grouped by unknown label(s) {sorted(labels - known)} in: {expr.strip()[:90]}")
        elif metric not in defined:
            problems.append(f"{metric} is not defined in streams/ (prometheus_client constructors scanned)")
        elif labels - defined[metric]["labels"]:
            problems.append(f"{metric} has no label {sorted(labels - defined[metric]['labels'])} "
                            f"(defined at {defined[metric]['where']} with {sorted(defined[metric]['labels'])})")
    return sorted(set(problems))


def expected_metrics() -> dict[str, dict]:
    """dashboards/prometheus/metrics.yml as exposed names -> {"kind", "labels", "where"}."""
    out: dict[str, dict] = {}
    for base, spec in yaml.safe_load(EXPECTED_METRICS.read_text())["metrics"].items():
        for name in _exposed(base, spec["kind"]):
            out[name] = {"kind": spec["kind"], "labels": set(spec["labels"]) | ({"le"} if name.endswith("_bucket") else set()),
                         "where": "dashboards/prometheus/metrics.yml"}
    return out


@pytest.mark.parametrize("source", ["grafana", "rules"])
def test_every_metric_used_is_listed_in_metrics_yml(source):
    exprs = _grafana_exprs() if source == "grafana" else _rule_exprs()
    problems = metric_problems(exprs, expected_metrics())
    assert not problems, "\n".join(problems)


def test_every_metric_in_metrics_yml_is_defined_in_streams():
    """The contract with streams/metrics.py: same names, kinds and labels."""
    defined = defined_metrics()
    assert "parley_consumer_lag" in defined, "the ast scan found no metric in streams/metrics.py"
    problems = []
    for base, spec in yaml.safe_load(EXPECTED_METRICS.read_text())["metrics"].items():
        name = _exposed(base, spec["kind"])[0]
        got = defined.get(name)
        labels = set(spec["labels"]) | ({"le"} if name.endswith("_bucket") else set())
        if got is None:
            problems.append(f"{base} ({spec['kind']}, labels {spec['labels']}) is not defined in streams/")
        elif got["kind"] != spec["kind"] or got["labels"] != labels:
            problems.append(f"{base}: streams defines a {got['kind']} with labels {sorted(got['labels'])} "
                            f"at {got['where']}; metrics.yml expects {spec['kind']} {sorted(labels)}")
    assert not problems, "\n".join(problems)


def test_metric_check_flags_unknown_metrics_and_labels():
    defined = defined_metrics()
    exprs = ["sum by (topic) (rate(parley_articles_in_total[5m]))",
             "rate(parley_no_such_thing_total[5m])",
             'sum(rate(parley_deadletters_total{stag="tag"}[5m]))',
             "sum by (shard) (parley_consumer_lag)",
             "parley_processing_seconds"]
    assert metric_problems(exprs, defined) == sorted([
        "grouped by unknown label(s) ['shard'] in: sum by (shard) (parley_consumer_lag)",
        "parley_deadletters_total has no label ['stag'] (defined at "
        f"{defined['parley_deadletters_total']['where']} with ['reason', 'stage'])",
        "parley_no_such_thing_total is not defined in streams/ (prometheus_client constructors scanned)",
        "parley_processing_seconds is not defined in streams/ (prometheus_client constructors scanned)",
    ])


def test_metric_scan_reads_names_labels_and_kinds():
    defined = defined_metrics()
    assert defined["parley_deadletters_total"]["labels"] == {"stage", "reason"}
    assert defined["parley_processing_seconds_bucket"]["labels"] == {"le"}
    assert "parley_processing_seconds" not in defined  # a histogram is only seen through its series
    assert defined["parley_consumer_lag"]["kind"] == "Gauge"
