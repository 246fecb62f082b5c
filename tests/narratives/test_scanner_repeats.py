"""A name found once is found everywhere in the text, and in a text that carries identifiers
every word written as a name is read as one (narratives/anonymize/repeats.py; pure Python)."""

import pytest

from narratives.anonymize import LeakScanner
from tests.narratives.scanner_helpers import found


def _found(text: str) -> set[str]:
    return set(found(text))


def _covers(text: str, word: str) -> bool:
    at = text.index(word)
    return any(f.start <= at and at + len(word) <= f.end for f in LeakScanner().scan(text))


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # the surname again, one letter off, as a witness corrects herself
        ("Q: His name? A: Tarek Bouzidane. Or Bouzidani, I never saw it written.", "Bouzidani"),
        ("She called herself Nadia Kessler. Kesler. Something like that.", "Kesler"),
        # the given name alone, earlier than the full name, written in lower case
        (
            "[19:31] sam: yasmeen ça va ? [19:32] inès: non, c est Yasmeen Haddouchi, la cousine",
            "yasmeen",
        ),
        # the name a chat line opens with, and the same name inside another line
        ("[12:00] sirwan: ka dilshad lekwe?\n[12:01] dilshad: la bazar", "dilshad"),
        # a street's own name again, in lower case, without its street word
        (
            "[10:02] yas: the flat on Holloway Rd or the new one?\n[10:03] zee: holloway.",
            "holloway",
        ),
        # a name part of an address, and the name alone later
        ("Write to me at kerstin.walde@post.example. Kerstin is fine.", "Kerstin"),
    ],
)
def test_a_name_found_once_is_found_again(text, word):
    assert _covers(text, word), _found(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # a phone number makes it testimony: the capitalised word no list knows is a name
        ("Call Quillon on 07700 900418, he knows the way.", "Quillon"),
        ("She met Ysolde at the market on 12 March 2016.", "Ysolde"),
        ("Envoie un mail à jb.fort@mail.example, demande Ortanze.", "Ortanze"),
        # a sentence's first word, when a person's verb follows it
        ("Reply to me at m.hollis@post.example. Corvin is well, he started school.", "Corvin"),
        # a given name in lower case, as chat writes it
        ("[21:10] k: rebecca has his number, +44 7700 900512", "rebecca"),
    ],
)
def test_in_testimony_a_word_written_as_a_name_is_a_name(text, word):
    assert _covers(text, word), _found(text)


@pytest.mark.parametrize(
    "text",
    [
        # no identifier anywhere: the stricter detectors' reading stands
        "We called the boat Ysmerel, after a song we liked.",
        "The word Ysolde meant nothing to us then.",
    ],
)
def test_without_identifiers_an_unknown_capitalised_word_is_left(text):
    assert LeakScanner().scan(text) == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # German nouns by their shape, a form's labels, months, countries and known places
        ("Die Vernehmung fand am 03.04.2019 statt, die Erinnerung war schwach.", "Erinnerung"),
        ("Anschrift: unbekannt. Telefon +49 151 00000000.", "Anschrift"),
        ("Er kam im Mai zurück, am 04.05.2017 meldete er sich.", "Mai"),
        ("She reached the United Kingdom on 3 May 2012.", "Kingdom"),
        ("We drove to Deir ez-Zor on 9 June 2015.", "Deir"),
    ],
)
def test_in_testimony_ordinary_capitalised_words_are_left(text, word):
    assert not _covers(text, word), _found(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("[23:50] dina: ok\n[23:51] farah_92: to who??", "farah_92"),
        ("[01:12] petit_loup: t'as vu ?\n[01:13] sami93: ouais", "sami93"),
    ],
)
def test_a_chat_export_user_name_is_a_name(text, name):
    at = text.index(name)
    assert any(f.start <= at and at + len(name) <= f.end for f in LeakScanner().scan(text))


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # German capitalises its nouns: one kunya or unit alone does not make them names
        (
            "Er nannte sich wie alle Abu Irgendwas. Die Ausbilder redeten über Disziplin, "
            "Gehorsam und Opferbereitschaft, und die Rekruten schrieben Briefe an ihre Mütter.",
            "Rekruten",
        ),
        (
            "Die Katiba al-Muhajirin bestand aus Ausländern. In den Unterkünften gab es "
            "Matratzen, Decken und Kochtöpfe, und abends wurde über Kriegsberichte gesprochen.",
            "Kochtöpfe",
        ),
        # nor a lone name word beside a day ("mit Eltern")
        (
            "Seit dem 11. September hat sich viel verändert. Die Schulen bieten "
            "Präventionskurse an, und die Sozialarbeiter sprechen mit Eltern darüber.",
            "Präventionskurse",
        ),
    ],
)
def test_in_german_one_weak_finding_does_not_make_nouns_names(text, word):
    assert not _covers(text, word), _found(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # a German testimony with more than one finding still has its unknown names read
        (
            "Er stellte sich als Abu Fadl vor, aber ich wusste, dass er Timo hieß und aus "
            "Unter-Harbach kam. Er war einunddreißig.",
            "Timo",
        ),
        (
            "Am 20. August 2014 bin ich ausgereist. Vorher wohnte ich in der Offenbacher "
            "Straße 31 und ging mit Quirin in die Klasse.",
            "Quirin",
        ),
        # a phone number is strong evidence on its own
        ("Ruf die Ortanze an, ihre Nummer ist +49 151 23456789, sie weiß es.", "Ortanze"),
    ],
)
def test_a_german_testimony_keeps_its_names(text, word):
    assert _covers(text, word), _found(text)


def test_german_um_before_a_noun_is_no_kunya():
    text = "Beim Training ging es um Ausdauer, Waffenpflege und Geduld, und wer krank war, blieb."
    assert not any(f.category == "kunya" for f in LeakScanner().scan(text))
