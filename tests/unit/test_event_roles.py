"""Who is a party and who mediates (shared/spec/events-guide.md): the role words of every
language that name a mediator, a host or a third side. Sentences written for these tests."""

from __future__ import annotations

import pytest

from processors import tag_article


def _events(text: str, family: str | None = None, **extra) -> list[dict]:
    out = tag_article({"id": "t1", "text": text, **extra})["events"]
    return [e for e in out if family is None or e["family"] == family]


def test_an_inflected_persian_talks_word_ends_the_sides_before_the_mediation():
    # "مذاکراتی که" (talks that ...): the suffixed noun is an event word, so the sides named
    # before it are not taken for the mediator named after "با میانجیگری"
    text = "ایران و عراق در مذاکراتی که با میانجیگری عمان در مسقط برگزار شد، بر سر آتش‌بس توافق کردند."
    truces = _events(text, "ceasefire", lang="fa")
    assert truces and truces[0]["mediators"] == ["OMN"]


@pytest.mark.parametrize("lang, text", [
    ("en", "The foreign ministers of Georgia and Armenia met in Geneva on Monday with the participation of Russia."),
    ("ru", "Министры иностранных дел Грузии и Армении при участии российской стороны провели встречу в Москве."),
    ("uk", "Міністри закордонних справ Грузії та Вірменії провели зустріч у Женеві за участі Франції."),
    ("fr", "Les ministres de la Géorgie et de l'Arménie se sont rencontrés à Genève avec la participation de la Russie."),
    ("es", "Los cancilleres de Perú y Ecuador se reunieron en Lima con la participación de Brasil."),
    ("pt", "Os chanceleres do Peru e do Equador reuniram-se em Lima com a participação do Brasil."),
    ("de", "Die Außenminister Georgiens und Armeniens trafen sich in Genf unter Beteiligung Frankreichs."),
    ("pl", "Ministrowie spraw zagranicznych Gruzji i Armenii spotkali się w Genewie przy udziale Francji."),
    ("id", "Menteri luar negeri Peru dan Ekuador bertemu di Lima dengan partisipasi Brasil."),
    ("ar", "اجتمع وزيرا خارجية السودان وإثيوبيا في القاهرة بمشاركة مصر."),
])
def test_the_third_state_that_takes_part_in_a_meeting_of_two_sides_mediates_it(lang, text):
    # "with the participation of X" names the mediator after it; the two sides named before
    # it are sides, not mediators
    meetings = _events(text, "diplomatic_meeting", lang=lang)
    assert meetings
    assert set(meetings[0]["countries"]) >= set(meetings[0]["mediators"])
    assert len(meetings[0]["mediators"]) == 1
    assert meetings[0]["mediators"][0] in {"RUS", "FRA", "BRA", "EGY"}


def test_a_russian_meeting_named_by_its_infinitive_or_future_is_a_meeting():
    text = "Министры иностранных дел Грузии и Армении могут встретиться в Минске на следующей неделе."
    assert _events(text, "diplomatic_meeting", lang="ru")
    text = "Министры иностранных дел Грузии и Армении встретятся в Минске в пятницу."
    meetings = _events(text, "diplomatic_meeting", lang="ru")
    assert meetings and meetings[0]["status"] == "scheduled"


def test_a_mediator_of_the_conflict_mediates_its_meetings_with_one_side():
    text = ("Kenya and Tanzania mediated the ceasefire between Sudan and the rebels of Darfur last week. "
            "On Monday a Sudanese delegation met Kenyan officials in Nairobi to discuss the next round.")
    meetings = _events(text, "diplomatic_meeting", published="2025-03-10")
    assert meetings and "KEN" in meetings[0]["mediators"]
    assert "SDN" not in meetings[0]["mediators"]


def test_a_state_that_fights_is_no_mediator_of_its_other_events():
    # Uganda mediates one pair's talks but is itself a side of a truce: its meeting with
    # the other side of that truce is not one it mediates
    text = ("Uganda mediated the peace talks between Kenya and Tanzania in March. "
            "Uganda and Rwanda agreed a ceasefire on their border on Friday. "
            "On Monday a Rwandan delegation met Ugandan officials in Kampala.")
    meetings = [m for m in _events(text, "diplomatic_meeting", published="2025-03-10")
                if {"RWA", "UGA"} <= set(m["countries"])]
    assert meetings and "UGA" not in meetings[0]["mediators"]


def test_the_two_sides_are_the_sides_not_the_mediators_named_with_them():
    # "the two sides" takes its parties from the sentence before, but Uganda mediates there:
    # it is not one of the two sides, so the truce is the sides' and Uganda mediates it
    text = ("Uganda mediated the talks between Kenya and Tanzania in Kampala on Friday. "
            "The two sides agreed in July to a ceasefire along their border.")
    truces = _events(text, "ceasefire", published="2025-09-10")
    assert truces and set(truces[0]["countries"]) == {"KEN", "TZA", "UGA"}
    assert truces[0]["mediators"] == ["UGA"]


@pytest.mark.parametrize("lang, text", [
    ("en", "The foreign ministers of Armenia and Azerbaijan met in the Belarusian capital Minsk on Monday."),
    ("ko", "아르메니아와 아제르바이잔 외무장관이 월요일 벨라루스 수도 민스크에서 만났다."),
])
def test_a_state_that_qualifies_the_city_of_the_meeting_is_no_party(lang, text):
    meetings = _events(text, "diplomatic_meeting", lang=lang)
    assert meetings and set(meetings[0]["countries"]) == {"ARM", "AZE"}


