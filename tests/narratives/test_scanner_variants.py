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


# Forms a reader takes for the vault value at once (issue 11, outside check): look-alike
# letters of another script, invisible characters, the value spelled apart or glued into a
# hashtag, the Arabic article dropped or added, a phone inside a link, the custodian's reference.
READS_AS_THE_VALUE = [
    ("Qwynn Zarthuli", "ask Zarthul\u0456 about it", "Zarthul\u0456"),  # Cyrillic i
    ("Vendrabok", "V\u0435ndrabok came", "V\u0435ndrabok"),  # Cyrillic e
    ("Qwynn Zarthuli", "ask Zarth\u061culi", "Zarth\u061culi"),  # Arabic letter mark
    ("Qwynn Zarthuli", "ask Zarth\u180euli", "Zarth\u180euli"),  # Mongolian vowel separator
    ("Qwynn Zarthuli", "ask Zarth\U000e0041uli", "Zarth\U000e0041uli"),  # tag character
    ("Zarthbourg", "from Zarth-bourg", "Zarth-bourg"),
    ("Zarthbourg", "from Z a r t h b o u r g", "Z a r t h b o u r g"),
    ("Zarthbourg", "from zarth.bourg", "zarth.bourg"),
    ("Qwynn Zarthuli", "#JusticeForQwynnZarthuli", "QwynnZarthuli"),
    ("Qwynn Zarthuli", "#justiceforqwynnzarthuli", "qwynnzarthuli"),
    ("Qwynn Zarthuli", "see QwynnZarthuli", "QwynnZarthuli"),
    ("الزقازيق", "من زقازيق", "زقازيق"),
    ("أبو زكريا الزقاوي", "الشيخ زقاوي", "زقاوي"),
    ("زقاوي", "الشيخ الزقاوي", "زقاوي"),
    ("الزقازيق", "عاد بالزقازيق", "زقازيق"),
    ("Alzarqawi", "Zarqawi said", "Zarqawi"),
    ("+33 6 98 76 54 32", "https://wa.me/33698765432", "33698765432"),
    ("+33 6 98 76 54 32", "tel:+33698765432", "33698765432"),
    ("+33 6 98 76 54 32", "api.whatsapp.com/send?phone=33698765432", "33698765432"),
]


@pytest.mark.parametrize(("value", "text", "expected"), READS_AS_THE_VALUE)
def test_a_form_that_reads_as_the_vault_value_is_a_vault_match(value, text, expected):
    found = LeakScanner([KnownIdentifier(value, "name")]).scan_known(text)
    assert any(expected in f.text for f in found), (value, text, found)


def test_the_custodians_reference_is_matched_whole_and_only_whole():
    scanner = LeakScanner([KnownIdentifier("DOSSIER-QZ-7731", "ref")])
    assert [f.text for f in scanner.scan_known("see DOSSIER-QZ-7731 now")] == ["DOSSIER-QZ-7731"]
    assert [f.text for f in scanner.scan_known("see dossier qz 7731")] == ["dossier qz 7731"]
    assert scanner.scan_known("the dossier is closed; QZ flights; 7731 people") == []
    assert [f.category for f in scanner.scan_known("DOSSIER-QZ-7731")] == ["id"]


@pytest.mark.parametrize(
    "text",
    [
        "Москва и раса",  # Russian stays Russian: no Latin twin for м, к, в
        "Ωμέγα",
        "They met in Zarth and in Bourg.",  # two words a sentence apart are not joined
        "the zarth, bourg",
        "#JusticeForAll",
        "call 0612345678",  # another number
    ],
)
def test_no_vault_match_where_no_vault_value_is_written(text):
    scanner = LeakScanner(
        [
            KnownIdentifier("Zarthbourg", "town"),
            KnownIdentifier("Qwynn Zarthuli", "name"),
            KnownIdentifier("+33 6 98 76 54 32", "contact"),
            KnownIdentifier("أبو زكريا الزقاوي", "kunya"),
        ]
    )
    assert scanner.scan_known(text) == []


def test_homoglyph_folding_keeps_offsets_and_the_original_text():
    text = "\u0430sk Zarthul\u0456 now"
    (finding,) = LeakScanner([KnownIdentifier("Qwynn Zarthuli", "name")]).scan_known(text)
    assert text[finding.start : finding.end] == finding.text == "Zarthul\u0456"


# One name in the other script (crossscript.py): whole values only, enough consonants.
ACROSS_SCRIPTS = [
    ("أبو عائشة", "Abou Aicha a parlé", "Abou Aicha"),
    ("أبو عائشة", "Abu Aisha spoke", "Abu Aisha"),
    ("Youssef Haddad", "قال يوسف حداد", "يوسف حداد"),
    ("Youssef Haddad", "قال يوسف الحداد", "يوسف الحداد"),
    ("الرقة", "back in Raqqa", "Raqqa"),
    ("الرقة", "back in ar-Raqqa", "Raqqa"),
    ("الرقة", "back in Rakka", "Rakka"),
    ("Mossoul", "عاد إلى الموصل", "الموصل"),
    ("الموصل", "back in Mosul", "Mosul"),
    ("محمد الحداد", "Mohamed Haddad came", "Mohamed Haddad"),
    # a name's parts the other script writes alone: the surname, the given and father's name
    ("Youssef Haddad", "قال حداد إنه", "حداد"),
    ("Youssef Amrani", "شهد العمراني أمام المحكمة", "العمراني"),
    ("يوسف العمراني", "Amrani said", "Amrani"),
    ("Karim Darwish Hasan", "رأيت كريم درويش في السوق", "كريم درويش"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("El-Sayed stated she was employed", "El-Sayed"),
        ("the el Sayed family", "el Sayed"),
        ("Mrs Al-Sayed", "Al-Sayed"),
    ],
)
def test_a_surname_that_is_a_title_alone_is_the_name_with_its_article(text, expected):
    # "Sayed" alone is the honorific, never a vault match; "El-Sayed" is the family's name
    found = LeakScanner([KnownIdentifier("Marwa El-Sayed", "name")]).scan_known(text)
    assert [f.text for f in found] == [expected]
    assert LeakScanner([KnownIdentifier("Marwa El-Sayed", "name")]).scan_known("Sayed said") == []


@pytest.mark.parametrize(("value", "text", "expected"), ACROSS_SCRIPTS)
def test_a_vault_value_written_in_the_other_script_is_a_vault_match(value, text, expected):
    found = LeakScanner([KnownIdentifier(value, "name")]).scan_known(text)
    assert any(expected in f.text for f in found), (value, text, found)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("الرقة", "Iraq"),  # starts with a vowel the Arabic does not write
        ("الرقة", "a rock"),  # a dictionary word
        ("الرقة", "Rocky"),  # a vowel the Arabic does not end with
        ("Youssef Haddad", "على الحدود"),  # "the borders": another long vowel
        # a surname alone that is a common word, or a given name without its article
        ("Samira Kabir", "كان البيت كبير"),
        ("Omar Saleh", "عمل صالح"),
        ("Youssef Hasan", "قال حسن"),
        ("يوسف حسن", "Hasan said"),
        ("Mossoul", "مسلم"),  # "Muslim": m-s-l-m
        ("أبو عائشة", "Abu Bakr"),
    ],
)
def test_no_match_across_scripts_where_the_reading_does_not_hold(value, text):
    assert LeakScanner([KnownIdentifier(value, "name")]).scan_known(text) == []
