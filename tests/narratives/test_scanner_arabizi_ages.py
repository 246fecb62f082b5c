"""Arabizi ages spelled out (tlata w 3eshreen, tes3a, tmanta3sh) and colloquial Arabic teens."""

import pytest

from narratives.anonymize import scan_text
from tests.narratives.scanner_helpers import ages


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("nono 3omra tlata w 3eshreen w ba3da", "tlata w 3eshreen"),
        ("kan 3omro tes3a lamma tla3na", "tes3a"),
        ("w 3ndek 21 3am daba", "21"),
        ("ana kint tmanta3sh sene", "tmanta3sh"),
    ],
)
def test_arabizi_spelled_ages(text, age):
    assert age in ages(text)


def test_colloquial_arabic_teen_after_omr():
    assert ages("عمري خمسطعش سنة") == ["عمري خمسطعش سنة"]


def test_arabizi_counts_without_an_age_cue_are_no_ages():
    assert ages("jibna tlata kilo w khamsa") == []


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("3mri 19 sna w ana hna", "19"),
        ("khrejt mn dar fi sinn 16", "16"),
        ("تزوجت في سن الثامنة عشرة", "الثامنة عشرة"),
    ],
)
def test_more_spellings_of_my_age_and_at_the_age_of(text, age):
    assert any(age in hit or hit in age for hit in ages(text))


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("me (17) and my sis (15) went", "17"),
        ("jsuis 17 ans et alors", "17 ans"),
        ("ana 3andi 16 sna", "16"),
        ("انا ١٧ سنة وبدي روح", "١٧"),
        ("a girl aged just 15", "15"),
    ],
)
def test_chat_ages_of_the_speaker(text, age):
    assert any(age in hit for hit in ages(text))


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("f 3omri tlata3ch 3am bdit nchouf les vidéos", "tlata3ch"),
        ("rah Nassim 3mro wa7ed w 3echrin daba", "wa7ed w 3echrin"),
        ("S: w zawjek? J: Redouane. 3ando 3echrin w tmenya.", "3echrin w tmenya"),
        ("kan 3andi wa7d w3chrin 3am.", "wa7d w3chrin"),
        ("Noora: shgad 3umrich hessa? Zeinab Kazim: 3ishreen.", "3ishreen"),
        ("tzawajit 6mista3ash 😞 zawji chan bi katiba", "6mista3ash"),
        ("wlh Belkacem mazal 17 3am w dawh m3ahom", "17"),
        ("mli wsselt 16, tzawjt b wa7ed ma3rfouch", "16"),
    ],
)
def test_arabizi_teens_compounds_and_cues(text, age):
    assert age in [f.text for f in scan_text(text) if f.category == "age"]


def test_marrying_someone_is_no_age():
    assert [
        f.text for f in scan_text("mli wsselt 16, tzawjt b wa7ed ma3rfouch") if f.category == "age"
    ] == ["16"]


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("abou Ilyass, men katibat el 9asimiya. daba 3andi 23 ans w 2 wlad.", "23"),
        ("Souâd: Ilyas 3ando 3 snin w Maryam 9 chhour", "9 chhour"),
        ("Ana: jlassi?? ch7al 3mrou taw Dali: tletha w 3echrine. mchè", "tletha w 3echrine"),
        ("J: 5amsta3ch. 3omri 15 w hwa 30. kan f katibat", "30"),
        ("mskn il avait quoi 18 ans quand il est parti", "18 ans"),
        ("ism: Kh@led Bouzidi 3omr: 24 blasa: Hay Nasr", "24"),
        ("المشتبه به: الحسن، سامر، العمر ٢٩، يعمل لدى شركة", "٢٩"),
        ("وأن زوجته رحاب لم تتجاوز الخامسة عشرة.", "الخامسة عشرة"),
        ("my son Tamer was eleven – أحد عشر عاماً – when he was taken", "أحد عشر عاماً"),
        ("daba 3ando 24", "24"),
    ],
)
def test_more_arabizi_and_record_ages(text, age):
    assert age in [f.text for f in scan_text(text) if f.category == "age"]


def test_after_two_months_is_no_second_age():
    assert [
        f.text for f in scan_text("3ando 3 snin w ba3d 2 chhour mcha") if f.category == "age"
    ] == ["3ando 3 snin"]


@pytest.mark.parametrize(
    ("text", "kind", "span"),
    [
        ("7assan: khoya 3li rah f Hay Zitoun", "person", "3li"),
        ("kont sakna f derb el 7ajjam f Sidi Moumen.", "place", "derb el 7ajjam"),
        ("ga3 cité 200 logements tbki 3lik.", "place", "cité 200 logements"),
        ("dakhel l'katiba ta3 Nusur al-Atlas", "unit", "katiba ta3 Nusur al-Atlas"),
        ("dass er in der einheit nusur al-jazira ist", "unit", "einheit nusur al-jazira"),
        ("صاحب محل الصالح للألبسة في سوق الهال، وأفاد", "place", "سوق الهال"),
    ],
)
def test_arabizi_names_streets_estates_units_and_markets(text, kind, span):
    assert (kind, span) in [(f.category, f.text) for f in scan_text(text)]


def test_a_chat_verb_after_a_kinship_cue_is_no_name():
    text = "Karim, a khoya, rah kayn chi nas karimin bzaf."
    assert "rah" not in [f.text for f in scan_text(text)]
