"""docker-compose.yml is checked without a Docker engine: services, images, ports, order, health."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
ENV = dict(
    line.split("=", 1)
    for line in (ROOT / ".env").read_text().splitlines()
    if line.strip() and not line.lstrip().startswith("#")
)
SERVICES = COMPOSE["services"]


def expand(value: str) -> str:
    def sub(m: re.Match) -> str:
        name = m.group(1)
        assert name in ENV, f"${{{name}}} is not set in .env"
        return ENV[name]

    return re.sub(r"\$\{([A-Z0-9_]+)\}", sub, value)


def test_services_are_there() -> None:
    assert {"kafka", "elasticsearch", "kibana", "prometheus", "setup", "worker"} <= set(SERVICES)


def test_images_pin_versions_from_env_and_stack_versions_match() -> None:
    images = {name: expand(svc["image"]) for name, svc in SERVICES.items()}
    assert images["kafka"].startswith("apache/kafka:")
    es_tag = images["elasticsearch"].rsplit(":", 1)[1]
    assert images["elasticsearch"] == f"docker.elastic.co/elasticsearch/elasticsearch:{es_tag}"
    assert images["kibana"] == f"docker.elastic.co/kibana/kibana:{es_tag}", "Kibana must match Elasticsearch"
    assert es_tag.startswith("8.19."), es_tag
    for name, image in images.items():
        tag = image.rsplit(":", 1)[1] if ":" in image.split("/")[-1] else ""
        assert tag and tag != "latest", f"{name}: pin a version ({image})"
    assert SERVICES["worker"]["image"] == SERVICES["setup"]["image"]
    assert "build" in SERVICES["setup"]


def test_kafka_runs_kraft_and_accepts_large_messages() -> None:
    env = SERVICES["kafka"]["environment"]
    assert env["KAFKA_PROCESS_ROLES"] == "broker,controller"
    assert "CONTROLLER" in env["KAFKA_CONTROLLER_LISTENER_NAMES"]
    assert int(env["KAFKA_MESSAGE_MAX_BYTES"]) >= 25 * 1024 * 1024
    assert "ZOOKEEPER" not in " ".join(env)


def test_elasticsearch_is_single_node_without_security() -> None:
    env = SERVICES["elasticsearch"]["environment"]
    assert env["discovery.type"] == "single-node"
    assert env["xpack.security.enabled"] == "false"


def host_ports(svc: dict) -> list[str]:
    out = []
    for p in svc.get("ports", []):
        parts = str(p).split(":")
        if len(parts) == 3 and parts[1]:
            out.append(parts[1])
        elif len(parts) == 2:
            out.append(parts[0])
    return out


def test_ports() -> None:
    assert host_ports(SERVICES["elasticsearch"]) == ["9200"]
    assert host_ports(SERVICES["kibana"]) == ["5601"]
    assert host_ports(SERVICES["prometheus"]) == ["9090"]
    assert host_ports(SERVICES["kafka"]) == ["9094"]
    # workers scale with --scale: no fixed host port
    assert host_ports(SERVICES["worker"]) == []
    assert {"6066", "9464"} <= {str(p) for p in SERVICES["worker"]["expose"]}


def test_startup_order_uses_conditions() -> None:
    dep = {name: svc.get("depends_on", {}) for name, svc in SERVICES.items()}
    assert dep["kibana"]["elasticsearch"]["condition"] == "service_healthy"
    for svc in ("kafka", "elasticsearch", "kibana"):
        assert dep["setup"][svc]["condition"] == "service_healthy"
    assert dep["worker"]["setup"]["condition"] == "service_completed_successfully"
    assert dep["worker"]["kafka"]["condition"] == "service_healthy"
    assert dep["worker"]["elasticsearch"]["condition"] == "service_healthy"
    assert "worker" in dep["prometheus"]


def test_healthchecks() -> None:
    for name in ("kafka", "elasticsearch", "kibana", "worker", "prometheus"):
        hc = SERVICES[name].get("healthcheck")
        assert hc and hc["test"] and hc.get("interval"), f"{name} needs a healthcheck"
    assert "_cluster/health" in " ".join(SERVICES["elasticsearch"]["healthcheck"]["test"])
    assert "9464/metrics" in " ".join(SERVICES["worker"]["healthcheck"]["test"])


def test_setup_job_creates_topics_templates_and_dashboards() -> None:
    command = " ".join(SERVICES["setup"]["command"])
    assert "parley setup" in command and "parley dashboards import" in command
    assert SERVICES["setup"].get("restart") == "no"


def test_prometheus_scrapes_every_worker() -> None:
    mounts = " ".join(SERVICES["prometheus"]["volumes"])
    assert "./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml" in mounts
    prom = yaml.safe_load((ROOT / "prometheus" / "prometheus.yml").read_text())
    jobs = {j["job_name"]: j for j in prom["scrape_configs"]}
    sd = jobs["parley-workers"]["dns_sd_configs"][0]
    assert sd["names"] == ["worker"] and sd["port"] == 9464


def test_dockerfile_runs_parley() -> None:
    text = (ROOT / "Dockerfile").read_text()
    assert re.search(r'ENTRYPOINT \["parley"\]', text)
    assert "pip install" in text


def test_parley_services_run_commands_the_cli_knows() -> None:
    """The image's ENTRYPOINT is `parley`: a service either passes it a sub-command the
    CLI has, or overrides the entrypoint with a shell that calls `parley ...` itself."""
    from streams.cli import COMMANDS

    for name, svc in SERVICES.items():
        if svc.get("image") != "parley:local":
            continue
        command = svc.get("command") or ["worker"]
        entrypoint = svc.get("entrypoint")
        if entrypoint is None:
            assert command[0] in COMMANDS, f"{name}: `parley {command[0]}` is not a command"
        else:
            assert entrypoint[:2] == ["sh", "-c"], name
            for call in re.findall(r"parley (\w+)", " ".join(command)):
                assert call in COMMANDS, f"{name}: `parley {call}` is not a command"


# --- docker-compose.cluster.yml: the override for a 3-broker / 3-node cluster -------------------

CLUSTER = yaml.safe_load((ROOT / "docker-compose.cluster.yml").read_text())


def merged(name: str) -> dict:
    """A service as `docker compose -f docker-compose.yml -f docker-compose.cluster.yml` sees it
    (mappings merge key by key, the override winning)."""
    base, over = SERVICES.get(name, {}), CLUSTER["services"].get(name, {})
    out = {**base, **over}
    for key in ("environment", "depends_on"):
        if isinstance(base.get(key), dict) or isinstance(over.get(key), dict):
            out[key] = {**(base.get(key) or {}), **(over.get(key) or {})}
    return out


def test_cluster_override_runs_three_kafka_nodes_in_one_quorum() -> None:
    nodes = {name: merged(name)["environment"] for name in ("kafka", "kafka2", "kafka3")}
    assert sorted(int(env["KAFKA_NODE_ID"]) for env in nodes.values()) == [1, 2, 3]
    assert {expand(env["CLUSTER_ID"]) for env in nodes.values()} == {ENV["KAFKA_CLUSTER_ID"]}
    assert {env["KAFKA_CONTROLLER_QUORUM_VOTERS"] for env in nodes.values()} == {"1@kafka:9093,2@kafka2:9093,3@kafka3:9093"}
    for name, env in nodes.items():
        assert int(env["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"]) == 3 and int(env["KAFKA_MIN_INSYNC_REPLICAS"]) == 2
        assert env["KAFKA_ADVERTISED_LISTENERS"].startswith(f"INTERNAL://{name}:9092,")
    assert host_ports(merged("kafka")) + host_ports(merged("kafka2")) + host_ports(merged("kafka3")) == ["9094", "9095", "9096"]


def test_cluster_override_runs_three_elasticsearch_nodes_that_find_each_other() -> None:
    nodes = {name: merged(name) for name in ("elasticsearch", "elasticsearch2", "elasticsearch3")}
    names = {svc["environment"]["node.name"] for svc in nodes.values()}
    for svc in nodes.values():
        env = svc["environment"]
        assert env["discovery.type"] != "single-node"
        assert set(env["cluster.initial_master_nodes"].split(",")) == names
        assert set(env["discovery.seed_hosts"].split(",")) == set(nodes)
        assert expand(svc["image"]) == expand(SERVICES["elasticsearch"]["image"])
        assert "wait_for_nodes=3" in " ".join(svc["healthcheck"]["test"])
    assert expand(nodes["elasticsearch2"]["environment"]["ES_JAVA_OPTS"]).startswith("-Xms")


def test_cluster_override_points_parley_at_every_node_with_durable_settings() -> None:
    for name in ("setup", "worker", "api"):
        env = merged(name)["environment"]
        assert env["PARLEY_KAFKA_BOOTSTRAP"] == "kafka:9092,kafka2:9092,kafka3:9092", name
        assert env["PARLEY_ES_URL"].count("http://") == 3, name
        assert env["PARLEY_TOPIC_REPLICATION"] == "3" and env["PARLEY_ES_REPLICAS"] == "1", name
        assert int(expand(env["PARLEY_TOPIC_PARTITIONS"])) >= 3, name
    for dep in ("kafka2", "kafka3", "elasticsearch2", "elasticsearch3"):
        assert merged("setup")["depends_on"][dep]["condition"] == "service_healthy"