def test_a_capital_that_stands_for_its_state_is_still_a_party():
    # "Moscow" stands for Russia here: it is not a city that a state before it qualifies
    text = "Russia said that Azerbaijan and Moscow agreed a ceasefire on the border on Monday."
    truces = _events(text, "ceasefire")
    assert truces and {"AZE", "RUS"} <= set(truces[0]["countries"])


@pytest.mark.parametrize("lang, text", [
    ("en", "Saudi Arabia held talks with the Iran-backed Houthis in Sanaa on Monday."),
    ("en", "Saudi Arabia held talks with the Houthis, backed by Iran, in Sanaa on Monday."),
    ("id", "Arab Saudi mengadakan negosiasi dengan militan Houthi yang didukung Iran di Sanaa pada Senin."),
    ("ar", "أجرت السعودية محادثات مع جماعة الحوثي المدعومة من إيران في صنعاء يوم الاثنين."),
    ("tr", "Suudi Arabistan, İran destekli Husilerle Sana'da görüştü."),
])
def test_the_backer_of_an_armed_group_is_no_party_of_its_talks(lang, text):
    events = _events(text, lang=lang)
    assert events and all(set(e["countries"]) == {"SAU", "YEM"} for e in events)


@pytest.mark.parametrize("lang, text", [
    ("en", "Ukraine and pro-Russian separatists agreed a ceasefire in the east on Friday."),
    ("ja", "ウクライナ政府と親ロシア派が東部での停戦に合意した。"),
])
def test_a_state_a_faction_is_for_is_no_party(lang, text):
    truces = _events(text, "ceasefire", lang=lang)
    assert truces and "RUS" not in truces[0]["countries"]


def test_a_state_that_backs_a_truce_not_a_group_stays_a_party():
    truces = _events("Israel and Hamas agreed a US-backed ceasefire in Gaza on Monday.", "ceasefire")
    assert truces and "USA" in truces[0]["countries"]


def test_the_states_beside_both_sides_of_the_conflict_mediate():
    text = ("Kenya and Tanzania agreed a ceasefire on their border on Monday. "
            "Uganda and Rwanda joined Kenya and Tanzania at the peace talks in Arusha on Friday.")
    talks = _events(text, "peace_process", published="2025-03-12")
    assert talks and set(talks[0]["mediators"]) == {"UGA", "RWA"}


def test_an_organisation_beside_both_sides_is_not_thereby_a_mediator():
    text = ("Kenya and Tanzania agreed a ceasefire on their border on Monday. "
            "Rwanda and the United Nations joined Kenya and Tanzania at the peace talks in Arusha on Friday.")
    talks = _events(text, "peace_process", published="2025-03-12")
    assert talks and "UN" in talks[0]["orgs"] and "UN" not in talks[0]["mediators"] and "RWA" in talks[0]["mediators"]


@pytest.mark.parametrize("lang, text", [
    ("en", "Kenya and Tanzania agreed on a ceasefire along their border on Saturday. "
           "The peace agreement, brokered by Uganda and Rwanda, was signed on Monday."),
    ("fr", "Le Kenya et la Tanzanie ont conclu un cessez-le-feu samedi. "
           "L'accord de paix, négocié par l'Ouganda et le Rwanda, a été signé lundi."),
])
def test_a_deal_that_names_only_its_brokers_is_between_the_sides_of_the_conflict(lang, text):
    deals = _events(text, "peace_process", lang=lang, published="2025-03-12")
    assert deals and set(deals[0]["countries"]) == {"KEN", "TZA", "UGA", "RWA"}
    assert set(deals[0]["mediators"]) == {"UGA", "RWA"}


def test_the_state_of_a_former_office_holder_is_no_party():
    former = ("Kenya and Tanzania agreed on a ceasefire along their border on Saturday, said the "
              "African Union envoy, former Nigerian President Olusegun Obasanjo.")
    truces = _events(former, "ceasefire", published="2022-11-02")
    assert truces and "NGA" not in truces[0]["countries"]
    serving = ("Kenya and Tanzania agreed on a ceasefire along their border on Saturday, said the "
               "Nigerian President Bola Tinubu.")
    truces = _events(serving, "ceasefire", published="2022-11-02")
    assert truces and "NGA" in truces[0]["countries"]


@pytest.mark.parametrize("lang, text", [
    ("en", "The ceasefire in the war in Yemen expired on Sunday, and the coalition led by Saudi Arabia "
           "and backed by the United States has yet to accept its extension."),
    ("es", "La tregua en Yemen expiró el domingo, y la coalición liderada por Arabia Saudí y respaldada "
           "por Estados Unidos aún no acepta su extensión."),
])
def test_the_backer_of_a_coalition_is_no_party_but_its_leader_is(lang, text):
    truces = _events(text, "ceasefire", lang=lang, published="2022-10-04")
    assert truces and "USA" not in truces[0]["countries"] and "SAU" in truces[0]["countries"]


def test_the_state_behind_a_truce_stays_a_party():
    text = "Israel and Hamas accepted a ceasefire backed by the United States on Monday."
    truces = _events(text, "ceasefire")
    assert truces and "USA" in truces[0]["countries"]


