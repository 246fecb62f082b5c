# (Arabic script in test data is intended.)
"""Ages said of anyone, not of a person in the testimony: the generic you and man and on, a
range, a list, a group, the indefinite "a sixteen-year-old"; and the ages of real people next
to them (pure Python, no Django)."""

import pytest

from narratives.anonymize import LeakScanner


@pytest.mark.parametrize(
    "text",
    [
        "Eine Sechzehnjährige ist kein Kind mehr, sagte man uns.",
        "Une fille de quinze ans, disaient-ils, c'était l'âge de se marier.",
        "At sixteen you think you know everything.",
        "When you're fifteen, nobody can tell you anything.",
        "They recruited boys of twelve and thirteen.",
        "Kids of 14 were given rifles.",
        "Mit 15 ist man noch ein Kind.",
        "À seize ans, on ne comprend rien à la politique.",
        "A 17-year-old cannot consent to that.",
        "Girls as young as 13 were married off.",
        "The age of marriage was lowered to nine.",
        "Children over ten had to attend the sharia classes.",
        "في سن الخامسة عشرة لا يفهم الطفل شيئاً.",
        "كانوا يزوجون البنات بعمر ١٣ سنة.",
        "الأطفال من عمر ١٠ سنوات كانوا يتدربون.",
        "I was in my late teens, maybe nineteen or twenty.",
        "She was in her early twenties.",
        "He was about 30 or so.",
        "If I had been 18, it would have been different.",
        "Even a 12-year-old knew what the Hisba was.",
        "Any 15-year-old would have run away.",
        "Wenn man 18 ist, darf man alles.",
        "Si j'avais eu 18 ans, j'aurais compris.",
        "لو كان عمري ١٨ لفهمت.",
        "Boys aged 14 to 16 were sent to the camps.",
        "Young men between 18 and 25 were the targets.",
        "Jungen ab 14 Jahren mussten kämpfen.",
        "Les garçons de plus de quinze ans partaient au front.",
        "The recruiters liked teenagers, 15, 16, 17.",
        "Nobody over forty was trusted.",
    ],
)
def test_an_age_of_anyone_is_no_finding(text):
    assert LeakScanner().scan(text) == []


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("When I was fifteen, nobody listened.", "fifteen"),
        ("Mit 15 bin ich gegangen.", "15"),
        ("À seize ans, j'ai quitté la maison.", "seize ans"),
        ("Ma fille de quinze ans est restée là-bas.", "quinze ans"),
        ("بنتي عمرها ١٣ سنة", "١٣"),
    ],
)
def test_the_age_of_someone_in_the_testimony_stays(text, age):
    hits = [text[f.start : f.end] for f in LeakScanner().scan(text) if f.category == "age"]
    assert any(age in hit for hit in hits)


@pytest.mark.parametrize(
    "text",
    [
        "Er stand in Kontakt mit Leuten aus dem Umfeld der Gruppe.",
        "Er arbeitete in Schichten in einer Fabrik.",
    ],
)
def test_a_frequent_german_word_after_a_preposition_is_no_place(text):
    assert [f for f in LeakScanner().scan(text) if f.category == "place"] == []


def test_a_shop_after_at_is_still_a_shop_and_a_place_of_two_words_still_a_place():
    text = "a pharmacist at Boots on Stratford Broadway"
    assert any("Boots" in text[f.start : f.end] for f in LeakScanner().scan(text))
    text = "jsuis a Grigny, a la Grande Borne, viens"
    assert any("Grande Borne" in text[f.start : f.end] for f in LeakScanner().scan(text))


@pytest.mark.parametrize(
    ("text", "age"),
    [
        # the second of two ages said together, its verb left out
        ("Sie war einundzwanzig, ich sechzehn.", "sechzehn"),
        ("J'avais quinze ans, elle dix-huit.", "dix-huit"),
        ("He was thirty, his brother twenty-six.", "twenty-six"),
        ("kont 3omri 16 sana w okhti Lamis 13.", "13"),
    ],
)
def test_the_second_of_two_ages_said_together(text, age):
    at = text.index(age)
    found = LeakScanner().scan(text)
    assert any(f.start <= at and at + len(age) <= f.end and f.category == "age" for f in found), (
        found
    )


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("I was 17, it cost 20.", "17"),
        ("Er war 19, wir 30 Leute.", "19"),
        ("J'avais 16 ans, nous étions 40.", "16 ans"),
    ],
)
def test_a_number_after_an_age_that_is_no_age(text, age):
    assert [f.text for f in LeakScanner().scan(text) if f.category == "age"] == [age]


