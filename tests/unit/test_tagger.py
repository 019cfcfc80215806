"""The tagger on sentences written for these tests, in every supported language.

Each case says what an analyst would label; a rule that fires on a look-alike
(a price-war "truce", a football derby, a shareholders' meeting) fails here.
"""

from __future__ import annotations

import pytest

from processors import tag_article

POSITIVES = [
    # (lang, text, expected families, states that must be among the countries)
    ("en", "The foreign ministers of Armenia and Azerbaijan met in Geneva on Tuesday to discuss the draft peace treaty.",
     {"diplomatic_meeting", "peace_process"}, {"ARM", "AZE"}),
    ("id", "Menteri Luar Negeri Indonesia bertemu dengan Menteri Luar Negeri Malaysia di Jakarta pada Senin (3/3/2025) "
           "untuk membahas kerja sama perbatasan.", {"diplomatic_meeting"}, {"IDN", "MYS"}),
    ("ms", "Perdana Menteri Malaysia mengadakan pertemuan dengan Perdana Menteri Singapura di Putrajaya semalam.",
     {"diplomatic_meeting"}, {"MYS", "SGP"}),
    ("ar", "أعلن الجيش السوداني وقوات الدعم السريع هدنة إنسانية لمدة أسبوع بوساطة سعودية وأمريكية بعد أسابيع من القتال.",
     {"ceasefire", "peace_process"}, {"SDN"}),
    ("ru", "Россия и Украина провели обмен пленными при посредничестве ОАЭ после месяцев боёв.",
     {"peace_process"}, {"RUS", "UKR"}),
    ("zh", "中国外长王毅在北京会见巴基斯坦外长,双方就地区局势交换意见。", {"diplomatic_meeting"}, {"CHN", "PAK"}),
    ("zh", "中國外長王毅在北京會見巴基斯坦外長。", {"diplomatic_meeting"}, {"CHN", "PAK"}),
    ("ja", "イスラエルとハマスの停戦合意が発効した。ガザでの戦闘は一年以上続いていた。", {"ceasefire"}, {"ISR"}),
    ("tr", "Rusya ile Ukrayna arasındaki barış görüşmeleri Türkiye'nin ev sahipliğinde İstanbul'da yapıldı.",
     {"peace_process", "diplomatic_meeting"}, {"RUS", "UKR"}),
    ("fr", "Le cessez-le-feu entre Israël et le Hezbollah a été violé dimanche, selon l'armée libanaise, après des frappes.",
     {"ceasefire"}, {"ISR"}),
    ("es", "El Gobierno de Colombia y el ELN acordaron en La Habana un cese al fuego bilateral tras el tercer ciclo de "
           "negociaciones con Cuba y Noruega como países garantes.", {"ceasefire", "peace_process"}, {"COL"}),
    ("pt", "O presidente do Brasil recebeu o presidente de Angola em Brasília para uma visita de Estado.",
     {"diplomatic_meeting"}, {"BRA", "AGO"}),
    ("de", "Der Bundeskanzler traf den französischen Präsidenten in Paris, um über die Waffenruhe in der Ukraine und den "
           "Krieg zu sprechen.", {"diplomatic_meeting", "ceasefire"}, {"DEU", "FRA"}),
    ("uk", "Міністр закордонних справ України зустрівся з міністром закордонних справ Польщі у Варшаві.",
     {"diplomatic_meeting"}, {"UKR", "POL"}),
    ("hi", "भारत और पाकिस्तान के बीच युद्धविराम का उल्लंघन हुआ, सेना ने कहा कि सीमा पर गोलीबारी हुई।",
     {"ceasefire"}, {"IND", "PAK"}),
    ("fa", "وزیر خارجه ایران با وزیر خارجه ترکیه در آنکارا دیدار و گفتگو کرد.", {"diplomatic_meeting"}, {"IRN", "TUR"}),
    ("ur", "پاکستان اور افغانستان نے قطر کی ثالثی میں جنگ بندی پر اتفاق کیا۔ سرحدی جھڑپوں میں کئی فوجی ہلاک ہوئے تھے۔",
     {"ceasefire", "peace_process"}, {"PAK", "AFG"}),
]

