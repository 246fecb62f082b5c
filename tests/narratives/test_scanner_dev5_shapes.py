# (Arabic script in test data is intended.)
"""Shapes a fifth blind set showed: chat speakers with a digit letter or a dot, the one a
greeting names, bilingual forms with a slash, Arabic surname fields, a big city's district, and
the words that are no names or ages there (pure Python, no Django)."""

import pytest

from tests.narratives.scanner_helpers import pairs


def found(text):
    return [(t, c) for c, t in pairs(text)]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("[10:01] 5alid.k: wen enta?\n[10:02] 3ali: hon", "5alid.k"),
        ("[10:01] 5alid.k: wen enta?\n[10:02] 3ali: hon", "3ali"),
        ("[09:12] nadir: kifak tofi? 😂", "tofi"),
        ("salam yousra, ana f dar", "yousra"),
        ("[20:01] selin: abi baran nerdesin?", "baran"),
        ("Nom / الاسم: BENTALEB / بن طالب Prénom / الاسم الشخصي: Karima / كريمة", "كريمة"),
        ("الاسم: هدى الشهرة: الجنابي العمر: ٣٠", "الجنابي"),
        ("Die Familie wohnte in Köln-Chorweiler, sagt sie.", "Köln-Chorweiler"),
        ("They were last seen in Bağcılar, Istanbul, in 2019.", "Bağcılar"),
    ],
)
def test_shapes_of_the_fifth_set(text, span):
    assert any(span in hit for hit, _ in found(text))


@pytest.mark.parametrize(
    "text",
    [
        "salam alaykoum, labas?",
        "abi nasılsın?",
        "[08:16] 7aydar: zain 7abibi",
        "Beim Beschuldigten wurde ein Notizbuch sichergestellt.",
        "الولاية كانت تسمى ولاية الخير.",
        "وداعاً يا حبيبي",
        "We lived in Homs, Syria, before the war.",
        "Die Emire kamen aus Saudi-Arabien.",
    ],
)
def test_greetings_answers_articles_and_provinces_are_nothing(text):
    assert [f for f in found(text) if f[0] not in ("7aydar",)] == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Note: meet Thurs 14/4 after prayers", "Thurs 14/4"),
        ("Je suis née le 3 rabia al-awwal 1420, dit-elle.", "3 rabia al-awwal 1420"),
        ("et2abad 3aleih yom 9 mayo 2016", "9 mayo 2016"),
        ("كانوا ينادوني زوزو بالمدرسة", "زوزو"),
        ("قول لـريماس إنو الدوام بكرا", "ريماس"),
        ("el sayda Nawal, 3omrha tlatha w 3echrin sna", "tlatha w 3echrin"),
        ("kan 3ndo ghir wa7d w 3echrin 3am", "wa7d w 3echrin"),
        ("3omro tnashar sana bas", "tnashar"),
    ],
)
def test_more_dates_ages_and_arabic_cues_of_the_fifth_set(text, span):
    assert any(span in hit for hit, _ in found(text))


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Attendu que la mineure K. Haddouchi, âgée de seize ans", "K. Haddouchi"),
        ("المستفيدة م. الخطيب، مواليد ١٩٩٩", "م. الخطيب"),
        ("Sie war auf der Anne-Frank-Gesamtschule in Gelsenkirchen.", "Anne-Frank-Gesamtschule"),
        (
            "Aufnahmebogen Diakonie-Beratungsstelle Hamm Vorname/Name: X",
            "Diakonie-Beratungsstelle Hamm",
        ),
        ("Il était suivi par la Fondation Nouvel Élan depuis 2019.", "Fondation Nouvel"),
        ("كان يدرس في ثانوية ابن رشد قرب السوق", "ثانوية ابن رشد"),
        ("[14:06] wissem: nesrine t9olek sba7 el khir", "nesrine"),
        ("3ndek ra9m khalid? kan", "khalid"),
        ("Children: boy (٦), girl (٣).", "٦"),
        ("kan yeshta3'al fe saydaleyet el amal", "saydaleyet el amal"),
    ],
)
def test_initials_compounds_and_chat_of_the_fifth_set(text, span):
    assert any(span in hit for hit, _ in found(text))


def test_a_form_label_ends_an_organisation():
    hits = found("Formulaire — Fondation Horizon Retour Nom d'usage : Chérifi")
    assert ("Fondation Horizon Retour", "organisation") in hits


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("sa7bi mn l7oma f Tazarine. kan", "Tazarine"),
        ("He worked at a shop in al-Mushayrifa before 2014.", "al-Mushayrifa"),
        ("Ils vivaient rue n° 7, avant leur départ.", "rue n° 7"),
        ("12 chaussée de Mons, Anderlecht", "12 chaussée de Mons"),
        ("مفقود: الشاب وسيم، العمر ١٩ سنة، من سكان الحي", "١٩"),
        ("وكان عمره عند القبض عليه ٣١ سنة.", "٣١"),
    ],
)
def test_places_and_ages_from_their_preposition_or_label(text, span):
    assert any(span in hit for hit, _ in found(text))


@pytest.mark.parametrize(
    "text",
    [
        "b9ina tmma 3 snin f Tourkia, f Istanbul",
        "rani f Paris daba",
        "he came back from al-Britani",
    ],
)
def test_a_country_a_city_or_a_nisba_after_the_preposition_is_no_place(text):
    assert [f for f in found(text) if f[1] == "place"] == []
