"""processors.normalize: from whatever arrives to clean text, an id and flags."""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from pathlib import Path

import pytest

from processors import normalize as norm_mod
from processors.errors import EmptyTextError, InputError
from processors.normalize import (
    MAX_CHARS,
    article_id,
    canonical_url,
    clean_text,
    decode_bytes,
    html_to_text,
    normalize,
)

sys.path.insert(0, str(Path(__file__).parent))
from langid_samples import SAMPLES  # noqa: E402

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Envoys agree to extend truce | Example Daily</title>
<meta property="og:site_name" content="Example Daily">
<style>body { font-family: serif; } .promo-style-text { display: none; }</style>
<script>window.tracker = {id: 42}; function track() { return "head-script-text"; }</script>
</head><body>
<header><div class="logo">Example Daily</div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">Worldwide menu</a></li>
<li><a href="/sport">Sport menu</a></li></ul></nav></header>
<main><article>
<h1>Envoys agree to extend truce</h1>
<p>Negotiators from both sides agreed on Monday to extend the truce by another thirty days,
according to officials who attended the meeting in a lakeside hotel.</p>
<p>The talks, hosted by a neutral mediator, lasted more than nine hours. Delegates said the next
round would focus on the exchange of prisoners and the reopening of two border crossings.</p>
<p>Observers welcomed the decision but warned that repeated violations along the front line could
still derail the process in the coming weeks.</p>
<script>document.write("inline-script-text");</script>
</article></main>
<aside><h3>Most read</h3><ul><li>Celebrity chef opens new restaurant</li></ul></aside>
<footer><p>Copyright Example Daily. All rights reserved.</p></footer>
</body></html>"""

BOILERPLATE = ["head-script-text", "inline-script-text", "promo-style-text", "font-family",
               "Worldwide menu", "Sport menu", "Celebrity chef", "Copyright", "window.tracker"]


# --- HTML ---------------------------------------------------------------------------

def _assert_article_only(text: str) -> None:
    assert "extend the truce by another thirty days" in text
    assert "exchange of prisoners" in text
    assert "derail the process" in text
    for junk in BOILERPLATE:
        assert junk not in text, junk
    assert "<" not in text and ">" not in text


def test_html_reduced_to_the_article() -> None:
    a = normalize({"html": PAGE, "url": "https://example.org/truce"})
    _assert_article_only(a.text)
    assert a.title == "Envoys agree to extend truce"  # <title> without " | site name"
    assert a.text.startswith("Envoys agree to extend truce\n")
    assert a.text.count("Envoys agree to extend truce") == 1  # the body's <h1> is the title


def test_html_fallback_when_trafilatura_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(norm_mod, "_trafilatura_text", lambda html: "")
    title, body = html_to_text(PAGE)
    _assert_article_only(body)
    assert title == "Envoys agree to extend truce"
    # block elements end lines: paragraphs do not run into each other
    assert "hotel.\n" in clean_text(body)


def test_og_title_preferred_and_given_title_wins() -> None:
    page = PAGE.replace("<title>", '<meta property="og:title" content="Truce extended by 30 days"><title>')
    assert normalize({"html": page}).title == "Truce extended by 30 days"
    assert normalize({"html": page, "title": "My title"}).title == "My title"


def test_html_sent_as_text_is_treated_as_html() -> None:
    a = normalize({"text": "<p>Envoys met in <b>Doha</b> on Monday.</p><script>var a = 1;</script>"
                           "<p>Talks went on late.</p>"})
    assert "Envoys met in Doha on Monday." in a.text
    assert "Talks went on late." in a.text
    assert "var a" not in a.text and "<" not in a.text


def test_a_less_than_sign_is_not_html() -> None:
    a = normalize({"text": "Turnout was < 40% and > 30% in most districts."})
    assert a.text == "Turnout was < 40% and > 30% in most districts."


def test_html_bytes_use_the_meta_charset() -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1251"').replace(
        "thirty days", "thirty days (тридцать дней)")
    a = normalize({"html": page.encode("cp1251")})
    assert "thirty days (тридцать дней)" in a.text


def test_a_lying_meta_charset_is_overruled() -> None:
    page = PAGE.replace("thirty days", "thirty days — señor Ødegaard’s café")
    a = normalize({"html": page.encode("cp1252")})  # declares utf-8, is windows-1252
    assert "thirty days — señor Ødegaard’s café" in a.text


# --- bytes --------------------------------------------------------------------------

@pytest.mark.parametrize("lang, encoding", [
    ("fr", "cp1252"), ("es", "cp1252"), ("pt", "cp1252"), ("de", "latin-1"), ("it", "latin-1"),
    ("ru", "cp1251"), ("uk", "cp1251"), ("ar", "cp1256"), ("pl", "cp1250"), ("tr", "cp1254"),
    ("ar", "utf-8"), ("hi", "utf-8"), ("zh", "utf-8"), ("ja", "shift_jis"), ("en", "utf-16"),
])
def test_bytes_of_unknown_encoding(lang: str, encoding: str) -> None:
    assert decode_bytes(SAMPLES[lang].encode(encoding)) == SAMPLES[lang]


def test_utf8_bom_honoured_and_dropped() -> None:
    assert decode_bytes(b"\xef\xbb\xbf" + SAMPLES["id"].encode("utf-8")) == SAMPLES["id"]


def test_bytes_article() -> None:
    a = normalize({"text": SAMPLES["ru"].encode("cp1251"), "title": "Переговоры".encode("cp1251")})
    assert a.title == "Переговоры"
    assert a.text == "Переговоры\n\n" + SAMPLES["ru"]


# --- mojibake -----------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["id", "ru", "ar", "fr", "tr", "hi", "fa"])
@pytest.mark.parametrize("misread_as", ["sloppy-windows-1252", "latin-1"])
def test_mojibake_repaired(lang: str, misread_as: str) -> None:
    import ftfy.bad_codecs  # noqa: F401 - registers sloppy-windows-1252 (what browsers do)

    good = SAMPLES[lang].replace("Pemerintah mengatakan", "Pemerintah mengatakan “tegas”")
    bad = good.encode("utf-8").decode(misread_as)
    assert bad != good
    assert clean_text(bad) == good


def test_russian_read_as_windows_1251_repaired() -> None:
    bad = SAMPLES["ru"].encode("utf-8").decode("cp1251")
    assert bad.startswith("РњРёРЅ")
    assert clean_text(bad) == SAMPLES["ru"]


def test_mojibake_in_a_title() -> None:
    a = normalize({"title": "NÃ©gociations de paix", "text": SAMPLES["fr"]})
    assert a.title == "Négociations de paix"


@pytest.mark.parametrize("clean", [
    SAMPLES["uk"], SAMPLES["de"], SAMPLES["fr"], "naïve café, São Paulo, Ærø", "«Мир», — сказал он. Він — «за»."])
def test_clean_text_left_alone(clean: str) -> None:
    assert clean_text(clean) == clean


# --- control characters and whitespace ---------------------------------------------------

def test_control_characters_removed_newlines_and_tabs_kept() -> None:
    raw = "Envoys\x00 met\x07 in\x1b Doha.\x9f\tTalks\u200b went\ufeff on\u00ad late.\x7f\ud800"
    assert clean_text(raw) == "Envoys met in Doha.\tTalks went on late."


def test_line_endings_normalised_and_paragraphs_kept() -> None:
    raw = "  First line.  \r\nSecond  line.\r\n\r\n\r\n\r\nNew paragraph.\rLast\u2028line.\n\n\n"
    assert clean_text(raw) == "First line.\nSecond line.\n\nNew paragraph.\nLast\nline."


def test_persian_joiners_kept_and_nfc_applied() -> None:
    assert clean_text("سه\u200cشنبه") == "سه\u200cشنبه"
    assert clean_text("Genève") == "Genève" and clean_text("Gene\u0300ve") == "Genève"


def test_odd_spaces_collapsed() -> None:
    assert clean_text("a\u00a0\u00a0 b\u3000\u3000c\t \td") == "a b c d"


# --- the article ----------------------------------------------------------------------

def test_title_joined_to_body_once() -> None:
    a = normalize({"title": "Talks resume", "text": "Envoys met in Doha."})
    assert a.text == "Talks resume\n\nEnvoys met in Doha."
    b = normalize({"title": "Talks resume", "text": "Talks resume\nEnvoys met in Doha."})
    assert b.text == "Talks resume\nEnvoys met in Doha."


def test_fields_passed_through() -> None:
    a = normalize({"text": "Envoys met.", "url": " https://example.org/x ", "source": "Example",
                   "lang": "en", "published": dt.date(2024, 6, 13)})
    assert (a.url, a.source, a.lang_hint, a.published) == ("https://example.org/x", "Example", "en", "2024-06-13")
    assert normalize({"text": "x y z", "published": "2024-06-13T10:00:00Z"}).published == "2024-06-13T10:00:00Z"


def test_title_only_is_an_article() -> None:
    a = normalize({"title": "Ceasefire holds in the north", "text": "   "})
    assert a.text == "Ceasefire holds in the north"


def test_truncated_at_a_sentence_end() -> None:
    sentence = "The envoys met again today to discuss the ceasefire. "
    text = sentence * (2 * MAX_CHARS // len(sentence))
    a = normalize({"text": text})
    assert a.truncated is True
    assert a.original_chars == len(text.strip())
    assert MAX_CHARS - 1000 < len(a.text) <= MAX_CHARS
    assert a.text.endswith("ceasefire.")


def test_truncated_at_whitespace_without_sentences() -> None:
    a = normalize({"text": "word " * MAX_CHARS})
    assert a.truncated and len(a.text) <= MAX_CHARS and a.text.endswith("word")


def test_truncated_hard_without_any_boundary() -> None:
    a = normalize({"text": "停" * (MAX_CHARS + 10)})
    assert a.truncated and len(a.text) == MAX_CHARS and a.original_chars == MAX_CHARS + 10


def test_short_text_not_truncated() -> None:
    a = normalize({"text": SAMPLES["en"]})
    assert a.truncated is False and a.original_chars == len(SAMPLES["en"])


# --- errors -------------------------------------------------------------------------

@pytest.mark.parametrize("article, field", [
    ({"text": " \x00\x01 \n\t "}, "text"),
    ({"html": "<html><body><script>var a = 1;</script><nav>Home</nav></body></html>"}, "html"),
    ({"text": b"\xef\xbb\xbf  "}, "text"),
])
def test_empty_text(article: dict, field: str) -> None:
    with pytest.raises(EmptyTextError) as err:
        normalize(article)
    assert err.value.field == field
    assert isinstance(err.value, InputError) and err.value.reason == "empty_text"


@pytest.mark.parametrize("article, field, words", [
    ({"text": 123}, "text", "int"),
    ({"html": ["<p>x</p>"]}, "html", "list"),
    ({"text": "x", "title": 5}, "title", "int"),
    ({"text": "x", "url": {"href": "x"}}, "url", "dict"),
    ({"text": "x", "published": 1.5}, "published", "ISO 8601"),
    ({"title": "no body"}, "text", "'text' or 'html'"),
])
def test_wrong_input_types(article: dict, field: str, words: str) -> None:
    with pytest.raises(InputError) as err:
        normalize(article)
    assert err.value.field == field
    assert words in str(err.value)


def test_not_a_mapping() -> None:
    with pytest.raises(InputError, match="mapping"):
        normalize(["text", "x"])  # type: ignore[arg-type]


# --- identity -----------------------------------------------------------------------

@pytest.mark.parametrize("url, expected", [
    ("HTTPS://News.Example.ORG/World/Item/?utm_source=rss&utm_medium=feed&id=7&b=&a=1#comments",
     "https://news.example.org/World/Item?a=1&b=&id=7"),
    ("http://example.org:80/a/b/", "http://example.org/a/b"),
    ("https://example.org:8443/a", "https://example.org:8443/a"),
    ("https://example.org/?fbclid=abc&gclid=def", "https://example.org"),
    ("https://example.org/search?q=peace+talks&page=2", "https://example.org/search?page=2&q=peace+talks"),
    ("  https://example.org/a?z=1&z=0  ", "https://example.org/a?z=0&z=1"),
])
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@pytest.mark.parametrize("not_url", ["afp:2024-0613-001", "ftp://example.org/x", "example.org/a", "http://"])
def test_not_a_web_url(not_url: str) -> None:
    assert canonical_url(not_url) is None


def test_article_id() -> None:
    text = "Envoys met in Doha."
    assert article_id(None, text) == "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()
    assert article_id("", text) == article_id(None, text)
    assert article_id(" afp:2024-0613-001 ", text) == "afp:2024-0613-001"
    assert article_id("https://Example.org/a/?utm_campaign=x", text) == "https://example.org/a"


def test_same_story_same_id() -> None:
    a = normalize({"url": "https://example.org/a?utm_source=x", "text": "One."})
    b = normalize({"url": "https://EXAMPLE.org/a/#top", "text": "Two."})
    assert a.id == b.id == "https://example.org/a"
    c = normalize({"text": "Envoys met in Doha.\r\n"})
    d = normalize({"text": "  Envoys met in Doha.\x00"})
    assert c.id == d.id and c.id.startswith("sha1:")
    assert normalize({"id": "afp:1", "text": "x y"}).id == "afp:1"
    assert normalize({"id": "afp:1", "url": "https://example.org/a", "text": "x y"}).id == "afp:1"
    assert normalize({"id": "HTTPS://Example.org/a/", "text": "x y"}).id == "https://example.org/a"


def test_mojibake_lead_test_never_hides_a_mojibake_match() -> None:
    # clean_text searches _MOJIBAKE only in texts that hold one of its leading characters
    import random

    from processors import normalize as nz
    from processors.textutil import holds

    rng = random.Random(4)
    pool = list("\u00c2\u00c3\u00d0\u00d8\u00f4\u00c1\u00f5\u0420\u0421\u0432\u0412\u00a9\u201c\u2122\u0402\u045f"
                "\u0153\u00bf\u00e9\u0627\u4e2d\u1000\ud800\U0001f600 ab9٣") + ["Ã©", "â€œ", "РџСЂ", "вЂ", "Ø§Ù„"]
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 12)))
        found = nz._MOJIBAKE.search(text) is not None
        assert found == (holds(text, nz._MOJIBAKE_LEAD) and nz._MOJIBAKE.search(text) is not None), repr(text)
    assert nz.clean_text("N\u00c3\u00a9gociations \u0645\u0633\u0642\u0637") == "Négociations \u0645\u0633\u0642\u0637"
