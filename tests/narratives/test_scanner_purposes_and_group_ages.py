"""What a facility is for ("مضافة للأرامل", "مركز للشباب") is no name; the ages of a group
with its "have" in arabizi ("wlad 3andhom 14, 15 sna") are no one's age."""

import pytest

from tests.narratives.scanner_helpers import found


@pytest.mark.parametrize(
    "text",
    [
        "تقول إنها أقامت في مضافة للأرامل تابعة للديوان في محافظة دير الزور.",
        "كان يذهب إلى مركز للشباب في الحي.",
        "walakin l7isba tched flous. Wlad 3andhom 14, 15 sna kanou f l mo3askar.",
        "wlad 3andhom 15 sna kanou ykhadmouhom",
    ],
)
def test_no_finding(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("كان في مضافة أبو خالد", "مضافة أبو خالد"),
        ("اشتغلت في ورشة الأمل لتصليح السيارات", "ورشة الأمل لتصليح السيارات"),
        ("ana 3andi 15 sna w ra7t l Souria", "3andi 15 sna"),
    ],
)
def test_still_found(text, hit):
    assert hit in found(text)
