"""Names chat writes in lower case, after a person word, a preposition, a kin or friend word in
English, French, German and arabizi ("me n kayla", "khalti fatima", "rani m3a zakaria"), and the
same cue words before no name (pure Python, no Django)."""

import pytest

from narratives.anonymize import LeakScanner
from tests.narratives.scanner_helpers import found


def persons(text):
    return found(text, "person", "kunya")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("me n kayla went to the mall after school", "kayla"),
        ("tell jamal i said hi", "jamal"),
        ("shoutout to my boy deshawn for the lift", "deshawn"),
        ("went with my cousin rayan to the match", "rayan"),
        ("ana w sa7bti hiba mchina l souk", "hiba"),
        ("ma copine inès m'a dit de venir", "inès"),
        ("mein Kumpel jannik hat das auch gesagt", "jannik"),
        ("khalti fatima jat lbare7", "fatima"),
        ("lol yusuf is such a clown", "yusuf"),
        ("omg did you hear what happened to bilal", "bilal"),
        ("i was with reem all day", "reem"),
        ("big up hamza for the help", "hamza"),
        ("wesh ilyes t'es où", "ilyes"),
        ("c'est la soeur de yanis qui m'a dit", "yanis"),
        ("ich bin bei lukas heute", "lukas"),
        ("hab grad mit aylin telefoniert", "aylin"),
        ("3ayt l mehdi w ma jawbnich", "mehdi"),
        ("chft brahim f l9ahwa", "brahim"),
        ("rani m3a zakaria daba", "zakaria"),
        ("shoft nour embare7", "nour"),
        ("kalimt ahmad el sob7", "ahmad"),
        ("tell leila to call me back", "leila"),
        ("happy bday sami 🎂", "sami"),
        ("my little bro kai turned 12", "kai"),
        ("Aisha and me are going", "Aisha"),
        ("we met kofi at the station", "kofi"),
        ("my bestie chloe is moving away", "chloe"),
        ("talked to my brother omar yesterday", "omar"),
        ("ana m3a 5ayye 3abdallah", "3abdallah"),
        ("rou7 3and abou walid", "abou walid"),
        ("sara qalet li ma tji4", "sara"),
        ("hadi ukhti meryem", "meryem"),
        ("ce con de kevin a encore oublié", "kevin"),
        ("ma3 zmili youssef f lkhedma", "youssef"),
        ("la mère à sofiane est venue", "sofiane"),
    ],
)
def test_a_lower_case_name_after_a_chat_cue(text, name):
    assert any(name in hit for hit in persons(text))


@pytest.mark.parametrize(
    "text",
    [
        "me n my mum went shopping",
        "tell him i said hi",
        "went with the boys to the match",
        "ask ur mum if she's coming",
        "i was with them all day",
        "met some guy at the station lol",
        "de rien frère",
        "c'est la soeur de mon pote",
        "je suis chez moi ce soir",
        "ich bin mit meiner mutter unterwegs",
        "3ayt l mama w ma jawbatnich",
        "rani m3a sa7bi daba",
        "shoft l film embare7",
        "hab grad mit ihr telefoniert",
        "we met up at the park after school",
        "tell me when ur home",
        "ask the teacher about it",
        "text me when u get there",
        "big up everyone who came",
        "happy bday bro 🎂",
        "rip my phone battery",
        "khalti jat lbare7 w 9alet li salam",
        "my cousin is coming tmrw",
        "my bestie is moving away",
        "qalet li ma tji4",
        "he said n she said",
        "sag mal bescheid",
        "with love from all of us",
        "avec plaisir les gars",
        "mit freundlichen grüßen",
        "m3a l3a2ila kamla",
        "l dar kanet khawya",
        "de temps en temps je passe",
        "met the new neighbours yesterday",
        "shoutout to the whole team",
        "talked to the boss about it",
    ],
)
def test_the_same_cues_before_ordinary_words_find_nothing(text):
    assert LeakScanner().scan(text) == []
