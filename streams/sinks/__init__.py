"""Sinks: where tagged articles are written (Elasticsearch); the Protocol lives in `base`."""

from .base import Rejected, Sink, SinkBackpressureError, SinkError, SinkUnavailableError, WriteResult, default_doc_id

__all__ = ["Sink", "SinkError", "SinkBackpressureError", "SinkUnavailableError", "Rejected", "WriteResult", "default_doc_id"]
