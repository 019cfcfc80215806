"""Word classes filled in for the less-covered languages (am, so, ps, my, ...): each test
names the class and shows, in sentences written for these tests, what it changes.
"""

from __future__ import annotations

import pytest

from processors import tag_article
from processors.figures import find_figures
from processors.textutil import fold, sentences


def _events(text: str, family: str, lang: str, published: str = "2025-03-01") -> list[dict]:
    out = tag_article({"id": "t1", "text": text, "lang": lang, "published": published})["events"]
    return [e for e in out if e["family"] == family]


# --- aim: a word of purpose makes the agreement it governs a goal, not a step taken ---------


@pytest.mark.parametrize("lang, text", [
    # "... held peace talks in Djibouti in order to reach a peace agreement"
    ("so", "Wasiirada arrimaha dibadda ee Itoobiya iyo Eritrea ayaa wada-hadallo nabadeed ku yeeshay "
           "Jabuuti si loo gaaro heshiis nabadeed."),
    # "... held peace negotiations in Djibouti to reach an agreement"
    ("am", "የኢትዮጵያ እና የኤርትራ ሚኒስትሮች በጅቡቲ ስምምነት ላይ ለመድረስ የሰላም ድርድር አካሄዱ።"),
    # "... held peace talks in Istanbul for an agreement"
    ("ps", "د روسیې او اوکراین استازو په استانبول کې د هوکړې لپاره د سولې خبرې وکړې."),
    # "... held peace talks in Djibouti to obtain an agreement"
    ("my", "အီသီယိုးပီးယားနှင့် အီရီထရီးယား ကိုယ်စားလှယ်များသည် သဘောတူညီချက် ရရှိရန် ဂျီဘူတီတွင် "
           "ငြိမ်းချမ်းရေးဆွေးနွေးပွဲ ကျင်းပခဲ့သည်။"),
])
def test_an_agreement_named_as_the_talks_goal_is_not_their_stage(lang, text):
    assert [e["stage"] for e in _events(text, "peace_process", lang)] == ["held"]


def test_an_agreement_reached_without_a_word_of_purpose_is_agreed():
    # "... held peace talks in Istanbul and reached an agreement"
    text = "د روسیې او اوکراین استازو په استانبول کې د سولې خبرې وکړې او هوکړې ته ورسېدل."
    assert [e["stage"] for e in _events(text, "peace_process", "ps")] == ["agreed"]


# --- figures: "left their homes" counts the displaced; Amharic hostages and prisoners ---------


def _figures(text: str, lang: str) -> list[tuple[str, int]]:
    return [(f.kind, f.value) for f in find_figures(text, fold(text), lang)]


@pytest.mark.parametrize("lang, text, expected", [
    ("pl", "Podczas walk około 5 tysięcy mieszkańców musiało opuścić swoje domy.", [("displaced", 5000)]),
    ("az", "Döyüşlər zamanı 12 min sakin evlərini tərk edib.", [("displaced", 12000)]),
    ("he", "בעקבות הקרבות 4,000 תושבים עזבו את בתיהם.", [("displaced", 4000)]),
    ("hy", "Մարտերի ընթացքում 3000 բնակիչ լքել են իրենց տները։", [("displaced", 3000)]),
    ("ha", "Mutane 2,000 sun bar gidajensu saboda fadan.", [("displaced", 2000)]),
    ("am", "በውጊያው 3000 ሰዎች ቤታቸውን ለቀው ተሰደዱ።", [("displaced", 3000)]),
    ("ko", "교전으로 3만 명이 집을 떠난 것으로 집계됐다.", [("displaced", 30000)]),
])
def test_people_who_left_their_homes_are_displaced(lang, text, expected):
    assert _figures(text, lang) == expected


def test_amharic_people_taken_hostage_are_hostages():
    # "the group released the 20 people it had taken hostage"
    assert _figures("ቡድኑ አግቶ የያዛቸውን 20 ሰዎች ለቀቀ።", "am") == [("hostages", 20)]


def test_amharic_people_held_in_prison_are_prisoners():
    # "in exchange, 150 Palestinians who are in Israeli prisons will be freed"; "40 detained people were freed"
    assert _figures("በምትኩም በእስራኤል እስር ቤት ውስጥ የሚገኙ 150 ፍልስጤማውያን ይፈታሉ።", "am") == [("prisoners", 150)]
    assert _figures("በእስር ላይ የሚገኙ 40 ሰዎች ተለቀቁ።", "am") == [("prisoners", 40)]


