"""Names a text mentions without saying them of anyone: the Hijri months in Latin letters, the
figures of religious teaching where a sentence speaks of the Prophet, a hadith, a sura or a
story, and heads of state by their surname. The same names said of people stay names
(pure Python, no Django)."""

import pytest

from tests.narratives.scanner_helpers import found as hits

NAMES = ("person", "kunya", "place", "nisba")


@pytest.mark.parametrize(
    "text",
    [
        "In Jumada al-Akhira 1437 the bread ran out twice.",
        "Au mois de Chaabane 1439, l'électricité ne venait plus que deux heures.",
        "Im Schawwal 1435 rief die Gruppe ihr Kalifat aus.",
        "f Rabi3 el Awwal 1440 kan kolchi ghali bzaf.",
        "We left in Dhul Hijjah 1438, after the Eid.",
    ],
)
def test_a_hijri_month_is_no_name(text):
    assert hits(text, *NAMES) == []


@pytest.mark.parametrize(
    "text",
    [
        "The teacher told us the story of Yusuf and his brothers again.",
        "روى أنس بن مالك حديثاً عن الصبر، وذكرت المعلمة قصة أيوب.",
        "En cours, on lisait la sourate Maryam, puis l'histoire de Musa et du Pharaon.",
        "حدثتنا الأخت في الدرس عن أم سلمة وأبي ذر الغفاري.",
        "Frau Merkel und Herr Seehofer stritten über die Rückkehrer.",
    ],
)
def test_figures_of_teaching_and_heads_of_state_are_no_names(text):
    assert hits(text, *NAMES) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("My brother Yusuf read the Quran to us every night.", "Yusuf"),
        ("اسمي فاطمة الزهراء بن عيسى، وكنت أدرّس القرآن للبنات.", "فاطمة الزهراء"),
        ("bro عمر just posted a story from the camp", "عمر"),
    ],
)
def test_the_same_names_said_of_people_stay_names(text, name):
    assert any(name in h for h in hits(text, *NAMES))


@pytest.mark.parametrize(
    "text",
    [
        "Musa and the sea, Yunus in the whale: the stories every child knew.",
        "On parlait de Khadija, de Aïcha, de Fatima et de Hafsa.",
        "Es geht um Personen, nicht um Wörter.",
    ],
)
def test_prophets_in_stories_a_list_of_the_household_and_german_um(text):
    assert hits(text, *NAMES) == []


def test_three_names_of_one_s_own_family_stay_names():
    text = "Mes sœurs Khadija, Aïcha et Fatima sont restées à Lunel."
    found = hits(text, "person")
    assert all(any(name in h for h in found) for name in ("Khadija", "Fatima")), found
