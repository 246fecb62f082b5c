# (Arabic script in test data is intended.)
"""Arabic names in a record's name fields, after more kin words and after Latin-letter
greetings, and the kin words that are no places (pure Python, no Django)."""

import pytest

from tests.narratives.scanner_helpers import pairs as found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("بطاقة حالة اسم الطفل: ريان اسم الأم: زينب العمر: سبع سنوات", "ريان"),
        ("بطاقة حالة اسم الطفل: ريان اسم الأم: زينب العمر: سبع سنوات", "زينب"),
        ("طلب لمّ شمل اسم مقدّم الطلب: الحسيني، كوثر تاريخ الولادة: ١٤ / ١١ / ١٩٨٩", "الحسيني، كوثر"),
        ("وصلتنا رسالتك. ابنتك رهف دخلت الصف الأول", "رهف"),
        ("Yallah habibti نور 🎂 mabrouk", "نور"),
    ],
)
def test_arabic_name_found(text, name):
    assert ("person", name) in found(text)


def test_a_field_label_never_joins_the_name_before_it():
    assert ("person", "زينب العمر") not in found("اسم الأم: زينب العمر: سبع سنوات")


def test_a_kin_word_is_no_place():
    assert [c for c, t in found("إلى أختي عايشة، وصلتنا رسالتك") if t == "أختي"] == []


@pytest.mark.parametrize(
    ("text", "span", "kind"),
    [
        # a proclitic drawn apart with tatweel starts a word of its own
        ("رزان: كان يشتغل معي بـمكتبة دار القلم بـالجميلية", "مكتبة دار القلم", "organisation"),
        ("رزان: كان يشتغل معي بـمكتبة دار القلم بـالجميلية", "الجميلية", "place"),
        ("كنت بـثانوية دار الحكمة، وعمري ١٨", "ثانوية دار الحكمة", "organisation"),
    ],
)
def test_names_after_a_tatweel_proclitic(text, span, kind):
    assert (kind, span) in found(text)


def test_tatweel_inside_a_word_still_reads_as_one_word():
    assert found("ذهبنا إلى المـدرسة في الصباح") == []