NEGATIVES = [
    ("en", "The two telecom operators called a truce in their price war after months of discounts for subscribers."),
    ("en", "The pope prayed for peace in the Holy Land during the Christmas mass at the church."),
    ("en", "Shareholders approved the dividend at the annual general meeting of the company on Monday."),
    ("fr", "La trêve hivernale commence le 1er novembre : les expulsions de locataires sont suspendues jusqu'au printemps."),
    ("es", "Las barras de los dos clubes firmaron una tregua antes del derbi, pero los hinchas se enfrentaron en el estadio."),
    ("id", "Rapat Umum Pemegang Saham Tahunan perseroan menyetujui pembagian dividen tunai kepada pemegang saham."),
    ("id", "Kedua artis itu akhirnya berdamai setelah perseteruan panjang di media sosial, kata manajer mereka."),
    ("de", "Die Gewerkschaft und die Arbeitgeber setzten die Tarifverhandlungen über höhere Löhne fort."),
    ("ru", "Операторы связи объявили перемирие в ценовой войне за абонентов."),
    ("tr", "Derbi öncesi iki takımın taraftarları stadyum önünde ateşkes ilan etti, maç olaysız geçti."),
    ("ms", "Mesyuarat Kabinet semalam membincangkan kenaikan harga barang dan subsidi minyak."),
]


@pytest.mark.parametrize("lang,text,families,states", POSITIVES, ids=[f"{c[0]}-{i}" for i, c in enumerate(POSITIVES)])
def test_families_and_states(lang, text, families, states):
    out = tag_article({"id": "t", "text": text})
    assert families <= set(out["tags"]), out["events"]
    assert states <= set(out["countries"]), out["countries"]


@pytest.mark.parametrize("lang,text", NEGATIVES, ids=[f"{c[0]}-{i}" for i, c in enumerate(NEGATIVES)])
def test_look_alikes_are_not_tagged(lang, text):
    out = tag_article({"id": "t", "text": text})
    assert out["tags"] == [], out["events"]
    assert out["countries"] == []


def test_evidence_is_a_span_of_the_text():
    text = "Yemen's truce expired on Sunday. The UN envoy urged both sides to extend it and avoid new fighting."
    out = tag_article({"id": "t", "text": text}, include_text=True)
    assert out["events"]
    for ev in out["events"]:
        e = ev["evidence"]
        assert out["text"][e["start"]:e["end"]] == e["text"]
        assert e["text"] in e["sentence"]


@pytest.mark.parametrize("text,status", [
    ("Israel and Hezbollah accused each other of violating the ceasefire as airstrikes hit southern Lebanon.", "violated"),
    ("The warring parties agreed to extend the truce in Yemen by two months, the UN envoy said.", "extended"),
    ("The UN Secretary-General called for an immediate ceasefire in Sudan as fighting spread.", "called_for"),
    ("Gencatan senjata antara Israel dan Hamas mulai berlaku pada Minggu pagi setelah perang 15 bulan.", "in_effect"),
])
def test_ceasefire_status(text, status):
    out = tag_article({"id": "t", "text": text})
    statuses = [e["status"] for e in out["events"] if e["family"] == "ceasefire"]
    assert statuses and statuses[0] == status, out["events"]


def test_scheduled_meeting_and_cameo():
    out = tag_article({"id": "t", "text": "Turkey's foreign minister will visit Egypt next week for talks with his Egyptian counterpart."})
    meetings = [e for e in out["events"] if e["family"] == "diplomatic_meeting"]
    assert meetings and meetings[0]["status"] == "scheduled"
    assert meetings[0]["cameo"] == ["036"]
    assert {"TUR", "EGY"} <= set(meetings[0]["countries"])


def test_government_meeting_its_own_rebels_is_not_a_diplomatic_meeting():
    out = tag_article({"id": "t", "text": "The Colombian government met ELN rebels for a new round of peace talks after months of fighting."})
    assert "peace_process" in out["tags"]
    assert "diplomatic_meeting" not in out["tags"]


