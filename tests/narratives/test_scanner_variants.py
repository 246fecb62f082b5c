"""Known-identifier variants the issue lists, and phone numbers through libphonenumber."""

from __future__ import annotations

import pytest

from narratives.anonymize import KnownIdentifier, LeakScanner, scan_text
from narratives.anonymize.contacts import phone_readings
from narratives.anonymize.translit import arabizi_fold

VARIANTS = [
    ("Mohammed Haddad", "i met muhammad haddad there"),
    ("Mohammed Haddad", "MOHAMED HADDAD came"),
    ("Mohammed Haddad", "Haddad's car was there"),
    ("Mohammed Haddad", "Haddad, Mohammed was named"),
    ("Mohammed Haddad", "the police asked Haddad"),
    ("Abdallah Nasser", "Abdullah Nasser was there"),
    ("Abdallah Nasser", "Abd Allah Nasser was there"),
    ("Zubair Khan", "Zubayr Khan was there"),
    ("Abou Hamza al-Faransi", "Abu Hamza el-Faransi"),
    ("Abou Hamza al-Faransi", "abu hamza al faransi"),
    ("Abu Bakr al-Siddiq", "Abu Bakr as-Siddiq"),
    ("Abu Bakr al-Siddiq", "Abu Bakr as Siddiq"),
    ("Nour al-Din", "Nureddine came"),
    ("Salah al-Din", "Salaheddine came"),
    ("محمد الحداد", "رأيت مُحَمَّد الحدّاد"),
    ("إبراهيم السالم", "رأيت ابراهيم السالم"),
    ("عبد الرحمن", "عبدالرحمن"),
    ("Hélène Dubois", "la maison d'Hélène"),
    ("Jürgen Schmidt", "Schmidts Auto"),
    ("Hicham El Amrani", "hicham elamrani"),
    ("Hamza Al-Shami", "7amza el shami"),
    ("Mohammed Al-Zoubi", "m7ammad el zo3bi"),
    ("+44 7700 900123", "call 07700 900123"),
    ("+44 7700 900123", "call 0044 7700 900 123"),
    ("07700 900123", "call +447700900123"),
    ("+33 6 12 34 56 78", "appelle le 06 12 34 56 78"),
    ("06 12 34 56 78", "appelle le +33 6 12 34 56 78"),
    ("+49 151 23456789", "Ruf 0151 23456789 an"),
    ("+963 944 123 456", "رقمي ٠٩٤٤١٢٣٤٥٦"),
]


@pytest.mark.parametrize(("value", "text"), VARIANTS)
def test_known_variant_is_found(value, text):
    assert LeakScanner([KnownIdentifier(value)]).scan_known(text)


def test_phone_readings_national_and_international_agree():
    assert phone_readings("+44 7700 900123") & phone_readings("07700 900123")
    assert phone_readings("0033 6 12 34 56 78") == phone_readings("+33 612345678")
    assert not phone_readings("+44 7700 900123") & phone_readings("+33 6 12 34 56 78")


def test_other_numbers_are_not_the_known_phone():
    scanner = LeakScanner([KnownIdentifier("+44 7700 900123")])
    assert not scanner.scan_known("call 07700 900999")


def test_arabizi_fold():
    assert arabizi_fold("7amza") == "hamza"
    assert arabizi_fold("sa3id") == "said"
    assert arabizi_fold("5alil") == "khalil"
    assert arabizi_fold("3rd") is None and arabizi_fold("2014") is None


@pytest.mark.parametrize(
    "text",
    [
        "Some were 18, some 40. Nobody used real names.",
        "[person] said the emir was from [place].",
        "Sample statement, fictional, for training only.",
        "انشغل القادة بانتزاع الأرض من الفصائل الأخرى",
    ],
)
def test_clean_texts_stay_clean(text):
    assert scan_text(text) == []
