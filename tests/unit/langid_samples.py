"""Short texts written for Parley's tests (not taken from any article): a few
sentences per language on diplomacy, weather and sport. Keyed by ISO 639-1 code.

Used by tests/unit/test_langid.py and bench/langid_candidates.py.
"""

SAMPLES: dict[str, str] = {
    "en": (
        "The foreign ministers of both countries met in Geneva on Tuesday to discuss a new "
        "trade agreement. Heavy rain is expected across the north of the country later this "
        "week. The national team won the match after a late goal in the second half."
    ),
    "id": (
        "Menteri Luar Negeri Indonesia bertemu dengan rekannya dari Jepang di Jakarta pada hari "
        "Selasa untuk membahas kerja sama ekonomi. Pemerintah mengatakan bahwa hujan lebat "
        "diperkirakan akan turun di sebagian besar wilayah Jawa minggu ini. Tim nasional tidak "
        "bisa menang karena banyak pemain yang cedera."
    ),
    "ms": (
        "Menteri Luar Negeri Malaysia telah mengadakan pertemuan dengan rakan sejawatnya dari "
        "Thailand di Kuala Lumpur semalam. Beliau berkata bahawa kerajaan akan terus menyokong "
        "rundingan damai di selatan Thailand. Jabatan Meteorologi meramalkan hujan lebat di "
        "kawasan pantai timur kerana musim tengkujuh."
    ),
    "fr": (
        "Les ministres des Affaires étrangères se sont réunis hier à Paris pour relancer les "
        "négociations de paix. Selon les prévisionnistes, de fortes pluies sont attendues dans "
        "le sud du pays jusqu'à dimanche. L'équipe a remporté le match grâce à un but marqué "
        "dans les dernières minutes."
    ),
    "es": (
        "Los ministros de Asuntos Exteriores de ambos países se reunieron el martes en Madrid "
        "para hablar del acuerdo comercial. Se esperan fuertes lluvias en el norte de España "
        "durante el fin de semana. El equipo local ganó el partido gracias a un gol en el "
        "último minuto."
    ),
    "pt": (
        "O ministro dos Negócios Estrangeiros reuniu-se ontem com o seu homólogo brasileiro em "
        "Lisboa para discutir a cooperação entre os dois países. Segundo o instituto de "
        "meteorologia, a chuva forte vai continuar até ao fim da semana. A seleção venceu o "
        "jogo com um golo nos minutos finais."
    ),
    "de": (
        "Die Außenminister beider Länder trafen sich am Dienstag in Berlin, um über ein neues "
        "Handelsabkommen zu sprechen. Für das Wochenende erwartet der Wetterdienst starken "
        "Regen im Süden des Landes. Die Mannschaft gewann das Spiel durch ein spätes Tor in "
        "der zweiten Halbzeit."
    ),
    "ar": (
        "التقى وزير الخارجية بنظيره التركي في القاهرة يوم الثلاثاء لبحث سبل تعزيز التعاون بين "
        "البلدين. وتتوقع هيئة الأرصاد الجوية هطول أمطار غزيرة على المناطق الشمالية خلال الأيام "
        "المقبلة. وفاز المنتخب الوطني في المباراة بهدف في الدقائق الأخيرة."
    ),
    "ru": (
        "Министры иностранных дел двух стран встретились во вторник в Москве, чтобы обсудить "
        "новое торговое соглашение. Синоптики ожидают сильные дожди на севере страны в конце "
        "недели. Сборная выиграла матч благодаря голу на последней минуте."
    ),
    "uk": (
        "Міністри закордонних справ двох країн зустрілися у вівторок у Києві, щоб обговорити "
        "нову торговельну угоду. Синоптики очікують сильні дощі на заході країни наприкінці "
        "тижня. Збірна виграла матч завдяки голу на останній хвилині."
    ),
    "tr": (
        "İki ülkenin dışişleri bakanları salı günü Ankara'da bir araya gelerek yeni ticaret "
        "anlaşmasını görüştü. Meteoroloji, hafta sonu Karadeniz bölgesinde kuvvetli yağış "
        "beklendiği uyarısında bulundu. Milli takım maçı son dakikada attığı golle kazandı."
    ),
    "fa": (
        "وزیر امور خارجه ایران روز سه‌شنبه با همتای ترک خود در تهران دیدار و گفتگو کرد. "
        "سازمان هواشناسی پیش‌بینی کرده است که باران‌های شدید در شمال کشور ادامه پیدا کند. "
        "تیم ملی فوتبال با یک گل در دقیقه آخر پیروز شد."
    ),
    "zh": (
        "两国外交部长周二在北京举行会谈，讨论新的贸易协定。气象部门预计本周末北方地区将有强降雨。"
        "国家队在比赛最后一分钟打入一球，赢得了比赛。"
    ),
    "ja": (
        "両国の外相は火曜日に東京で会談し、新たな貿易協定について協議した。気象庁によると、"
        "週末にかけて西日本で大雨が予想されている。代表チームは試合終了間際のゴールで勝利した。"
    ),
    "hi": (
        "दोनों देशों के विदेश मंत्रियों ने मंगलवार को नई दिल्ली में मुलाकात की और नए व्यापार "
        "समझौते पर चर्चा की। मौसम विभाग ने इस सप्ताह उत्तर भारत में भारी बारिश की चेतावनी दी "
        "है। भारतीय टीम ने आखिरी ओवर में मैच जीत लिया।"
    ),
    "ur": (
        "دونوں ممالک کے وزرائے خارجہ نے منگل کے روز اسلام آباد میں ملاقات کی اور نئے تجارتی "
        "معاہدے پر بات چیت کی۔ محکمہ موسمیات نے اس ہفتے ملک کے شمالی علاقوں میں شدید بارش کی "
        "پیش گوئی کی ہے۔ قومی ٹیم نے آخری اوور میں میچ جیت لیا۔"
    ),
    "it": (
        "I ministri degli Esteri dei due paesi si sono incontrati martedì a Roma per discutere "
        "un nuovo accordo commerciale. Le previsioni indicano forti piogge nel nord per tutto "
        "il fine settimana. La squadra ha vinto la partita grazie a un gol negli ultimi minuti."
    ),
    "sw": (
        "Mawaziri wa mambo ya nje wa nchi hizo mbili walikutana jijini Nairobi siku ya Jumanne "
        "kujadili makubaliano mapya ya biashara. Mamlaka ya hali ya hewa imetabiri mvua kubwa "
        "katika maeneo ya pwani wiki hii. Timu ya taifa ilishinda mechi hiyo kwa bao la dakika "
        "ya mwisho."
    ),
    "nl": (
        "De ministers van Buitenlandse Zaken van beide landen kwamen dinsdag in Den Haag bijeen "
        "om een nieuw handelsakkoord te bespreken. De weerdienst verwacht dit weekend veel regen "
        "in het zuiden van het land. Het elftal won de wedstrijd dankzij een doelpunt in de "
        "laatste minuut."
    ),
    "pl": (
        "Ministrowie spraw zagranicznych obu krajów spotkali się we wtorek w Warszawie, aby "
        "omówić nową umowę handlową. Synoptycy zapowiadają silne opady deszczu na północy kraju "
        "w ten weekend. Reprezentacja wygrała mecz dzięki bramce zdobytej w ostatniej minucie."
    ),
    "ko": (
        "양국 외교장관은 화요일 서울에서 만나 새로운 무역 협정에 대해 논의했다. 기상청은 이번 주말 "
        "남부 지방에 많은 비가 내릴 것으로 예보했다. 대표팀은 경기 종료 직전 터진 골로 승리를 거뒀다."
    ),
    "vi": (
        "Bộ trưởng Ngoại giao hai nước đã gặp nhau tại Hà Nội vào thứ Ba để thảo luận về một "
        "hiệp định thương mại mới. Cơ quan khí tượng dự báo mưa lớn sẽ kéo dài ở các tỉnh miền "
        "Trung trong tuần này. Đội tuyển quốc gia đã giành chiến thắng nhờ bàn thắng ở phút cuối."
    ),
    "th": (
        "รัฐมนตรีว่าการกระทรวงการต่างประเทศของทั้งสองประเทศพบกันที่กรุงเทพฯ เมื่อวันอังคาร "
        "เพื่อหารือเกี่ยวกับข้อตกลงการค้าฉบับใหม่ กรมอุตุนิยมวิทยาคาดว่าจะมีฝนตกหนักในภาคใต้ "
        "ตลอดสัปดาห์นี้ ทีมชาติชนะการแข่งขันด้วยประตูในนาทีสุดท้าย"
    ),
    "he": (
        "שרי החוץ של שתי המדינות נפגשו ביום שלישי בירושלים כדי לדון בהסכם סחר חדש. "
        "השירות המטאורולוגי צופה גשמים כבדים בצפון הארץ במהלך סוף השבוע. "
        "הנבחרת ניצחה במשחק בזכות שער בדקה האחרונה."
    ),
    "hy": (
        "Երկու երկրների արտաքին գործերի նախարարները երեքշաբթի հանդիպեցին Երևանում՝ "
        "քննարկելու նոր առևտրային համաձայնագիրը: Օդերևութաբանները այս շաբաթավերջին "
        "առատ անձրևներ են կանխատեսում հանրապետության հյուսիսում: Հավաքականը հաղթեց "
        "խաղի վերջին րոպեին խփած գոլի շնորհիվ:"
    ),
    "az": (
        "İki ölkənin xarici işlər nazirləri çərşənbə axşamı Bakıda görüşərək yeni ticarət "
        "sazişini müzakirə ediblər. Sinoptiklər həftəsonu ölkənin şimal rayonlarında güclü "
        "yağış gözləyirlər. Milli komanda oyunun son dəqiqəsində vurulan qolla qalib gəldi."
    ),
    "am": (
        "የሁለቱ አገሮች የውጭ ጉዳይ ሚኒስትሮች ማክሰኞ በአዲስ አበባ ተገናኝተው በአዲሱ የንግድ ስምምነት ላይ "
        "ተወያይተዋል። የሚቲዎሮሎጂ ባለሙያዎች በዚህ ሳምንት መጨረሻ በሰሜኑ የአገሪቱ ክፍል ከባድ ዝናብ "
        "እንደሚጥል ተንብየዋል። ብሔራዊ ቡድኑ በመጨረሻው ደቂቃ በተቆጠረ ጎል አሸንፏል።"
    ),
    "so": (
        "Wasiirada arrimaha dibadda ee labada dal ayaa Talaadadii ku kulmay Muqdisho si ay "
        "uga wada hadlaan heshiis ganacsi oo cusub. Saadaasha hawadu waxay sheegaysaa in "
        "roobab culus ay ka di'i doonaan gobollada waqooyiga toddobaadkan. Xulka qaranka "
        "ayaa ciyaarta ku guuleystay gool daqiiqaddii ugu dambaysay la dhaliyay."
    ),
    "ha": (
        "Ministocin harkokin wajen kasashen biyu sun gana a Abuja ranar Talata domin tattauna "
        "sabuwar yarjejeniyar kasuwanci. Masana yanayi sun yi hasashen cewa za a yi ruwan sama "
        "mai yawa a arewacin kasar a karshen makon nan. Tawagar kasar ta yi nasara a wasan "
        "sakamakon kwallon da aka ci a minti na karshe."
    ),
    "my": (
        "နှစ်နိုင်ငံ နိုင်ငံခြားရေးဝန်ကြီးများသည် အင်္ဂါနေ့က နေပြည်တော်တွင် တွေ့ဆုံပြီး "
        "ကုန်သွယ်ရေးသဘောတူညီချက်အသစ်အကြောင်း ဆွေးနွေးခဲ့ကြသည်။ မိုးလေဝသဌာနက ဤတစ်ပတ်အတွင်း "
        "မြောက်ပိုင်းဒေသများတွင် မိုးသည်းထန်စွာ ရွာသွန်းမည်ဟု ခန့်မှန်းထားသည်။ "
        "အမျိုးသားအသင်းသည် နောက်ဆုံးမိနစ်တွင် ဂိုးသွင်းပြီး အနိုင်ရခဲ့သည်။"
    ),
    "ps": (
        "د دواړو هېوادونو د بهرنیو چارو وزیرانو د سه شنبې په ورځ په کابل کې سره ولیدل او د "
        "سوداګرۍ پر نوي تړون یې خبرې وکړې. د هوا پېژندنې ادارې ویلي چې د اونۍ په پای کې به "
        "د هېواد په شمال کې سخت باران ووري. ملي ټیم په وروستۍ دقیقه کې د ګول په وهلو لوبه وګټله."
    ),
}

