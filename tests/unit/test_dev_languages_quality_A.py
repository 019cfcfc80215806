"""Tagging quality in Korean, Vietnamese, Thai, Hebrew, Armenian and Azerbaijani on the
labelled ../shared/corpus/dev_languages.jsonl (6 articles each) and its event frames,
scored by ../shared/eval/score.py and score_events.py as issue 10 measures them.

Per-language floors a little under what the tagger scores today, so a change that
loses ground in one of these languages fails here; the issue's targets are macro F1
>= 0.75 and countries F1 >= 0.80 in every language. Raise the floors when the tagger
improves. Six articles a language is few: one article moves a score by a lot, so
the floors leave a margin of about one article's worth below today's figures.
"""

from __future__ import annotations


import pytest

from processors import tag_article
from shared_corpus import SHARED, scorer

CORPUS = SHARED / "corpus" / "dev_languages.jsonl"
EVENTS = SHARED / "corpus" / "dev_languages_events.jsonl"

LANGS = ("ko", "vi", "th", "he", "hy", "az")
# (macro F1 of the three families, countries F1, event strict F1): floors under today's scores
FLOORS = {
    "ko": (0.90, 0.80, 0.40),
    "vi": (0.80, 0.90, 0.50),
    "th": (0.90, 0.95, 0.60),
    "he": (0.85, 0.75, 0.35),
    "hy": (0.95, 0.85, 0.40),
    "az": (0.90, 0.90, 0.45),
}
TARGET_MACRO, TARGET_COUNTRIES = 0.75, 0.80


@pytest.fixture(scope="module")
def tagged():
    if not CORPUS.exists():
        pytest.fail(f"the labelled corpus is missing: expected {CORPUS} (shared/ beside the clone)")
    score = scorer("score")
    gold = [g for g in score.read(str(CORPUS)) if g["lang"] in LANGS]
    # the tagger sees what `parley tag` would: url, text and the page's publication date,
    # never the labels (nor the lang field: the language is detected)
    pred = {g["url"]: tag_article({"url": g["url"], "text": g["text"], "published": g.get("published")}) for g in gold}
    return score, gold, pred


@pytest.fixture(scope="module")
def family_scores(tagged):
    score, gold, pred = tagged
    return {lang: score.score([g for g in gold if g["lang"] == lang], list(pred.values())) for lang in LANGS}


@pytest.fixture(scope="module")
def event_scores(tagged):
    _, gold, pred = tagged
    ev = scorer("score_events")
    lang_of = {g["url"]: g["lang"] for g in gold}
    out = {}
    for lang in LANGS:
        tally = ev.Tally()
        for row in ev.read(str(EVENTS)):
            if lang_of.get(row["url"]) != lang:
                continue
            frames = [ev.pred_frame(e) for e in pred[row["url"]]["events"]]
            for fam in ev.FAMILIES:
                g = [e for e in row["events"] if e["family"] == fam]
                p = [e for e in frames if e["family"] == fam]
                if g or p:
                    ev.score_article(tally, fam, g, p)
        out[lang] = ev.summary(tally)
    return out


def test_every_article_of_these_languages_is_tagged_in_its_language(tagged):
    _, gold, pred = tagged
    assert len(gold) == 6 * len(LANGS)
    wrong = [(g["lang"], pred[g["url"]]["lang"]) for g in gold if pred[g["url"]]["lang"] != g["lang"]]
    assert not wrong, wrong


@pytest.mark.parametrize("lang", LANGS)
def test_families_meet_the_issue_target_and_do_not_regress(family_scores, lang):
    s = family_scores[lang]
    macro, countries = s["macro_f1"], s["countries"][2]
    floor_macro, floor_countries, _ = FLOORS[lang]
    assert macro >= max(floor_macro, TARGET_MACRO), f"{lang}: macro F1 {macro:.3f}"
    assert countries >= max(floor_countries, TARGET_COUNTRIES), f"{lang}: countries F1 {countries:.3f}"


@pytest.mark.parametrize("lang", LANGS)
def test_event_frames_do_not_regress(event_scores, lang):
    strict = event_scores[lang]["strict"]["f"]
    assert strict >= FLOORS[lang][2], f"{lang}: event strict F1 {strict:.3f} < {FLOORS[lang][2]}"