def test_mediators_are_marked_and_are_parties_too():
    out = tag_article({"id": "t", "text": "Pakistan and Afghanistan agreed an immediate ceasefire in talks in Doha "
                                          "mediated by Qatar and Turkey after days of border fighting."})
    peace = [e for e in out["events"] if e["family"] == "peace_process"]
    assert peace and peace[0]["stage"] == "agreed"
    assert set(peace[0]["mediators"]) == {"QAT", "TUR"}
    assert {"PAK", "AFG", "QAT", "TUR"} <= set(out["countries"])
    assert "045" in peace[0]["cameo"]


def test_cease_fire_written_as_two_words_is_a_ceasefire():
    out = tag_article({"id": "cf2", "text": "India and Pakistan agreed on Thursday to a strict cease fire along the "
                                             "Line of Control after months of shelling and firing across the border."})
    assert "ceasefire" in out["tags"] and {"IND", "PAK"} <= set(out["countries"])


@pytest.mark.parametrize("text", [
    "Beim Außenministertreffen in Wien sprachen die Ministerin aus Polen und ihr Kollege aus Litauen über die Grenze.",
    "Der Präsident Kenias empfängt am Montag den Regierungschef Ugandas zu einem Arbeitsbesuch in Nairobi.",
    "Die Regierungschefs Spaniens und Portugals kamen in Madrid zu einem Spitzentreffen zusammen.",
    "Am Rande des Treffens berieten die Außenminister Frankreichs und Deutschlands über Libyen.",
])
def test_german_meeting_words_in_compounds_and_inflections(text):
    out = tag_article({"id": "de1", "text": text, "lang": "de"})
    assert "diplomatic_meeting" in out["tags"], text


@pytest.mark.parametrize("text, states", [
    ("Der ruandische Außenminister traf am Montag den kenianischen Präsidenten in Nairobi.", ["KEN", "RWA"]),
    ("Der thailändische Ministerpräsident traf den kambodschanischen Regierungschef in Phnom Penh.", ["KHM", "THA"]),
])
def test_german_adjectives_of_states_name_the_sides_of_a_meeting(text, states):
    meetings = [e for e in tag_article({"id": "de2", "text": text, "lang": "de"})["events"]
                if e["family"] == "diplomatic_meeting"]
    assert [sorted(e["countries"]) for e in meetings] == [states]


def test_german_talks_in_the_dative_plural_reach_a_truce():
    # "bei Gesprächen" (at talks): the talks that agreed the truce are a peace step
    text = ("Im Osten des Landes soll ab Freitag eine Waffenruhe gelten. "
            "Darauf haben sich Uganda und Südsudan bei Gesprächen in Nairobi geeinigt.")
    talks = [e for e in tag_article({"id": "de3", "text": text, "lang": "de"})["events"]
             if e["family"] == "peace_process"]
    assert [(e["stage"], sorted(e["countries"])) for e in talks] == [("agreed", ["SSD", "UGA"])]


@pytest.mark.parametrize("lang, link", [
    ("id", "Baca juga: Putin bertemu Perdana Menteri India Modi di Moskwa"),
    ("en", "Read also: Putin meets Modi in Moscow for talks"),
    ("ru", "Читайте также: Путин провёл переговоры с Моди в Москве"),
])
def test_a_line_linking_to_another_article_is_not_this_articles_news(lang, link):
    story = {"en": "Australia's foreign minister met her Indonesian counterpart in Jakarta on Monday.",
             "id": "Menteri Luar Negeri Australia bertemu Menteri Luar Negeri Indonesia di Jakarta, Senin.",
             "ru": "Министр иностранных дел Австралии встретился с министром иностранных дел Индонезии в Джакарте."}
    text = f"{story[lang]}\n{link}\nBoth ministers spoke to reporters afterwards."
    events = tag_article({"id": "link", "lang": lang, "text": text, "published": "2023-07-11"})["events"]
    assert [sorted(e["countries"]) for e in events] == [["AUS", "IDN"]]
    # the same words in the article's own sentence are news
    own = tag_article({"id": "own", "lang": lang, "text": link.split(":", 1)[1].strip(), "published": "2023-07-11"})
    assert any({"IND", "RUS"} <= set(e["countries"]) for e in own["events"])


