"""scripts/services.py without starting anything: poms, ids, probes and error messages."""

from __future__ import annotations

import base64
import importlib.util
import socket
import struct
import sys
import threading
from pathlib import Path

import pytest

_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "services.py"


@pytest.fixture(scope="module")
def services():
    spec = importlib.util.spec_from_file_location("parley_services_unit", _SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_kafka_pom_pins_version_and_logging(services) -> None:
    pom4 = services._kafka_pom("4.1.2")
    assert "<artifactId>kafka_2.13</artifactId><version>4.1.2</version>" in pom4
    assert "log4j-slf4j-impl" in pom4 and "reload4j" not in pom4
    pom3 = services._kafka_pom("3.9.2")
    assert "slf4j-reload4j" in pom3 and "log4j-core" not in pom3


def test_cluster_id_is_a_kafka_uuid(services) -> None:
    cid = services._kafka_cluster_id()
    assert len(cid) == 22
    assert len(base64.urlsafe_b64decode(cid + "==")) == 16


def test_cluster_id_never_starts_with_a_dash(services) -> None:
    # 0xF8 = 0b111110..: the first base64 digit is 62, "-" in the urlsafe alphabet, which
    # `kafka-storage format -t <id>` takes for an option (one start in 64 failed).
    draws = iter([b"\xf8" + bytes(15), b"\xf8" + bytes(15), b"\x10" + bytes(15)])
    cid = services._kafka_cluster_id(lambda: next(draws))
    assert cid == base64.urlsafe_b64encode(b"\x10" + bytes(15)).rstrip(b"=").decode()
    assert all(not services._kafka_cluster_id().startswith("-") for _ in range(2000))


def _fake_broker(reply: bytes) -> tuple[int, threading.Thread]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            size = struct.unpack(">i", conn.recv(4))[0]
            request = conn.recv(size)
            assert struct.unpack(">hh", request[:4]) == (18, 0)  # ApiVersions v0
            conn.sendall(reply)
        server.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return server.getsockname()[1], thread


def test_api_versions_probe_reads_the_answer(services) -> None:
    port, thread = _fake_broker(struct.pack(">iih", 6, 7, 0))
    assert services._kafka_api_versions(f"127.0.0.1:{port}")
    thread.join(2)
    port, thread = _fake_broker(struct.pack(">iih", 6, 7, 35))  # error code: not ready
    assert not services._kafka_api_versions(f"127.0.0.1:{port}")
    thread.join(2)


def test_probes_are_false_when_nothing_listens(services) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert not services._kafka_api_versions(f"127.0.0.1:{port}", timeout=0.5)
    assert services.es_ready(f"http://127.0.0.1:{port}", timeout=0.5) is None


def test_missing_tool_says_what_to_install(services, monkeypatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(services.ServicesError, match="apt-get install maven"):
        services._require_tools("mvn")


def test_port_in_use_is_named(services, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(services, "_docker_available", lambda: False)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        settings = services.Settings(cache_dir=tmp_path, kafka_port=port, controller_port=port + 1,
                                     es_port=port + 2)
        with pytest.raises(services.ServicesError, match=f"Kafka port {port} already in use"):
            services.start(settings, log=lambda _msg: None)


def test_status_and_stop_without_state(services, tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("PARLEY_SERVICES_KAFKA_PORT", raising=False)
    monkeypatch.delenv("PARLEY_SERVICES_ES_PORT", raising=False)
    settings = services.Settings(cache_dir=tmp_path)
    assert services.status(settings) == {"running": False}
    assert services.stop(settings, log=lambda _msg: None) is False
    assert services.env(settings) == {"PARLEY_KAFKA_BOOTSTRAP": "127.0.0.1:9092",
                                      "PARLEY_ES_URL": "http://127.0.0.1:9200"}


def test_es_version_defaults_to_8_19_and_follows_parley_es_version(services, monkeypatch) -> None:
    monkeypatch.delenv("PARLEY_ES_VERSION", raising=False)
    assert services.ES_VERSION == "8.19.7"
    assert services.Settings().es_version == "8.19.7"
    monkeypatch.setenv("PARLEY_ES_VERSION", "9.0.8")
    assert services.Settings().es_version == "9.0.8"


def _fake_jdk(root: Path, version: str) -> Path:
    (root / "bin").mkdir(parents=True)
    (root / "release").write_text(f'IMPLEMENTOR="test"\nJAVA_VERSION="{version}"\n')
    return root


def test_elasticsearch_9_asks_for_a_java_21_jdk(services, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PARLEY_ES_JAVA_HOME", str(_fake_jdk(tmp_path / "jdk17", "17.0.15")))
    assert services._es_java_home("8.19.7") == str(tmp_path / "jdk17")
    with pytest.raises(services.ServicesError, match="Elasticsearch 9.0.8 needs Java 21.*PARLEY_ES_JAVA_HOME"):
        services._es_java_home("9.0.8")
    monkeypatch.setenv("PARLEY_ES_JAVA_HOME", str(_fake_jdk(tmp_path / "jdk21", "21.0.5")))
    assert services._es_java_home("9.0.8") == str(tmp_path / "jdk21")


def test_running_services_of_another_version_are_not_reused(services, tmp_path, monkeypatch) -> None:
    settings = services.Settings(cache_dir=tmp_path, es_version="9.0.8")
    services._write_state(settings, {"kafka": {"port": 1}, "es": {"url": "http://127.0.0.1:1", "version": "8.19.7"}})
    monkeypatch.setattr(services, "_healthy", lambda state: True)
    with pytest.raises(services.ServicesError, match="Elasticsearch 8.19.7 is running .* but 9.0.8 was asked for"):
        services.start(settings, log=lambda _msg: None)
