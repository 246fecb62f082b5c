# (Arabic script in test data is intended.)
"""Detectors for what custodians write in a vault record's free text, and its derivation:
named facilities, titled names, Arabic names after cues, document numbers, e-mail addresses
written out in words, full dates matched as the day they name (pure Python, no Django)."""

import pytest

from narratives.anonymize import CATEGORIES, KnownIdentifier, LeakScanner, scan_text
from narratives.anonymize.contacts import deobfuscate_email
from narratives.anonymize.dates import date_readings
from narratives.vault import DERIVATION_VERSION, derive_identifiers


def found(text, known=()):
    findings = scan_text(text, known)
    for f in findings:
        assert text[f.start : f.end] == f.text
    return [(f.category, f.text) for f in findings]


# --------------------------------------------------------------------------- facilities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We slept in the Qorvandel guest house.", ("organisation", "Qorvandel guest house")),
        ("He trained at the Ghaztrem camp.", ("place", "Ghaztrem camp")),
        ("They recruited him at the Tazrukine mosque.", ("organisation", "Tazrukine mosque")),
        ("We stayed at Hotel Qorvandel.", ("organisation", "Hotel Qorvandel")),
        ("On priait à la mosquée Tazrukine.", ("organisation", "mosquée Tazrukine")),
        ("Dans la maison d'hôtes Qorvandel.", ("organisation", "maison d'hôtes Qorvandel")),
        ("Il était dans le camp de Ghaztrem.", ("place", "camp de Ghaztrem")),
        ("Er betete in der Tazrukine-Moschee.", ("organisation", "Tazrukine-Moschee")),
        ("Wir waren im Lager Ghaztrem.", ("place", "Lager Ghaztrem")),
        ("نمنا في مضافة أبو خالد", ("organisation", "مضافة أبو خالد")),
        ("تدربنا في معسكر الفاروق", ("place", "معسكر الفاروق")),
    ],
)
def test_finds_named_facilities_from_their_context(text, expected):
    assert expected in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "At the Syrian camp we waited.",
        "He spent a year in the refugee camp and then in prison.",
        "Training camp was hard. The Raqqa camp was worse.",
        "La mosquée de Paris était pleine.",
    ],
)
def test_ordinary_words_nationalities_and_major_cities_are_no_facility_names(text):
    assert found(text) == []


# --------------------------------------------------------------------------- titled and cued names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Consent only through his lawyer, Maitre Vrendolak.", "Vrendolak"),
        ("Sein Anwalt Vrendolak kam.", "Vrendolak"),
        ("We saw Doctor Qelvaris twice.", "Qelvaris"),
    ],
)
def test_finds_unlisted_name_after_a_professional_title(text, name):
    assert ("person", name) in found(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("أخي اسمه سليم القرقوري.", "سليم القرقوري"),
        ("زوجتي سليمة البرقاوي بقيت", "سليمة البرقاوي"),
        ("المدعو فلان بن علان الفلاني قال", "فلان بن علان الفلاني"),
    ],
)
def test_finds_unlisted_arabic_name_after_a_naming_or_kinship_cue(text, name):
    assert ("person", name) in found(text)


@pytest.mark.parametrize("text", ["أخي الكبير كان هناك", "أخي كان في الرقة"])
def test_kinship_cue_before_an_ordinary_word_is_no_name(text):
    assert found(text) == []


# --------------------------------------------------------------------------- document numbers


def test_id_is_a_category():
    assert "id" in CATEGORIES


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("His passport number was 12AB34567.", "12AB34567"),
        ("Passport P1234567 was taken.", "P1234567"),
        ("passport number 123456789", "123456789"),
        ("carte d'identité n° 0912345", "0912345"),
        ("رقم جواز السفر 1234567", "1234567"),
    ],
)
def test_finds_document_numbers(text, number):
    assert ("id", number) in found(text)


@pytest.mark.parametrize(
    "text", ["COVID19 came in 2020.", "He had 12 passports in 2015.", "an AK47 and a mo3askar"]
)
def test_short_codes_years_and_arabizi_are_no_document_numbers(text):
    assert [c for c, _ in found(text) if c == "id"] == []


# --------------------------------------------------------------------------- e-mail written out


@pytest.mark.parametrize(
    ("written", "address"),
    [
        ("qorvmail at protonmail dot com", "qorvmail@protonmail.com"),
        ("x [at] y [dot] fr", "x@y.fr"),
        ("x (at) y.com", "x@y.com"),
        ("x @ y point fr", "x@y.fr"),
        ("x arobase y point com", "x@y.com"),
        ("abu at gmail dot co dot uk", "abu@gmail.co.uk"),
    ],
)
def test_an_email_written_out_in_words_is_an_email(written, address):
    assert found(f"Write to {written} for the rest.") == [("email", written)]
    assert deobfuscate_email(written) == address