@pytest.mark.parametrize("lang, story, heading, links", [
    ("en", "Australia's foreign minister met her Indonesian counterpart in Jakarta on Monday.",
     "[Related]", "- Putin meets Modi in Moscow for talks (10 July)\n- Ceasefire talks between Sudan's army and "
     "the RSF resume in Jeddah (9 July)"),
    ("ja", "オーストラリアの外相はジャカルタでインドネシアの外相と会談しました。",
     "【関連ニュース】", "・ プーチン大統領 モスクワでインドのモディ首相と会談 (7月10日) ・ スーダン 停戦協議を再開 (7月9日)"),
])
def test_the_lines_under_a_bracketed_heading_of_links_are_not_this_articles_news(lang, story, heading, links):
    text = f"{story}\n{heading} more\n{links}"
    events = tag_article({"id": "links", "lang": lang, "text": text, "published": "2023-07-11"})["events"]
    assert [sorted(e["countries"]) for e in events] == [["AUS", "IDN"]]
    # an empty line ends the list: what follows is news again
    after = tag_article({"id": "after", "lang": lang, "text": f"{heading}\n{links}\n\n{story}",
                         "published": "2023-07-11"})["events"]
    assert [sorted(e["countries"]) for e in after] == [["AUS", "IDN"]]
    own = tag_article({"id": "own", "lang": lang, "text": links, "published": "2023-07-11"})["events"]
    assert any({"IND", "RUS"} <= set(e["countries"]) for e in own)


@pytest.mark.parametrize("lang, text", [
    ("en", "After peace talks in Brussels, Serbia and Kosovo are close to an agreement."),
    ("en", "After peace talks in Brussels, Serbia and Kosovo are nearing a peace deal."),
    ("fr", "Après des pourparlers de paix à Bruxelles, la Serbie et le Kosovo sont proches d'un accord."),
    ("es", "Tras las negociaciones de paz en Bruselas, Serbia y Kosovo están cerca de un acuerdo."),
    ("de", "Nach Friedensgesprächen in Brüssel stehen Serbien und Kosovo kurz vor einer Einigung."),
    ("ru", "После мирных переговоров в Брюсселе Сербия и Косово близки к соглашению."),
    ("pl", "Po rozmowach pokojowych w Brukseli Serbia i Kosowo są blisko porozumienia."),
    ("id", "Setelah perundingan damai di Brussel, Serbia dan Kosovo hampir mencapai kesepakatan."),
    ("tr", "Brüksel'deki barış görüşmelerinin ardından Sırbistan ve Kosova anlaşmaya yakın."),
    ("ar", "بعد محادثات السلام في بروكسل، صربيا وكوسوفو على وشك التوصل إلى اتفاق."),
    ("he", "אחרי שיחות השלום בבריסל, סרביה וקוסובו קרובים להסכם."),
    ("zh", "在布鲁塞尔举行和平谈判后,塞尔维亚和科索沃接近达成协议。"),
    ("ja", "ブリュッセルでの和平協議の後、セルビアとコソボは合意間近だ。"),
    ("vi", "Sau các cuộc đàm phán hòa bình tại Brussels, Serbia và Kosovo gần đạt được thỏa thuận."),
])
def test_talks_close_to_an_agreement_have_progressed_but_not_agreed(lang, text):
    talks = [e for e in tag_article({"id": "near", "lang": lang, "text": text})["events"]
             if e["family"] == "peace_process"]
    assert [e["stage"] for e in talks] == ["progress"], talks


def test_an_agreement_reached_after_talks_is_still_agreed():
    text = "After peace talks in Brussels, Serbia and Kosovo reached an agreement."
    talks = [e for e in tag_article({"id": "deal", "lang": "en", "text": text})["events"]
             if e["family"] == "peace_process"]
    assert [e["stage"] for e in talks] == ["agreed"]


def test_receiving_the_remains_of_someone_held_captive_is_no_visit():
    text = ("On Monday the Red Cross received the remains of a soldier held captive in Tigray, "
            "under the truce between Ethiopia and Eritrea.")
    events = tag_article({"id": "remains", "lang": "en", "text": text, "published": "2025-05-12"})["events"]
    assert [e["family"] for e in events] == ["ceasefire"]
    host = tag_article({"id": "host", "lang": "en", "text": "The president of Ghana received the president of Togo "
                        "in Accra on Monday."})["events"]
    assert [e["family"] for e in host] == ["diplomatic_meeting"]


