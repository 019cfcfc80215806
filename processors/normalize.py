"""Turn an incoming article (plain text or HTML, str or bytes) into clean text.

>>> a = normalize({"title": "Talks resume", "text": "Envoys met\\r\\n\\r\\n\\r\\nin Doha.\\x00",
...                "url": "HTTPS://News.Example.org/a/?utm_source=x&b=2&a=1#top"})
>>> a.text
'Talks resume\\n\\nEnvoys met\\n\\nin Doha.'
>>> a.id
'https://news.example.org/a?a=1&b=2'

What `normalize` does, in order:

1. Checks the input types (InputError names the field and what was expected).
2. Bytes are decoded: a byte-order mark first, then (HTML) a `<meta charset>`,
   then strict UTF-8, then charset-normalizer's guess (near-ties between
   single-byte code pages go to the usual Windows code page of the language
   it recognises: windows-1252 for western European text).
3. HTML is reduced to the article's text with trafilatura (boilerplate,
   navigation, scripts and styles removed); when it finds nothing or under 250
   characters, selectolax's text of the page without script, style, nav,
   header, footer, aside and form elements.
   The title, unless given, is the page's og:title, else its <title>.
   A `text` that is in fact HTML (has tags and closing tags) is treated as HTML.
4. Mojibake (UTF-8 read as windows-1252, latin-1 or windows-1251: "nÃ©gociations",
   "ÐŸÑ€Ð¸", "Ø§Ù„") is repaired by ftfy, only when a cheap regex sees its
   tell-tale pairs, so clean text pays a few microseconds, not ftfy's ~700 µs.
5. Burmese typed in the Zawgyi font encoding is converted to Unicode
   (`processors.zawgyi`: a detector, then conversion rules; only texts with
   Myanmar characters pay for it).
6. Control characters are removed (\\n and \\t kept, \\r\\n and \\r become \\n),
   zero-width spaces, soft hyphens and BOMs dropped (ZWNJ/ZWJ kept: Persian and
   Indic words need them), NFC applied, runs of spaces collapsed, lines trimmed
   and runs of blank lines reduced to one paragraph break.
7. `id`: processors.identity.article_id of the article as given (its `id`, else its
   canonical `url`, else a hash of its body): the same id its Kafka key has.
   `text` = title + "\\n\\n" + body, unless the body already starts with the title.
8. Text longer than MAX_CHARS is cut at the last sentence end (else whitespace)
   before the limit: `truncated=True`, `original_chars` = the length before.

An article with neither title nor body text left raises EmptyTextError.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from processors.errors import EmptyTextError, InputError
from processors.identity import TRACKING_PARAMS, canonical_url
from processors.identity import article_id as article_identity
from processors.identity import id_for as article_id  # the rule on (id or url, text); kept for callers
from processors.model import NormalizedArticle
from processors.textutil import holds
from processors.zawgyi import to_unicode as zawgyi_to_unicode

__all__ = [
    "normalize",
    "article_id",
    "canonical_url",
    "clean_text",
    "decode_bytes",
    "html_to_text",
    "MAX_CHARS",
    "TRACKING_PARAMS",
]

#: Longest text kept, in characters. Longer articles are cut (see module doc);
#: 100,000 characters is ~15,000 words, far past any news story's useful part.
MAX_CHARS = 100_000

# --- text cleaning -----------------------------------------------------------------

# C0/C1 controls except \t \n \r; zero-width space, soft hyphen, word joiner, BOM;
# lone surrogates and non-characters (they cannot be encoded to UTF-8 JSON).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff"
                      "\ud800-\udfff\ufffe\uffff]")
_LINE_SEP = re.compile("\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_SPACE_RUN = re.compile(r"[^\S\n]{2,}")
_BLANK_LINES = re.compile(r"\n\n\n+")
_ANY_SPACE = re.compile(r"\s+")

# Mojibake's tell: a UTF-8 lead byte then a continuation byte, both read as
# windows-1252/latin-1 ("Ã©", "â€œ", "Ð\x9f"), or as windows-1251 ("вЂ", or two
# "Р"/"С" pairs: "РџСЂ"). One leading character class, so `re` scans it fast.
_CONT_1252 = "\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc" \
             "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_CONT_1251 = "\u0402\u0403\u201a\u0453\u201e\u2026\u2020\u2021\u20ac\u2030\u0409\u2039\u040a" \
             "\u040c\u040b\u040f\u0452\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u2122\u0459" \
             "\u203a\u045a\u045c\u045b\u045f\u00a0\u040e\u045e\u0408\u00a4\u0490\u00a6\u00a7" \
             "\u0401\u00a9\u0404\u00ab\u00ac\u00ae\u0407\u00b0\u00b1\u0406\u0456\u0491\u00b5" \
             "\u00b6\u00b7\u0451\u2116\u0454\u00bb\u0458\u0405\u0455\u0457"
# Burmese letters: only such texts are asked whether they are Zawgyi
_MYANMAR = re.compile("[\u1000-\u109f]")
_MOJIBAKE = re.compile(
    f"[\u00c2-\u00f4\u0420\u0421\u0432](?:(?<=[\u00c2-\u00f4])[{_CONT_1252}]"
    f"|(?<=\u0432)[\u0402\u0403\u201a\u0453\u201e]"
    f"|(?<=[\u0420\u0421])[{_CONT_1251}][\u0420\u0421][{_CONT_1251}])")
# the character every match of _MOJIBAKE starts with
_MOJIBAKE_LEAD = re.compile("[\u00c2-\u00f4\u0420\u0421\u0432]")


def clean_text(text: str) -> str:
    """Repair mojibake, drop control characters, NFC, tidy whitespace (see module doc).

    On the hot path: every step is skipped after a check that costs a few
    microseconds on clean text (isascii, isprintable, substring tests).
    """
    if not text.isascii():
        # (`holds`: no scan of a text without the letters mojibake starts with, as Arabic or
        # Chinese; the blocks it reads are the ones the Myanmar test reads)
        if holds(text, _MOJIBAKE_LEAD) and _MOJIBAKE.search(text):
            import ftfy

            text = ftfy.fix_encoding(text)
        if not text.isascii() and holds(text, _MYANMAR):   # (a scan only where its block is)
            text = zawgyi_to_unicode(text)
    flat = text.replace("\n", "").replace("\t", "")
    if not flat.isprintable() and not flat.replace("\u200c", "").replace("\u200d", "").isprintable():
        # something beyond printable characters, \n, \t, ZWNJ and ZWJ: controls,
        # \r, line separators, other format characters or spaces other than " "
        text = _LINE_SEP.sub("\n", text)
        text = _CONTROL.sub("", text)
        text = _SPACE_RUN.sub(" ", text)
    elif "  " in text or "\t" in text:
        text = _SPACE_RUN.sub(" ", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = "\n".join([line.strip() for line in text.split("\n")])
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def _one_line(text: str) -> str:
    return _ANY_SPACE.sub(" ", clean_text(text)).strip()


# --- bytes ---------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# What browsers do (WHATWG Encoding): these labels mean windows-1252.
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "iso_8859-1"}


def decode_bytes(data: bytes, *, html: bool = False) -> str:
    """Decode bytes of unknown encoding: BOM, then <meta charset> (HTML), UTF-8, detection."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    if html:
        m = _META_CHARSET.search(data, 0, 4096)
        if m:
            label = m.group(1).decode("ascii").lower()
            label = "cp1252" if label in _AS_CP1252 else label
            try:
                return data.decode(label)
            except (LookupError, UnicodeDecodeError):
                pass  # unknown or lying declaration: detect instead
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _detect_decode(data)


