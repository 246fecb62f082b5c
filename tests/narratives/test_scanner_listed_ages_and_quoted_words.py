# (Arabic script inside Latin text in test data is intended.)
"""Ages said in a list or in a turn of speech the age detectors did not know, and Arabic words a
Latin text quotes with an article or beside their Latin spelling (pure Python, no Django)."""

import pytest

from tests.narratives.scanner_helpers import pairs as found


def ages(text):
    return [t for c, t in found(text) if c == "age"]


@pytest.mark.parametrize(
    ("text", "age"),
    [
        # the next age of a list, its unit said
        ("She came back with two children, aged 4 and 18 months.", "18 months"),
        ("Elle est rentrée en 2022 avec ses deux enfants (8 ans et 10 ans).", "10 ans"),
        ("Âge des enfants : 6 ans, 4 ans et 18 mois", "18 mois"),
        ("mrato Ikram 3ndha 20 3am w bent 3 chhor.", "3 chhor"),
        # a relative with its possessive suffix, the verb left out
        ("yekhdem f boulangerie. 3andou 34 sna w mrtou 19.", "19"),
        # an interview answer after a dash
        ("Q. – Il avait quel âge ? R. – Vingt-quatre ans, il m'a dit.", "Vingt-quatre ans"),
        # a record's "47 J."
        ("Zeuge: Ramazan Aksoy, 47 J., Inhaber einer Schneiderei", "47"),
        # spelled out, after the person and a comma
        ("Her little brother Tariq, nine at the time, still remembers it.", "nine"),
        # a name between the verb and في
        ("كانت حلا في السابعة عشرة حين خطبها رجل من البلدة", "السابعة عشرة"),
        # a birthday by its masculine ordinal
        ("ونزّل صورة ابنه بعيد ميلاده الخامس", "الخامس"),
        # one person's age to come
        ("Does anyone remember her? She'd be 26 now.", "26"),
        ("he'll be 18 next month", "18"),
    ],
)
def test_an_age(text, age):
    assert age in ages(text)


def test_a_months_remainder_is_not_a_second_age():
    assert ages("I was sixteen and two months when we crossed.") == ["sixteen"]
    assert ages("Ma sœur avait 15 ans, et 3 mois plus tard elle était mariée.") == ["15 ans"]
    assert ages("we would be 20 in the truck") == []


@pytest.mark.parametrize(
    "text",
    [
        "We heard the أذان from five mosques at once, and the market went quiet in Raqqa.",
        "Nous avons entendu le أذان de cinq mosquées, puis le marché s'est vidé à Raqqa.",
        "The market was closed for three days that winter in Raqqa. Sabr, صبر, sabr.",
    ],
)
def test_an_arabic_word_quoted_in_latin_text_is_no_name(text):
    assert [t for c, t in found(text) if c == "person"] == []


def test_a_given_name_that_is_also_a_word_before_a_family_name_is_a_name():
    text = (
        "Rest in peace my cousin Adnan — عدنان الشمري — taken from us on 27/07/2016. "
        "He was only 21. Everyone in the neighbourhood knew him."
    )
    assert ("person", "عدنان الشمري") in found(text)
    # a phrase is still no name
    assert (
        found("Er sagte nur: الصبر مفتاح الفرج, und dann ging er nach Hause zu seiner Familie.")
        == []
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a lower-case full name at a clause's end, in chat
        (
            "A: tu connais wassim ? le frère de lyna B: wassim kaddouri ?? celui qui bossait là",
            "wassim kaddouri",
        ),
        ("A: hey, kennst du lara? die aus der 10b B: lara hübner?? die mit 15", "lara hübner"),
        # the speaker's own name after "ana", a name that is also a word
        ("[voice 0:41] ya 3ammo kifak? ana lina. bas baddi 2ollak shi", "lina"),
        # after "know", "connais", "remember"
        ("do you remember hamida? she was in my class", "hamida"),
    ],
)
def test_a_lower_case_name_in_chat(text, name):
    assert ("person", name) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "khalid mazal sghir, 3ando 15 3am 😂",
        "S: shlonek, shno ismek? J: ana bkhir",
        "we went to the market with the others yesterday.",
    ],
)
def test_chat_words_are_no_lower_case_names(text):
    assert not any(" " in t for c, t in found(text) if c == "person")


