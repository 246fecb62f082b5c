# (Arabic script inside Latin text in test data is intended.)
"""A name written in Arabic script inside Latin text, and the Arabic words, phrases, feasts,
institutions and formulas such text quotes that are no names (pure Python, no Django)."""

import pytest

from tests.narratives.scanner_helpers import found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Emre war bei uns. Sein Vater hieß شكري, aus einem Dorf.", "شكري"),
        ("A Kurdish family lived there. His mother, خجي, never left the house.", "خجي"),
        ("On l'appelait Zouzou, mais sa vraie identité c'était زهرة بن يحيى.", "زهرة بن يحيى"),
        ("Mein Vater hatte im Viertel السبيل eine Werkstatt.", "السبيل"),
    ],
)
def test_a_name_in_its_own_script(text, name):
    assert name in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mein Onkel sagt immer: الصبر مفتاح الفرج. Wir sind 2015 nach Syrien.",
        "Telegram, Instagram, كلو نفس الشي. We were there during Ramadan رمضان.",
        "The Diwan al-Hisba, الحسبة, she said, was the worst.",
        "On WhatsApp mon oncle écrit en arabe, عمي بيكتب بالعربي. Everyone is fine, الحمد لله.",
        "Raqqa, الرقة, Rakka: on l'écrit comme on veut. Daesh, داعش, ISIS.",
    ],
)
def test_arabic_words_in_latin_text_are_no_names(text):
    assert found(text) == []
