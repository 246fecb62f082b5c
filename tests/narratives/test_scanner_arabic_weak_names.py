"""Arabic given names of the weaker list (names that may be words) without a kinship cue,
where the words around them say they are names: a trade after the name, "I am" before a name
that is no word, a family name with the article; a second name after a given name. Words and
places stay what they are (pure Python, no Django)."""

import pytest

from tests.narratives.scanner_helpers import persons


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("حدا عندو رقم وليد النجار؟ بدي صلّح الباب", "وليد النجار"),
        ("مرحبا، أنا رهف، بنت خالة سارة.", "رهف"),
        ("سألوني إذا بعرف غيث الحمصاني، قلتلهم لا", "غيث الحمصاني"),
        ("ج: إيه، ماهر قدور، كان معي بالشغل", "ماهر قدور"),
    ],
)
def test_a_weaker_name_in_a_name_s_context(text, name):
    assert any(name in p for p in persons(text))


@pytest.mark.parametrize(
    "text",
    [
        "أنا سعيد جداً بهالخبر",
        "نزل غيث الربيع على القرية بعد سنين",
        "انتقلت العائلة إلى ريف حلب الشمالي",
        "رجعنا على ريف الحسكة بعد المخيم",
    ],
)
def test_words_and_places_stay_words(text):
    assert persons(text) == []