@pytest.mark.parametrize("lang, text, mode, states", [
    # Turkish and Azerbaijani "toplantı" (a meeting)
    ("tr", "Türkiye ve Yunanistan dışişleri bakanları Ankara'da bir toplantı yaptı.", None, {"TUR", "GRC"}),
    ("tr", "Mısır ve Ürdün heyetleri dün Kahire'de toplandı.", None, {"EGY", "JOR"}),
    ("az", "Azərbaycan və Gürcüstan nazirləri Tbilisidə toplantı keçirdilər.", None, {"AZE", "GEO"}),
    # Hebrew "שיחה" (a conversation) held with another state's leader
    ("he", "ראש ממשלת יוון סיפר על שיחה שקיים עם נשיא צרפת אמש.", None, {"GRC", "FRA"}),
    # Polish "wykonać telefon" (to make a phone call)
    ("pl", "Prezydent Francji zapowiedział, że jutro wykona telefon do prezydenta Brazylii.", "call", {"FRA", "BRA"}),
    ("pl", "Premier Japonii wykonał telefon do prezydenta Korei Południowej.", "call", {"JPN", "KOR"}),
])
def test_meeting_words_of_turkish_azerbaijani_hebrew_and_polish(lang, text, mode, states):
    meetings = [e for e in tag_article({"id": "m", "text": text, "lang": lang})["events"]
                if e["family"] == "diplomatic_meeting"]
    assert meetings and states <= set(meetings[0]["countries"]), meetings
    if mode:
        assert meetings[0]["mode"] == mode


@pytest.mark.parametrize("lang, text", [
    ("en", "The leaders of Chile, Peru and Bolivia held a trilateral meeting in Lima on Monday."),
    ("fr", "Les ministres du Maroc, de l'Espagne et du Portugal ont tenu une réunion trilatérale à Rabat."),
    ("es", "Los cancilleres de Chile, Perú y Bolivia celebraron ayer una reunión trilateral en la ciudad de Lima "
           "para hablar del agua."),
    ("de", "Die Außenminister Polens, Litauens und Lettlands kamen zu einem Dreiertreffen in Riga zusammen."),
    ("ru", "Министры Армении, Грузии и Азербайджана провели трехстороннюю встречу в Тбилиси."),
    ("id", "Menteri luar negeri Indonesia, Malaysia dan Thailand menggelar pertemuan trilateral di Bangkok."),
    ("tr", "Türkiye, Azerbaycan ve Gürcistan dışişleri bakanları Tiflis'te üçlü toplantı yaptı."),
    ("ar", "عقد وزراء خارجية مصر والأردن والعراق اجتماع ثلاثي في عمان."),
    ("zh", "中国、日本和韩国外长在首尔举行三方会谈。"),
    ("ja", "日本、米国、韓国の外相が東京で三者会談を行った。"),
    ("hi", "भारत, जापान और ऑस्ट्रेलिया के विदेश मंत्रियों ने दिल्ली में त्रिपक्षीय बैठक की।"),
])
def test_a_trilateral_meeting_is_multilateral(lang, text):
    meetings = [e for e in tag_article({"id": "t3", "text": text, "lang": lang})["events"]
                if e["family"] == "diplomatic_meeting"]
    assert len(meetings) == 1 and meetings[0]["mode"] == "multilateral", meetings
    assert len(meetings[0]["countries"]) == 3, meetings


