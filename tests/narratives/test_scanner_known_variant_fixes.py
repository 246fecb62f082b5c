# (Arabic script in test data is intended.)
"""The known-identifier fixes the variant battery asked for, one case each (pure Python)."""

import pytest

from narratives.anonymize import KnownIdentifier, LeakScanner


def _known(value: str, text: str) -> list[str]:
    return [f.text for f in LeakScanner([KnownIdentifier(value)]).scan_known(text)]


@pytest.mark.parametrize(
    "text",
    [
        "on 12.3.2015 he left",
        "le 12 mars 2015",
        "am 12. März 2015",
        "في ١٢/٣/٢٠١٥",
        "March 12, 2015",
    ],
)
def test_a_date_passed_without_a_field_is_a_vault_date_in_any_format(text):
    assert _known("12/03/2015", text)


def test_a_vault_date_is_no_phone_number():
    assert _known("12/03/2015", "call 1203 2015 now") == []
    assert _known("12/03/2015", "on 13/03/2015") == []


@pytest.mark.parametrize(
    "url",
    ["facebook.com/halabi.mohammed?ref=share", "https://www.facebook.com/halabi.mohammed/?x=1#top"],
)
def test_a_vault_page_with_a_query_is_the_page(url):
    assert _known("https://facebook.com/halabi.mohammed", f"see {url} now") == [url]


def test_a_query_that_names_the_account_is_not_dropped():
    assert _known("facebook.com/profile.php?id=100012345", "facebook.com/profile.php?id=999") == []


@pytest.mark.parametrize("word", ["وبأحمد", "ولأحمد", "فبأحمد"])
def test_two_proclitics_on_an_arabic_name(word):
    assert _known("أحمد الزعبي", f"جاء {word} الزعبي أمس") == ["أحمد الزعبي"]


@pytest.mark.parametrize("word", ["وبالزعبي", "للزعبي", "وللزعبي"])
def test_proclitics_and_the_article_on_an_arabic_surname(word):
    assert _known("أحمد الزعبي", f"جاء {word} أمس")


def test_li_before_the_article_of_a_surname_that_is_a_given_name():
    assert _known("مصطفى العلي", "قال للعلي")


def test_a_name_starting_with_a_proclitic_letter_keeps_it():
    assert _known("بلال حداد", "ثم جاء وبلال")


def test_a_three_letter_given_name_alone():
    assert _known("Ali Haddad", "Then Ali came in.") == ["Ali"]
    assert _known("Ali Haddad", "Then Eli came in.") == []


def test_a_short_word_of_a_longer_value_in_another_vowel():
    assert _known("Ain al-Khadra", "near Ein al-Khadra") == ["Ein al-Khadra"]
    assert _known("Ain al-Khadra", "Er hat ein Haus.") == []


def test_kh_written_x():
    assert _known("Khalid Othman", "Xalid Othman came") == ["Xalid Othman"]


def test_an_arabic_name_with_abd_read_in_one_latin_word():
    assert _known("عبد الرحمن الدوري", "came Abdulrahman al-Douri to")
    assert _known("Abdulrahman Thabet", "جاء عبد الرحمن ثابت إلى")


def test_arabizi_9_for_sad():
    assert _known("Sabri Masoud", "ja 9abri mbare7") == ["9abri"]
    assert _known("Ali Belkacem", "3li Belka9em rja3") == ["3li Belka9em"]
