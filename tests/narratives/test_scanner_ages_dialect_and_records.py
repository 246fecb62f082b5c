"""Exact ages the scanner used to miss: arabizi teens by their shape (sta3ch, sebta3ch,
setasher, tisa3tasher), an age question answered in chat ("ch7al kan 3ndek? J: …"), arabizi
units after a record's comma ("Hanane Belkacem, 27 3am"), "wlit 20 3am", "أبلغ من العمر",
Turkish "21 yaşındaydın", and a record's "Name, 49," after a group word earlier in the clause."""

import pytest

from tests.narratives.scanner_helpers import ages as _ages


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Voice: salam, ana Rim. 3andi sta3ch sna w rani f Turkia.", "sta3ch"),
        ("S: 9addeh 3omrek? J: ana kont sebta3ch.", "sebta3ch"),
        ("S: ch7al kan 3andek? J: setasher sana, w ba3d ...", "setasher"),
        ("S: ch7al kan 3ndek? J: tmenta3ch 3am.", "tmenta3ch"),
        ("Mola7ada: Kawtar, 34 3am, rja3et men Souria.", "34"),
        ("ism el metham Hisham Abdelbaki, 29 sana, min Tanta.", "29"),
        ("Mli wlit 19 3am, khouya jab li l fikra.", "19"),
        ("أنا سعاد، أبلغ من العمر ثلاثين عاماً وأسكن مع أمي.", "أبلغ من العمر ثلاثين عاماً"),
        ("Allah rahmet eylesin kardeşim, sen 22 yaşındaydın...", "22"),
        ("Die Schwester, Frau Olga Baranova, 52, erscheint auf der Wache.", "52"),
    ],
)
def test_ages_are_found(text: str, age: str) -> None:
    assert age in _ages(text)


@pytest.mark.parametrize(
    "text",
    [
        "The boys, 15, were sent to the camp.",  # a group's age, not a person's
        "18 yaşından küçükler giremez.",  # "under 18": a rule, no one's age
        "ch7al kan 3andek men flous? walou.",  # a question about money, no age answered
    ],
)
def test_not_ages(text: str) -> None:
    assert _ages(text) == []
