"""Where articles come from: files and stdin, RSS/Atom feeds, HTTP; and the Kafka producer they share."""

from .articles import SourceItem, article_key, iter_path, parse_body, validate_article

__all__ = ["SourceItem", "article_key", "iter_path", "parse_body", "validate_article"]