@pytest.mark.parametrize("lang, text", [
    ("en", "The Georgian prime minister will hold a bilateral meeting with the French president in Paris, "
           "and then a trilateral meeting with the French president and the German chancellor."),
    ("zh", "格鲁吉亚总理将在巴黎与法国总统举行双边会晤,随后他将与法国总统和德国总理举行三边会晤。"),
    ("fr", "Le Premier ministre géorgien aura un entretien bilatéral avec le président français à Paris, "
           "puis une réunion trilatérale avec le président français et le chancelier allemand."),
    ("es", "El primer ministro georgiano tendrá una reunión bilateral con el presidente francés en París "
           "y después una reunión trilateral con el presidente francés y el canciller alemán."),
    ("id", "Perdana Menteri Georgia akan mengadakan pertemuan bilateral dengan Presiden Prancis di Paris, "
           "lalu pertemuan trilateral dengan Presiden Prancis dan Kanselir Jerman."),
])
def test_a_bilateral_and_a_trilateral_meeting_in_one_sentence_are_two_meetings(lang, text):
    meetings = [e for e in tag_article({"id": "b3", "text": text, "lang": lang})["events"]
                if e["family"] == "diplomatic_meeting"]
    assert sorted(sorted(e["countries"]) for e in meetings) == [["DEU", "FRA", "GEO"], ["FRA", "GEO"]], meetings


@pytest.mark.parametrize("lang, text", [
    ("fr", "À Genève, le ministre indonésien a eu des entretiens bilatéraux avec l'Inde, le Japon et le Canada."),
    ("es", "En Ginebra, el canciller peruano mantuvo reuniones bilaterales con la India, Japón y Canadá."),
    ("pt", "Em Genebra, o ministro angolano teve encontros bilaterais com a Índia, o Japão e o Canadá."),
    ("ms", "Menteri Luar Malaysia mengadakan pertemuan dua hala dengan India, Jepun dan Kanada semalam."),
])
def test_bilateral_meetings_with_a_list_of_states_in_romance_languages_and_malay(lang, text):
    # "bilateral meetings with A, B and C" are three meetings of the subject with each
    meetings = [e for e in tag_article({"id": "bl", "text": text, "lang": lang})["events"]
                if e["family"] == "diplomatic_meeting"]
    assert len(meetings) == 3 and all(len(e["countries"]) == 2 for e in meetings), meetings


@pytest.mark.parametrize("lang, text", [
    ("uk", "Міністри закордонних справ Молдови та Румунії зустрінуться у Кишиневі."),
    ("uk", "Переговори міністрів Молдови та Румунії відбудуться у Кишиневі."),
    ("uk", "Головною темою зустрічі міністрів Молдови та Румунії стане енергетика."),
    ("ru", "Главной темой встречи министров Армении и Грузии станет энергетика."),
    ("ru", "Переговоры министров Армении и Грузии состоятся в Тбилиси."),
    ("ru", "Министр Армении прибудет в Тбилиси для переговоров с грузинским коллегой."),
])
def test_ukrainian_and_russian_future_forms_make_a_meeting_scheduled(lang, text):
    meetings = [e for e in tag_article({"id": "f", "text": text, "lang": lang})["events"]
                if e["family"] == "diplomatic_meeting"]
    assert meetings and meetings[0]["status"] == "scheduled", meetings


@pytest.mark.parametrize("lang, text", [
    ("en", "Peace talks to end the war in Sudan gained pace after Egypt and Saudi Arabia restored their ties."),
    ("id", "Upaya perdamaian untuk mengakhiri perang di Sudan terus berlanjut setelah Mesir dan Arab Saudi "
           "memulihkan hubungan."),
])
def test_the_country_of_the_war_is_not_the_venue_of_the_peace_talks(lang, text):
    # "the war in Sudan": the area of the fighting, so the talks are not a meeting held there
    families = [e["family"] for e in tag_article({"id": "w", "text": text, "lang": lang})["events"]]
    assert "peace_process" in families and "diplomatic_meeting" not in families


def test_peace_talks_held_in_a_capital_are_still_a_meeting():
    text = "Peace talks between Egypt and Saudi Arabia on the war in Sudan were held in Jeddah on Monday."
    families = [e["family"] for e in tag_article({"id": "w", "text": text, "lang": "en"})["events"]]
    assert "diplomatic_meeting" in families


def test_the_meeting_named_again_with_sides_from_the_sentences_around_is_the_one_reported():
    # "After the meeting" names one side (Nigerian); the other comes from the sentence before:
    # it is the meeting already reported, not a second one
    text = ("Indonesia's vice president held a bilateral meeting with Nigeria's vice president in Jakarta on Tuesday. "
            "After the meeting, he accompanied his Nigerian guest to the airport.")
    meetings = [e for e in tag_article({"id": "a", "text": text, "lang": "en"})["events"]
                if e["family"] == "diplomatic_meeting"]
    assert [sorted(e["countries"]) for e in meetings] == [["IDN", "NGA"]], meetings