# --- sentences: "about" written short before a number does not end a sentence --------------


@pytest.mark.parametrize("text", [
    "W czasie walk zginęło 40 osób, a ok. 200 tysięcy musiało opuścić swoje domy.",
    "Die Kämpfe vertrieben ca. 2.000 Menschen aus ihren Dörfern.",
    "В результате боёв ок. 500 человек покинули свои дома.",
])
def test_about_written_short_before_a_number_is_not_a_sentence_end(text):
    assert list(sentences(text)) == [text]


def test_a_sentence_that_ends_before_a_number_still_ends():
    assert list(sentences("The talks ended. 300 delegates went home.")) == [
        "The talks ended.", "300 delegates went home."]


def test_the_displaced_after_about_go_to_the_truce_of_the_war():
    # the dead and displaced of a war go to its truce: the short "about" must not cut the
    # sentence and leave the displaced nearer the signing than the truce
    text = ("Malaysia mediated the talks on a ceasefire between Cambodia and Thailand. "
            "In October the two states signed a peace agreement in Kuala Lumpur. "
            "In the fighting 40 people were killed and approx. 200,000 people fled their homes.")
    truce = _events(text, "ceasefire", "en")[0]
    assert truce["figures"] == {"killed": 40, "displaced": 200000}


# --- Hebrew final letters: a stem written with * (חתמ*) misses the bare word, which ends in
# the final form of its letter (חתם, הוארך, מתווך); the bare words are listed too ------------


def test_hebrew_signed_in_its_bare_form():
    # "Armenia's prime minister signed a peace agreement with Azerbaijan's president in Washington"
    text = "ראש ממשלת ארמניה חתם על הסכם שלום עם נשיא אזרבייג'ן בוושינגטון."
    assert [e["stage"] for e in _events(text, "peace_process", "he")] == ["signed"]


def test_hebrew_extended_in_its_bare_form():
    # "the ceasefire agreement between Israel and Hamas was extended by two days"
    text = "הסכם הפסקת האש בין ישראל לחמאס הוארך ביומיים."
    assert [e["status"] for e in _events(text, "ceasefire", "he")] == ["extended"]


def test_hebrew_mediator_in_its_bare_form():
    # "Egypt's foreign minister served as mediator in the talks between Israel and Hamas in Cairo"
    text = "שר החוץ של מצרים שימש מתווך בשיחות בין ישראל לחמאס בקהיר."
    talks = _events(text, "peace_process", "he")
    assert [e["mediators"] for e in talks] == [["EGY"]]


def test_hebrew_mediator_in_its_bare_form_is_the_mediation_concept():
    # "Egypt served as mediator between Israel and Hamas": the alert concept ~mediation
    from processors.concepts import find_concepts

    assert "mediation" in {m.payload for m in find_concepts("מצרים שימשה מתווך בין ישראל לחמאס.")}


# --- deal: an agreement noun with a stage word, in an article that reports peace talks, is a
# step of those talks ("The agreement was signed by both delegations") -----------------------