@pytest.mark.parametrize("lang, text", [
    ("en", "The prime ministers of India and Pakistan met on the sidelines of the United Nations General "
           "Assembly in New York on Friday."),
    ("ru", "Министры иностранных дел Грузии и Армении провели встречу в Минске в рамках саммита СНГ."),
    ("fr", "Les ministres de l'Inde et du Pakistan se sont rencontrés en marge de l'Assemblée générale "
           "des Nations unies à New York."),
])
def test_an_organisation_named_as_the_setting_of_a_meeting_is_no_party(lang, text):
    meetings = _events(text, "diplomatic_meeting", lang=lang)
    assert meetings and meetings[0]["orgs"] == []


def test_an_organisation_that_takes_part_in_a_meeting_is_a_party():
    text = "The foreign ministers of India and Pakistan met the United Nations envoy in New York on Friday."
    meetings = _events(text, "diplomatic_meeting")
    assert meetings and meetings[0]["orgs"] == ["UN"]


def test_a_backer_named_with_an_adjective_is_no_party():
    text = "Saudi Arabia held talks with the Houthis, supported by neighbouring Iran, in Sanaa on Monday."
    events = _events(text)
    assert events and all("IRN" not in e["countries"] for e in events)


@pytest.mark.parametrize("lang, text", [
    ("en", "Sudan and South Sudan leaders, hosted by Ethiopia, held peace talks in Addis Ababa."),
    # "in Ethiopia's hosting": the host stands right before the word, the sides' leaders before it
    ("am", "የሱዳን እና የደቡብ ሱዳን መሪዎች በኢትዮጵያ አዘጋጅነት በአዲስ አበባ የሰላም ድርድር አካሄዱ።"),
])
def test_the_host_is_the_mediator_and_the_sides_before_it_are_not(lang, text):
    talks = _events(text, "peace_process", lang=lang)
    assert talks and talks[0]["mediators"] == ["ETH"]
    assert {"SDN", "SSD"} <= set(talks[0]["countries"])


@pytest.mark.parametrize("lang, text, mediator", [
    ("ur", "ایران اور عراق نے عمان کی ثالثی میں فوری جنگ بندی پر اتفاق کیا۔", "OMN"),
    ("hi", "भारत और पाकिस्तान ने कतर की मध्यस्थता में युद्धविराम पर सहमति जताई।", "QAT"),
])
def test_the_sides_marked_as_agents_are_not_listed_with_the_mediator(lang, text, mediator):
    truces = _events(text, "ceasefire", lang=lang)
    assert truces and truces[0]["mediators"] == [mediator]


def test_a_leader_whose_surname_is_a_state_name_is_his_own_state():
    text = ("O presidente do Brasil recebeu o primeiro-ministro de Portugal, Luís Montenegro, em Brasília "
            "nesta terça-feira para uma visita oficial.")
    meetings = _events(text, "diplomatic_meeting", lang="pt")
    assert meetings and set(meetings[0]["countries"]) == {"BRA", "PRT"}
    meetings = _events("Montenegro and Serbia held talks in Belgrade on Monday.", "diplomatic_meeting")
    assert meetings and set(meetings[0]["countries"]) == {"MNE", "SRB"}


@pytest.mark.parametrize("lang, text", [
    ("ko", "러시아와 우크라이나가 포로 교환에 합의했다. 튀르키예와 카타르가 포로 교환 협상에서 중재 역할을 했다."),
    ("tr", "Rusya ve Ukrayna esir takasında anlaştı. Türkiye ve Katar müzakerelerde arabulucu oldu."),
])
def test_in_a_head_final_language_the_mediator_comes_before_the_talks_it_mediates(lang, text):
    # the subject, then the talks ("협상에서", "müzakerelerde"), then the mediation word: the
    # event word between does not end the subject as it would in "X and Y agreed a truce mediated by Z"
    talks = _events(text, "peace_process", lang=lang)
    assert talks and all(set(t["mediators"]) == {"TUR", "QAT"} for t in talks)


@pytest.mark.parametrize("lang, text", [
    ("en", "Pakistan's prime minister met Chinese President Xi Jinping in Beijing on Monday. "
           "The prime minister will also meet Chinese investors and Pakistani businessmen on Tuesday."),
    ("fr", "Le Premier ministre pakistanais a rencontré le président chinois Xi Jinping à Pékin lundi. "
           "Le Premier ministre rencontrera aussi des investisseurs chinois mardi."),
    ("id", "Perdana Menteri Pakistan bertemu Presiden China Xi Jinping di Beijing pada Senin. "
           "Perdana menteri juga akan bertemu dengan pengusaha China pada Selasa."),
    ("ur", "پاکستانی وزیراعظم نے بیجنگ میں چین کے صدر شی جن پنگ سے ملاقات کی۔ "
           "وزیراعظم کل چینی سرمایہ کاروں سے بھی ملاقات کریں گے۔"),
])
def test_a_meeting_with_foreign_investors_is_no_diplomatic_meeting(lang, text):
    # "Chinese investors" names where private people come from, no official of China: the
    # second meeting is not diplomatic, and the sentence before lends it no second side
    meetings = _events(text, "diplomatic_meeting", lang=lang)
    assert len(meetings) == 1 and meetings[0]["countries"] == ["CHN", "PAK"]


