"""Paragraphs written for Parley's benchmarks (not taken from any article) in the twelve
languages of issue 10, which the demo corpus does not have yet: for each language, paragraphs
that report a meeting, talks or a ceasefire (`events`) and paragraphs that report none
(`other`: weather, sport, business, domestic news). bench/bench_tag.py shuffles them into
articles as it does the demo corpus's paragraphs. Keyed by ISO 639-1 code.
"""

from __future__ import annotations

PARAGRAPHS: dict[str, dict[str, list[str]]] = {
    "ko": {
        "events": [
            "양국 외교장관은 화요일 제네바에서 회담을 열고 국경 지역의 휴전을 연장하는 방안을 논의했다. "
            "회담은 유엔의 중재로 네 시간 동안 진행되었으며, 양측은 다음 달 후속 협상을 갖기로 합의했다.",
            "정부 대표단은 반군 측과 평화 협상을 재개했다고 밝혔다. 대변인은 포로 교환과 인도적 지원 "
            "통로 개설이 이번 협상의 핵심 의제라고 설명했다.",
        ],
        "other": [
            "기상청은 이번 주말 남부 지방에 강한 비가 내릴 것으로 예보했다. 일부 지역에서는 하천이 "
            "범람할 수 있어 주민들의 주의가 필요하다고 당부했다.",
            "국가대표팀은 어젯밤 열린 친선 경기에서 후반 추가 시간에 터진 골로 2대1 승리를 거뒀다. "
            "감독은 선수들의 집중력을 칭찬했다.",
        ],
    },
    "vi": {
        "events": [
            "Ngoại trưởng hai nước đã hội đàm tại Hà Nội hôm thứ Ba về việc gia hạn thỏa thuận ngừng bắn "
            "ở khu vực biên giới. Hai bên nhất trí tiếp tục đàm phán vào tháng tới dưới sự trung gian của "
            "Liên Hợp Quốc.",
            "Phái đoàn chính phủ và đại diện nhóm vũ trang đã nối lại các cuộc đàm phán hòa bình sau nhiều "
            "tháng gián đoạn. Trao đổi tù binh là một trong những nội dung chính của vòng đàm phán này.",
        ],
        "other": [
            "Trung tâm Dự báo Khí tượng cho biết mưa lớn sẽ tiếp tục ở các tỉnh miền Trung trong ba ngày "
            "tới, nguy cơ lũ quét và sạt lở đất ở vùng núi là rất cao.",
            "Giá cổ phiếu ngân hàng tăng mạnh trong phiên giao dịch sáng nay sau khi ngân hàng trung ương "
            "giữ nguyên lãi suất điều hành.",
        ],
    },
    "th": {
        "events": [
            "รัฐมนตรีว่าการกระทรวงการต่างประเทศของทั้งสองประเทศได้หารือกันที่เจนีวาเมื่อวันอังคาร "
            "เกี่ยวกับการขยายเวลาการหยุดยิงตามแนวชายแดน ทั้งสองฝ่ายตกลงที่จะเจรจากันอีกครั้งในเดือนหน้า",
            "คณะผู้แทนรัฐบาลและกลุ่มติดอาวุธได้กลับมาเจรจาสันติภาพอีกครั้งหลังจากหยุดชะงักไปหลายเดือน "
            "โดยมีมาเลเซียเป็นผู้อำนวยความสะดวกในการพูดคุย",
        ],
        "other": [
            "กรมอุตุนิยมวิทยาเตือนว่าจะมีฝนตกหนักถึงหนักมากในภาคใต้ตลอดสัปดาห์นี้ "
            "ประชาชนในพื้นที่ลุ่มต่ำควรเตรียมรับมือกับน้ำท่วมฉับพลัน",
            "ทีมชาติไทยเอาชนะคู่แข่งไปสองประตูต่อหนึ่งในการแข่งขันนัดกระชับมิตรเมื่อคืนนี้ "
            "โดยได้ประตูชัยในนาทีสุดท้าย",
        ],
    },
    "he": {
        "events": [
            "שרי החוץ של שתי המדינות נפגשו ביום שלישי בז'נבה ודנו בהארכת הפסקת האש לאורך הגבול. "
            "הצדדים הסכימו לקיים סבב שיחות נוסף בחודש הבא בתיווך האו\"ם.",
            "משלחת הממשלה חידשה את המשא ומתן עם נציגי המורדים לאחר הפסקה של כמה חודשים. "
            "חילופי אסירים ופתיחת מסדרון הומניטרי עומדים במרכז השיחות.",
        ],
        "other": [
            "השירות המטאורולוגי צופה גשמים כבדים בצפון הארץ בסוף השבוע, ומזהיר מפני שיטפונות "
            "בנחלים ובאזורים נמוכים.",
            "הנבחרת ניצחה אמש במשחק ידידות בזכות שער בדקה האחרונה, והמאמן שיבח את ההגנה.",
        ],
    },
    "hy": {
        "events": [
            "Երկու երկրների արտաքին գործերի նախարարները երեքշաբթի հանդիպեցին Ժնևում և քննարկեցին "
            "սահմանին հրադադարի երկարաձգումը: Կողմերը պայմանավորվեցին հաջորդ ամիս շարունակել "
            "բանակցությունները ՄԱԿ-ի միջնորդությամբ:",
            "Կառավարության պատվիրակությունը վերսկսեց խաղաղ բանակցությունները մի քանի ամսվա "
            "ընդմիջումից հետո: Ռազմագերիների փոխանակումը բանակցությունների գլխավոր թեման է:",
        ],
        "other": [
            "Օդերևութաբանները այս շաբաթավերջին առատ անձրևներ են կանխատեսում հանրապետության "
            "հյուսիսում և զգուշացնում են հեղեղումների վտանգի մասին:",
            "Հավաքականը երեկ ընկերական խաղում հաղթեց վերջին րոպեին խփած գոլի շնորհիվ:",
        ],
    },
    "az": {
        "events": [
            "İki ölkənin xarici işlər nazirləri çərşənbə axşamı Cenevrədə görüşərək sərhəddə atəşkəsin "
            "uzadılmasını müzakirə ediblər. Tərəflər gələn ay BMT-nin vasitəçiliyi ilə danışıqları davam "
            "etdirməyə razılaşıblar.",
            "Hökumət nümayəndə heyəti bir neçə aylıq fasilədən sonra sülh danışıqlarını bərpa edib. "
            "Əsirlərin mübadiləsi danışıqların əsas mövzusudur.",
        ],
        "other": [
            "Sinoptiklər həftəsonu ölkənin şimal rayonlarında güclü yağış və sel təhlükəsi gözləyirlər.",
            "Milli komanda dünən axşam keçirilən yoldaşlıq görüşündə son dəqiqədə vurulan qolla qalib gəlib.",
        ],
    },
    "am": {
        "events": [
            "የሁለቱ አገሮች የውጭ ጉዳይ ሚኒስትሮች ማክሰኞ በጄኔቫ ተገናኝተው በድንበሩ አካባቢ ያለውን የተኩስ አቁም "
            "ስምምነት ስለማራዘም ተወያዩ። ወገኖቹ በሚቀጥለው ወር ድርድሩን ለመቀጠል ተስማምተዋል።",
            "የመንግሥት ልዑካን ቡድን ከበርካታ ወራት መቋረጥ በኋላ የሰላም ድርድሩን እንደገና ጀመረ። "
            "የእስረኞች ልውውጥ የድርድሩ ዋና አጀንዳ ነው።",
        ],
        "other": [
            "የሚቲዎሮሎጂ ኢንስቲትዩት በዚህ ሳምንት መጨረሻ በሰሜኑ የአገሪቱ ክፍል ከባድ ዝናብ እንደሚጠበቅ አስታወቀ።",
            "ብሔራዊ ቡድኑ ትናንት ምሽት በተካሄደው የወዳጅነት ጨዋታ በመጨረሻው ደቂቃ በተቆጠረ ጎል አሸነፈ።",
        ],
    },
    "so": {
        "events": [
            "Wasiirada arrimaha dibadda ee labada dal ayaa Talaadadii ku kulmay Geneva waxayna ka wada "
            "hadleen kordhinta xabbad joojinta xadka. Labada dhinac waxay ku heshiiyeen in wadahadallada "
            "la sii wado bisha soo socota.",
            "Wafdiga dowladda ayaa dib u bilaabay wadahadallada nabadda kadib hakad dhowr bilood ah. "
            "Isweydaarsiga maxaabiista ayaa ah qodobka ugu muhiimsan.",
        ],
        "other": [
            "Saadaasha hawadu waxay sheegaysaa in roobab culus ay ka di'i doonaan gobollada waqooyiga "
            "dhammaadka toddobaadkan, waxaana jira khatar daadad.",
            "Xulka qaranka ayaa xalay guul ku gaaray ciyaar saaxiibtinimo gool daqiiqaddii ugu dambaysay.",
        ],
    },
    "ha": {
        "events": [
            "Ministocin harkokin wajen kasashen biyu sun gana a Geneva ranar Talata inda suka tattauna "
            "batun tsawaita yarjejeniyar tsagaita wuta a kan iyaka. Bangarorin sun amince su ci gaba da "
            "tattaunawa a watan gobe.",
            "Tawagar gwamnati ta koma teburin tattaunawar zaman lafiya bayan hutun watanni da dama. "
            "Musayar fursunoni ita ce babban batun tattaunawar.",
        ],
        "other": [
            "Masana yanayi sun yi hasashen za a yi ruwan sama mai yawa a arewacin kasar a karshen mako, "
            "tare da hadarin ambaliya.",
            "Tawagar kasar ta yi nasara a wasan sada zumunta na jiya da kwallon da aka ci a minti na karshe.",
        ],
    },
    "my": {
        "events": [
            "နှစ်နိုင်ငံ နိုင်ငံခြားရေးဝန်ကြီးများသည် အင်္ဂါနေ့က ဂျနီဗာတွင် တွေ့ဆုံပြီး နယ်စပ်တွင် "
            "အပစ်အခတ်ရပ်စဲရေးကို သက်တမ်းတိုးရန် ဆွေးနွေးခဲ့ကြသည်။ နှစ်ဖက်သည် လာမည့်လတွင် "
            "ဆွေးနွေးပွဲများ ဆက်လက်ပြုလုပ်ရန် သဘောတူခဲ့ကြသည်။",
            "အစိုးရကိုယ်စားလှယ်အဖွဲ့သည် လအတန်ကြာ ရပ်နားပြီးနောက် ငြိမ်းချမ်းရေးဆွေးနွေးပွဲများကို "
            "ပြန်လည်စတင်ခဲ့သည်။ အကျဉ်းသားလဲလှယ်ရေးသည် အဓိကအကြောင်းအရာဖြစ်သည်။",
        ],
        "other": [
            "မိုးလေဝသဌာနက ဤတစ်ပတ်ကုန်တွင် မြောက်ပိုင်းဒေသများ၌ မိုးသည်းထန်စွာ ရွာသွန်းမည်ဟု "
            "ခန့်မှန်းထားသည်။",
            "အမျိုးသားအသင်းသည် မနေ့ညက ချစ်ကြည်ရေးပွဲတွင် နောက်ဆုံးမိနစ်၌ ဂိုးသွင်းပြီး အနိုင်ရခဲ့သည်။",
        ],
    },
    "ps": {
        "events": [
            "د دواړو هېوادونو د بهرنیو چارو وزیرانو د سه شنبې په ورځ په ژنیو کې سره ولیدل او په پوله "
            "د اوربند د غځولو په اړه یې خبرې وکړې. دواړو خواوو ومنله چې راتلونکې میاشت به خبرې اترې "
            "ته دوام ورکړي.",
            "د حکومت پلاوي له څو میاشتو ځنډ وروسته د سولې خبرې اترې بیا پیل کړې. د بندیانو تبادله "
            "د دې خبرو اصلي موضوع ده.",
        ],
        "other": [
            "د هوا پېژندنې ادارې ویلي چې د اونۍ په پای کې به د هېواد په شمال کې سخت باران ووري او "
            "د سېلاب خطر شته.",
            "ملي ټیم پرون شپه په دوستانه لوبه کې په وروستۍ دقیقه کې د ګول په وهلو بریالی شو.",
        ],
    },
    "pl": {
        "events": [
            "Ministrowie spraw zagranicznych obu państw spotkali się we wtorek w Genewie i rozmawiali o "
            "przedłużeniu zawieszenia broni na granicy. Strony zgodziły się kontynuować negocjacje w "
            "przyszłym miesiącu za pośrednictwem ONZ.",
            "Delegacja rządowa wznowiła rozmowy pokojowe po kilkumiesięcznej przerwie. Wymiana jeńców "
            "jest głównym tematem tej rundy negocjacji.",
        ],
        "other": [
            "Synoptycy zapowiadają na weekend intensywne opady deszczu na północy kraju i ostrzegają "
            "przed lokalnymi podtopieniami.",
            "Reprezentacja wygrała wczoraj mecz towarzyski dzięki bramce zdobytej w ostatniej minucie.",
        ],
    },
}
