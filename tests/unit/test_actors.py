"""processors.actors: states, organisations, people and armed groups, in 16+ languages.

Every sentence here was written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pycountry
import pytest

from processors.actors import DATA_DIR, LANGS, find_actors, load_patterns
from processors.textutil import fold


def actors(text: str, lang: str):
    return find_actors(text, fold(text), lang)


def codes(text: str, lang: str) -> set[tuple[str, str | None]]:
    return {(a.kind, a.code if a.kind != "group" else a.state) for a in actors(text, lang)}


# (lang, sentence, what must be found: (kind, code) — for groups the code is the state they fight in)
CASES = [
    ("en", "Kenyan and Ethiopian envoys flew to Khartoum after the Sudanese army agreed to talks.",
     {("country", "KEN"), ("country", "ETH"), ("country", "SDN")}),
    ("en", "Islamabad and Kabul traded accusations while the Kremlin stayed silent.",
     {("country", "PAK"), ("country", "AFG"), ("country", "RUS")}),
    ("id", "Indonesia dan Tiongkok sepakat, sementara Korea Utara tidak hadir di Jakarta.",
     {("country", "IDN"), ("country", "CHN"), ("country", "PRK")}),
    ("ms", "Malaysia dan Amerika Syarikat menandatangani memorandum di Putrajaya bersama Wisma Putra.",
     {("country", "MYS"), ("country", "USA")}),
    ("fr", "Les médiateurs qataris et égyptiens ont rencontré la délégation israélienne au Caire.",
     {("country", "QAT"), ("country", "EGY"), ("country", "ISR")}),
    ("es", "Los negociadores venezolanos y noruegos se reunieron en Ciudad de México con la ONU.",
     {("country", "VEN"), ("country", "NOR"), ("country", "MEX"), ("org", "UN")}),
    ("pt", "O Itamaraty confirmou que diplomatas angolanos e moçambicanos chegam a Brasília.",
     {("country", "BRA"), ("country", "AGO"), ("country", "MOZ")}),
    ("de", "Die armenische und die aserbaidschanische Delegation trafen sich in Moskau.",
     {("country", "ARM"), ("country", "AZE"), ("country", "RUS")}),
    ("ar", "استقبلت الدوحة وفدا سودانيا بحضور مبعوث الاتحاد الأفريقي.",
     {("country", "QAT"), ("country", "SDN"), ("org", "AU")}),
    ("ru", "В Ереване и Баку приветствовали посредничество Евросоюза и ОБСЕ.",
     {("country", "ARM"), ("country", "AZE"), ("org", "EU"), ("org", "OSCE")}),
    ("uk", "Українська делегація прибула до Стамбула, а в Москві мовчали.",
     {("country", "UKR"), ("country", "RUS")}),
    ("tr", "Türk ve Rus heyetleri Bakü'de bir araya geldi; AB ve NATO açıklama yaptı.",
     {("country", "TUR"), ("country", "RUS"), ("country", "AZE"), ("org", "EU"), ("org", "NATO")}),
    ("fa", "هیئت‌های ایرانی و عراقی در بغداد با نماینده سازمان ملل دیدار کردند.",
     {("country", "IRN"), ("country", "IRQ"), ("org", "UN")}),
    ("zh", "中方与俄方在北京举行磋商，欧盟和东盟代表列席。",
     {("country", "CHN"), ("country", "RUS"), ("org", "EU"), ("org", "ASEAN")}),
    ("ja", "日本と韓国の外交当局がソウルで協議し、国連も歓迎した。",
     {("country", "JPN"), ("country", "KOR"), ("org", "UN")}),
    ("hi", "भारत और पाकिस्तान के अधिकारियों ने काबुल में संयुक्त राष्ट्र के प्रतिनिधि से मुलाकात की।",
     {("country", "IND"), ("country", "PAK"), ("country", "AFG"), ("org", "UN")}),
    ("ur", "پاکستان اور افغانستان کے وفود دوحہ میں ملے، اقوام متحدہ نے خیر مقدم کیا۔",
     {("country", "PAK"), ("country", "AFG"), ("country", "QAT"), ("org", "UN")}),
    ("it", "La Farnesina ha accolto i negoziatori russi e ucraini a Roma.",
     {("country", "ITA"), ("country", "RUS"), ("country", "UKR")}),
    ("sw", "Marekani na Urusi zilikaribisha mazungumzo ya Sudan Kusini.",
     {("country", "USA"), ("country", "RUS"), ("country", "SSD")}),
    ("am", "የኢትዮጵያና የኤርትራ ልዑካን በናይሮቢ ከአፍሪካ ህብረት ተወካይ ጋር ተወያዩ።",
     {("country", "ETH"), ("country", "ERI"), ("country", "KEN"), ("org", "AU")}),
    ("so", "Wafdiga Soomaaliya iyo Itoobiya ayaa Ankara kula kulmay Qaramada Midoobay.",
     {("country", "SOM"), ("country", "ETH"), ("country", "TUR"), ("org", "UN")}),
    ("ha", "Shugaban Nijar ya tarbi tawagar Faransa da ta Tarayyar Afirka a Yamai.",
     {("country", "NER"), ("country", "FRA"), ("org", "AU")}),
    ("my", "ထိုင်းနိုင်ငံနှင့် ကမ္ဘောဒီးယားနိုင်ငံ ကိုယ်စားလှယ်များ ကုလသမဂ္ဂတွင် တွေ့ဆုံ",
     {("country", "THA"), ("country", "KHM"), ("org", "UN")}),
    ("ps", "د ایران او پاکستان استازو په کابل کې د ملګرو ملتونو له استازي سره ولیدل.",
     {("country", "IRN"), ("country", "PAK"), ("country", "AFG"), ("org", "UN")}),
    ("pl", "Delegacje Armenii i Azerbejdżanu spotkały się w Waszyngtonie z przedstawicielem ONZ.",
     {("country", "ARM"), ("country", "AZE"), ("country", "USA"), ("org", "UN")}),
    ("ko", "미국과 러시아 대표단은 유엔 회의 뒤 북한 문제를 논의했고, 인도적 지원도 언급했다.",
     {("country", "USA"), ("country", "RUS"), ("country", "PRK"), ("org", "UN")}),
    ("vi", "Các nhà ngoại giao Mỹ và Nga gặp nhau tại Hà Nội bên lề hội nghị ASEAN.",
     {("country", "USA"), ("country", "RUS"), ("country", "VNM"), ("org", "ASEAN")}),
    ("th", "ผู้แทนไทยและกัมพูชาพบกันที่กัวลาลัมเปอร์ โดยมีอาเซียนเป็นสักขีพยาน",
     {("country", "THA"), ("country", "KHM"), ("country", "MYS"), ("org", "ASEAN")}),
    ("he", "שר החוץ נפגש בוושינגטון עם משלחת מצרית ועם נציג האו\"ם.",
     {("country", "USA"), ("country", "EGY"), ("org", "UN")}),
    ("hy", "Հայաստանի և Ադրբեջանի պատվիրակությունները Վաշինգտոնում հանդիպեցին ԵԱՀԿ-ի ներկայացուցչի հետ։",
     {("country", "ARM"), ("country", "AZE"), ("country", "USA"), ("org", "OSCE")}),
    ("az", "Rusiyanın və Ukraynanın nümayəndələri Bakıda BMT-nin vasitəçiliyi ilə görüşüblər.",
     {("country", "RUS"), ("country", "UKR"), ("country", "AZE"), ("org", "UN")}),
]


def test_korean_humanitarian_is_not_india():
    assert not any(a.code == "IND" for a in actors("인도적 휴전과 인도주의 지원이 논의됐다.", "ko"))


def test_hebrew_prefixes_and_vietnamese_case():
    assert codes("הפגישה ברוסיה ולאוקראינה", "he") >= {("country", "RUS"), ("country", "UKR")}
    # "anh" is "brother" and "pháp luật" is law: only the capitalised names are states
    assert not {c for _, c in codes("anh ấy nói về pháp luật", "vi")} & {"GBR", "FRA"}


def test_chinese_side_and_forces_of_a_state_by_its_one_character_name():
    assert codes("缅军与泰方代表在昆明会谈,柬方也派员出席。", "zh") >= {
        ("country", "MMR"), ("country", "THA"), ("country", "KHM")}
    # the same two characters inside ordinary words: lawful means, moral aspects, more convenient
    assert not {c for _, c in codes("以合法方式解决,注重道德方面,使交通越方便。", "zh")} & {"FRA", "DEU", "VNM", "ISR"}


@pytest.mark.parametrize(("lang", "text", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_states_and_orgs_in_each_language(lang, text, expected):
    found = codes(text, lang)
    assert expected <= found, f"missing {expected - found} in {found}"


def test_every_supported_language_has_a_case():
    assert {c[0] for c in CASES} == set(LANGS)


@pytest.mark.parametrize(
    ("lang", "text", "name", "role", "code"),
    [
        ("id", "Presiden Azerbaijan Ilham Aliyev menerima utusan Armenia.", "Ilham Aliyev", "president", "AZE"),
        ("id", "Menlu RI Sugiono tiba di Riyadh.", "Sugiono", "foreign_minister", "IDN"),
        ("en", "Chilean Foreign Minister Rosa Almendra spoke first.", "Rosa Almendra", "foreign_minister", "CHL"),
        ("en", "Iran's foreign minister Abbas Araghchi said the text was ready.", "Abbas Araghchi",
         "foreign_minister", "IRN"),
        ("fr", "Le président sénégalais Amadou Faye a reçu les médiateurs.", "Amadou Faye", "president", "SEN"),
        ("es", "El canciller peruano Julio Arce viajó a Quito.", "Julio Arce", "foreign_minister", "PER"),
        ("de", "Der Außenminister Kenias Paul Otieno reiste nach Addis Abeba.", "Paul Otieno",
         "foreign_minister", "KEN"),
        ("ru", "Министр иностранных дел Армении Арарат Мирзоян прибыл в Вашингтон.", "Ararat Mirzoyan",
         "foreign_minister", "ARM"),
        ("tr", "Dışişleri Bakanı Hakan Fidan Doha'da temaslarda bulundu.", "Hakan Fidan", "foreign_minister",
         "TUR"),
        ("ar", "وصل وزير الخارجية العماني سالم الحارثي إلى طهران.", "سالم الحارثي", "foreign_minister", "OMN"),
        ("hi", "रूसी राष्ट्रपति व्लादिमीर पुतिन ने बयान जारी किया।", "Vladimir Putin", "president", "RUS"),
        ("ja", "ロシアのラブロフ外相が北京を訪れた。", "Sergei Lavrov", "foreign_minister", "RUS"),
        ("zh", "俄罗斯总统普京与土耳其总统埃尔多安通话。", "Vladimir Putin", "president", "RUS"),
        ("ur", "وزیراعظم شہباز شریف نے بیان دیا۔", "Shehbaz Sharif", "prime_minister", "PAK"),
        ("fa", "وزیر امور خارجه ایران عباس عراقچی به مسکو رفت.", "Abbas Araghchi", "foreign_minister", "IRN"),
        ("uk", "Президент України Володимир Зеленський виступив у Раді.", "Volodymyr Zelensky", "president",
         "UKR"),
        ("pt", "O presidente Lula recebeu o enviado norueguês.", "Luiz Inácio Lula da Silva", "president", "BRA"),
        ("ms", "Perdana Menteri Anwar Ibrahim tiba di Bangkok.", "Anwar Ibrahim", "prime_minister", "MYS"),
    ],
)
def test_people_with_roles(lang, text, name, role, code):
    people = [a for a in actors(text, lang) if a.kind == "person"]
    assert people, f"no person in {actors(text, lang)}"
    p = people[0]
    assert (p.name, p.role, p.code) == (name, role, code)
    if p.via == "role":
        assert text[p.start:p.end] == name


def test_known_people_resolve_to_their_state_in_every_script():
    for text, lang in [("Putin met Erdoğan.", "en"), ("Путин встретился с Эрдоганом.", "ru"),
                       ("التقى بوتين وأردوغان", "ar"), ("普京会见埃尔多安", "zh"), ("プーチン氏とエルドアン氏", "ja"),
                       ("पुतिन और एर्दोगन", "hi")]:
        people = {a.code for a in actors(text, lang) if a.kind == "person"}
        assert people == {"RUS", "TUR"}, (text, people)


def test_un_secretary_general_is_the_un():
    found = actors("UN Secretary-General António Guterres called for calm.", "en")
    person = [a for a in found if a.kind == "person"][0]
    assert (person.code, person.role) == ("UN", "secretary_general")


@pytest.mark.parametrize(
    ("lang", "text", "present", "absent"),
    [
        ("id", "AS dan Iran bertukar tahanan.", {("country", "USA")}, set()),
        ("id", "Pasukan itu bergerak cepat, kata dia, tanpa aba-aba dari atas.", set(), {("country", "USA")}),
        ("en", "The US and the UN welcomed it.", {("country", "USA"), ("org", "UN")}, set()),
        ("en", "Let us meet under the bridge, as agreed.", set(), {("country", "USA"), ("org", "UN")}),
        ("fr", "Un accord a été signé par l'UA.", {("org", "AU")}, {("org", "UN")}),
        ("fr", "Il y a un ua dans ce mot.", set(), {("org", "AU")}),
        ("tr", "AB ile ABD görüştü.", {("org", "EU"), ("country", "USA")}, set()),
        ("ru", "Заявление ООН и США.", {("org", "UN"), ("country", "USA")}, set()),
        ("en", "Gold prices (symbol Au) rose in Australia.", {("country", "AUS")}, {("org", "AU")}),
    ],
)
def test_acronyms_only_match_in_capitals(lang, text, present, absent):
    found = codes(text, lang)
    assert present <= found
    assert not (absent & found)


def test_single_han_characters_are_not_states():
    found = codes("美好的中日子里，俄而雨停。", "zh")
    assert not {c for k, c in found if k == "country"}
    assert ("country", "USA") in codes("美方表示欢迎。", "zh")
    assert ("country", "JPN") in codes("日本政府表示", "ja")


def test_longest_match_wins_and_mentions_do_not_overlap():
    text = "South Sudan, Sudan and Papua New Guinea sent envoys; the Democratic Republic of the Congo did not."
    found = actors(text, "en")
    assert [a.code for a in found if a.kind == "country"] == ["SSD", "SDN", "PNG", "COD"]
    spans = [(a.start, a.end) for a in found]
    assert spans == sorted(spans)
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:]))


def test_inflected_forms():
    assert ("country", "RUS") in codes("переговоры с Россией", "ru")
    assert ("country", "RUS") in codes("российская сторона", "ru")
    assert ("country", "CHN") in codes("делегация Китая", "ru")
    assert ("country", "QAT") in codes("посередники з Катару", "uk")
    assert ("country", "ISR") in codes("die israelischen Unterhändler", "de")
    assert ("country", "IRN") in codes("les négociateurs iraniens", "fr")
    assert ("country", "EGY") in codes("والمصرية", "ar")
    assert ("country", "SDN") in codes("بالسودان", "ar")


def test_phrases_that_only_contain_a_state_name():
    assert ("country", "USA") not in codes("Growth in Latin America slowed.", "en")
    assert ("country", "USA") not in codes("an editorial in the Washington Post", "en")
    assert ("country", "REU") not in codes("La réunion des ministres a eu lieu.", "fr")
    assert ("country", "REU") not in codes("La reunión terminó tarde.", "es")


def test_capitals_and_metonyms_are_marked():
    found = {a.name: a.via for a in actors("Washington and Beijing traded notes; the White House declined.", "en")}
    assert found == {"Washington": "capital", "Beijing": "capital", "the White House": "metonym"}
    found = actors("Газа и Израиль", "ru")
    assert [(a.code, a.via) for a in found] == [("PSE", "territory"), ("ISR", "name")]


def test_armed_groups_carry_the_state_they_fight_in():
    for text, lang, state in [("Hamas and Israel", "en", "PSE"), ("حزب الله", "ar", "LBN"),
                              ("хуситы атаковали", "ru", "YEM"), ("快速支援部队", "zh", "SDN"),
                              ("the RSF and the army", "en", "SDN"), ("M23 rebels", "en", "COD"),
                              ("ヒズボラ", "ja", "LBN"), ("Taliban officials", "en", "AFG")]:
        groups = [a for a in actors(text, lang) if a.kind == "group"]
        assert groups and groups[0].code is None and groups[0].state == state, (text, groups)


def test_group_leader_is_a_group_actor():
    found = actors("General Abdel Fattah al-Burhan refused to meet Hemedti.", "en")
    kinds = {(a.kind, a.code, a.state) for a in found}
    assert ("person", "SDN", None) in kinds
    assert ("group", None, "SDN") in kinds


def test_role_without_a_name_makes_no_person():
    assert not [a for a in actors("The president said the minister would travel.", "en") if a.kind == "person"]
    assert not [a for a in actors("قال الرئيس إن الوزير سيسافر", "ar") if a.kind == "person"]


def test_language_weighting_keeps_other_languages_words_out():
    # "Chili" is Chile in French, a pepper in English
    assert ("country", "CHL") in codes("Le Chili a voté.", "fr")
    assert ("country", "CHL") not in codes("Add chili to the sauce.", "en")


def test_empty_and_plain_texts():
    assert actors("", "en") == []
    assert actors("Nothing to see here at all.", "en") == []


# ---- data files ---------------------------------------------------------------------------------

def _iso3() -> set[str]:
    return {c.alpha_3 for c in pycountry.countries} | {"XKX"}


def test_country_files_use_valid_codes_and_kinds():
    valid = _iso3()
    kinds = {"name", "adjective", "capital", "metonym", "territory", "block", "pair"}
    for path in (DATA_DIR / "countries").rglob("*.tsv"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            iso3, kind, pattern = line.split("\t")
            assert kind in kinds, (path.name, n, line)
            if kind == "pair":
                codes = iso3.split("+")
                assert len(codes) == 2 and set(codes) <= valid and codes[0] != codes[1], (path.name, n, line)
                continue
            assert iso3 in valid or (kind == "block" and iso3 == "-"), (path.name, n, line)
            assert pattern.strip(), (path.name, n)


def test_no_single_character_cjk_pattern():
    folded, cased = load_patterns()
    for pattern, _ in folded + cased:
        p = pattern.rstrip("*")
        if any("\u3040" <= c <= "\u9fff" for c in p):
            assert len(p) >= 2, pattern


def test_every_language_has_roles_and_hand_written_countries():
    for lang in LANGS:
        assert (DATA_DIR / "roles" / f"{lang}.tsv").exists(), lang
        assert (DATA_DIR / "countries" / f"{lang}.tsv").exists(), lang
        assert (DATA_DIR / "countries" / "generated" / f"{lang}.tsv").exists(), lang


def test_core_module_imports_no_driver():
    source = Path(__import__("processors.actors").actors.__file__).read_text(encoding="utf-8")
    for name in ("kafka", "faust", "elasticsearch", "aiohttp", "requests"):
        assert f"import {name}" not in source


def test_role_words_that_name_their_state():
    found = actors("Der Bundeskanzler traf den französischen Präsidenten.", "de")
    assert [(a.kind, a.code, a.role) for a in found] == [("person", "DEU", "chancellor"), ("country", "FRA", None)]
    assert ("person", "USA") in codes("米大統領は声明を出した。", "ja")


def test_japanese_names_before_titles_but_not_states():
    found = actors("イスラエル首相とカタールのサーニー首相が会談した。", "ja")
    assert ("ISR", "country") in {(a.code, a.kind) for a in found}
    people = [a for a in found if a.kind == "person"]
    assert [(p.name, p.code) for p in people] == [("サーニー", "QAT")]


def test_equal_spans_prefer_the_state_name_over_a_capital():
    assert codes("سلطنت عمان و ایران", "fa") >= {("country", "OMN"), ("country", "IRN")}
    assert ("country", "OMN") in codes("عمان", None)


def test_english_names_do_not_leak_into_other_latin_languages():
    assert ("country", "MLI") not in codes("Hükümet mali destek paketini açıkladı.", "tr")
    assert ("country", "MLI") in codes("Mali ile Nijer sınırında çatışma", "tr")
    assert ("country", "MLI") not in codes("Serikali ililinda mali ya umma.", "sw")
    assert ("country", "MLI") in codes("Talks in Mali resumed.", "en")
    # Latin-script English names inside a Hindi or Arabic text are still found
    assert ("country", "QAT") in codes("Qatar और मिस्र ने कहा", "hi")


def test_a_latin_acronym_glued_to_han_or_kana_is_a_whole_word():
    for text in ("仲介役のOSCEの代表", "联合国UN秘书长表示", "NATO首脳会議"):
        codes = {a.code for a in find_actors(text, fold(text), "ja" if "の" in text or "会議" in text else "zh")}
        assert codes & {"OSCE", "UN", "NATO"}, text
    # but not inside a Latin word
    text = "UNESCOの会議"
    assert "UN" not in {a.code for a in find_actors(text, fold(text), "ja")}


@pytest.mark.parametrize("lang, text, state", [
    ("ar", "التقى وفد الحكومة مع جبهة تحرير تيغراي في نيروبي.", "ETH"),
    ("fr", "Le gouvernement a rencontré le Front de libération du peuple du Tigré à Nairobi.", "ETH"),
    ("es", "El gobierno se reunió con el Frente de Liberación Popular de Tigray en Nairobi.", "ETH"),
    ("ru", "Правительство встретилось с представителями Народного фронта освобождения Тыграя.", "ETH"),
    ("zh", "政府代表与提格雷人民解放阵线在内罗毕会面。", "ETH"),
    ("id", "Pemerintah Thailand bertemu dengan Barisan Revolusi Nasional di Kuala Lumpur.", "THA"),
    ("th", "ผู้แทนรัฐบาลไทยพบกับตัวแทนบีอาร์เอ็นที่กัวลาลัมเปอร์", "THA"),
    ("en", "Thai officials met BRN negotiators in Kuala Lumpur.", "THA"),
])
def test_tigray_front_and_brn_are_armed_groups_of_their_state(lang, text, state):
    groups = [a for a in find_actors(text, fold(text), lang) if a.kind == "group"]
    assert groups and groups[0].state == state, groups


@pytest.mark.parametrize(
    ("lang", "text", "scan"),
    [
        ("ar", "التقى وزير الخارجية المصري بنظيره الأردني في عمان لبحث وقف إطلاق النار.", "words"),
        ("fa", "وزیر امور خارجه ایران با همتای ترکیه‌ای خود در آنکارا دیدار کرد.", "words"),
        ("he", "שר החוץ של ישראל נפגש עם עמיתו המצרי בקהיר לשיחות על הפסקת האש.", "words"),
        ("am", "የኢትዮጵያ ጠቅላይ ሚኒስትር ከኬንያ ፕሬዝዳንት ጋር በናይሮቢ ተገናኙ።", "words"),
        ("my", "မြန်မာ နှင့် ထိုင်း နိုင်ငံခြားရေးဝန်ကြီးများ တွေ့ဆုံ ဆွေးနွေးကြသည်။", "anywhere"),
    ],
)
def test_the_actors_and_the_lexicon_share_one_scan_of_a_text_in_any_script(monkeypatch, lang: str, text: str,
                                                                              scan: str) -> None:
    # an automaton pass costs the length of the text: the actors' names of every script
    # and the lexicon's patterns are searched in one pass over it (or over its hex digits)
    from processors.lexicon import find_cues
    from processors.matcher import ARTICLE_ANYWHERE, ARTICLE_WORDS
    from processors.wordsearch import SharedScan

    find_actors(text, fold(text), lang)   # every set built, so no automaton is rebuilt below
    find_cues(fold(text))
    passes = []
    hits = SharedScan.hits

    def counted(self, padded):
        if self._last[0] is not padded:
            passes.append(self)
        return hits(self, padded)

    monkeypatch.setattr(SharedScan, "hits", counted)
    folded = fold(text + " ")   # a new text: nothing cached
    find_actors(text + " ", folded, lang)
    find_cues(folded)
    expected = ARTICLE_WORDS if scan == "words" else ARTICLE_ANYWHERE
    assert expected in passes and all(p is ARTICLE_WORDS or p is ARTICLE_ANYWHERE for p in passes)
    assert passes.count(expected) == 1