@pytest.mark.parametrize("lang, text", [
    ("en", "Chinese investors and Pakistani traders welcomed the talks of the two prime ministers in Beijing."),
    ("th", "นักลงทุนจีนและนักธุรกิจญี่ปุ่นติดตามการประชุมในกรุงเทพฯ"),
])
def test_a_state_that_qualifies_private_people_is_no_party(lang, text):
    from processors.actors import find_actors
    from processors.tagging.document import Document
    from processors.textutil import fold, sentence_bounds

    actors = find_actors(text, fold(text), lang)
    doc = Document(text, fold(text), lang, sentence_bounds(text), actors)
    private = [a for a in actors if a.kind == "country" and a.via != "capital"]
    assert len(private) == 2 and not any(doc.is_party(doc.sents[0], a) for a in private)


def test_a_state_next_to_a_word_that_only_ends_like_a_private_word_stays_a_party():
    # "accompany" ends in "company": a whole word is needed in a Latin script
    text = "The envoys will accompany US officials to a meeting with the Chinese foreign minister in Geneva."
    meetings = _events(text, "diplomatic_meeting")
    assert meetings and meetings[0]["countries"] == ["CHN", "USA"]


@pytest.mark.parametrize("lang, text, sides", [
    ("en", "The African Union urged restraint after new clashes between Ethiopia and the TPLF rebels. "
           "The fighting between the two sides ended a humanitarian truce in the north.", ["ETH"]),
    ("fr", "L'Union africaine a appelé au calme après de nouveaux combats entre l'Éthiopie et les rebelles du TPLF. "
           "Les affrontements entre les deux parties ont mis fin à la trêve humanitaire dans le nord.", ["ETH"]),
])
def test_an_organisation_only_named_beside_a_truce_is_no_party_of_it(lang, text, sides):
    # the organisation is named in the sentence "the two sides" points back to, not in the
    # truce's own sentence, and brokers nothing: it is no side of the truce
    truces = _events(text, "ceasefire", lang=lang)
    assert truces and truces[0]["countries"] == sides
    assert truces[0]["orgs"] == [] and truces[0]["mediators"] == []


def test_an_organisation_named_in_the_truce_sentence_stays_a_party():
    text = "OSCE monitors reported that the ceasefire between Russia and Ukraine held overnight."
    truces = _events(text, "ceasefire")
    assert truces and {"RUS", "UKR"} <= set(truces[0]["countries"]) and truces[0]["orgs"] == ["OSCE"]


def test_the_guarantors_of_the_talks_mediate_the_round_that_names_one_side_and_the_host():
    # the round names the government and Norway (the host, itself one of the guarantors):
    # the guarantors named in the next sentence broker it all the same
    text = ("The delegations of the Philippine government and the rebel front ended their third round of peace "
            "talks in Oslo on Friday, the Norwegian foreign ministry said. The talks are held with Japan, "
            "Malaysia and Indonesia as guarantors and Norway as their host.")
    rounds = [e for e in _events(text, "peace_process") if "PHL" in e["countries"]]
    assert rounds
    assert all({"JPN", "MYS", "IDN", "NOR"} <= set(e["mediators"]) for e in rounds)


@pytest.mark.parametrize("lang, text, clock", [
    ("de", "Armenien und Aserbaidschan haben eine Waffenruhe vereinbart, die "
           "um 10 Uhr deutscher Zeit in Kraft trat.", "DEU"),
    ("ru", "Армения и Азербайджан договорились о перемирии, которое "
           "вступило в силу в 10:00 по турецкому времени.", "TUR"),
    ("uk", "Вірменія та Азербайджан домовилися про перемир'я, яке "
           "набуло чинності о 10:00 за турецьким часом.", "TUR"),
    ("pl", "Armenia i Azerbejdżan uzgodniły rozejm, który wszedł w życie o północy czasu polskiego.", "POL"),
    ("tr", "Ermenistan ve Azerbaycan, Türkiye saatiyle 10.00'da "
           "yürürlüğe giren bir ateşkes üzerinde anlaştı.", "TUR"),
    ("az", "Ermənistan və Azərbaycan Türkiyə vaxtı ilə saat 12:00-da qüvvəyə minən atəşkəs barədə razılaşıb.", "TUR"),
    ("ar", "اتفقت أرمينيا وأذربيجان على هدنة دخلت حيز التنفيذ في العاشرة صباحا بتوقيت سوريا.", "SYR"),
    ("fa", "ارمنستان و آذربایجان بر سر آتش‌بس توافق کردند؛ آتش‌بس از ساعت ۱۰ به وقت ایران اجرا شد.", "IRN"),
    ("ur", "آرمینیا اور آذربائیجان نے جنگ بندی پر اتفاق کیا جو پاکستانی وقت کے مطابق رات بارہ بجے نافذ ہوئی۔", "PAK"),
    ("ps", "ارمنستان او آذربایجان پر اوربند موافقه وکړه چې د افغانستان په وخت د شپې ۱۲ بجې پیل شو.", "AFG"),
    ("hi", "आर्मेनिया और अज़रबैजान ने युद्धविराम पर सहमति जताई जो भारतीय समयानुसार रात 12 बजे लागू हुआ।", "IND"),
    ("he", "ארמניה ואזרבייג'ן הסכימו על הפסקת אש שנכנסה לתוקף בשעה 10:00 שעון ישראל.", "ISR"),
    ("hy", "Հայաստանը և Ադրբեջանը համաձայնել են հրադադարի շուրջ, "
           "որն ուժի մեջ է մտել Թուրքիայի ժամանակով 12:00-ին։", "TUR"),
    ("am", "አርሜኒያ እና አዘርባጃን በኢትዮጵያ ሰዓት አቆጣጠር ከጠዋቱ 3 ሰዓት ጀምሮ ተግባራዊ በሆነ የተኩስ አቁም ስምምነት ላይ ደርሰዋል።", "ETH"),
    ("so", "Armenia iyo Azerbaijan waxay ku heshiiyeen xabbad "
           "joojin dhaqan gashay saacadda Soomaaliya 6da subaxnimo.", "SOM"),
    ("ha", "Armeniya da Azerbaijan sun amince da tsagaita wuta da ta fara aiki karfe 10 agogon Najeriya.", "NGA"),
    ("sw", "Armenia na Azerbaijan zimekubaliana kusitisha mapigano kuanzia "
           "saa sita usiku kwa saa za Tanzania.", "TZA"),
    ("vi", "Armenia và Azerbaijan đã đạt được thỏa thuận ngừng bắn "
           "có hiệu lực từ 3 giờ sáng 18-10 (giờ Việt Nam).", "VNM"),
    ("ko", "아르메니아와 아제르바이잔은 한국 시간으로 오전 10시에 발효된 휴전에 합의했다.", "KOR"),
    ("my", "အာမေးနီးယားနှင့် အဇာဘိုင်ဂျန်တို့သည် မြန်မာစံတော်ချိန် နံနက် "
           "၆ နာရီတွင် စတင်သက်ရောက်သည့် အပစ်အခတ်ရပ်စဲရေးကို သဘောတူခဲ့ကြသည်။", "MMR"),
])
def test_a_state_named_for_its_clock_is_no_party_of_the_truce(lang, text, clock):
    # "at 10:00 Turkish time": the state tells the hour, it takes no part in the truce
    truces = _events(text, "ceasefire", lang=lang)
    assert truces and all(clock not in e["countries"] for e in truces)


