"""Look-alikes in texts with no identifier (issue 13, "Not identifying"), branch gloss11: glossed
words, a public figure's distinctive part alone, prophets and companions named in a row, the
group's diwans and titles, French "cité" the verb, major cities of several words in any spelling
and in Darija, regions with an article, arabizi everyday words."""

import pytest

from tests.narratives.scanner_helpers import pairs as found


# --- 1. glossed words --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Die Kinder lernten, dass Sabr Geduld bedeutet. Frieden heißt Salam. Dann die Zahlen.",
        "Je m'appelle « ma sœur ». Nour, c'était la lumière de la lampe. Sabr, la patience.",
        "The teacher said hope, أمل, is a verb here. I am in my twenties.",
        "On apprenait Rahma, c'est-à-dire la miséricorde.",
    ],
)
def test_a_glossed_word_is_a_mentioned_word(text):
    assert [p for p in found(text) if p[0] == "person"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mein Sohn heißt Yusuf.", "Yusuf"),
        ("Nour, c'était la voisine. Sabr, la patience.", "Nour"),
        ("Ahmed, c'est-à-dire mon frère, est venu.", "Ahmed"),
        ("I met my sister, أمل, yesterday.", "أمل"),
    ],
)
def test_a_name_said_of_someone_is_no_gloss(text, name):
    assert ("person", name) in found(text)


# --- 2. public figures -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Q: Did you ever see Baghdadi?\nA: No. Only on the video from the mosque in Mosul.",
        "ya its mid. the actor playing Baghdadi tho 😂",
        "The jury heard that al-Baghdadi's speeches were found on his phone.",
        "شاهدنا خطبة البغدادي في الجامع",
        "kont f Diwan al-Zakat. Abu Bakr al-Baghdadi ghir f l video.",
        "Teacher: The prophet Yusuf was thrown into a well. Musa crossed the sea. Ibrahim was"
        " tested. Abu Bakr, Umar, Uthman and Ali were companions.",
    ],
)
def test_a_public_or_religious_figure_is_not_identifying(text):
    assert found(text) == []


def test_a_figures_part_after_a_name_or_an_alias_cue_is_someone():
    assert ("person", "Ahmed Baghdadi") in found("My neighbour Ahmed Baghdadi came.")
    # a nom de guerre that is a figure's: someone's
    text = "The appellant, Marwa El-Sayed, married a fighter known as Abu Hamza al-Masri in Raqqa."
    assert [p for p in found(text, known=["Marwa El-Sayed"]) if "Masri" in p[1]] != []
    # a figure's kunya without a nisba may be anyone's
    assert found("mit sechzehn hat mich Nils zu Abu Walaa gebracht, dann Abu Walaa wieder.") != []
    assert ("person", "Ibrahim") in found(
        "The prophet Yusuf was in a well. Musa crossed the sea. My brother Ibrahim was tested."
    )


# --- 3. the group's institutions and titles ----------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Später kam ich zum Diwan al-I'lam, Medien. Amaq, Al-Furqan, solche Sachen.",
        "ma tsad9ouch l propaganda. l khalifa, l amir, l wali... kolhom kadhabin.",
        "Ich war beim Diwan al-Khidamat und beim Diwan ar-Rikaz.",
        "عملت في ديوان الإعلام ثم في ديوان الركاز",
    ],
)
def test_the_groups_diwans_and_titles_are_not_names(text):
    assert found(text) == []


# --- 4. French "cité" the verb -----------------------------------------------------------------
def test_cite_after_an_auxiliary_is_the_verb():
    assert found("Il a cité Ibn Taymiyya et Sayyid Qutb, puis il a prié.") == []
    assert found("Ils avaient cité Sayyid Qutb.") == []
    assert ("place", "cité Ozanam") in found("J'habite à cité Ozanam depuis 2010.")


# --- 5. major cities of several words, Darija cities, regions ----------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Der Euphrat, die Wüste, die Sonne über Dair az-Zaur... klingt romantisch?",
        "Ich war in Deir Ezzor und in Dayr al-Zawr.",
        "عشت في دير الزور سنتين.",
        "Mchina men Tanja l Sebta l Turkia.",
        "koulshi f Casa kan f zn9a. kont kan9ra f Rbat, men ba3d Wahran w Dzayer.",
        "Les Yézidis du Sinjar ont souffert.",
        "The Euphrates and the Tigris, the Sinjar mountains.",
    ],
)
def test_major_cities_and_regions_in_any_spelling(text):
    assert found(text) == []


def test_a_city_key_is_no_name_that_sounds_like_one():
    assert ("person", "Zora") in found("Dear Zora, I met them in Dayr al-Zawr.")


# --- 6. arabizi everyday words -----------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "khouya: wach rak\nana: labas hamdoulah\nkhouya: chefti dak el video",
        "Khouya 3andou 30 3am w ana 3andi... la, ma n9oulch.",
        "[12/5 21:40] Yemma: wach rak?\n[12/5 21:42] Ana: labas yemma, hamdoullah",
    ],
)
def test_arabizi_everyday_words_are_not_names(text):
    words = ("hamdoulah", "hamdoullah", "3andou", "3andi", "yemma")
    assert [p for p in found(text) if p[1] in words] == []


@pytest.mark.parametrize(
    "text",
    [
        "I: Haben Sie al-Baghdadi jemals gesehen?\nB: Nur im Video, die Predigt in Mossul.",
        "Hz. Ebubekir ve Hz. Ömer, Bağdadi'nin kurduğu şeyi tanımazdı.",
        "Die Videos von Sarkawi haben wir alle gesehen.",
    ],
)
def test_a_figure_after_a_capitalised_pronoun_or_in_another_spelling_is_the_figure(text):
    figures = ("baghdadi", "bağdadi", "sarkawi")
    assert [t for _, t in found(text) if any(f in t.lower() for f in figures)] == []
