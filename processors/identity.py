"""An article's identity: its Kafka key on ``articles.raw`` and its Elasticsearch ``_id``.

design.md: "an article's identity (canonical URL, else a content hash) is its Kafka key
and its Elasticsearch _id, so a replay never duplicates". One function decides it,
:func:`article_id`, on the article as a source gives it (before normalisation), so every
entry point gets the same answer without tagging: ``parley ingest``, the worker's
``POST /articles``, ``parley feeds`` (keys and "seen" marks), and the tagger itself
(``normalize`` sets the tagged article's ``id`` from it, which the Elasticsearch sink
writes as ``_id``).

The rule, first that applies:

1. the article's own ``id`` (trimmed), in canonical form if it is an http(s) URL;
2. its ``url``, likewise (a non-web ``url`` such as ``afp:2024-0613-001`` is kept as given);
3. ``"sha1:"`` + the SHA-1 of its body (``text``, else ``html``) after Unicode NFC, without
   control characters, with every run of whitespace as one space and trimmed, so the same
   story re-sent with other line endings or padding is the same document.

>>> article_id({"url": "HTTPS://News.Example.org/a/?utm_source=x&b=2&a=1#top", "text": "..."})
'https://news.example.org/a?a=1&b=2'
>>> article_id({"id": " afp:2024-0613-001 ", "url": "https://example.org/a", "text": "..."})
'afp:2024-0613-001'
>>> article_id({"text": "Envoys met in Doha.\\r\\n"})
'sha1:34cab75b259b4a63737d713372f82b4976385834'

Pure standard library: no driver imports (processors/ is the core).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from processors.errors import InputError

__all__ = ["article_id", "id_for", "canonical_url", "content_hash", "TRACKING_PARAMS"]

#: Query parameters dropped from URLs (plus every `utm_*`): they say how a
#: reader arrived, not which article it is.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "twclid",
    "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "ocid", "ncid", "cmpid",
    "spm", "share", "smid", "sr_share", "ref_src", "__twitter_impression",
})
_TRACKING_PREFIXES = ("utm_",)

# controls other than whitespace, zero-width space, soft hyphen, word joiner, BOM
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u200b\u2060\ufeff]")
_SPACES = re.compile(r"\s+")


def article_id(article: Mapping[str, Any]) -> str:
    """The identity of `article` (a mapping with ``id``/``url`` and ``text``/``html``).

    Raises :class:`InputError` when ``id`` or ``url`` is present but not a string.
    """
    if not isinstance(article, Mapping):
        raise InputError(f"an article must be a JSON object (a mapping), got {type(article).__name__}")
    key = _given(article, "id") or _given(article, "url")
    if key:
        return id_for(key, "")
    text = article.get("text")
    body = text if isinstance(text, (str, bytes, bytearray)) and text.strip() else article.get("html")
    return id_for(None, body if isinstance(body, (str, bytes, bytearray)) else "")


def id_for(key: str | None, body: str | bytes) -> str:
    """The rule on its parts: `key` (an id or url) in canonical form, else the hash of `body`.

    >>> id_for("https://Example.org/a/?utm_campaign=x", "ignored")
    'https://example.org/a'
    """
    if key and key.strip():
        return canonical_url(key) or key.strip()
    return content_hash(body)


def content_hash(body: str | bytes) -> str:
    """``"sha1:"`` + the SHA-1 of `body` in the light canonical form of the module doc.

    Bytes (an undecoded body) are hashed as they are.
    """
    if isinstance(body, (bytes, bytearray)):
        data = bytes(body)
    else:
        folded = _SPACES.sub(" ", _INVISIBLE.sub("", unicodedata.normalize("NFC", body))).strip()
        data = folded.encode("utf-8", "surrogatepass")
    return "sha1:" + hashlib.sha1(data).hexdigest()


def canonical_url(url: str) -> str | None:
    """The canonical form of an http(s) URL, or None if `url` is not one.

    Lower-case scheme and host, default port, fragment and tracking parameters
    (utm_*, fbclid, gclid, ... see TRACKING_PARAMS) dropped, remaining query
    parameters sorted, trailing slash of the path stripped. http and https
    stay distinct (a site may serve different things on each).

    >>> canonical_url("HTTPS://WWW.Example.com:443/News/Item/?utm_medium=rss&id=7&b=&a=1#c")
    'https://www.example.com/News/Item?a=1&b=&id=7'
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if port is not None and (scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    if parts.username:
        cred = parts.username + (f":{parts.password}" if parts.password else "")
        host = f"{cred}@{host}"
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith(_TRACKING_PREFIXES)
    )
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, host, path, urlencode(query), ""))


def _given(article: Mapping[str, Any], name: str) -> str | None:
    value = article.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"'{name}' must be a string, got {type(value).__name__}", field=name)
    return value.strip() or None