@pytest.mark.parametrize("breaker, sides", [
    ("Russian artillery", {"RUS", "UKR"}),     # one side of the article's conflict: the truce is with the other
    ("Sudan's army", {"SDN"}),                 # a side of another conflict takes no side of this one
])
def test_a_truce_that_names_one_side_of_the_conflict_holds_with_the_other(breaker, sides):
    text = ("Russia and Ukraine agreed on a ceasefire at talks in Istanbul in March 2023. "
            f"In May 2024, {breaker} broke a new truce for the first time, the governor said.")
    truces = _events(text, "ceasefire")
    assert len(truces) == 2
    assert set(truces[1]["countries"]) == sides


@pytest.mark.parametrize("lang, text", [
    ("en", "Israel has agreed to the terms of a 60-day ceasefire in Gaza, the US president said on Tuesday."),
    ("id", "Israel menyetujui syarat gencatan senjata 60 hari di Gaza, kata Presiden AS pada Selasa."),
    ("es", "Israel aceptó los términos de un alto el fuego de 60 días en Gaza, dijo el presidente de Estados Unidos."),
    ("ru", "Израиль согласился на условия 60-дневного перемирия в Газе, заявил президент США."),
    ("ar", "وافقت إسرائيل على شروط هدنة لمدة 60 يوما في غزة، بحسب الرئيس الأمريكي."),
])
def test_the_state_a_truce_area_lies_in_is_a_side_of_the_truce(lang, text):
    truces = _events(text, "ceasefire", lang=lang)
    assert truces and {"ISR", "PSE"} <= set(truces[0]["countries"])


@pytest.mark.parametrize("lang, text, sides", [
    ("en", "The foreign ministers of Egypt and Qatar met in Cairo "
           "on Monday to discuss a prisoner exchange between Israel and Hamas.", {"EGY", "QAT"}),
    ("ar", "التقى وزيرا خارجية مصر وقطر في القاهرة يوم "
           "الاثنين لبحث صفقة تبادل الأسرى بين إسرائيل وحماس.", {"EGY", "QAT"}),
    ("ru", "Министры иностранных дел Египта и Катара встретились в "
           "Каире, чтобы обсудить обмен пленными между Израилем и ХАМАС.", {"EGY", "QAT"}),
    ("id", "Menteri luar negeri Mesir dan Qatar bertemu di Kairo "
           "pada Senin untuk membahas pertukaran tahanan antara Israel dan Hamas.", {"EGY", "QAT"}),
    ("es", "Los cancilleres de Egipto y Catar se reunieron el lunes en "
           "El Cairo para discutir un canje de prisioneros entre Israel y Hamás.", {"EGY", "QAT"}),
    ("fr", "Les ministres des Affaires étrangères de l'Égypte et du Qatar se sont rencontrés "
           "lundi au Caire pour discuter d'un échange de prisonniers entre Israël et le Hamas.", {"EGY", "QAT"}),
    ("de", "Die Außenminister Ägyptens und Katars trafen sich am Montag in Kairo, "
           "um über einen Gefangenenaustausch zwischen Israel und der Hamas zu beraten.", {"EGY", "QAT"}),
    ("tr", "Mısır ve Katar dışişleri bakanları pazartesi günü Kahire'de Suriye hakkında görüştü.", {"EGY", "QAT"}),
    ("ja", "日本と米国の外相は東京で会談し、北朝鮮について協議した。", {"JPN", "USA"}),
    ("hi", "मिस्र और कतर के विदेश मंत्रियों ने काहिरा में सीरिया के बारे में बातचीत की।", {"EGY", "QAT"}),
    ("zh", "埃及和卡塔尔外长周一在开罗会晤，讨论以色列与哈马斯之间的换俘问题。", {"EGY", "QAT"}),
    ("fa", "وزیران خارجه مصر و قطر روز دوشنبه در قاهره "
           "درباره تبادل اسرا میان اسرائیل و حماس گفتگو کردند.", {"EGY", "QAT"}),
])
def test_the_states_named_in_what_a_meeting_discusses_are_no_parties_of_it(lang, text, sides):
    meetings = _events(text, "diplomatic_meeting", lang=lang)
    assert meetings and all(set(e["countries"]) == sides for e in meetings)


