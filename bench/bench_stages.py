"""Where the tagging time goes: CPU time of each stage of `tag_article`, per article.

    .venv/bin/python bench/bench_stages.py [--articles 1500] [--workload dense|mix]

Runs the stages of processors/pipeline.tag_article one by one (normalise, language,
fold, actors, lexicon pass, the Document, mentions, reference date, places, dates,
figures, frames, merge, resolve) over the articles bench_tag.py builds, and prints
the milliseconds per article of each and its share of the total, so a change to one
stage is measured against all the others in the same run.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bench_tag  # noqa: E402

from processors.actors import find_actors  # noqa: E402
from processors.dates import find_dates  # noqa: E402
from processors.figures import find_figures  # noqa: E402
from processors.langid import detect  # noqa: E402
from processors.lexicon import find_cues  # noqa: E402
from processors.normalize import normalize  # noqa: E402
from processors.matcher import blanked  # noqa: E402
from processors.pipeline import _reference_date, tag_article  # noqa: E402
from processors.places import find_places  # noqa: E402
from processors.tagging import (TRIGGERS, Document, add_talks_meetings, build_frames,  # noqa: E402
                                extraction_ranges, find_mentions, merge_frames, resolve_frames)
from processors.textutil import fold, sentence_bounds  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1500)
    ap.add_argument("--workload", choices=("dense", "mix"), default="dense")
    args = ap.parse_args()
    articles = bench_tag.build_articles(args.articles, 3000, events_share=None if args.workload == "dense" else 0.3)
    for a in articles[:30]:
        tag_article(a)   # warm-up: lexicons, gazetteers, language models
    # as bench_tag.py and `parley worker` do after their warm-up: without it, each full
    # collection walks the lexicons and gazetteers, and its time lands in whichever stage
    # happens to trigger it (a stage then shows 0.3 ms more in one run than in the next)
    gc.collect()
    gc.freeze()
    spent: dict[str, float] = {}

    def timed(name, fn, *a):
        start = time.process_time()
        out = fn(*a)
        spent[name] = spent.get(name, 0.0) + time.process_time() - start
        return out

    for art in articles:
        na = timed("normalize", normalize, art)
        text = na.text
        lang, _ = timed("language", detect, text, na.lang_hint)
        folded = timed("fold", fold, text)
        actors = timed("actors", find_actors, text, folded, lang)
        cues = timed("lexicon", find_cues, folded)
        if not any(c.payload.cat in TRIGGERS for c in cues):
            continue
        doc = timed("document", Document, text, folded, lang, timed("sentences", sentence_bounds, text), actors, cues)
        mentions = timed("mentions", find_mentions, doc)
        if mentions:
            doc.published, doc.published_precision = timed("reference date", _reference_date, na, text, lang)
            near, around = extraction_ranges(mentions, doc, radius=0), extraction_ranges(mentions, doc, radius=2)
            places = timed("places", find_places, blanked(text, near), blanked(folded, near), lang, folded)
            mtext, mfolded = blanked(text, around), blanked(folded, around)
            dates = timed("dates", find_dates, mtext, mfolded, lang, doc.published, doc.published_precision)
            doc.add_extracted(places, dates, timed("figures", find_figures, mtext, mfolded, lang))
            mentions = timed("talks", add_talks_meetings, mentions, doc)
        frames = timed("frames", build_frames, mentions, doc)
        frames = timed("merge", merge_frames, frames, doc)
        timed("resolve", resolve_frames, frames, doc)
    total = sum(spent.values())
    print(f"[{args.workload}] {len(articles):,} articles, CPU time per stage")
    for name, seconds in spent.items():
        print(f"  {name:15} {1000 * seconds / len(articles):7.3f} ms/article  {100 * seconds / total:5.1f}%")
    print(f"  {'total':15} {1000 * total / len(articles):7.3f} ms/article")


if __name__ == "__main__":
    main()