# "Peace talks between the government of Sudan and the rebels were held in Doha. The
# agreement was signed by both delegations."
_TALKS_THEN_SIGNED = {
    "so": "Wada-hadallada nabadda ee u dhexeeya dowladda Suudaan iyo fallaagada ayaa lagu qabtay Doha. "
          "Heshiiska waxaa saxiixay labada wafdi.",
    "vi": "Các cuộc đàm phán hòa bình giữa chính phủ Sudan và phiến quân đã diễn ra tại Doha. "
          "Thỏa thuận đã được hai phái đoàn ký kết.",
    "he": "שיחות השלום בין ממשלת סודן למורדים התקיימו בדוחא. ההסכם נחתם על ידי שתי המשלחות.",
    "az": "Sudan hökuməti ilə üsyançılar arasında sülh danışıqları Dohada keçirilib. "
          "Saziş hər iki nümayəndə heyəti tərəfindən imzalanıb.",
    "hy": "Սուդանի կառավարության և ապստամբների միջև խաղաղության բանակցությունները տեղի են ունեցել "
          "Դոհայում։ Համաձայնագիրը ստորագրվել է երկու պատվիրակությունների կողմից։",
    "ko": "수단 정부와 반군 간의 평화 협상이 도하에서 열렸다. 두 대표단은 협정에 서명했다.",
    "ps": "د سوډان د حکومت او وسله والو ترمنځ د سولې خبرې په دوحه کې وشوې. تړون د دواړو پلاوو لخوا لاسلیک شو.",
    "am": "በሱዳን መንግስት እና በአማጺያን መካከል የሰላም ድርድር በዶሃ ተካሄደ። ስምምነቱ በሁለቱ ልዑካን ተፈርሟል።",
    "my": "ဆူဒန်အစိုးရနှင့် သူပုန်များအကြား ငြိမ်းချမ်းရေးဆွေးနွေးပွဲကို ဒိုဟာတွင် ကျင်းပခဲ့သည်။ "
          "စာချုပ်ကို ကိုယ်စားလှယ်အဖွဲ့နှစ်ဖွဲ့က လက်မှတ်ရေးထိုးခဲ့သည်။",
}


@pytest.mark.parametrize("lang", sorted(_TALKS_THEN_SIGNED))
def test_an_agreement_signed_after_peace_talks_is_a_step_of_them(lang):
    stages = [e["stage"] for e in _events(_TALKS_THEN_SIGNED[lang], "peace_process", lang, "2025-05-06")]
    assert "signed" in stages


@pytest.mark.parametrize("lang", ["so", "he", "ko"])
def test_an_agreement_signed_with_no_talks_in_the_article_is_nothing(lang):
    alone = _TALKS_THEN_SIGNED[lang].replace("。", ".").split(". ")[-1]
    assert _events(alone, "peace_process", lang, "2025-05-06") == []


# --- link: "Read also: <headline>" on a line of its own names another article ---------------

# (the words that open the line, "Russia's president met India's prime minister in Moscow")
_LINKS = {
    "ha": ("Karanta kuma", "Shugaban Rasha ya gana da Firaministan Indiya a Moscow."),
    "so": ("Akhri sidoo kale", "Madaxweynaha Ruushka ayaa kulan la yeeshay Ra'iisul wasaaraha Hindiya magaalada Moscow."),
    "ps": ("دا هم ولولئ", "د روسیې ولسمشر په مسکو کې د هند له لومړي وزیر سره وکتل."),
    "am": ("ተጨማሪ ያንብቡ", "የሩሲያው ፕሬዝዳንት ከህንድ ጠቅላይ ሚኒስትር ጋር በሞስኮ ተወያዩ።"),
    "th": ("อ่านเพิ่มเติม", "ประธานาธิบดีรัสเซียพบหารือกับนายกรัฐมนตรีอินเดียที่กรุงมอสโก"),
    "my": ("ဆက်စပ်သတင်း", "ရုရှားသမ္မတသည် အိန္ဒိယဝန်ကြီးချုပ်နှင့် မော်စကိုတွင် တွေ့ဆုံခဲ့သည်။"),
}


@pytest.mark.parametrize("lang", sorted(_LINKS))
def test_a_read_also_line_is_not_this_articles_news(lang):
    words, headline = _LINKS[lang]
    assert _events(f"{words}: {headline}", "diplomatic_meeting", lang) == []
    # the same headline as the article's own sentence is news
    assert [sorted(e["countries"]) for e in _events(headline, "diplomatic_meeting", lang)] == [["IND", "RUS"]]


# --- anaphor: Thai demonstratives after the trigger (การประชุมดังกล่าว "the said meeting") --


def test_a_thai_meeting_referred_back_to_keeps_its_own_sides():
    # "Thailand's and Cambodia's foreign ministers met in Bangkok on Monday" / "Malaysia's prime
    # minister said on Wednesday that the said meeting is an important step for both countries"
    text = ("รัฐมนตรีต่างประเทศไทยและกัมพูชาพบหารือกันที่กรุงเทพฯ เมื่อวันจันทร์\n"
            "นายกรัฐมนตรีมาเลเซียกล่าวเมื่อวันพุธว่าการประชุมดังกล่าว เป็นก้าวสำคัญของสองประเทศ")
    meetings = _events(text, "diplomatic_meeting", "th", "2025-03-06")
    assert [(sorted(e["countries"]), len(e["mentions"])) for e in meetings] == [(["KHM", "THA"], 2)]


