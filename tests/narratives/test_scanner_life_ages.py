"""Exact ages found from their context: life events, birthdays, memorials, answers to an age
question, slang and field forms in every language; times, bands, approximations and places
beside them are not ages; countries in any language, demonyms, rivers and camps are not places
(pure Python, no Django)."""

import pytest

from narratives.anonymize import scan_text
from tests.narratives.scanner_helpers import found


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("The witness, Mr Dowell, was seventeen at the time of the raid.", "seventeen"),
        ("She started at the bakery at fifteen and stayed.", "fifteen"),
        ("He converted to Islam at nineteen, in prison.", "nineteen"),
        ("I stayed in that school until fifteen, then worked.", "fifteen"),
        ("rest easy bro, forever 19 💔", "19"),
        ("٢٢ years only, may God have mercy on him", "٢٢"),
        ("19 and already a mother of two", "19"),
        ("happy birthday Leila!! 🎂 23 today and still the best", "23"),
        ("alles gute zum geburtstag Timo, endlich 18 🥳", "18"),
        ("عيد ميلاد سعيد يا نادين، خمسة وعشرين سنة", "خمسة وعشرين سنة"),
        ("Q: Age when you were arrested? A: Nineteen.", "Nineteen"),
        ("كم عمرك؟ ١٩", "١٩"),
        ("ch7al 3mrek? 22 w nta", "22"),
        ("Er sei damals neunzehn gewesen, sagte die Zeugin.", "neunzehn"),
        ("il a 16 piges et il conduit déjà", "16 piges"),
        ("Karim 12 ans, disparu depuis mardi", "12 ans"),
        ("الطفلة سلمى (٧ سنوات) مفقودة", "٧ سنوات"),
        ("العمر: تسع سنوات", "تسع"),
        ("وصلني أن ابنك بلغ العاشرة هذا الشهر", "العاشرة"),
        ("wallah 3ndha 16 sana w bghat tzewej", "16"),
        ("sie hat nächste Woche ihren 60. und wir feiern", "60"),
        ("كان عمري يومها اثنتين وعشرين سنة", "اثنتين وعشرين"),
    ],
)
def test_age_from_context(text, age):
    ages = found(text, "age")
    assert any(age in a or a in age for a in ages), ages


@pytest.mark.parametrize(
    "text",
    [
        "We started walking at five in the morning.",
        "My sister was about ten then.",
        "Tatverdächtiger: männlich, ca. 20–25 Jahre alt.",
        "Ihre Kinder waren unter sechs Jahre alt.",
        "لو كنت في الثامنة عشرة لأخذوني إلى السجن.",
        "si l7aj kan 3ndo 3 7wanat f derb.",
        "happy birthday party at 7 pm, 12 guests",
    ],
)
def test_not_an_age_in_context(text):
    assert found(text, "age") == []


def test_a_time_beside_an_age_is_not_an_age():
    text = "I was thirteen when I started getting up at four to help him."
    assert found(text, "age") == ["thirteen"]


@pytest.mark.parametrize(
    "text",
    [
        "Elles venaient de Belgique, du Maroc et de Trinité-et-Tobago.",
        "Es kamen Frauen aus Bosnien und Herzegowina und aus den Niederlanden.",
        "Ils venaient de Bosnie-Herzégovine et des Émirats arabes unis.",
        "Five of us shared the flat: two Brits, a Swede, a Moroccan and me.",
        "Mon mari était Tunisien, son frère Libyen.",
        "Au camp de Roj, les femmes faisaient la queue.",
        "قالت الأمم المتحدة إن آلاف الأطفال ما زالوا في مخيم الهول.",
        "Le Tigre était en crue au printemps.",
    ],
)
def test_countries_demonyms_rivers_camps_are_not_identifying(text):
    assert [f.category for f in scan_text(text)] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("she's stuck at Harlow & Penn Solicitors till 8 again", "Harlow & Penn Solicitors"),
        ("Dad drove a bus for Severn Vale Coaches in those years.", "Severn Vale Coaches"),
        ("kommst du morgen zur Fahrschule Albrecht?", "Fahrschule Albrecht"),
        ("Il s'entraînait au club Étoile Sportive, le soir.", "Étoile Sportive"),
        ("كان يعمل في مزرعة الحاج فوزي قرب القرية", "مزرعة الحاج فوزي"),
        ("تعال على قهوة النخيل بعد العصر", "قهوة النخيل"),
    ],
)
def test_organisation_heads(text, name):
    orgs = found(text, "organisation")
    assert any(name in o or o in name for o in orgs), orgs


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Q: Where did you grow up? A: In Gaal Kacyo, near the border.", "Gaal Kacyo"),
        ("F: Wo haben Sie gewohnt? A: In Deh Sabz, bei Kabul.", "Deh Sabz"),
        ("س: أين كنتم تسكنون؟ ج: في الكسرة، ثم انتقلنا", "الكسرة"),
        ("Everyone knew him in Zaweet Hamra, the small village by the dam.", "Zaweet Hamra"),
        ("elle habite Bellefontaine depuis deux ans", "Bellefontaine"),
        ("وصلتنا رسالتك من القطاع الرابع أمس", "القطاع الرابع"),
    ],
)
def test_places_from_context(text, place):
    places = found(text, "place")
    assert any(place in p or p in place for p in places), places


@pytest.mark.parametrize(
    "text",
    [
        "Q: Where did you go then? A: To Turkey, like everyone.",
        "Where were you? At home, with my mother.",
        "She lives in Germany now, with her sister.",
    ],
)
def test_where_answers_that_are_not_places(text):
    assert found(text, "place") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("وصلتني رسالة من زوجته سهام أمس", "سهام"),
        ("أخي الصغير معتز كان في الصف الخامس", "معتز"),
        ("يا رزان وينك من زمان", "رزان"),
        ("[03/05/21, 22:17] Nawel: wlh j'sais pas", "Nawel"),
        ("[١٠‏/٣‏/٢٠٢٢، ٩:١٧ م] شيماء: وصلت؟", "شيماء"),
    ],
)
def test_names_after_arabic_cues_and_chat_stamps(text, name):
    people = found(text, "person")
    assert any(name in p or p in name for p in people), people


def test_vocative_before_an_ordinary_word_is_no_name():
    assert found("يا جماعة مين بيعرف الطريق؟", "person") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("FICHE Nom : BOUZIANE    Prénom : Leïla", "BOUZIANE"),
        ("Zeugnis – Name: Yıldız, Derya   Klasse: 8c", "Yıldız"),
        ("Q: Your name? A: Guled Hassan Warsame. Q: Phone?", "Guled Hassan Warsame"),
        ("Élève : TRAORÉ Awa, 15 ans", "TRAORÉ Awa"),
    ],
)
def test_names_in_fields_and_answers(text, name):
    people = found(text, "person")
    assert any(name in p or p in name for p in people), people


def test_an_unknown_suspect_is_no_name():
    assert found("Suspect: Unknown male, about 30.", "person") == []
