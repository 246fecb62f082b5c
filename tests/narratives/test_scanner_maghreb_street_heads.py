"""The Maghreb's Arabic street and quarter words before a name (زنقة, حومة), and the
ordinary words that share a spelling with other heads left alone (على نهج السلف)."""

from narratives.anonymize import LeakScanner
from tests.narratives.scanner_helpers import places as _places


def test_zanqa_and_houma_before_a_name() -> None:
    assert any("زنقة الياسمين" in p for p in _places("كان يسكن في زنقة الياسمين رقم ٥ مع أمه."))
    assert any("حومة السوق" in p for p in _places("كبرنا في حومة السوق قرب المسجد."))


def test_the_path_of_the_salaf_is_no_street() -> None:
    assert _places("كانوا يقولون إنهم على نهج السلف وعلى درب الجهاد.") == []


def test_houma_they_is_no_quarter() -> None:
    # "houma" is "they" in Maghreb arabizi; "l7ouma" alone is "the neighbourhood", no name
    assert _places("houma kanou f Raqqa m3a khouya.") == []
    assert _places("Wlad l7ouma kanou ygoulou: sir l jihad.") == []
    assert any("7ouma Bab Jdid" in p for p in _places("kbert f 7ouma Bab Jdid m3a khouya."))


def test_an_arabizi_if_makes_an_age_hypothetical() -> None:
    scanner = LeakScanner([])
    for text in (
        "ila 3andek 18 3am, sir l jihad, kanou ygoulou.",
        "ila wlidek 3ando 15 3am w kaydkhol l telegram, rod balek.",
    ):
        assert [f for f in scanner.scan(text) if f.category == "age"] == []
    assert [f.category for f in scanner.scan("khouya 3ando 17 3am, rah f Turkia.")] == ["age"]
