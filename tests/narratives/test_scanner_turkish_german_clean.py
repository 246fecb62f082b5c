"""Clean-text families (pure Python, no Django): Turkish case suffixes behind an apostrophe
(normalise.py, places.py), Turkish and Maghrebi kin words and pronouns of a chat (labels.txt,
addressees.py, lexicon.py, repeats.py), German inflected common nouns
(lexicon.py)."""

import pytest

from narratives.anonymize.normalise import _Doc
from tests.narratives.scanner_helpers import found, pairs, persons, places

# --- Turkish case suffixes --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Inşallah vergeben sie mir. Allah'a emanet.",
        "Gaziantep'te kaldım. Allah'a şükür, artık bitti.",
        "Yalla yalla dediler. Wallahi pişmanım. #Suriye #DEAŞ",
        "Suriye'ye gittik, sonra Irak'a. Halep'ten Musul'a, Rakka'da kaldık. Şam'a hiç gitmedim.",
        "DEAŞ'a katıldı, IŞİD'in adamları geldi. Telegram'da yazdı, Türkiye'ye döndü.",
    ],
)
def test_a_turkish_suffix_on_a_stem_that_identifies_no_one_is_no_finding(text):
    assert pairs(text) == []


def test_the_stem_of_a_turkish_suffix_is_the_finding():
    text = (
        "Q: Hangi yıl gittin?\nA: 2014. Istanbul'dan otobüsle Gaziantep'e. Adın? Mehmet Ali Gunes."
    )
    assert found(text) == ["Mehmet Ali Gunes"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Kerem: döndü, Bağcılar'da babasının evinde. 19 yaşında hâlâ", "Bağcılar"),
        ("Sanık 27 yaşında, Keçiören'de oturuyordu.", "Keçiören"),
        ("Kerem: bilmiyorum abi, Yenimahalle'de kalmış.", "Yenimahalle"),
    ],
)
def test_a_capitalised_stem_before_a_turkish_place_case_is_a_place(text, place):
    assert place in places(text)


def test_a_given_name_before_a_dative_is_no_place():
    assert "Emre" not in places("Kerem: Emre'ye söyledim, Bağcılar'da kalıyor.")


def test_a_turkish_suffix_apostrophe_becomes_a_space_of_the_same_length():
    doc = _Doc("Keçiören'de oturuyordu, Kur'an'da yazıyor.")
    assert doc.fold == "Kecioren de oturuyordu, Kuran da yaziyor."
    assert [suffix for _pos, suffix in doc.tr_suffixes] == ["de", "da"]


@pytest.mark.parametrize(
    "text",
    [
        "O'Brien lives in Dublin.",
        "Il parle de l'Etat et d'Alep.",
        "Qur'an and Ka'ba.",
        "Bara'a went to school.",
    ],
)
def test_other_apostrophes_stay_dropped(text):
    # no Turkish letter: the apostrophe inside the word is dropped as before, no suffix split
    assert _Doc(text).tr_suffixes == []


def test_an_irish_name_in_a_turkish_text_keeps_its_apostrophe():
    assert _Doc("O'Brien'ı gördüm, şimdi.").fold.startswith("OBrien i")


# --- kin words and pronouns ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "[10/10 19:03] Abla: nerdesin?\n[10/10 19:04] Ben: kamptayım hâlâ. Inşallah yakında\n"
        "[10/10 19:04] Abla: sabret canım, Allah kerim\n[10/10 19:05] Ben: 🤲",
        "[12/5 21:40] Yemma: wach rak?\n[12/5 21:42] Ana: labas yemma, hamdoullah\n"
        "[12/5 21:42] Yemma: rabi y7afdek.",
        "in Mosul, Musul, whatever, war es kalt. Abi, abla, kardeşim — alle waren dort.",
    ],
)
def test_kin_words_and_chat_pronouns_are_no_names(text):
    assert pairs(text) == []


def test_ben_in_an_english_chat_stays_a_name():
    assert "Ben" in persons("Ben: hi\nTom: hi Ben\nBen: ok")


def test_a_turkish_kin_word_beside_a_name_in_testimony():
    text = (
        "Die Polizei schrieb seinen Namen falsch, Mustapha Demir, und fand ihn nie. "
        "Annem hat gesagt: Demir ailesi bunu unutmaz."
    )
    assert "Annem" not in persons(text)
    assert "Mustapha Demir" in persons(text)


# --- German inflected nouns --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Schulbücher umschreiben. Mathematik mit Panzern statt Äpfeln. Das war 2015. "
        "Ich habe es nicht gewusst, und die Frau hat es mir nicht gesagt.",
        "Als ich am Busbahnhof stand, sah sie: junge Männer mit Rucksäcken, nervös, mit ihren "
        "Handys. Das war nicht gut und ich bin nicht da.",
    ],
)
def test_a_german_inflected_common_noun_is_no_name(text):
    assert persons(text) == []


def test_german_surnames_are_no_common_nouns():
    from narratives.anonymize.lexicon import german_common_noun

    assert [
        w
        for w in ("Fischer", "Feuerstein", "Goldschmidt", "Hansen", "Bergmann", "Müller")
        if german_common_noun(w)
    ] == []
    assert all(german_common_noun(w) for w in ("Panzern", "Rucksäcken", "Männern"))


def test_a_german_compound_street_or_town_stays_a_place():
    text = "Ich wohnte in der Bahnhofstraße 12 in Niederhausen. Das war nicht gut, sagte die Frau."
    assert places(text) == ["Bahnhofstraße 12", "Niederhausen"]


def test_abd_of_an_arabic_name_is_no_country():
    # Turkish writes the USA "ABD"; as an excluded country it hid every "Abd" of a name
    assert "Abd al-Rahman" in " ".join(persons("My cousin Abd al-Rahman stayed in Raqqa."))
    assert places("Kardeşim ABD'ye gitti, ben Suriye'de kaldım.") == []
