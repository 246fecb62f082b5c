"""The Maghreb's Arabic street and quarter words before a name (زنقة, حومة), and the
ordinary words that share a spelling with other heads left alone (على نهج السلف)."""

from narratives.anonymize import LeakScanner


def _places(text: str) -> list[str]:
    return [text[f.start : f.end] for f in LeakScanner([]).scan(text) if f.category == "place"]


def test_zanqa_and_houma_before_a_name() -> None:
    assert any("زنقة الياسمين" in p for p in _places("كان يسكن في زنقة الياسمين رقم ٥ مع أمه."))
    assert any("حومة السوق" in p for p in _places("كبرنا في حومة السوق قرب المسجد."))


def test_the_path_of_the_salaf_is_no_street() -> None:
    assert _places("كانوا يقولون إنهم على نهج السلف وعلى درب الجهاد.") == []
