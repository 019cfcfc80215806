"""`parley setup` creates the Faust tables' changelog topics before any worker starts, so that a
worker's consumer never subscribes to a changelog the broker does not have yet."""

from __future__ import annotations

from pathlib import Path

from streams.kafka_admin import _current_configs, admin_client

from pipeline_support import Stack, cleanup


def test_setup_creates_the_tables_changelog_topics(kafka_bootstrap: str, es_url: str, kafka_admin, es_client,
                                                   tmp_path: Path):
    stack = Stack(kafka_bootstrap, es_url)
    try:
        first = stack.parley("setup")
        assert first.returncode == 0, first.stderr + first.stdout
        app_id = stack.settings().app_id
        names = {f"{app_id}-parley-alert-state-changelog": "compact",
                 f"{app_id}-parley-alert-delivered-changelog": "compact,delete"}
        for name in names:
            assert f"topic {name}: created" in first.stdout
        described = {t["name"]: t for t in kafka_admin.describe_topics(list(names))}
        assert all(len(described[n]["partitions"]) == stack.settings().topic_partitions for n in names)
        admin = admin_client(stack.settings())
        seen = _current_configs(admin, list(names))
        admin.close()
        assert {n: seen[n]["cleanup.policy"] for n in names} == names
        assert seen[f"{app_id}-parley-alert-delivered-changelog"]["retention.ms"] == str(7200 * 1000)
        again = stack.parley("setup")
        assert all(f"topic {name}: already exists" in again.stdout for name in names)
    finally:
        cleanup(stack, kafka_admin, es_client)