#: One-sentence texts: harder, closer to a headline.
SHORT: dict[str, str] = {
    "en": "Peace talks resume in Doha after a two-week pause.",
    "id": "Presiden tidak bisa hadir karena cuaca buruk kemarin.",
    "ms": "Perdana Menteri berkata kerajaan boleh membantu mangsa banjir.",
    "fr": "Les pourparlers de paix reprennent à Doha après une pause.",
    "es": "Las conversaciones de paz se reanudan en Doha tras una pausa.",
    "pt": "As negociações de paz foram retomadas em Doha após uma pausa.",
    "de": "Die Friedensgespräche in Doha werden nach einer Pause fortgesetzt.",
    "ru": "Мирные переговоры в Дохе возобновились после двухнедельного перерыва.",
    "uk": "Мирні переговори в Досі відновилися після двотижневої перерви.",
    "tr": "Barış görüşmeleri iki haftalık aranın ardından Doha'da yeniden başladı.",
    "ar": "استؤنفت محادثات السلام في الدوحة بعد توقف دام أسبوعين.",
    "fa": "گفتگوهای صلح پس از دو هفته توقف در دوحه از سر گرفته شد.",
    "ur": "دو ہفتے کے وقفے کے بعد دوحہ میں امن مذاکرات دوبارہ شروع ہو گئے۔",
    "hi": "दो सप्ताह के विराम के बाद दोहा में शांति वार्ता फिर से शुरू हुई।",
    "zh": "和平谈判在暂停两周后于多哈恢复。",
    "ja": "和平協議は二週間の中断を経てドーハで再開された。",
    "ko": "평화 회담이 2주간의 중단 끝에 도하에서 재개되었다.",
    "vi": "Các cuộc đàm phán hòa bình được nối lại tại Doha sau hai tuần tạm dừng.",
    "th": "การเจรจาสันติภาพเริ่มขึ้นอีกครั้งที่โดฮาหลังหยุดไปสองสัปดาห์",
    "he": "שיחות השלום בדוחה התחדשו לאחר הפסקה של שבועיים.",
    "hy": "Խաղաղության բանակցությունները Դոհայում վերսկսվեցին երկու շաբաթ դադարից հետո:",
    "az": "Sülh danışıqları iki həftəlik fasilədən sonra Dohada bərpa olundu.",
    "am": "የሰላም ድርድሩ ከሁለት ሳምንት እረፍት በኋላ በዶሃ እንደገና ተጀመረ።",
    "so": "Wadahadallada nabadda ayaa dib uga bilaabmay Doha kadib hakad laba toddobaad ah.",
    "ha": "An koma tattaunawar zaman lafiya a Doha bayan hutun makonni biyu.",
    "my": "ငြိမ်းချမ်းရေးဆွေးနွေးပွဲများကို နှစ်ပတ်ရပ်နားပြီးနောက် ဒိုဟာတွင် ပြန်လည်စတင်ခဲ့သည်။",
    "ps": "د سولې خبرې اترې د دوو اونیو ځنډ وروسته په دوحه کې بیا پیل شوې.",
    "pl": "Rozmowy pokojowe w Dosze wznowiono po dwutygodniowej przerwie.",
    "it": "I colloqui di pace sono ripresi a Doha dopo una pausa di due settimane.",
    "sw": "Mazungumzo ya amani yameanza tena Doha baada ya mapumziko ya wiki mbili.",
}