@pytest.mark.parametrize(
    "text",
    [
        # the age of a thing
        "La guerre a 10 ans maintenant, et rien n'a changé.",
        "The war is now more than ten years old.",
        "Unser Haus war 80 Jahre alt, als die Bomben fielen.",
        "l7arb 3andha 12 snin daba.",
        "صار عمر الحرب ١٢ سنة.",
        # a group in general, a range's second number, a decimal
        "Les filles de 14 ans se mariaient là-bas.",
        "Des femmes âgées de 18 à 52 ans ont répondu.",
        "Durée moyenne du séjour : 3,5 ans.",
        "ولاد عمرهم ١١ سنة بيشتغلوا بالسوق.",
        "Wer mit 15 radikalisiert wird, braucht Hilfe.",
        "Mit siebzehn glaubt man alles.",
        "Ein Sechzehnjähriger hat in dieser Lage keine Wahl.",
        "wallah la kan 3omri 20 ma kont mchit.",
    ],
)
def test_ages_of_things_groups_ranges_and_guesses_are_no_ones(text):
    assert [f for f in LeakScanner().scan(text) if f.category == "age"] == []


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("says the guy whos 24 and lives with his nan", "24"),
        ("Kardeşim daha on yedi yaşında, er weiß nichts.", "on yedi"),
        ("le type qui a 22 ans, il bosse au garage", "22 ans"),
    ],
)
def test_an_age_after_who_is_or_in_turkish(text, age):
    found = [f.text for f in LeakScanner().scan(text) if f.category == "age"]
    assert found == [age]


@pytest.mark.parametrize("text", ["anyone who is 18 can vote", "Kids who are 12 should not work."])
def test_an_age_after_who_is_of_anyone_is_no_ones(text):
    assert [f for f in LeakScanner().scan(text) if f.category == "age"] == []


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Rania's son, nine, attends the afternoon class.", "nine"),
        ("khouk Brahim kamal tmentach l'bare7.", "tmentach"),
        ("w Karam? 3omro tesh3tash hal2ad", "tesh3tash"),
    ],
)
def test_a_relatives_spelled_age_and_arabizi_teens(text, age):
    assert age in [f.text for f in LeakScanner().scan(text) if f.category == "age"]


def test_a_count_after_plural_relatives_is_no_age():
    text = "her sisters, two, three and four of them, came"
    assert [f for f in LeakScanner().scan(text) if f.category == "age"] == []


def test_the_eldests_age_in_arabic_ordinal():
    text = "التقينا بأم خالد وأطفالها الأربعة، أكبرهم في الثانية عشرة."
    assert any(f.category == "age" for f in LeakScanner().scan(text))


@pytest.mark.parametrize(
    "text",
    [
        "Mit 16 glaubt jeder, er sei unsterblich.",
        "We were 30 in one room.",
        "Wir waren 25 Frauen in einem Zimmer.",
        "Beaucoup de filles avaient 15 ans.",
        "كثير من البنات كانوا بعمر ١٤.",
        "The average age was 23.",
        "L'âge moyen était de 25 ans.",
        "متوسط العمر كان ٢٥ سنة.",
        "Mädchen mit neun Jahren wurden verheiratet.",
        "The minimum age for fighters was 15.",
        "المخيم عمره ٥ سنوات.",
        "fi 3omr 15 kol wa7ed yfakkar 7alo kbir.",
    ],
)
def test_counts_statistics_and_ages_of_everyone_are_no_ones(text):
    assert [f for f in LeakScanner().scan(text) if f.category == "age"] == []


@pytest.mark.parametrize(
    ("text", "age"),
    [("We were 15 and stupid.", "15"), ("Mein Bruder war damals 17, ich 15.", "15")],
)
def test_the_speakers_age_said_with_others_is_still_found(text, age):
    assert age in [f.text for f in LeakScanner().scan(text) if f.category == "age"]


@pytest.mark.parametrize(
    "text",
    [
        "At the age of 15, boys were taken to the camps.",
        "Un enfant de 12 ans ne devrait pas voir ça.",
        "They married girls at 13.",
        "On les mariait à 14 ans.",
        "كانوا يزوجون البنات في سن ١٣.",
        "C'était il y a 10 ans.",
        "The age of consent is 16.",
        "The group was barely 3 years old when it took Mosul.",
        "A boy of sixteen cannot decide for himself.",
    ],
)
def test_ages_of_any_child_or_group_and_ago_are_no_ones(text):
    assert [f for f in LeakScanner().scan(text) if f.category == "age"] == []


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("J'avais un enfant de 3 ans.", "3 ans"),
        ("I had a boy of 4 with me.", "4"),
        ("my cousin, a boy of 14, was there", "14"),
    ],
)
def test_the_age_of_ones_own_child_is_still_found(text, age):
    assert [f.text for f in LeakScanner().scan(text) if f.category == "age"] == [age]


@pytest.mark.parametrize(
    "text",
    [
        "Les garçons partaient à quinze ans.",
        "Des garçons de 9, 10, 12 ans montaient la garde.",
        "Hundreds of women, some as old as 70, queued for bread.",
        "Die Mädchen heirateten mit vierzehn.",
        "Une femme de trente ans était déjà considérée comme vieille.",
        "A woman of 40 was already considered old.",
    ],
)
def test_the_age_of_a_group_or_of_anyone_considered_is_no_finding(text):
    assert [f.category for f in LeakScanner().scan(text)] == []


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Les garçons ont pris mon fils quand il avait 12 ans.", "12 ans"),
        ("The boys were with my brother, who was 15.", "15"),
    ],
)
def test_a_group_clause_with_someone_of_the_testimony_keeps_the_age(text, age):
    assert age in [f.text for f in LeakScanner().scan(text) if f.category == "age"]
