# (Arabic script in test data is intended.)
"""The name a chat message opens with, before what it puts to that person, and the Arabic
"where is X?" (pure Python, no Django)."""

import pytest

from tests.narratives.scanner_helpers import persons


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("kenzou t'es où ?? on t'attend devant le lycée", "kenzou"),
        ("lol brix u coming tonight or what", "brix"),
        ("[08:12] Mum: Ksenia wann bist du zu hause", "Ksenia"),
        ("zouzou fin nti? mama katsowl 3lik", "zouzou"),
        ("دودي وينك من الصبح؟", "دودي"),
        ("مرحبا رغد، شو أخبارك؟", "رغد"),
        ("هلا جوري 🌷 وينك", "جوري"),
        ("وين صارت ميرنا؟ ما بترد", "ميرنا"),
        ("7amoudeh shu 3amel?", "7amoudeh"),
        # the person spoken of, as the subject of the message
        ("lol ketura said she saw u", "ketura"),
        ("Maelle est partie hier soir", "Maelle"),
        ("Jolina ist schon 16??", "Jolina"),
        ("lulu 3omra 12 bas", "lulu"),
        ("dodo 5ouya wen enta", "dodo"),
        ("Soukaina يا بنت وينك", "Soukaina"),
        ("[23:59] zee: maysa from the pharmacy obviously", "maysa"),
        ("[19:20] ahmed: mido 3ayez yekalmak", "mido"),
    ],
)
def test_the_name_a_message_opens_with_before_a_word_to_that_person(text, name):
    assert any(name in hit for hit in persons(text))


@pytest.mark.parametrize(
    "text",
    [
        "babe where r u",
        "ok tu viens ou pas ?",
        "lol u there?",
        "wallah wenak",
        "حبيبي وينك؟",
        "يلا وين صرتو؟",
        "اوكي شو بدك؟",
        "Mama wann kommst du?",
        "bro where are you",
        "وين البيت؟",
        "chérie tu viens ?",
        "tomorrow u free?",
        "lol he said no",
        "ok so she texted me",
        "Mama ist sauer",
        "lol from now on no phones",
    ],
)
def test_words_people_are_called_by_open_a_message_without_a_name(text):
    assert persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("الأبناء: جود (٩)، كنان (٤)", "جود"),
        ("الأبناء: جود (٩)، كنان (٤)", "كنان"),
        ("قالت: اسمي آلاء وأنا من الريف", "آلاء"),
    ],
)
def test_arabic_names_before_an_age_in_brackets_and_after_my_name_is(text, name):
    assert any(name in hit for hit in persons(text))


def test_a_real_name_adjective_after_my_name_is_no_name():
    assert persons("اسمي الحقيقي لا يهم") == []