def test_a_state_named_after_the_topic_word_stays_when_it_is_the_only_one_met():
    # one side before "to discuss": the Egyptian officials named after it are who it meets
    text = "Hamas leaders met on Monday to discuss the truce with Egyptian officials."
    meetings = _events(text, "diplomatic_meeting")
    assert [set(e["countries"]) for e in meetings] == [{"EGY", "PSE"}]


@pytest.mark.parametrize("lang, text", [
    ("en", "Indonesia and the Aceh rebels signed a peace agreement on Monday at talks led by the former President "
           "of Finland."),
    ("id", "Indonesia dan pemberontak Aceh menandatangani perjanjian damai pada Senin dalam perundingan yang "
           "dipimpin mantan Presiden Finlandia."),
    ("fr", "L'Indonésie et les rebelles d'Aceh ont signé lundi un accord de paix lors de pourparlers menés par "
           "l'ancien président de la Finlande."),
    ("ru", "Индонезия и повстанцы Ачеха подписали в понедельник мирное соглашение на переговорах, которые вёл "
           "бывший президент Финляндии."),
])
def test_the_state_named_after_a_former_office_is_no_party(lang, text):
    # "the former President of Finland" does not act for Finland
    events = _events(text, lang=lang)
    assert events and all("FIN" not in e["countries"] for e in events)


@pytest.mark.parametrize("lang, text", [
    ("en", "Russia and Ukraine agreed a new ceasefire on Monday under the Minsk agreements. "
           "Belarus is a close ally of Russia."),
    ("fr", "La Russie et l'Ukraine ont conclu lundi un nouveau cessez-le-feu dans le cadre des accords de Minsk. "
           "La Biélorussie est un proche allié de la Russie."),
    ("es", "Rusia y Ucrania acordaron el lunes un nuevo alto el fuego en el marco de los acuerdos de Minsk. "
           "Bielorrusia es un aliado cercano de Rusia."),
])
def test_a_capital_that_names_an_agreement_is_no_party(lang, text):
    # "the Minsk agreements" says which agreement; Belarus, named elsewhere, did not sign it
    truces = _events(text, "ceasefire", lang=lang)
    assert truces and all("BLR" not in e["countries"] for e in truces)


def test_the_state_a_truce_was_made_in_is_no_side_of_it():
    # "in Saudi Arabia" names the whole state: where the truce was agreed, not the area of the fighting
    text = "The army agreed to a week-long truce in Saudi Arabia on Saturday, the Sudanese government said."
    truces = _events(text, "ceasefire")
    assert truces and "SAU" not in truces[0]["countries"]


def test_a_truce_on_another_front_takes_no_side_of_the_articles_conflict():
    # the article's conflict is Israel and Hamas; a truce in Lebanon that Israel broke is not with Hamas
    text = ("Israel and Hamas agreed on a truce in Gaza in January 2025. In March 2026, Israeli jets broke "
            "a new truce in southern Lebanon for the first time.")
    truces = _events(text, "ceasefire")
    assert len(truces) == 2 and "PSE" not in truces[1]["countries"]


@pytest.mark.parametrize("lang, text", [
    ("en", "Israel and Hamas agreed a ceasefire on Monday after talks mediated by Qatar, Egypt, Turkey, "
           "Jordan, Oman, Saudi Arabia, Kuwait and the United States."),
    ("es", "Israel y Hamás acordaron el lunes un alto el fuego tras conversaciones con la mediación de "
           "Qatar, Egipto, Turquía, Jordania, Omán, Arabia Saudí, Kuwait y Estados Unidos."),
])
def test_a_list_of_mediators_continues_past_the_reach_of_the_mediation_word(lang, text):
    # the reach bounds where the list starts, not where it ends: the last of a long list mediates too
    truces = _events(text, "ceasefire", lang=lang)
    assert truces and {"EGY", "KWT", "USA"} <= set(truces[0]["mediators"])
    assert "ISR" not in truces[0]["mediators"]


@pytest.mark.parametrize("lang, text", [
    ("en", "The talks were mediated by Qatar and Egypt, and Israel and Hamas agreed a ceasefire on Monday."),
    ("fr", "Les pourparlers ont été menés sous la médiation du Qatar et de l'Égypte, et Israël et le Hamas "
           "ont conclu un cessez-le-feu lundi."),
])
def test_a_list_of_mediators_ends_at_its_last_conjunction(lang, text):
    # ", and Israel" after "Qatar and Egypt" opens a new clause: Israel is a side, not a third mediator
    truces = _events(text, "ceasefire", lang=lang)
    assert truces and set(truces[0]["mediators"]) == {"QAT", "EGY"}