@pytest.mark.parametrize(
    ("text", "kind", "span"),
    [
        # an account without its platform
        (
            "nous n'avons reçu que deux messages, depuis le compte oum.samia.85. Veuillez agréer",
            "handle",
            "oum.samia.85",
        ),
        ("sein Konto abu_khalid_88 wurde gesperrt", "handle", "abu_khalid_88"),
        # a nickname quoted before the verb
        (
            "und die Deutschen haben ihn „der Lange“ genannt, weil er so groß war",
            "person",
            "der Lange",
        ),
        # a camp's part, two part words in a row
        ("elle dit que tu es dans l'annexe Phase 4, avec la femme", "place", "annexe Phase 4"),
        # a street named after a city
        ("jcrois sa mère habite square de Nimègue, tu veux son 06 ?", "place", "square de Nimègue"),
    ],
)
def test_accounts_nicknames_camp_parts_and_squares(text, kind, span):
    assert (kind, span) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Über Telegram kamen Nachrichten der Schwestern.",
        "Je n'ai plus de compte Facebook.",
        "she made a new account in 2019",
        "Sie nutzte Telegram und Instagram.",
    ],
)
def test_no_account_without_a_handle_shape(text):
    assert [t for c, t in found(text) if c == "handle"] == []


@pytest.mark.parametrize(
    "text",
    [
        "من كان في العشرين من عمره يومها صار اليوم في الثلاثين.",
        "كل من كان عمره ١٨ سنة أخذوه",
        "whoever was 18 had to go",
        "celui qui avait 18 ans devait partir",
    ],
)
def test_the_age_of_anyone_is_no_ones(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # a demonym adjective after a definite noun
        "في صفر ١٤٣٧ قصف الطيران الروسي ريف حلب",
        # German plurals are nouns, not places
        "Die Mädchen gingen auf Gymnasien in Großstädten wie Frankfurt oder Stuttgart.",
    ],
)
def test_adjectives_and_german_plurals_are_no_identifiers(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "kind", "span"),
    [
        ("تزوجت من أبو البراء الروسي", "kunya", "أبو البراء الروسي"),
        ("كان عبد الله الشيشاني أميرنا", "person", "عبد الله الشيشاني"),
        (
            "Zeuge: Ramazan Aksoy, Inhaber der Änderungsschneiderei Aksoy in Duisburg.",
            "organisation",
            "Änderungsschneiderei Aksoy",
        ),
        ("Er arbeitete in der Bäckerei Yılmaz in Berlin.", "organisation", "Bäckerei Yılmaz"),
    ],
)
def test_nisbas_after_names_and_german_trades_with_their_owner(text, kind, span):
    assert (kind, span) in found(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She's a 19 year old girl from Leeds.", ["19 year old"]),
        ("the accused (24) denied it", ["24"]),
        ("Le prévenu, 23, nie les faits.", ["23"]),
        ("Frau K. (31) aus Bochum", ["31"]),
        ("mes enfants ont 5 et 7 ans", ["5", "7 ans"]),
        ("My kids are 5 and 7.", ["5", "7"]),
        ("my three children are 2, 5 and 8 years old", ["2", "5", "8 years old"]),
    ],
)
def test_ages_of_roles_initials_and_ones_children(text, expected):
    assert ages(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("returned with children aged 11, 9 and 6.", ["aged 11", "9", "6"]),
        ("rapatriée avec ses quatre enfants (12, 9, 7 et 4 ans).", ["12", "9", "7", "4 ans"]),
        ("Mutter von drei Kindern (8, 5 und 2 Jahre).", ["8", "5", "2 Jahre"]),
        ("عادت مع أطفالها (١١ و٨ سنوات).", ["١١", "٨ سنوات"]),
        ("ولدي ثلاثة أيتام أعمارهم عشر وسبع وخمس سنوات.", ["عشر", "سبع", "خمس سنوات"]),
        ("elle est au camp avec ses deux enfants, trois et un an.", ["trois", "un an"]),
        ("daba 3andha 26 w wlidatha 7 w 4.", ["26", "7", "4"]),
        ("الأعمار: ١٢، ٩، ٦، ٣", ["١٢", "٩", "٦", "٣"]),
    ],
)
def test_the_ages_of_children_listed_after_them(text, expected):
    assert ages(text) == expected