# The Windows code page a language's legacy text is usually in (charset-normalizer
# names the language). Single-byte code pages often score alike on a few
# sentences (é in cp1252 is č in cp1250); this settles such near-ties.
_USUAL_CODE_PAGE = {
    **dict.fromkeys(("Polish", "Czech", "Slovak", "Hungarian", "Croatian", "Slovene", "Romanian",
                     "Bosnian", "Albanian"), "cp1250"),
    **dict.fromkeys(("Russian", "Ukrainian", "Bulgarian", "Serbian", "Belarusian", "Macedonian",
                     "Kazakh"), "cp1251"),
    "Greek": "cp1253", "Turkish": "cp1254", "Hebrew": "cp1255",
    **dict.fromkeys(("Arabic", "Farsi", "Persian", "Urdu"), "cp1256"),
    **dict.fromkeys(("Lithuanian", "Latvian", "Estonian"), "cp1257"),
    "Vietnamese": "cp1258",
}
_NEAR_TIE = 0.1  # chaos difference (0..1) under which the usual code page wins


def _detect_decode(data: bytes) -> str:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return data.decode("cp1252", errors="replace")
    best = matches[0]
    language = best.languages[0] if best.languages else ""
    usual = _USUAL_CODE_PAGE.get(language, "cp1252")
    for m in matches:
        if usual in m.could_be_from_charset and m.chaos <= best.chaos + _NEAR_TIE:
            return data.decode(usual, errors="replace")
    return str(best)


# --- HTML -----------------------------------------------------------------------------

_LOOKS_HTML = re.compile(
    r"<(?:html|body|head|p|div|br|span|a|script|style|article|section|h[1-6]|li|ul|ol|table|"
    r"tr|td|strong|em|b|i|meta|title|nav|header|footer)\b[^>]*>", re.I)
_NOT_TEXT = "script, style, noscript, template, svg, iframe, form, nav, header, footer, aside, button"
_SHORT_EXTRACT = 250  # characters; trafilatura's own "too short, try fallbacks" size
_BLOCKS = "p, div, li, h1, h2, h3, h4, h5, h6, br, tr, blockquote, pre, section, article, dd, dt"