# --- draft: a truce's draft (en "draft", pl "projekt", am ረቂቅ) is a proposal, not a deal -------

# "Russia received from Ukraine a draft of a ceasefire (agreement)"
_DRAFTS = {
    "az": "Rusiya Ukraynadan atəşkəs layihəsi alıb.",
    "he": "רוסיה קיבלה מאוקראינה טיוטה של הסכם הפסקת אש.",
    "hy": "Ռուսաստանը Ուկրաինայից ստացել է հրադադարի համաձայնագրի նախագիծը։",
    "ko": "러시아는 우크라이나로부터 휴전 협정 초안을 받았다.",
    "my": "ရုရှားသည် ယူကရိန်းထံမှ အပစ်အခတ်ရပ်စဲရေး သဘောတူညီချက်မူကြမ်းကို လက်ခံရရှိခဲ့သည်။",
    "ps": "روسیې له اوکراین څخه د اوربند د هوکړې مسوده ترلاسه کړه.",
    "so": "Ruushka ayaa Ukraine ka helay qabyo qoraalka heshiiska xabbad joojinta.",
    "th": "รัสเซียได้รับร่างข้อตกลงหยุดยิงจากยูเครน",
    "vi": "Nga đã nhận được dự thảo thỏa thuận ngừng bắn từ Ukraine.",
}


@pytest.mark.parametrize("lang", sorted(_DRAFTS))
def test_a_draft_truce_is_proposed(lang):
    assert [e["status"] for e in _events(_DRAFTS[lang], "ceasefire", lang)] == ["proposed"]


def test_armenian_draft_is_not_president():
    # նախագահ (president) begins like նախագիծ (draft): "the presidents agreed on a ceasefire"
    text = "Ռուսաստանի և Ուկրաինայի նախագահները համաձայնել են հրադադարի շուրջ։"
    assert [e["status"] for e in _events(text, "ceasefire", "hy")] != ["proposed"]


# --- possible: "a possible / eventual truce" (en "possible", es "posible", it "eventuale") is
# one not yet agreed: proposed ----------------------------------------------------------------

# "Israel and Hamas discussed a possible ceasefire in Gaza" (az, hy: Russia and Ukraine)
_POSSIBLE = {
    "he": "ישראל וחמאס דנו בהפסקת אש אפשרית בעזה.",
    "az": "Rusiya və Ukrayna mümkün atəşkəsi müzakirə edib.",
    "hy": "Ռուսաստանը և Ուկրաինան քննարկել են հնարավոր հրադադարը։",
    "ko": "이스라엘과 하마스의 휴전 가능성이 커졌다.",
    "th": "อิสราเอลและฮามาสหารือถึงความเป็นไปได้ของการหยุดยิงในกาซา",
    "pl": "Izrael i Hamas omawiali ewentualne zawieszenie broni w Strefie Gazy.",
    "so": "Israa'iil iyo Xamaas waxay ka wada hadleen xabbad joojin suurtagal ah oo Gaza ah.",
    "ha": "Isra'ila da Hamas sun tattauna yiwuwar tsagaita wuta a Gaza.",
    "ps": "اسرائیل او حماس د غزې په اړه د احتمالي اوربند په اړه خبرې وکړې.",
    "my": "အစ္စရေးနှင့် ဟားမတ်စ်တို့ အပစ်အခတ်ရပ်စဲရေး ဖြစ်နိုင်ခြေကို ဆွေးနွေးခဲ့ကြသည်။",
}


@pytest.mark.parametrize("lang", sorted(_POSSIBLE))
def test_a_possible_truce_is_proposed(lang):
    assert [e["status"] for e in _events(_POSSIBLE[lang], "ceasefire", lang)] == ["proposed"]


def test_armenian_opportunity_is_not_possible():
    # հնարավորություն (opportunity) is a word of its own, not հնարավոր (possible): "the
    # ceasefire gives an opportunity for talks" states no proposal
    text = "Ռուսաստանի և Ուկրաինայի միջև հրադադարը ուժի մեջ է և հնարավորություն է տալիս բանակցությունների։"
    assert [e["status"] for e in _events(text, "ceasefire", "hy")] != ["proposed"]


