"""Issue 10's overall targets on ../shared/corpus/dev_languages.jsonl (72 real articles in
twelve languages) and its event frames: macro F1 over the three families >= 0.85,
countries F1 >= 0.80, strict events F1 >= 0.50. The per-language floors are in
test_dev_languages_quality_A.py and _B.py; here the whole set, with floors a little under
today's scores (macro 0.95, countries 0.92, strict events 0.53).
"""

from __future__ import annotations


import pytest

from processors import tag_article
from shared_corpus import SHARED, scorer

CORPUS = SHARED / "corpus" / "dev_languages.jsonl"
EVENTS = SHARED / "corpus" / "dev_languages_events.jsonl"

MACRO_FLOOR, COUNTRIES_FLOOR, STRICT_FLOOR = 0.90, 0.88, 0.68   # strict 0.709 today (0.53 four rounds ago)
# where the events are: 0.43 before the gazetteer had these languages' scripts, 0.51 after
# 0.52 before the places and venues of the `where` branch (Azerbaijani and Polish endings,
# capitals' names, glued locatives, seats of government, hosts), 0.70 after
WHERE_FLOOR = 0.74   # 0.76 today (0.72 two rounds ago)


@pytest.fixture(scope="module")
def scored():
    if not CORPUS.exists():
        pytest.fail(f"the labelled corpus is missing: expected {CORPUS} (shared/ beside the clone)")
    score, score_events = scorer("score"), scorer("score_events")
    gold = score.read(str(CORPUS))
    # what `parley tag` sees: url, text, publication date; not the labels, nor `lang`
    pred = {g["url"]: tag_article({"url": g["url"], "text": g["text"], "published": g.get("published")})
            for g in gold}
    return score, score_events, gold, pred


def test_families_and_countries_meet_the_issue_targets(scored):
    score, _, gold, pred = scored
    result = score.score(gold, list(pred.values()))
    assert result["missing"] == 0
    assert result["macro_f1"] >= MACRO_FLOOR, result
    assert result["countries"][2] >= COUNTRIES_FLOOR, result


def test_strict_events_meet_the_issue_target(scored):
    _, score_events, _, pred = scored
    golds = {r["url"]: r for r in score_events.read(str(EVENTS))}
    tally = score_events.Tally()
    for url, g in golds.items():
        events = [score_events.pred_frame(e) for e in pred[url]["events"]]
        for fam in score_events.FAMILIES:
            score_events.score_article(tally, fam, [f for f in g["events"] if f["family"] == fam],
                                       [f for f in events if f["family"] == fam])
    summary = score_events.summary(tally)
    strict = summary["strict"]["f"]
    assert strict >= STRICT_FLOOR, f"strict events F1 {strict:.3f} < {STRICT_FLOOR}"
    assert summary["where_acc"] >= WHERE_FLOOR, f"where {summary['where_acc']:.3f} < {WHERE_FLOOR}"


# who takes part and who mediates: parties 0.90 and mediators 0.69 today (0.86 and 0.37 before
# the role words of every language: participation, hosting, brokers' deals, backers, settings,
# lists of mediators)
PARTIES_FLOOR, MEDIATORS_FLOOR = 0.88, 0.66


def test_parties_and_mediators_do_not_regress(scored):
    _, score_events, _, pred = scored
    tally = score_events.Tally()
    for url, g in ((r["url"], r) for r in score_events.read(str(EVENTS))):
        events = [score_events.pred_frame(e) for e in pred[url]["events"]]
        for fam in score_events.FAMILIES:
            score_events.score_article(tally, fam, [f for f in g["events"] if f["family"] == fam],
                                       [f for f in events if f["family"] == fam])
    summary = score_events.summary(tally)
    assert summary["parties_f1"] >= PARTIES_FLOOR, f"parties F1 {summary['parties_f1']:.3f} < {PARTIES_FLOOR}"
    assert summary["mediators_f1"] >= MEDIATORS_FLOOR, f"mediators F1 {summary['mediators_f1']:.3f} < {MEDIATORS_FLOOR}"