@pytest.mark.parametrize("lang, text", [
    ("ha", "Sudan da Sudan ta Kudu sun amince da tsagaita wuta bayan shiga tsakani na kasashen Habasha, "
           "Kenya da kuma kasar Uganda."),
    ("id", "Sudan dan Sudan Selatan menyepakati gencatan senjata yang dimediasi oleh Ethiopia, Kenya "
           "dan negara Uganda."),
])
def test_a_word_for_the_country_before_a_listed_mediator_does_not_end_the_list(lang, text):
    # "kasar Uganda", "negara Uganda": the country of Uganda, the last of the mediators listed
    truces = _events(text, "ceasefire", lang=lang)
    assert truces and set(truces[0]["mediators"]) == {"ETH", "KEN", "UGA"}


@pytest.mark.parametrize("lang, text", [
    ("en", "Under Egyptian mediation, Israel and Hamas agreed a ceasefire on Monday."),
    ("zh", "在埃及斡旋下,以色列和哈马斯周一达成停火协议。"),
])
def test_the_subject_after_a_fronted_mediation_phrase_does_not_mediate(lang, text):
    # past the comma the clause goes on with those who agree: Israel is a side
    truces = _events(text, "ceasefire", lang=lang)
    assert truces and "ISR" not in truces[0]["mediators"] and "ISR" in truces[0]["countries"]


def test_mediators_set_apart_by_commas_still_mediate():
    text = "Israel and Hamas agreed a ceasefire on Monday, the mediators, Qatar and Egypt, said."
    truces = _events(text, "ceasefire")
    assert truces and set(truces[0]["mediators"]) == {"QAT", "EGY"}


def test_a_mediation_word_of_another_language_in_the_same_script_is_no_cue():
    # Portuguese "mediados" (mediated) is Spanish "a mediados de" (in the middle of): in a
    # Spanish article it is no mediation, and the truce is no brokered step of talks
    text = ("A mediados de mayo, Colombia y Venezuela acordaron un alto el fuego en la frontera "
            "común tras semanas de combates.")
    assert _events(text, "peace_process", lang="es") == []
    truces = _events(text, "ceasefire", lang="es")
    assert truces and truces[0]["mediators"] == [] and set(truces[0]["countries"]) == {"COL", "VEN"}


@pytest.mark.parametrize("lang, text, mediator", [
    ("es", "El alto el fuego entre Colombia y Venezuela fue mediado por Brasil y entró en vigor el lunes.", "BRA"),
    ("it", "L'Italia ha mediato il cessate il fuoco tra Etiopia ed Eritrea, entrato in vigore lunedì.", "ITA"),
])
def test_spanish_and_italian_mediated_in_their_own_words(lang, text, mediator):
    truces = _events(text, "ceasefire", lang=lang)
    assert truces and truces[0]["mediators"] == [mediator]


@pytest.mark.parametrize("text, mediator", [
    ("在埃及的斡旋下，以色列和哈马斯周一达成停火协议。", "EGY"),
    ("在卡塔尔斡旋下，以色列和哈马斯周一达成停火协议。", "QAT"),
])
def test_a_chinese_state_under_whose_mediation_a_truce_is_made_mediates_and_is_no_venue(text, mediator):
    # 在 ... 斡旋下 is "under ... mediation", not "in": the state before the mediation word mediates
    truces = _events(text, "ceasefire", lang="zh")
    assert truces and truces[0]["mediators"] == [mediator]


def test_a_chinese_state_after_zai_without_mediation_stays_the_venue():
    text = "以色列和哈马斯代表在埃及举行会谈，讨论停火协议。"
    meetings = _events(text, "diplomatic_meeting", lang="zh")
    assert meetings and "EGY" not in meetings[0]["countries"] and meetings[0]["where"]["country"] == "EGY"


@pytest.mark.parametrize("lang, text, sides, mediator", [
    # the war's name puts one side next to the mediation word; it is still a side
    ("ko", "이스라엘과 하마스 사이의 휴전이 금요일 종료되었다. 이집트는 카타르와 함께 이스라엘-하마스 전쟁 협상에서 "
           "중재역을 맡아왔다. 2차 휴전 논의가 진행되고 있다.", {"ISR"}, "EGY"),
    ("en", "The truce between Armenia and Azerbaijan ended on Friday. France, together with the United States, "
           "has been a key mediator in Armenia-Azerbaijan negotiations. Talks on a new truce are under way.",
     {"ARM", "AZE"}, "USA"),
])
def test_a_side_of_the_articles_conflict_mediates_none_of_its_events(lang, text, sides, mediator):
    events = _events(text, lang=lang, published="2025-03-10")
    assert any(mediator in e["mediators"] for e in events)
    for e in events:
        assert not sides & set(e["mediators"]), (e["family"], e["mediators"])


