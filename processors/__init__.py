"""Parley's pure core: normalise, identify the language, tag diplomacy, peace talks
and ceasefires, extract who, where, when and how many, match alert queries.

No Kafka, Elasticsearch or network imports here: plain data in, plain data out.

>>> from processors import tag_article
>>> out = tag_article({"id": "a1", "text": "Armenia and Azerbaijan agreed a ceasefire after border clashes."})
>>> out["tags"], out["countries"]
(['ceasefire'], ['ARM', 'AZE'])
"""

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

from .errors import EmptyTextError, InputError, ParleyError, QueryError  # noqa: E402

# Public names, imported on first use so that `parley tag` loads only what tagging needs.
# (No name here may equal a submodule's: `processors.normalize` stays the module.)
_LAZY = {
    "tag_article": "processors.pipeline",
    "detect_language": ("processors.langid", "detect"),
    "parse_query": "processors.query",
    "Subscription": "processors.subscriptions",
    "SubscriptionIndex": "processors.alerts",
    "AlertMatch": "processors.alerts",
    "StoryWindow": "processors.fingerprint",
    "Throttle": "processors.pacing",
}

__all__ = ["ParleyError", "InputError", "EmptyTextError", "QueryError", "__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'processors' has no attribute {name!r}")
    module, attr = target if isinstance(target, tuple) else (target, name)
    value = getattr(import_module(module), attr)
    globals()[name] = value
    return value
