"""Parley's dashboards as code: Kibana saved objects built from readable sources,
checked without Kibana, translated to Elasticsearch requests, and imported."""

from streams.dashboards.spec import NDJSON_PATH, SOURCES_DIR, Sources, SpecError, load_sources

__all__ = ["NDJSON_PATH", "SOURCES_DIR", "Sources", "SpecError", "load_sources", "build_ndjson"]


def build_ndjson(sources: Sources | None = None) -> str:
    """The NDJSON text for `sources` (the repo's dashboards/kibana/src by default)."""
    from streams.dashboards.kibana import build_objects, to_ndjson

    return to_ndjson(build_objects(sources or load_sources()))
