"""Faust agents, kept thin: decode, call the core, hand the result to a sink or topic."""

from .index import BatchWriter, make_index_agent
from .tag import TagOutcome, make_tag_agent, tag_raw

__all__ = ["BatchWriter", "make_index_agent", "TagOutcome", "make_tag_agent", "tag_raw"]
