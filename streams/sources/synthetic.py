"""Synthetic multilingual news articles for load tests and benchmarks (deterministic).

Every sentence here was written for Parley; none comes from a real article. About
half the articles report a meeting, talks or a ceasefire; the rest are filler
(markets, weather, sport) so the tagger also sees negatives.

    >>> arts = list(synthetic_articles(3, seed=1))
    >>> sorted(arts[0])
    ['published', 'source', 'text', 'title', 'url']
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from typing import Iterator

__all__ = ["synthetic_articles"]

PAIRS = [
    ("Armenia", "Azerbaijan", "Geneva"), ("Ethiopia", "Eritrea", "Nairobi"), ("Colombia", "Venezuela", "Havana"),
    ("Sudan", "South Sudan", "Addis Ababa"), ("India", "Pakistan", "Tashkent"), ("Serbia", "Kosovo", "Brussels"),
    ("Israel", "Lebanon", "Doha"), ("Russia", "Ukraine", "Istanbul"), ("Thailand", "Cambodia", "Kuala Lumpur"),
]

EVENT = {
    "en": [
        "The foreign ministers of {a} and {b} met in {c} on Tuesday for a second round of talks.",
        "Both sides agreed to a ceasefire that will take effect at midnight, mediators said.",
        "Envoys from {a} and {b} held negotiations in {c} aimed at a lasting peace agreement.",
        "The truce between {a} and {b} was violated overnight, according to local officials.",
        "The president of {a} will visit {c} next week to sign the accord with {b}.",
    ],
    "id": [
        "Menteri luar negeri {a} dan {b} bertemu di {c} pada hari Selasa untuk putaran kedua perundingan.",
        "Kedua pihak menyepakati gencatan senjata yang berlaku mulai tengah malam, kata para mediator.",
        "Utusan {a} dan {b} menggelar negosiasi di {c} demi perjanjian damai yang langgeng.",
    ],
    "fr": [
        "Les ministres des Affaires étrangères de {a} et de {b} se sont rencontrés à {c} mardi.",
        "Les deux parties ont accepté un cessez-le-feu qui entrera en vigueur à minuit, selon les médiateurs.",
        "Des pourparlers de paix entre {a} et {b} ont repris à {c} sous l'égide de l'ONU.",
    ],
    "es": [
        "Los cancilleres de {a} y {b} se reunieron en {c} el martes para una segunda ronda de conversaciones.",
        "Ambas partes acordaron un alto el fuego que entrará en vigor a medianoche, dijeron los mediadores.",
        "Las negociaciones de paz entre {a} y {b} continuarán en {c} la próxima semana.",
    ],
    "ru": [
        "Министры иностранных дел стран {a} и {b} встретились в {c} во вторник.",
        "Стороны договорились о прекращении огня, которое вступит в силу в полночь.",
        "Мирные переговоры между {a} и {b} продолжатся в {c} на следующей неделе.",
    ],
    "ar": [
        "التقى وزيرا خارجية {a} و{b} في {c} يوم الثلاثاء في جولة ثانية من المحادثات.",
        "اتفق الطرفان على وقف إطلاق النار اعتبارا من منتصف الليل، بحسب الوسطاء.",
        "تستأنف مفاوضات السلام بين {a} و{b} في {c} الأسبوع المقبل.",
    ],
    "tr": [
        "{a} ve {b} dışişleri bakanları salı günü {c} kentinde bir araya geldi.",
        "Taraflar gece yarısı yürürlüğe girecek bir ateşkes konusunda anlaştı.",
    ],
    "de": [
        "Die Außenminister von {a} und {b} trafen sich am Dienstag in {c} zu einer zweiten Gesprächsrunde.",
        "Beide Seiten einigten sich auf einen Waffenstillstand, der um Mitternacht in Kraft tritt.",
    ],
}

FILLER = {
    "en": [
        "Shares in regional banks rose sharply after the quarterly results were published.",
        "Heavy rain is expected across the coastal provinces until the end of the week.",
        "The national football team won its qualifier two goals to one in front of a full stadium.",
        "Farmers reported a better harvest than last year thanks to a mild spring.",
        "The city council approved a new budget for public transport and street lighting.",
    ],
    "id": [
        "Harga saham bank daerah naik tajam setelah laporan keuangan kuartalan diterbitkan.",
        "Hujan lebat diperkirakan turun di provinsi pesisir hingga akhir pekan.",
        "Petani melaporkan panen yang lebih baik dibandingkan tahun lalu.",
    ],
    "fr": [
        "Les actions des banques régionales ont fortement progressé après la publication des résultats.",
        "De fortes pluies sont attendues sur les provinces côtières jusqu'à la fin de la semaine.",
    ],
    "es": [
        "Las acciones de los bancos regionales subieron con fuerza tras la publicación de los resultados.",
        "Se esperan lluvias intensas en las provincias costeras hasta el fin de semana.",
    ],
    "ru": [
        "Акции региональных банков резко выросли после публикации квартальной отчётности.",
        "Сильные дожди ожидаются в прибрежных регионах до конца недели.",
    ],
    "ar": [
        "ارتفعت أسهم البنوك الإقليمية بشكل حاد بعد نشر النتائج الفصلية.",
        "يتوقع هطول أمطار غزيرة على المحافظات الساحلية حتى نهاية الأسبوع.",
    ],
    "tr": ["Bölgesel bankaların hisseleri çeyrek sonuçlarının ardından keskin bir şekilde yükseldi."],
    "de": ["Die Aktien regionaler Banken stiegen nach der Veröffentlichung der Quartalszahlen deutlich."],
}

LANG_WEIGHTS = [("en", 40), ("id", 12), ("fr", 10), ("es", 10), ("ru", 10), ("ar", 10), ("tr", 4), ("de", 4)]


def synthetic_articles(n: int, *, seed: int = 7, sentences: int = 12, start: datetime | None = None,
                       url_prefix: str = "https://news.example.org/synthetic") -> Iterator[dict]:
    """``n`` articles with distinct URLs, ~``sentences`` sentences each, in 8 languages.

    No ``lang`` field: like most real feeds, the tagger has to detect it.
    """
    rng = random.Random(seed)
    langs = [lang for lang, w in LANG_WEIGHTS for _ in range(w)]
    t0 = start or datetime(2026, 11, 2, 8, 0, tzinfo=timezone.utc)
    for i in range(n):
        lang = rng.choice(langs)
        a, b, c = rng.choice(PAIRS)
        is_event = rng.random() < 0.5
        body = []
        for j in range(sentences):
            pool = EVENT[lang] if is_event and j % 3 == 0 else FILLER[lang]
            body.append(rng.choice(pool).format(a=a, b=b, c=c))
        title = body[0][:90]
        yield {
            "url": f"{url_prefix}/{seed}/{i}",
            "title": title,
            "text": " ".join(body),
            "published": (t0 + timedelta(minutes=i)).isoformat().replace("+00:00", "Z"),
            "source": "Synthetic Wire",
        }
