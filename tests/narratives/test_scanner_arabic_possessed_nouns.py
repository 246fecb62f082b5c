"""Arabic nouns with "my" (a plural or a feminine of the frequent words) and the words of
paradise and this world are no names; given names ending in ي still are."""

import pytest

from tests.narratives.scanner_helpers import found


@pytest.mark.parametrize(
    "text",
    [
        "خرجنا من الموصل في شتاء الحصار مشياً على الأقدام، أنا وأولادي، ونهر دجلة على يميننا.",
        "Dear diary / يا مذكرتي: today is nothing special.",
        "I copied it into مذكرتي and felt sick.",
        "That life is not جنة, it's a kitchen with no gas.",
        "Il disait que la دنيا ne vaut rien.",
    ],
)
def test_no_finding(text):
    assert found(text, "person") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("His father, فتحي, never came back.", "فتحي"),
        ("My friend سامي came with me.", "سامي"),
        ("Sein Vater hieß شكري.", "شكري"),
    ],
)
def test_names_in_ya_still_found(text, name):
    assert name in found(text)
