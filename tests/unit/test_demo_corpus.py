"""The bundled demo corpus (streams/demo/): well-formed, varied, labelled, and tagged well.

labels.jsonl holds the intended gold labels of corpus.jsonl, in the format of
../shared/corpus/dev.jsonl; the tagger's score on it is computed with
../shared/eval/score.py's `score()`, as the project's own quality test does.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
import yaml

from processors import tag_article
from processors.rules import parse_rule

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "streams" / "demo"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"

FAMILIES = ("diplomatic_meeting", "peace_process", "ceasefire")
LANGS = {"en", "id", "ms", "fr", "es", "pt", "de", "ar", "ru", "uk", "tr", "fa", "zh", "ja", "hi", "ur"}
VALUES = {
    "diplomatic_meeting": {"held", "scheduled", "proposed", "cancelled"},
    "peace_process": {"proposed", "scheduled", "held", "progress", "agreed", "signed", "implemented",
                      "stalled", "collapsed"},
    "ceasefire": {"called_for", "proposed", "agreed", "in_effect", "extended", "violated", "ended", "historical"},
}
MODES = {"bilateral", "multilateral", "call", "visit", "summit"}

#: the tagger's floor on the demo corpus; the lead tunes it as the tagger improves
MIN_MACRO_F1 = 0.8


def _read(name: str) -> list[dict]:
    with open(DEMO / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    return _read("corpus.jsonl")


@pytest.fixture(scope="module")
def labels() -> list[dict]:
    return _read("labels.jsonl")


def test_corpus_is_well_formed(corpus):
    assert len(corpus) >= 40
    urls = [a["url"] for a in corpus]
    assert len(set(urls)) == len(urls)
    for a in corpus:
        assert a["url"].startswith("https://demo.parley.invalid/")
        assert a["title"] and a["source"] and a["published"][:4] == "2026"
        assert 600 <= len(a["text"]) <= 2000, a["url"]
        assert 3 <= len([p for p in a["text"].split("\n\n") if p.strip()]) <= 8, a["url"]


def test_labels_cover_the_taxonomy(corpus, labels):
    assert [g["url"] for g in labels] == [a["url"] for a in corpus]
    assert len({g["lang"] for g in labels} & LANGS) >= 10
    seen = {fam: set() for fam in FAMILIES}
    modes = set()
    for g in labels:
        assert set(g["tags"]) <= set(FAMILIES)
        assert bool(g["tags"]) == bool(g["countries"]), g["url"]
        for fam in g["tags"]:
            assert g["details"][fam] in VALUES[fam], g["url"]
            seen[fam].add(g["details"][fam])
        if "diplomatic_meeting" in g["tags"]:
            modes.add(g["details"]["diplomatic_meeting_mode"])
    assert seen["diplomatic_meeting"] == VALUES["diplomatic_meeting"]
    assert seen["ceasefire"] == VALUES["ceasefire"]
    assert len(seen["peace_process"]) >= 8
    assert modes == MODES
    assert sum(1 for g in labels if not g["tags"]) >= 10, "too few hard negatives"


def test_subscriptions_file_is_valid():
    data = yaml.safe_load((DEMO / "subscriptions.yaml").read_text(encoding="utf-8"))
    subs = data["subscriptions"]
    assert 3 <= len(subs) <= 6
    rules = [parse_rule(s["rule"]) for s in subs if s.get("rule") is not None]
    assert any(r is not None and r.kind == "breaking" for r in rules)   # the demo shows breaking news
    for sub in subs:
        assert sub["name"] and sub["query"] and sub["channels"] == ["terminal"]


def _scorer():
    if not SCORER.exists():
        pytest.fail(f"the scorer is missing: expected {SCORER} (shared/ beside the clone)")
    spec = importlib.util.spec_from_file_location("parley_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_tagger_scores_well_on_the_demo_corpus(corpus, labels):
    result = _scorer().score(labels, [tag_article(a) for a in corpus])
    assert result["missing"] == 0
    per_family = ", ".join(f"{f} {result[f][2]:.2f}" for f in FAMILIES)
    assert result["macro_f1"] >= MIN_MACRO_F1, f"macro F1 {result['macro_f1']:.3f} ({per_family})"
