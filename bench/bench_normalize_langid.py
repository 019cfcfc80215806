"""Per-article cost of `normalize.clean_text`, `normalize.normalize` and `langid.detect`.

    .venv/bin/python bench/bench_normalize_langid.py [corpus.jsonl]

Texts: ~3 KB per language, built by repeating the project's own sample
paragraphs (tests/unit/langid_samples.py) with paragraph breaks; with a corpus
argument, also its articles' `text` as given (figures only, no text printed).
Baseline, measured in the same run: `text.lower()`, one plain pass over the
text, so the ratio says how many such passes each step costs. Each figure is
the best of 5 timed passes (the machine is shared). Targets: clean text
<= 50 us, detect <= 300 us per 3 KB article.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "unit"))

from langid_samples import SAMPLES  # noqa: E402

from processors.langid import detect  # noqa: E402
from processors.normalize import clean_text, normalize  # noqa: E402

SIZE = 3000
PASSES = 5


def per_call_us(f: Callable[[str], object], texts: list[str]) -> float:
    for t in texts:
        f(t)  # warm: lazy models, regex caches
    best = float("inf")
    for _ in range(PASSES):
        t0 = time.perf_counter()
        for t in texts:
            f(t)
        best = min(best, time.perf_counter() - t0)
    return best / len(texts) * 1e6


STEPS: dict[str, Callable[[str], object]] = {
    "baseline lower()": str.lower,
    "clean_text": clean_text,
    "normalize(text,url)": lambda t: normalize({"text": t, "url": "https://example.org/a?utm_source=x"}),
    "langid.detect": detect,
}


def report(name: str, texts: list[str]) -> None:
    figures = {step: per_call_us(f, texts) for step, f in STEPS.items()}
    base = figures["baseline lower()"]
    cells = "  ".join(f"{k}={v:7.1f}us ({v / base:5.1f}x)" for k, v in figures.items())
    print(f"{name:14s} n={len(texts):4d} {cells}")


def main() -> None:
    synthetic = {lang: ((text + "\n\n") * (SIZE // len(text) + 1))[:SIZE] for lang, text in SAMPLES.items()}
    for lang, text in synthetic.items():
        report(f"own:{lang}", [text] * 20)
    report("own:all", list(synthetic.values()))
    if len(sys.argv) > 1:
        rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
        report("corpus", [r["text"] for r in rows if r.get("text")])


if __name__ == "__main__":
    main()