# --- historical: "the previous / former truce" is background. The cue (en "previous", es
# "anterior") was found but dropped when the frame's status was resolved -------------------

# "Under the previous ceasefire between Israel and Hamas, hostages were released"
_PREVIOUS = {
    "en": "Under the previous ceasefire between Israel and Hamas, dozens of hostages were released.",
    "he": "במסגרת הפסקת האש הקודמת בין ישראל לחמאס שוחררו חטופים.",
    "az": "İsrail ilə HƏMAS arasında əvvəlki atəşkəs zamanı girovlar azad edilib.",
    "hy": "Իսրայելի և ՀԱՄԱՍ-ի միջև նախորդ հրադադարի ընթացքում պատանդներ են ազատվել։",
    "pl": "W czasie poprzedniego zawieszenia broni między Izraelem a Hamasem uwolniono zakładników.",
    "th": "ระหว่างการหยุดยิงครั้งก่อนระหว่างอิสราเอลและฮามาส มีการปล่อยตัวประกัน",
    "ps": "د اسرائیل او حماس ترمنځ د پخواني اوربند پر مهال یرغمل شوي خوشې شول.",
    "am": "በእስራኤል እና በሃማስ መካከል በነበረው የቀድሞው የተኩስ አቁም ወቅት ታጋቾች ተለቀቁ።",
    "my": "အစ္စရေးနှင့် ဟားမတ်စ်အကြား ယခင်အပစ်အခတ်ရပ်စဲရေးကာလအတွင်း ဓားစာခံများ လွှတ်ပေးခဲ့သည်။",
    "so": "Xabbad joojintii hore ee u dhexeysay Israa'iil iyo Xamaas waxaa la sii daayay rahiinno.",
}


@pytest.mark.parametrize("lang", sorted(_PREVIOUS))
def test_the_previous_truce_is_historical(lang):
    assert [e["status"] for e in _events(_PREVIOUS[lang], "ceasefire", lang)] == ["historical"]


def test_a_previous_truce_that_collapsed_ended():
    # any other status word outranks the background one
    text = "The previous ceasefire between Israel and Hamas collapsed in March."
    assert [e["status"] for e in _events(text, "ceasefire", "en", "2025-04-01")] == ["ended"]


def test_a_former_official_near_an_agreed_truce_does_not_make_it_background():
    # "former" qualifies the official, not the truce: the agreement word beside the trigger
    # gives way only to a word that says what became of the agreed truce
    text = "Kenya and Tanzania agreed on a ceasefire along their border, said the former President of Nigeria."
    assert [e["status"] for e in _events(text, "ceasefire", "en", "2022-11-02")] == ["agreed"]



# --- Polish case forms of armed groups (Hamasem, Hezbollahem, talibami): the state they fight
# in is a side --------------------------------------------------------------------------------


@pytest.mark.parametrize("text, family, sides", [
    ("Izrael prowadzi rozmowy z Hamasem w sprawie zawieszenia broni.", "ceasefire", ["ISR", "PSE"]),
    ("Izrael zawarł rozejm z Hezbollahem po rozmowach z udziałem USA.", "ceasefire", ["ISR", "LBN", "USA"]),
    ("Pakistan wezwał do zawieszenia broni w walkach z talibami.", "ceasefire", ["AFG", "PAK"]),
])
def test_polish_case_forms_of_armed_groups(text, family, sides):
    assert [sorted(e["countries"]) for e in _events(text, family, "pl")] == [sides]


# --- between: the states listed after "between" (or before its postposition) are the sides,
# not mediators named with them ----------------------------------------------------------------

