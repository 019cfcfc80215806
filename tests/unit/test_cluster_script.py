"""scripts/cluster.py without starting anything: ports, node configs, refusals."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "cluster.py"


@pytest.fixture(scope="module")
def cluster():
    spec = importlib.util.spec_from_file_location("parley_cluster_unit", _SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_ports_are_offset_from_the_single_node_ones(cluster, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("PARLEY_SERVICES_KAFKA_PORT", "19092")
    monkeypatch.setenv("PARLEY_SERVICES_ES_PORT", "19200")
    s = cluster.ClusterSettings(cache_dir=tmp_path)
    assert cluster.broker_ports(s) == [(19102, 19103), (19104, 19105), (19106, 19107)]
    assert cluster.es_ports(s) == [(19210, 19220), (19211, 19221), (19212, 19222)]
    single = {19092, 19093, 19200} | set(range(19300, 19400))  # services.py: transport range +100..+199
    assert not single & {p for pair in cluster.broker_ports(s) + cluster.es_ports(s) for p in pair}


def test_kafka_nodes_form_one_quorum_with_durable_defaults(cluster, tmp_path) -> None:
    s = cluster.ClusterSettings(cache_dir=tmp_path, kafka_base=9102)
    props = [dict(line.split("=", 1) for line in cluster.kafka_properties(s, i, tmp_path).splitlines()) for i in range(3)]
    assert [p["node.id"] for p in props] == ["1", "2", "3"]
    assert {p["controller.quorum.voters"] for p in props} == {"1@127.0.0.1:9103,2@127.0.0.1:9105,3@127.0.0.1:9107"}
    assert props[1]["listeners"] == "PLAINTEXT://127.0.0.1:9104,CONTROLLER://127.0.0.1:9105"
    for p in props:
        assert p["offsets.topic.replication.factor"] == p["default.replication.factor"] == "3"
        assert p["min.insync.replicas"] == p["transaction.state.log.min.isr"] == "2"
        assert p["unclean.leader.election.enable"] == "false"
    one = dict(line.split("=", 1) for line in cluster.kafka_properties(
        cluster.ClusterSettings(cache_dir=tmp_path, brokers=1), 0, tmp_path).splitlines())
    assert one["offsets.topic.replication.factor"] == "1" and one["min.insync.replicas"] == "1"


def test_elasticsearch_nodes_find_each_other(cluster, tmp_path) -> None:
    s = cluster.ClusterSettings(cache_dir=tmp_path, es_base=9210)
    text = cluster.es_yaml(s, 2, tmp_path)
    assert "node.name: parley-node-2\n" in text and "http.port: 9212\n" in text and "transport.port: 9222\n" in text
    assert 'discovery.seed_hosts: ["127.0.0.1:9220", "127.0.0.1:9221", "127.0.0.1:9222"]' in text
    assert 'cluster.initial_master_nodes: ["parley-node-0", "parley-node-1", "parley-node-2"]' in text
    assert "single-node" not in text
    assert "discovery.type: single-node" in cluster.es_yaml(cluster.ClusterSettings(cache_dir=tmp_path, es_nodes=1), 0, tmp_path)


def test_node_counts_out_of_range_are_refused(cluster, tmp_path) -> None:
    with pytest.raises(cluster.ServicesError, match="--brokers 0: run between 1 and 9 nodes"):
        cluster.ClusterSettings(cache_dir=tmp_path, brokers=0)


def test_commands_on_a_cluster_that_is_not_running_say_how_to_start_it(cluster, tmp_path) -> None:
    s = cluster.ClusterSettings(cache_dir=tmp_path)
    assert cluster.status(s) == {"running": False}
    with pytest.raises(cluster.ServicesError, match="scripts/cluster.py start"):
        cluster.kill_broker(0, s)