@pytest.mark.parametrize(
    "text",
    ["she had 3 children and 2 grandchildren", "the children, 40 and more, were in the school"],
)
def test_counts_of_children_are_no_ages(text):
    assert ages(text) == []


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Bei der Ausreise war ich zwanzig, mein Mann fünfunddreißig.", "zwanzig"),
        ("Bei der Ausreise war ich zwanzig, mein Mann fünfunddreißig.", "fünfunddreißig"),
        ("Il en avait vingt-six.", "vingt-six"),
        ("Moi j'en avais dix-sept.", "dix-sept"),
        ("weil Yakub, unser Ältester, an diesem Tag vier wurde.", "vier"),
        ("yes. baby is 8 months now.", "8 months"),
        ("came back when she was forty days old.", "forty days old"),
        ("Mon frère Ayoub — 18 ans pour toujours.", "18 ans"),
        ("I met him properly when I was eighteen and a half.", "eighteen and a half"),
        ("ihr Sohn Timo FRÖLICH (20) habe", "20"),
        ("She married Abu Khattab al-Jazrawi at sixteen.", "sixteen"),
    ],
)
def test_ages_in_other_word_orders(text, age):
    assert age in ages(text)


@pytest.mark.parametrize(
    "text",
    [
        "Il en avait deux à la maison.",
        "the baby was two months early.",
        "Es war einmal, und dann wurde es dunkel.",
        "Im Jahr 2015 war ich in Raqqa.",
    ],
)
def test_counts_and_how_early_are_no_ages(text):
    assert ages(text) == []


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("kan f katibat es-sawa3i9", "katibat es-sawa3i9"),
        (
            "jozi kan bi kateebet 2ansar el-khilafa el-shar2iye. 7ottili",
            "kateebet 2ansar el-khilafa el-shar2iye",
        ),
        ("reconnaît avoir rejoint le bataillon Tarik al-Fajr en 2015.", "bataillon Tarik al-Fajr"),
        ("de la katiba Dar' al-Khilafa. Rappelle-moi", "katiba Dar' al-Khilafa"),
        ("der von der kompanie al-qa'qa'. der is jetz 26", "kompanie al-qa'qa'"),
        ("kam aus der Einheit al-Ra'd zurück", "Einheit al-Ra'd"),
        ("kan bel liwa2 jond el-furat w sar", "liwa2 jond el-furat"),
        ("daba f sariyat 3amr 😔", "sariyat 3amr"),
        ("bado yfout 3al kateebet ashbal l-badiye 😭", "kateebet ashbal l-badiye"),
    ],
)
def test_a_unit_by_its_head_in_any_spelling(text, unit):
    assert ("unit", unit) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "the brigade of foreigners",
        "Jaysh al-Khilafa attacked",
        "The brigade commander was killed.",
        "Die Einheit bestand aus 40 Männern.",
        "Seine Einheit war in Raqqa.",
    ],
)
def test_no_unit_without_a_name(text):
    assert [t for c, t in found(text) if c == "unit"] == []


@pytest.mark.parametrize(
    ("text", "kind", "span"),
    [
        ("Fiche de suivi. Mme K. (34 ans), rapatriée", "person", "K."),
        ("Case note. Client F.A., 33, returned", "person", "F.A."),
        ("Le mineur L. M., né le 8 août 2003", "person", "L. M."),
        ("ملاحظة حالة: السيدة ل. ع.، ٣٣ عاماً", "person", "ل. ع."),
        ("[Nesrin]: bro der abu jandal ist wieder da", "kunya", "abu jandal"),
        ("nhar 3 dial ramadan 1436, wlad lia 3omar.", "date", "3 dial ramadan 1436"),
        ("daughter turned 3 on the 4th ❤️", "date", "the 4th"),
    ],
)
def test_initials_after_a_title_lower_case_kunyas_and_dates_of_chat(text, kind, span):
    assert (kind, span) in found(text)


@pytest.mark.parametrize(
    "text",
    ['kano y2olo "abu fulan" w "2om fulan"', "we lived on the 4th floor", "U.S. policy changed"],
)
def test_so_and_so_floors_and_abbreviations_are_no_identifiers(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The building we slept in was 60 years old.",
        "Das Haus, in dem wir wohnten, war bestimmt 80 Jahre alt, und die Miete war hoch.",
        "Das Gesetz ist 70 Jahre alt.",
        "The report is 40 pages long.",
        "À 18 ans, un garçon est transféré dans un centre.",
        "يقال إن من عمره ثمانية عشر عاماً يعد بالغاً.",
        "Bonne fête. Karim, Amal et Noor sont des mots qui donnent de l'espoir.",
        "Le ministère de l'Intérieur est loin de tout cela.",
        "Der Emir, der Qadi, die Hisba – das war das System.",
        "kont f Oran w Alger, w ba3d f Constantine. dzayer kbira.",
        "Every brigade had its own flag.",
        "Chaque katiba avait son émir.",
    ],
)
def test_things_ages_anyones_age_words_offices_big_cities_and_determiners(text):
    assert found(text) == []


def test_ones_own_age_before_a_boy_is_still_found():
    assert ages("My brother was 18, a boy really.") == ["18"]