def test_an_organisation_named_with_a_state_as_the_conflicts_pair_still_mediates():
    # a civil war's rebels stand for their own state, so talks "between Ethiopia and the TPLF"
    # that the AU invites make {AU, ETH} the pair its events name most: the AU keeps mediating
    from processors.model import ActorMention
    from processors.tagging.frames import Frame
    from processors.tagging.merge import _conflict_states_do_not_mediate

    au = ActorMention("org", "AU", "African Union", 0, 13)
    eth = ActorMention("country", "ETH", "Ethiopia", 20, 28)
    invited = [Frame("peace_process", [], actors=[au, eth], parties={"AU", "ETH"}) for _ in range(2)]
    sponsored = Frame("peace_process", [], actors=[au, eth], parties={"AU", "ETH"}, mediators=["AU"])
    _conflict_states_do_not_mediate([*invited, sponsored])
    assert sponsored.mediators == ["AU"]
    # the same pair of two states: the state a lent word made a mediator is a side
    isr = ActorMention("country", "ISR", "Israel", 0, 6)
    pse = ActorMention("country", "PSE", "Gaza", 10, 14)
    egy = ActorMention("country", "EGY", "Egypt", 20, 25)
    truces = [Frame("ceasefire", [], actors=[isr, pse], parties={"ISR", "PSE"}) for _ in range(2)]
    talks = Frame("peace_process", [], actors=[isr, pse, egy], parties={"ISR", "PSE", "EGY"}, mediators=["EGY", "ISR"])
    _conflict_states_do_not_mediate([*truces, talks])
    assert talks.mediators == ["EGY"]


@pytest.mark.parametrize("lang, text", [
    ("en", "The RSF accepted a humanitarian truce in Sudan proposed by the mediating states, the United States, "
           "Egypt and Saudi Arabia. Mediation efforts will push the Sudanese army and the RSF to negotiate a "
           "lasting peace deal."),
    ("id", "RSF menerima gencatan senjata kemanusiaan di Sudan yang diusulkan negara-negara mediator, yakni "
           "Amerika Serikat, Mesir dan Arab Saudi. Upaya mediasi akan mendorong tentara Sudan dan RSF "
           "merundingkan kesepakatan damai."),
    ("vi", "Lực lượng RSF chấp nhận thỏa thuận ngừng bắn nhân đạo tại Sudan do nhóm các nước trung gian gồm Mỹ, "
           "Ai Cập và Arab Saudi đề xuất. Các nỗ lực hòa giải sẽ thúc đẩy quân đội Sudan và RSF đàm phán."),
])
def test_the_state_an_armed_group_of_the_event_fights_in_does_not_mediate_it(lang, text):
    # the RSF stands for Sudan: the talks it is pushed into are Sudan's, not mediated by Sudan
    events = _events(text, lang=lang, published="2025-11-10")
    assert any({"USA", "EGY", "SAU"} <= set(e["mediators"]) for e in events)
    for e in events:
        assert "SDN" not in e["mediators"], (e["family"], e["mediators"])


def test_a_place_of_an_armed_groups_state_after_a_list_of_brokers_is_no_broker():
    # "mediators of the truce in the Gaza Strip, ... Hamas": the Gaza Strip a list of brokers
    # reached stands for Hamas's side
    from processors.model import ActorMention
    from processors.tagging.frames import Frame
    from processors.tagging.merge import _states_of_armed_groups_do_not_mediate

    actors = [ActorMention("country", "EGY", "Egypt", 0, 5), ActorMention("country", "QAT", "Qatar", 7, 12),
              ActorMention("country", "PSE", "Gaza Strip", 40, 50),
              ActorMention("group", None, "Hamas", 70, 75, state="PSE")]
    talks = Frame("peace_process", [], actors=actors, parties={"EGY", "QAT", "PSE"}, mediators=["EGY", "QAT", "PSE"])
    _states_of_armed_groups_do_not_mediate([talks])
    assert talks.mediators == ["EGY", "QAT"]
    assert talks.parties == {"EGY", "QAT", "PSE"}   # still a party: the side


@pytest.mark.parametrize("lang, text", [
    ("en", "Delegations of Russia and Ukraine arrived in Istanbul on Tuesday for a new round of talks "
           "mediated by Turkey."),
    ("id", "Delegasi Rusia dan Ukraina tiba di Istanbul pada Selasa untuk putaran baru perundingan "
           "yang dimediasi Turki."),
    ("pl", "Delegacje Rosji i Ukrainy przybyły we wtorek do Stambułu na nową rundę rozmów z mediacją Turcji."),
    ("es", "Las delegaciones de Rusia y Ucrania llegaron a Estambul el martes para una nueva ronda de conversaciones "
           "mediadas por Turquía."),
    ("ru", "Делегации России и Украины прибыли в Стамбул во вторник на новый раунд переговоров "
           "при посредничестве Турции."),
])
def test_two_sides_travelling_to_their_mediators_country_meet_multilaterally(lang, text):
    # a visit is one side travelling to the other; both sides at the mediator's talks are three
    meetings = _events(text, "diplomatic_meeting", lang=lang, published="2025-03-10")
    assert meetings and meetings[0]["mediators"] == ["TUR"]
    assert meetings[0]["mode"] == "multilateral"


def test_one_side_travelling_to_its_mediators_country_still_visits():
    text = "A Hamas delegation arrived in Cairo on Monday for talks with Egyptian mediators on a truce in Gaza."
    meetings = _events(text, "diplomatic_meeting", lang="en", published="2025-03-10")
    assert meetings and meetings[0]["mediators"] == ["EGY"]
    assert meetings[0]["mode"] == "visit"