# "In the peace talks in Doha, Qatar mediated between Ethiopia and Eritrea"
_BETWEEN = {
    "ha": "Qatar ta shiga tsakani tsakanin Habasha da Eritrea a tattaunawar zaman lafiya a Doha.",
    "pl": "W rozmowach pokojowych w Dosze Katar pośredniczył między Etiopią a Erytreą.",
    "vi": "Trong đàm phán hòa bình tại Doha, Qatar làm trung gian giữa Ethiopia và Eritrea.",
    "th": "ในการเจรจาสันติภาพที่โดฮา กาตาร์เป็นคนกลางระหว่างเอธิโอเปียและเอริเทรีย",
    "so": "Wada-hadallada nabadda ee Doha, Qatar ayaa dhexdhexaadin u dhexeysa Itoobiya iyo Eritrea.",
    "am": "በዶሃ የሰላም ድርድር በኢትዮጵያ እና በኤርትራ መካከል አደራዳሪ ኳታር ናት።",
    "my": "ဒိုဟာ ငြိမ်းချမ်းရေးဆွေးနွေးပွဲတွင် အီသီယိုးပီးယားနှင့် အီရီထရီးယားအကြား ကာတာက ကြားဝင်ညှိနှိုင်းခဲ့သည်။",
}


@pytest.mark.parametrize("lang", sorted(_BETWEEN))
def test_the_sides_between_do_not_mediate(lang):
    talks = _events(_BETWEEN[lang], "peace_process", lang, "2025-05-06")
    assert [(sorted(e["countries"]), e["mediators"]) for e in talks] == [(["ERI", "ETH", "QAT"], ["QAT"])]


def test_korean_went_is_not_between():
    # 간 after a space is also "went": "the minister who went to Washington" names no sides
    from processors.tagging.frames import _BETWEEN_POST

    assert _BETWEEN_POST.search("워싱턴에 간 장관") is None
    assert _BETWEEN_POST.search("이스라엘과 하마스 간의 휴전")


def test_hebrew_she_mediated():
    # "In the peace talks in Doha, Qatar mediated (תיווכה, feminine) between Ethiopia and Eritrea"
    talks = _events("בשיחות השלום בדוחא תיווכה קטאר בין אתיופיה לאריתריאה.", "peace_process", "he")
    assert [e["mediators"] for e in talks] == [["QAT"]]


# --- Hebrew: the end of the conflict in its construct form ('סיומו של') is a peace step -------


@pytest.mark.parametrize("text", [
    # "the presidents of Ethiopia and Eritrea signed in Asmara a document marking the end of the
    # conflict between the two states"
    "נשיא אתיופיה ונשיא אריתריאה חתמו היום באסמרה על מסמך המציין את סיומו של הסכסוך בין שתי המדינות.",
    # "... signed a declaration that marks the end of the war between them"
    "נשיא אתיופיה ונשיא אריתריאה חתמו היום על הצהרה המציינת את סיומה של המלחמה ביניהן.",
])
def test_hebrew_end_of_the_conflict_in_construct_form_is_a_peace_step(text):
    assert [e["stage"] for e in _events(text, "peace_process", "he")] == ["signed"]


# --- Italian: the peace-process vocabulary (peace talks, truce, conflict, implementation) -----


@pytest.mark.parametrize("text, stage", [
    # peace talks resumed with Cuban and Norwegian mediation
    ("I colloqui di pace tra il governo colombiano e i ribelli dell'ELN sono ripresi all'Avana "
     "con la mediazione di Cuba e della Norvegia.", "held"),
    # a peace treaty signed
    ("Le delegazioni di Armenia e Azerbaigian hanno firmato ieri a Washington un trattato di pace "
     "che chiude decenni di conflitto.", "signed"),
    # a prisoner exchange, a step carried out
    ("Russia e Ucraina hanno effettuato uno scambio di prigionieri mediato dagli Emirati Arabi Uniti.",
     "implemented"),
    # talks that ran aground while the shelling goes on
    ("Le trattative tra Israele e Hamas al Cairo si sono arenate, mentre i bombardamenti su Gaza "
     "continuano.", "stalled"),
])
def test_italian_peace_process_vocabulary(text, stage):
    assert [e["stage"] for e in _events(text, "peace_process", "it")] == [stage]


@pytest.mark.parametrize("text", [
    # a 'truce' in the football transfer market; talks on a labour contract
    "La Juventus e l'Inter hanno firmato una tregua sul mercato dei trasferimenti.",
    "I sindacati e l'azienda hanno ripreso le trattative sul contratto dei metalmeccanici a Torino.",
])
def test_italian_truce_and_talks_outside_a_conflict_are_no_peace_process(text):
    assert _events(text, "peace_process", "it") == [] and _events(text, "ceasefire", "it") == []