def test_a_meeting_of_another_story_takes_no_side_from_the_meeting_before():
    # the last sentence's meeting (in Turkey) is another one: the Nigerian side of the sentence
    # before, which tells of its own meeting, is not lent to it
    text = ("Indonesia's vice president held a bilateral meeting with Nigeria's vice president in Jakarta on Tuesday. "
            "The ministers of trade joined them.\n\n"
            "After the meeting, he accompanied his Nigerian guest to the airport. "
            "He himself had just returned from Turkey, where he attended an international meeting.")
    meetings = [e for e in tag_article({"id": "b", "text": text, "lang": "en"})["events"]
                if e["family"] == "diplomatic_meeting"]
    assert [sorted(e["countries"]) for e in meetings] == [["IDN", "NGA"]], meetings


@pytest.mark.parametrize("text, states", [
    ("On the sidelines of the G20 summit in Rio, the Chinese foreign minister met his Brazilian counterpart.",
     ["BRA", "CHN"]),
    ("Министр иностранных дел Армении встретился с главой МИД Казахстана в рамках саммита СНГ в Бишкеке.",
     ["ARM", "KAZ"]),
    ("प्रधानमंत्री मोदी ने जी20 शिखर सम्मेलन के इतर जापान के प्रधानमंत्री से मुलाकात की।", ["IND", "JPN"]),
    ("Presiden Indonesia bertemu Perdana Menteri Jepang di sela-sela KTT G20 di Roma.", ["IDN", "JPN"]),
])
def test_a_meeting_on_the_sidelines_of_a_summit_is_no_summit(text, states):
    # the summit is where the two met (its setting), not the mode of their own meeting
    meetings = [e for e in tag_article({"id": "s", "text": text})["events"] if e["family"] == "diplomatic_meeting"]
    assert len(meetings) == 1 and sorted(meetings[0]["countries"]) == states, meetings
    assert meetings[0]["mode"] == "bilateral", meetings


def test_a_summit_with_no_setting_word_is_a_summit():
    text = "The leaders of France and Germany will hold a summit in Paris next week."
    meetings = [e for e in tag_article({"id": "s", "text": text})["events"] if e["family"] == "diplomatic_meeting"]
    assert len(meetings) == 1 and meetings[0]["mode"] == "summit", meetings


@pytest.mark.parametrize("text", [
    "The foreign ministers of Japan and Chile held a bilateral meeting on the last day of the APEC summit in Lima.",
    "Menlu Jepang dan Menlu Cile mengadakan pertemuan bilateral pada hari terakhir KTT APEC di Lima.",
])
def test_a_bilateral_meeting_held_at_a_summit_is_no_summit(text):
    meetings = [e for e in tag_article({"id": "b", "text": text})["events"] if e["family"] == "diplomatic_meeting"]
    assert len(meetings) == 1 and sorted(meetings[0]["countries"]) == ["CHL", "JPN"], meetings
    assert meetings[0]["mode"] == "bilateral", meetings


def test_a_bilateral_summit_is_a_summit():
    text = "The presidents of France and Brazil held a bilateral summit in Lima."
    meetings = [e for e in tag_article({"id": "b", "text": text})["events"] if e["family"] == "diplomatic_meeting"]
    assert len(meetings) == 1 and meetings[0]["mode"] == "summit", meetings


