# (Arabic in Latin letters in test data is intended.)
"""What the annotation rule calls never identifying, in the shapes clean testimony gives it:
armed groups whose names read like a person's, public figures the press made famous, German
nouns by their ending and occupations after a kin word, chat words with digit letters, and a
child's age said of children in general (pure Python, no Django)."""

import pytest

from tests.narratives.scanner_helpers import pairs as found


@pytest.mark.parametrize(
    "text",
    [
        "Armed groups, including the Islamic State and Hayat Tahrir al-Sham, were named.",
        "Jaish al-Fatah took the town before the others came.",
        "Someone mentioned a journalist, Christiane Amanpour, on TV.",
        "I'd heard of Jihadi John on the news, long before.",
        "Everyone in the camp knew the story of Shamima Begum.",
        "Mein Vater ist Ingenieur, meine Mutter Krankenschwester.",
        "Meine Schwester Übersetzerin, mein Bruder Lehrer.",
        "wallah l'7ayat f Raqqa kant s3iba, w wlidati kanu s8ar, b9ina chi 3amayn.",
        "A ten-year-old can't choose a side, one official said.",
        "No 12-year-old should carry a gun.",
    ],
)
def test_clean_text_has_no_finding(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        # a name after a kin word still is one; an age of someone close still is one
        ("Meine Mutter Katharina blieb in Dinslaken.", "Katharina"),
        ("My son, a ten-year-old, was taken at the checkpoint.", "ten-year-old"),
        ("Then a 14-year-old can not refuse, he said. My 14-year-old cried.", "14-year-old"),
        ("Our neighbour had a 12-year-old who could shoot.", "12-year-old"),
        ("Abu Yahya al-Shishani led the brigade in our street.", "Abu Yahya al-Shishani"),
    ],
)
def test_identifying_details_next_to_those_rules_are_still_found(text, span):
    assert span in [t for _, t in found(text)]


@pytest.mark.parametrize(
    "text",
    [
        # state institutions named as such (data/public_institutions.txt)
        "The case went to the Crown Court after the Crown Prosecution Service reviewed it.",
        "Der Generalbundesanwalt erhob Anklage vor dem Oberlandesgericht.",
        # historical figures (data/public_figures.txt)
        "Our teacher told us about Harun al-Rashid and the golden age of Baghdad.",
        "كان الخطيب يتحدث عن صلاح الدين الأيوبي وعن تحرير القدس.",
    ],
)
def test_institutions_and_historical_figures_are_no_finding(text):
    assert found(text) == []


def test_a_name_beside_an_institution_is_still_found():
    text = "Tarek Bouzidane was tried at the Crown Court on 3 May 2019."
    assert ("person", "Tarek Bouzidane") in found(text)


@pytest.mark.parametrize(
    "text",
    [
        # the battles of the Prophet's time and the Mahdi, in a sentence of teaching
        "The recruiters loved the stories of Badr and Uhud, and of the Mahdi who would come.",
        "The imam told the story of Badr, and of Uhud where the archers left the hill.",
    ],
)
def test_battles_and_figures_of_teaching_are_no_finding(text):
    assert found(text) == []


def test_a_man_named_badr_outside_teaching_is_still_found():
    text = "My cousin Badr Khalfaoui drove us to the border on 4 June 2015."
    assert ("person", "Badr Khalfaoui") in found(text)
