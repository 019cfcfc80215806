"""Faust agents, kept thin: decode, call the core, hand the result to a sink or topic."""

from .index import BatchWriter, make_index_agent
from .tag import TagOutcome, make_tag_agent, tag_raw
from .tag_index import make_tag_index_agent

__all__ = ["BatchWriter", "make_index_agent", "TagOutcome", "make_tag_agent", "make_tag_index_agent", "tag_raw"]
