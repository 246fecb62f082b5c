"""Arabic cues before a town the gazetteer lists: a head with a proclitic (بمدينة، وقرية),
قضاء (an Iraqi district), and spoken على after a verb of going; elsewhere على is "on"."""

from __future__ import annotations

import pytest

from tests.narratives.scanner_helpers import places


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("تم توقيفه في شارع الوادي بمدينة الطبقة أمس.", "الطبقة"),
        ("وأنه من سكان قضاء البعاج.", "البعاج"),
        ("قضاء سنجار كان تحت سيطرتهم.", "سنجار"),
        ("إيه، راحت على الميادين مع زوجها", "الميادين"),
        ("رحنا على البعاج بالليل", "البعاج"),
        ("ولد ببلدة الميادين سنة ١٩٩٠.", "الميادين"),
    ],
)
def test_a_cued_town_is_found(text, town):
    assert any(town in place for place in places(text))


@pytest.mark.parametrize(
    "text",
    [
        # على after anything but a verb of going is "on"
        "قررت المحكمة الحكم على المدان احمد حسن بالإعدام.",
        "سلمت على الميادين كلها",
        # قضاء is also "spending, serving, settling": no head of a place by itself
        "بعد قضاء العقوبة خرج من السجن.",
        "تم قضاء الحاجة بسرعة.",
        "أمضينا شهرا في قضاء الإجازة.",
        "هذا قضاء الله وقدره.",
    ],
)
def test_no_place_without_a_cue(text):
    assert places(text) == []