@pytest.mark.parametrize("lang, text", [
    ("en", "Ukraine and Russia exchanged 150 prisoners of war each on Sunday."),
    ("en", "Armenia and Azerbaijan swapped a total of 32 detainees at the border on Friday."),
    ("ru", "Россия и Украина в воскресенье обменялись 150 военнопленными."),
    ("uk", "Україна та Росія в неділю обмінялися 150 полоненими."),
    ("fr", "L'Arménie et l'Azerbaïdjan ont échangé 32 prisonniers dimanche à la frontière."),
    ("es", "El domingo, Rusia y Ucrania intercambiaron 90 prisioneros de guerra en la frontera, según el gobierno."),
    ("de", "Russland und die Ukraine haben am Sonntag 150 Gefangene ausgetauscht."),
    ("ar", "تبادلت روسيا وأوكرانيا 150 أسيرا يوم الأحد."),
    ("tr", "Rusya ve Ukrayna pazar günü 150 esiri takas etti."),
    ("id", "Rusia dan Ukraina bertukar 150 tawanan perang pada hari Minggu."),
    ("pl", "Rosja i Ukraina wymieniły w niedzielę 150 jeńców wojennych."),
    ("vi", "Nga và Ukraine đã trao đổi 150 tù binh vào Chủ nhật."),
    ("zh", "俄罗斯和乌克兰周日交换了150名战俘。"),
    ("ja", "ロシアとウクライナは日曜日、150人の捕虜を交換した。"),
    ("ko", "러시아와 우크라이나는 일요일 포로 150명을 교환했다."),
    ("az", "Rusiya və Ukrayna bazar günü 150 əsiri mübadilə etdilər."),
    ("hy", "Ռուսաստանը և Ուկրաինան կիրակի օրը փոխանակեցին 150 գերիներ։"),
    ("ur", "روس اور یوکرین نے اتوار کو 150 جنگی قیدیوں کا باہمی تبادلہ کیا۔"),
    ("he", "רוסיה ואוקראינה החליפו ביום ראשון 150 שבויים."),
])
def test_a_verb_of_exchange_with_captives_in_its_clause_is_a_prisoner_exchange(lang, text):
    events = tag_article({"id": "swap", "language": lang, "text": text})["events"]
    assert [(e["family"], e["stage"]) for e in events] == [("peace_process", "implemented")]


@pytest.mark.parametrize("lang, text", [
    # exchanging fire is fighting, not a swap
    ("en", "Ukraine and Russia exchanged fire near the camp; 30 prisoners were hurt."),
    ("en", "Troops of Ukraine and Russia exchanged fire near a camp where 30 prisoners are held."),
    # the captives are in another clause, or far from the verb
    ("en", "Ukraine and Russia exchanged letters about the fate of the families of 30 prisoners."),
])
def test_an_exchange_verb_without_captives_in_its_clause_is_no_prisoner_exchange(lang, text):
    events = tag_article({"id": "noswap", "language": lang, "text": text})["events"]
    assert not [e for e in events if e["family"] == "peace_process"]


def test_a_swap_verb_and_a_captives_word_of_two_languages_make_no_exchange():
    from processors.lexicon import find_cues
    from processors.textutil import fold
    # English "exchanged" beside French "otages" is no pair: both words must be of one language
    assert not [m for m in find_cues(fold("they exchanged otages")) if m.payload.cat == "peace"]
    assert [m.payload.value for m in find_cues(fold("they exchanged hostages")) if m.payload.cat == "peace"] == ["implemented"]
    # without spaces, 40 characters are a long stretch: "the two sides exchanged views on ceasefire
    # monitoring, humanitarian aid and prisoners" is no swap of prisoners
    assert not [m for m in find_cues(fold("双方交换了有关停火监督和人道援助以及战俘的意见")) if m.payload.cat == "peace"]


@pytest.mark.parametrize("text", [
    "Armenia and Azerbaijan swapped 40 detainees on Friday under a deal brokered by Qatar.",
    "Armenia and Azerbaijan held a prisoner exchange on Friday under a deal brokered by Qatar.",
    "Armenia and Azerbaijan swapped 40 detainees on Friday under an agreement mediated by Qatar.",
])
def test_a_step_taken_under_a_brokered_deal_carries_it_out(text):
    events = tag_article({"id": "under", "language": "en", "text": text})["events"]
    assert [(e["family"], e["stage"], e["mediators"]) for e in events] == [("peace_process", "implemented", ["QAT"])]


def test_a_deal_brokered_outside_a_framework_phrase_is_still_agreed():
    text = "Qatar brokered a peace deal between Armenia and Azerbaijan on Friday."
    events = tag_article({"id": "deal", "language": "en", "text": text})["events"]
    assert [(e["family"], e["stage"]) for e in events] == [("peace_process", "agreed")]