def looks_like_html(text: str) -> bool:
    """True when `text` carries markup (a known tag and a closing tag), not just a "<"."""
    return "<" in text and "</" in text and _LOOKS_HTML.search(text, 0, 5000) is not None


def html_to_text(html: str) -> tuple[str, str]:
    """(title, body text) of an HTML page, boilerplate removed. Either may be ""."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    title = _html_title(tree)
    body = _trafilatura_text(html)
    if len(body) < _SHORT_EXTRACT:
        # nothing found, or a snippet: trafilatura then falls back to the whole
        # body, navigation included; our own cleaning does better there
        for node in tree.css(_NOT_TEXT):
            node.decompose()
        for node in tree.css(_BLOCKS):
            node.insert_after("\n")
        root = tree.body or tree.root
        body = root.text(separator="") if root is not None else ""
    return title, body


def _trafilatura_text(html: str) -> str:
    import trafilatura

    try:
        out = trafilatura.extract(html, output_format="txt", include_comments=False,
                                  include_tables=True, include_links=False, include_images=False)
    except Exception:  # noqa: BLE001 - a parser failure on odd markup: use the fallback
        return ""
    return out or ""


def _html_title(tree: Any) -> str:
    node = tree.css_first('meta[property="og:title"]') or tree.css_first('meta[name="twitter:title"]')
    title = (node.attributes.get("content") or "") if node is not None else ""
    if not title.strip():
        t = tree.css_first("title")
        title = t.text() if t is not None else ""
        site = tree.css_first('meta[property="og:site_name"]')
        site_name = (site.attributes.get("content") or "").strip() if site is not None else ""
        if site_name:
            for sep in (" | ", " - ", " – ", " — ", " :: "):
                if title.strip().endswith(sep + site_name):
                    title = title.strip()[: -len(sep + site_name)]
    return _one_line(title)


# --- the entry point -------------------------------------------------------------------

def normalize(article: Mapping[str, Any]) -> NormalizedArticle:
    """Clean one article (see the module doc). Raises InputError / EmptyTextError."""
    if not isinstance(article, Mapping):
        raise InputError(f"an article must be a JSON object (a mapping), got {type(article).__name__}")
    text, html = article.get("text"), article.get("html")
    if text is None and html is None:
        raise InputError("the article has no 'text' or 'html' field: give one of them", field="text")
    for name, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, (str, bytes, bytearray)):
            raise InputError(f"'{name}' must be a string (or bytes), got {type(value).__name__}",
                             field=name)
    title = _optional_str(article, "title", allow_bytes=True)
    url = _optional_str(article, "url")
    _optional_str(article, "id")  # checked here; identity.article_id reads it
    source = _optional_str(article, "source")
    lang = _optional_str(article, "lang")
    published = _published(article.get("published"))

    body, field = "", "text"
    if text is not None and len(text):
        raw = decode_bytes(bytes(text), html=True) if isinstance(text, (bytes, bytearray)) else text
        if looks_like_html(raw):
            html_title, raw = html_to_text(raw)
            title = title or html_title
        body = clean_text(raw)
    if not body and html is not None and len(html):
        field = "html"
        page = decode_bytes(bytes(html), html=True) if isinstance(html, (bytes, bytearray)) else html
        html_title, raw = html_to_text(page)
        title = title or html_title
        body = clean_text(raw)
    title = _one_line(title) if title else ""
    if not body and not title:
        raise EmptyTextError(f"the article's {field} is empty once markup and control characters "
                             f"are removed", field=field)

    full = body
    if title and not body.startswith(title):
        full = f"{title}\n\n{body}" if body else title
    original_chars = len(full)
    truncated = original_chars > MAX_CHARS
    if truncated:
        full = _truncate(full, MAX_CHARS)
    return NormalizedArticle(
        id=article_identity(article),  # the one identity rule, on the article as given
        text=full,
        title=title,
        url=url,
        published=published,
        source=source,
        lang_hint=lang,
        truncated=truncated,
        original_chars=original_chars,
    )


_SENTENCE_END = re.compile(r"[.!?。！？؟।۔]['\"”’»)\]]*\s|\n")


def _truncate(text: str, limit: int) -> str:
    """`text` cut before `limit` at the last sentence end, else whitespace, in the last 10%."""
    floor = limit - limit // 10
    window = text[floor:limit]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    if ends:
        return text[: floor + ends[-1]].rstrip()
    space = window.rfind(" ")
    if space >= 0:
        return text[: floor + space].rstrip()
    return text[:limit]


def _optional_str(article: Mapping[str, Any], name: str, *, allow_bytes: bool = False) -> str | None:
    value = article.get(name)
    if value is None:
        return None
    if allow_bytes and isinstance(value, (bytes, bytearray)):
        value = decode_bytes(bytes(value))
    if not isinstance(value, str):
        raise InputError(f"'{name}' must be a string, got {type(value).__name__}", field=name)
    value = value.strip()
    return value or None


def _published(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip() or None
    raise InputError(f"'published' must be an ISO 8601 date string, got {type(value).__name__}",
                     field="published")
