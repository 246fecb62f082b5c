"""Turkish "Hz." (Hazreti), the honorific of prophets and companions, before a name that a
gazetteer also lists as a town: neither a person of the testimony nor a place."""

import pytest

from tests.narratives.scanner_helpers import found


@pytest.mark.parametrize(
    "text",
    [
        "Annem sahabeler hakkında bir kitap verdi. Hz. Ebubekir ve Hz. Ömer, bunu tanımazdı.",
        "Hazreti Ömer adaletiyle bilinir.",
    ],
)
def test_no_finding(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("Ich wohne in Ömer bei Ankara.", "Ömer"),
        ("Mein Freund Ömer kam 2015 zurück.", "Ömer"),
    ],
)
def test_still_found(text, hit):
    assert hit in found(text)