def test_at_between_ordinary_words_is_no_email():
    assert found("We met at home and ate at noon.") == []


def test_a_known_address_matches_when_written_out_in_words():
    scanner = LeakScanner([KnownIdentifier("qorvmail@protonmail.com", "contact")])
    assert [f.text for f in scanner.scan_known("mail qorvmail (at) protonmail.com")] == [
        "qorvmail (at) protonmail.com"
    ]


# --------------------------------------------------------------------------- dates as a whole


@pytest.mark.parametrize(
    "written",
    [
        "14/03/1991",
        "14.03.1991",
        "1991-03-14",
        "14 March 1991",
        "March 14, 1991",
        "14 mars 1991",
        "14. März 1991",
        "١٤ مارس ١٩٩١",
    ],
)
def test_a_full_date_reads_the_same_day_in_every_format(written):
    assert ("g", 1991, 3, 14) in date_readings(written)


def test_a_date_without_day_or_year_reads_no_day():
    assert date_readings("14 March") == frozenset()
    assert date_readings("March 1991") == frozenset()


@pytest.mark.parametrize(
    "other_form", ["14 March 1991", "1991-03-14", "14.03.1991", "14 mars 1991"]
)
def test_a_vault_date_matches_in_any_format_but_never_by_its_parts(other_form):
    scanner = LeakScanner([KnownIdentifier("14/03/1991", "date")])
    assert [f.text for f in scanner.scan_known(f"Born {other_form} there.")] == [other_form]
    assert scanner.scan_known("In 1991, on 14 March 1992, in March.") == []


# --------------------------------------------------------------------------- derivation


def test_free_text_derivation_keeps_the_new_kinds():
    derived = derive_identifiers(
        [
            "We slept in the Qorvandel guest house. Born 14/03/1991, 24 years old.",
            "Write to qorvmail at protonmail dot com. Passport 12AB34567.",
            "Only through his lawyer, Maitre Vrendolak. أخي اسمه سليم القرقوري.",
        ]
    )
    assert DERIVATION_VERSION >= 2
    assert derived["identifiers"] == [
        ["organisation", "Qorvandel guest house"],
        ["date", "14/03/1991"],
        ["email", "qorvmail@protonmail.com"],
        ["id", "12AB34567"],
        ["person", "Vrendolak"],
        ["person", "سليم القرقوري"],
    ]


def test_derived_values_match_later_texts_but_their_head_words_and_years_do_not():
    derived = derive_identifiers(
        ["The Qorvandel guest house. Born 14/03/1991. Mail qorvmail at protonmail dot com."]
    )
    scanner = LeakScanner([KnownIdentifier(v, c) for c, v in derived["identifiers"]])
    hits = scanner.scan_known("Qorvandel; qorvmail; 14 March 1991.")
    assert [f.text for f in hits] == ["Qorvandel", "qorvmail", "14 March 1991"]
    assert scanner.scan_known("A guest house in 1991, in March; mail at protonmail.") == []


def test_a_partial_date_in_free_text_is_not_derived():
    derived = derive_identifiers(["We left on 14 March and came back in 2016."])
    assert derived["identifiers"] == []


@pytest.mark.parametrize(
    "text",
    [
        "He watched videos of Osama bin Laden on YouTube.",
        "Abu Bakr al-Baghdadi gave the sermon in Mosul.",
        "كان أبو بكر البغدادي يخطب في الموصل",
    ],
)
def test_public_figure_is_not_a_finding(text):
    assert scan_text(text) == []


def test_public_figure_that_is_a_vault_value_is_still_found():
    findings = scan_text("He spoke of Osama bin Laden.", known=["Osama bin Laden"])
    assert [f.text for f in findings] == ["Osama bin Laden"]


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("المتهم خالد البالغ من العمر ثلاثة وعشرين عاماً", "ثلاثة وعشرين عاماً"),
        ("كان عمري ستة عشر سنة", "ستة عشر سنة"),
        ("Aylin wird morgen zwanzig.", "zwanzig"),
    ],
)
def test_spelled_out_ages_are_found(text, age):
    start = text.index(age)
    assert any(f.start <= start and start + len(age) <= f.end for f in scan_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "If a boy was 16 he could be sent to the camps.",
        "Il est parti à l'âge de vingt ans environ.",
    ],
)
def test_hypothetical_and_approximate_ages_are_not_findings(text):
    assert [f for f in scan_text(text) if f.category == "age"] == []
