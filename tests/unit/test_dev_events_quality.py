"""Event quality on the hand-written frames of the dev corpus
(../shared/corpus/dev_events.jsonl), scored by ../shared/eval/score_events.py exactly
as issue 8 measures it, and the spec's worked example (the seed row).

The floors sit a little under what the tagger scores today, and never under issue 8's
targets (strict F1 0.70, events F1 0.85, parties 0.90, ...), so a change that loses
ground fails here before it lands; raise them when the tagger improves.
"""

from __future__ import annotations


import pytest

from processors import tag_article
from shared_corpus import SHARED, scorer

CORPUS = SHARED / "corpus" / "dev.jsonl"
GOLD = SHARED / "corpus" / "dev_events.jsonl"
SEED = "seed:000_fbf05537b86ba0f8"

# today: events F1 0.887, strict 0.757, pred/gold 0.92, value 0.91, mode 0.78,
# parties 0.911, mediators 0.752, where 0.84, when 0.75, figures 0.84; the targets
# (events 0.85, strict 0.70, parties 0.90) are the floors where they are met, today's
# scores less a margin for the rest
# (at the start of issue 8: events 0.57, strict 0.29, parties 0.79, mediators 0.30)
FLOORS = {
    "events": 0.86, "strict": 0.73, "value_acc": 0.89, "mode_acc": 0.75, "parties_f1": 0.90,
    "mediators_f1": 0.73, "where_acc": 0.82, "when_acc": 0.72, "figures_f1": 0.80,
}
PRED_PER_GOLD = (0.80, 1.15)


@pytest.fixture(scope="module")
def scored():
    score = scorer("score_events")
    corpus = {r["url"]: r for r in score.read(str(CORPUS))}
    gold = score.read(str(GOLD))
    # the tagger sees what `parley tag` would: url and text only, never the labels
    pred = {g["url"]: tag_article({"url": g["url"], "text": corpus[g["url"]]["text"]}) for g in gold}
    tally = score.Tally()
    for row in gold:
        frames = [score.pred_frame(e) for e in pred[row["url"]]["events"]]
        for fam in score.FAMILIES:
            g = [e for e in row["events"] if e["family"] == fam]
            p = [e for e in frames if e["family"] == fam]
            if g or p:
                score.score_article(tally, fam, g, p)
    return score, score.summary(tally), gold, pred


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_event_scores_do_not_regress(scored, name):
    _, summary, _, _ = scored
    value = summary[name]["f"] if name in ("events", "strict") else summary[name]
    assert value >= FLOORS[name], f"{name}: {value:.3f} fell below the floor {FLOORS[name]}"


# issue 8: strict F1 >= 0.55 in every language with 3 or more dev articles (today 0.583 to
# 0.923); the floor is the target
PER_LANGUAGE_STRICT_FLOOR = 0.55
MIN_ARTICLES = 3


def test_strict_events_in_every_language_with_three_articles(scored):
    score, _, gold, pred = scored
    corpus = {r["url"]: r for r in score.read(str(CORPUS))}
    by_lang: dict[str, list] = {}
    for row in gold:
        by_lang.setdefault(corpus[row["url"]]["lang"], []).append(row)
    checked = 0
    for lang, rows in sorted(by_lang.items()):
        if len(rows) < MIN_ARTICLES:
            continue
        tally = score.Tally()
        for row in rows:
            frames = [score.pred_frame(e) for e in pred[row["url"]]["events"]]
            for fam in score.FAMILIES:
                score.score_article(tally, fam, [e for e in row["events"] if e["family"] == fam],
                                    [e for e in frames if e["family"] == fam])
        strict = score.summary(tally)["strict"]["f"]
        assert strict >= PER_LANGUAGE_STRICT_FLOOR, f"{lang}: strict events F1 {strict:.3f}"
        checked += 1
    assert checked >= 10     # ar de en es fa fr hi id ru uk zh


def test_one_frame_per_real_event(scored):
    _, summary, _, _ = scored
    low, high = PRED_PER_GOLD
    assert low <= summary["pred_per_gold"] <= high, f"predicted/gold events {summary['pred_per_gold']:.2f}"


def test_the_worked_example_gives_its_five_frames_every_field_right(scored):
    score, _, gold, pred = scored
    want = next(r for r in gold if r["url"] == SEED)["events"]
    got = [score.pred_frame(e) for e in pred[SEED]["events"]]
    assert sorted(f["family"] for f in got) == sorted(f["family"] for f in want)
    for fam in score.FAMILIES:
        pairs = score.align([f for f in want if f["family"] == fam], [f for f in got if f["family"] == fam])
        assert len(pairs) == sum(f["family"] == fam for f in want)
        for g, p in pairs:   # every field as the guide writes it
            where = lambda f: (f["where"] or {}).get("country")   # noqa: E731
            got_fields = (p["value"], set(p["parties"]), set(p["mediators"]), where(p), p["when"], p["figures"], p["mode"])
            expected = (g["value"], set(g["parties"]), set(g["mediators"]), where(g), g["when"], g["figures"], g.get("mode"))
            assert got_fields == expected, (fam, g["evidence"][:60])
