"""A lone word read as a name on weak evidence is no finding when it is a frequent ordinary word
(wordfreq) of English, French, German, Turkish or Arabic; names of our lists still are."""

from __future__ import annotations

import pytest

from narratives.anonymize import LeakScanner
from narratives.anonymize.lexicon import ordinary_word

_SCANNER = LeakScanner()


def _texts(text: str) -> list[str]:
    return [f.text for f in _SCANNER.scan(text)]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # German nouns, capitalised as every German noun is
        ("Der Senat stützt sich auf Chats mit Mitgliedern des IS.", "Mitgliedern"),
        ("Später schrieb er uns.", "Später"),
        # Turkish words in a German or Turkish text
        ("Başka bir şey söyleyemem.", "Başka"),
        ("Yani, abi, in Istanbul war es kalt.", "Yani"),
        ("Sie habe dort gelebt. Tarih? Sie wusste es nicht.", "Tarih"),
        # English chat words
        ("zara: omg is that him?? 😭", "omg"),
        ("Suspect: Yeah. I went there.", "Yeah"),
        # an arabizi word that is also a frequent German one
        ("post: ya nass, ila 3andkom wlad", "nass"),
        # Arabic nouns and particles after a cue
        ("ملاحظات: عاش الطفل سنتين في مخيم الهول", "سنتين"),
        ("كان ابني في الصف الرابع.", "الصف"),
        ("ب: بالبيت, ليش?", "بالبيت"),
        ("ج: رجل اسمه فراس, كان يلقب نفسه ابو البراء.", "نفسه"),
        # a function word after a naming cue: "my name is not important"
        ("قالت: اسمي ليس مهما. كنت في البيت.", "ليس"),
        # a lower-case word read as a name only because the text carries a name (Turkish and
        # arabizi "belli")
        ("Abdelali Ouchen m3ana, 9al lina belli ghadi ysafer l Marrakech.", "belli"),
    ],
)
def test_frequent_ordinary_words_are_no_names(text: str, word: str) -> None:
    assert word not in _texts(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # frequent words that our given-name lists hold
        ("Er ist mit Karim gekommen.", "Karim"),
        ("Ich habe mit Nour gesprochen.", "Nour"),
        ("Er sprach mit Said.", "Said"),
        ("I went with Said to the market.", "Said"),
        ("حكيت مع أمل امبارح", "أمل"),
        # a surname that is a word, after an honorific: the honorific is the evidence
        ("Herr Keller kam um acht.", "Herr Keller"),
        # frequent words named by their context: a chat turn, "my name is", a field label
        ("[09:16] kez: nah they let me go", "kez"),
        ("[21:05] Tim: den aus Solingen", "Tim"),
        ("السلام عليكم, اسمي وعد", "وعد"),
        ("الاسم: آية", "آية"),
        # the rest of a found name is untouched
        ("Schüler: Ilja Moosbrugger, Klasse 3b, 8 Jahre.", "Ilja Moosbrugger"),
        ("ج: رجل اسمه فراس, كان يلقب نفسه ابو البراء.", "فراس"),
        ("Abdelali Ouchen m3ana, 9al lina belli ghadi ysafer l Marrakech.", "Abdelali Ouchen"),
    ],
)
def test_names_that_are_also_words_stay_findings(text: str, name: str) -> None:
    assert name in _texts(text)


def test_ordinary_word_weighs_lists_and_frequency() -> None:
    assert ordinary_word("Auszug")  # German, no name
    assert ordinary_word("Başka")  # a gazetteer entry, but a very frequent Turkish word
    assert ordinary_word("ليس")
    assert not ordinary_word("Karim")  # a curated given name, although frequent
    assert not ordinary_word("كريم")
    assert not ordinary_word("Moosbrugger")  # rare: no word
