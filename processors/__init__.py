"""Parley's pure core: normalise, identify the language, tag diplomacy, peace talks
and ceasefires, extract who, where, when and how many, match alert queries.

No Kafka, Elasticsearch or network imports here: plain data in, plain data out.

>>> from processors import tag_article
>>> tag_article({"id": "a1", "text": "..."})  # doctest: +SKIP
"""

__version__ = "0.1.0"

from .errors import EmptyTextError, InputError, ParleyError, QueryError  # noqa: E402


def tag_article(article, *, include_text: bool = False):
    """Tag one article; see processors.pipeline.tag_article."""
    from .pipeline import tag_article as _tag

    return _tag(article, include_text=include_text)


__all__ = ["tag_article", "ParleyError", "InputError", "EmptyTextError", "QueryError", "__version__"]
