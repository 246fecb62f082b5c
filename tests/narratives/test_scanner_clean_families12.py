"""Clean texts' words that are no identifiers (dev11c, dev9, dev10): public institutions named
by their acronyms, the group's best-known nasheed, German spellings of religious words, and
an age said of "on" (anyone) in French."""

from __future__ import annotations

import pytest

from tests.narratives.scanner_helpers import ages, found


@pytest.mark.parametrize(
    "text",
    [
        "Aucun papier. Signalé à l'ASE, puis suivi par la PJJ et le SPIP.",
        "Er wurde vom Jugendamt und vom BAMF befragt, dann kam das Sozialamt.",
        "Social Services took the children, and Children's Services wrote to the school.",
        "They sold us jannah in TikTok edits with Salil al-Sawarim underneath.",
        "كنا نسمع صليل الصوارم في كل سيارة.",
        "[06:40] Ich: Mama, hör auf zu weinen. Hier ist Dschanna auf Erden",
    ],
)
def test_institutions_nasheeds_and_religious_words_are_no_findings(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "C'étaient des garçons d'une quinzaine d'années. À 16 ans, on te donnait une kalach.",
        "Si tu as 15 ans et que tu mates des vidéos : ferme l'appli. À 15 ans on choisit pas.",
        "À dix-sept ans, on vous apprenait déjà à tirer.",
    ],
)
def test_an_age_said_of_anyone_in_french_is_no_age(text: str) -> None:
    assert ages(text) == []


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("À 16 ans, on m'a mariée à un combattant.", "16 ans"),
        ("J'avais 16 ans quand on m'a envoyée là-bas.", "16 ans"),
        ("Ma fille avait 15 ans, on la surveillait partout.", "15 ans"),
    ],
)
def test_the_speakers_age_stays_an_age(text: str, age: str) -> None:
    assert age in ages(text)


@pytest.mark.parametrize(
    "text",
    [
        "La juge: Combien de temps? La prévenue: 3amayn, deux ans. La juge: Des enfants?",
        "Q: Combien de temps ?\nR: deux ans.",
        "Q: Depuis combien de temps vous êtes en France ? R : trois ans, à peu près.",
    ],
)
def test_the_answer_to_how_long_is_no_age(text: str) -> None:
    assert ages(text) == []


def test_an_age_answer_after_a_duration_question_about_someone_else_stays() -> None:
    text = "Q: Tu es restée combien de temps là-bas ? Et ton fils ? R : il avait 4 ans."
    assert "4 ans" in ages(text)
    assert "seize ans" in ages("Q: Quel âge avais-tu ? R: seize ans.")


@pytest.mark.parametrize(
    "text",
    [
        "Please don't go to the Police. Tell Dad I'm sorry. I'll call when I can.",
        "Keep your family away from the Kuffar and pray for us. Tell Mum I'm fine.",
        "Wir hießen alle Umm Irgendwas, niemand kannte den echten Vornamen.",
        "Hepimiz Ümmü bir şeydik, kimse kimsenin gerçek adını bilmiyordu.",
        "[12:00] أنا: لقيت شغل في مخبز\n[12:02] صاحبي: مبروك يا رجل",
        "[12:00] Ana: l9it 5idma f makhbaz\n[12:02] Sa7bi: mabrouk ya zalame",
        "Lbolisi: fin dkhelti l Souria? Lmawqoof: 3la Istanbul f sif 2014.",
        "Mon Mari partait au Ribat une semaine sur deux. Q : Le Ribat, c'est quoi ?",
        "Namen oder Kunya kenne der Zeuge nicht.",
        "Tous les plateaux veulent la Revenante. TF1, BFM, France 2, Arte. Le Quai d'Orsay fait le mort.",
        "Two winters, one tent. The Red Crescent came about once a month.",
    ],
)
def test_kin_labels_placeholders_vocabulary_and_media_are_no_findings(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Wir wohnten in Tell Abyad, bis die Kurden kamen.", "Tell Abyad"),
        ("My cousin lived in Tell Tamer before the war.", "Tell Tamer"),
    ],
)
def test_a_village_after_tell_stays_a_place(text: str, place: str) -> None:
    assert any(place in f for f in found(text)), found(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Informant stated the circle discussed Tawhid, Hijra and Wala wal Bara.",
        "Jumu'a Mubarak an alle Geschwister. Möge Allah die Brüder schützen.",
        "Sie sei drei Jahre in einem Lager in Nordostsyrien gewesen. Jugendamt wurde verständigt.",
        "[17:20] Abla: Selam, kamptan haber var mı? [17:25] Ben: kötü",
        "Ne yaptıysan yap, sen bizim oğlumuzsun. Eve dön. Annen",
        "[17:20] Sœur : Salam oukhti, t'as des nouvelles du Camp ?",
        "Items seized: a phone, two SIM cards, مصحف, سجادة صلاة, Turkish lira.",
    ],
)
def test_doctrines_greetings_regions_and_kin_are_no_findings(text: str) -> None:
    assert found(text) == []
