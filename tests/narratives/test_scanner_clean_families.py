"""Families of look-alikes in texts with no identifier (issue 13, "Not identifying"): the
Eids with a year, the age of a thing, the group's leaders and institutions in the spellings of
the French and German press, the prophets in French spellings, the caliphs, German nouns that
end like a street, a brand before a product, adjectives after an Arabic head."""

import pytest

from tests.narratives.scanner_helpers import pairs as found


@pytest.mark.parametrize(
    "text",
    [
        "After Eid al-Adha 1436 we moved to Deir Ezzor.",
        "Eid al-Fitr 2019 was the first Eid outside the camp.",
        "كل عام وأنتم بخير بمناسبة عيد الفطر ٢٠١٦.",
        "عيد الأضحى ١٤٣٦ في الموصل لن أنساه.",
    ],
)
def test_an_eid_with_its_year_lasts_days_and_is_no_date(text):
    assert found(text) == []


def test_the_first_day_of_eid_and_christmas_day_are_days():
    assert found("On the first day of Eid 2016 we left.") == [("date", "the first day of Eid 2016")]
    assert [c for c, _ in found("في أول أيام عيد الفطر ٢٠١٦ خرجنا")] == ["date"]
    assert found("Christmas Day 2018 at home") == [("date", "Christmas Day 2018")]


@pytest.mark.parametrize(
    "text",
    [
        "Exhibit 7: a Samsung phone, about four years old. Exhibit 8: a laptop.",
        "The vehicle was a white van, about ten years old. The fine was 1,200 pounds.",
        "Das Fahrzeug, ein weißer Transporter, etwa zehn Jahre alt, wurde durchsucht.",
        "Count 3 concerns 2015. The sentence was 6 years.",
    ],
)
def test_the_age_of_a_thing_or_a_sentence_is_no_age(text):
    assert [c for c, _ in found(text)] == []


def test_a_relative_about_an_age_keeps_the_age():
    assert ("age", "ten years old") in found("My son, about ten years old, was with me.")
    assert ("age", "zehn Jahre alt") in found("Mein Bruder, etwa zehn Jahre alt, war dabei.")
    assert [c for c, _ in found("ريم: طلعوها من المخيم، عمرها ٢٢ وعندها ولد")].count("age") == 1


@pytest.mark.parametrize(
    "text",
    [
        "Oussama ben Laden et Ayman al-Zawahiri dirigeaient al-Qaïda. Abou Moussab al-Zarqaoui"
        " a fondé l'État islamique d'Irak.",
        "Osama bin Laden and Ayman al-Zawahiri led al-Qaeda. Hamza bin Laden was his son.",
        "He described the Diwan al-Jund, the Diwan al-Hisba and the Bayt al-Mal.",
        "Die SDF und die YPG nahmen den Osten. Hayat Tahrir asch-Scham hielt die Provinz Idlib."
        " Die Peschmerga hielten Kurdistan.",
        "Diwan al-Hisba / ديوان الحسبة, Diwan al-Jund / ديوان الجند, Bayt al-Mal / بيت المال.",
    ],
)
def test_the_groups_leaders_and_institutions_in_other_spellings(text):
    assert found(text) == []


def test_a_private_nisba_of_a_leaders_city_is_still_found():
    assert ("person", "Ahmed al-Baghdadi") in found("Ahmed al-Baghdadi is my cousin.")
    assert ("kunya", "أبو حفص المصري") in found("عرفته باسم أبو حفص المصري، وكان يسكن هناك.")


@pytest.mark.parametrize(
    "text",
    [
        "Les histoires des prophètes : Ibrahim, Moussa, Issa, Youssouf, Nouh.",
        "Umar ibn al-Khattab was the second caliph, Uthman the third.",
        "Abu Bakr w Omar w Ali, el sa7aba. ghazwat Badr w Uhud.",
    ],
)
def test_prophets_caliphs_and_companions_in_teaching(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "F: Wen haben Sie gehört? A: Reden von al-Adnani.",
        "Abu Musab az-Zarqawi gründete den Vorläufer des IS.",
        "Er suchte einen neuen Arbeitsplatz und nahm einen Umweg.",
        "Asservat 7: ein Samsung-Handy.",
        "وكان الإيغور يسكنون في حي خاص بهم كما يقال.",
    ],
)
def test_german_nouns_brands_and_arabic_adjectives_are_no_places(text):
    assert [c for c, _ in found(text) if c == "place"] == []


def test_streets_districts_and_answers_stay_places():
    places = [
        t for c, t in found("Wir wohnten in der Keupstraße 12, am Schillerufer.") if c == "place"
    ]
    assert [p.rstrip(".") for p in places] == ["Keupstraße 12", "Schillerufer"]
    assert ("place", "Berlin-Neukölln") in found("Er wohnte in Berlin-Neukölln.")
    assert ("place", "Hülsbusch") in found("Wo haben Sie gewohnt? A: Hülsbusch.")
    assert ("place", "حي الشعار") in found("كنا نسكن في حي الشعار")


@pytest.mark.parametrize(
    "text",
    [
        "Amal: hope. Noor: light. Karim: generous. That's what my teacher wrote on the board.",
        "Im Lager sagten alle Sabr, Geduld. Amal, Hoffnung. Nour, Licht. Das waren die Wörter.",
    ],
)
def test_a_glossary_of_word_names_names_no_one(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Sunset over the Atlas mountains.",
        "Euphrat und Tigris kennt jedes Kind aus dem Atlas.",
        "Coucher de soleil sur l'Atlas.",
        "ah, w el Baghdadi f jame3 el Nouri f Mosul",
    ],
)
def test_a_weaker_name_after_a_definite_article_is_a_thing(text):
    assert [c for c, _ in found(text) if c == "person"] == []


def test_a_weaker_name_without_an_article_is_still_a_name():
    assert ("person", "Atlas") in found("I met Atlas yesterday.")


@pytest.mark.parametrize(
    "text",
    [
        "User: is Rojava safe now? Mod: no politics pls. Bot: message removed.",
        "Subject was asked about Wilayat Ninawa.",
        "Verset du jour : 2:286. Allah n'impose à aucune âme.",
        "Mama: wen bist du? Ich: fi el souk",
        "[2/14/22, 11:48 PM] Sis: did u see what she posted",
    ],
)
def test_labels_of_chats_and_records_name_no_one(text):
    assert [c for c, _ in found(text) if c in ("person", "place")] == []


def test_a_kin_word_is_a_label_only_before_its_colon():
    assert ("person", "Baba") in found("on y allait après le foot avec Baba, Moussa et Idriss")
    text = "[19/06/2019 08:12] Tata: Bonjour ma chérie, Samira a accouché"
    assert [t for c, t in found(text) if c == "person"] == ["Samira"]


def test_prophets_behind_an_arabic_and_and_nationalities_joined_by_and():
    assert found("قصص الأنبياء: إبراهيم وموسى وعيسى ويوسف ونوح وسليمان.") == []
    assert found("حيث إن المتهم يحمل الجنسية السورية والتركية، وحيث إنه اعترف") == []
    assert ("nisba", "الشيشاني") in found("كان معه أبو البراء الروسي والشيشاني")
    assert [c for c, _ in found("أخي موسى وابن عمي عيسى سافرا")] == ["person", "person"]


def test_a_figure_that_is_no_kunya_is_not_found_again_as_a_name():
    text = (
        "Osama bin Laden and Ayman al-Zawahiri led al-Qaeda. Abu Qatada preached in London"
        " and Anjem Choudary followed."
    )
    assert [t for c, t in found(text) if c == "person"] == []
    # a figure's kunya may be anyone's in testimony: found again there
    text = "They placed me in Katibat al-Battar under Abu Omar al-Shishani's men."
    assert len(found(text)) > 1


@pytest.mark.parametrize(
    "text",
    [
        "Pensée pour la Syrie 💔 Homs, Hama, Idleb, Deraa, Lattaquié : chaque ville a son histoire.",
        "Homs w Hama w Idlib w Dar3a, kol mdina 3andha 9issa",
        "Il vient de Deraa.",
    ],
)
def test_a_major_city_in_another_spelling_by_its_transliteration(text):
    assert found(text) == []


def test_a_given_name_that_spells_like_a_city_is_still_a_name():
    assert ("person", "Dara") in found("Mon ami Dara est venu.")


@pytest.mark.parametrize(
    "text",
    [
        "Jerusalem, Mecca and Medina are the holy cities. The Prophet's Mosque is in Medina.",
        "kanet Oum Kalthoum tghanni f radio, w Fayrouz f sba7.",
        "Q. – Vous connaissiez Ayman al-Zawahiri ? R. – Seulement par les vidéos d'As-Sahab.",
        "Jummah Mubarak 🌸 May Allah grant us patience, Sabr, and mercy, Rahma.",
        "Halab, on dit Halab chez nous.",
        "They spoke of the battle of Yarmouk, of Qadisiyya and Hattin.",
    ],
)
def test_holy_places_singers_media_glosses_and_battles(text):
    assert found(text) == []


def test_an_alias_after_dit_and_a_village_by_a_battle_name_stay():
    assert ("person", "Bébé") in found("le nommé Karim dit Bébé")
    assert "Hattin" in [t for _, t in found("Hattin is where my uncle lives.")]


@pytest.mark.parametrize(
    "text",
    [
        "Grandmother told stories of Juha and of Antar, of the Thousand and One Nights.",
        "jedda kanet t7ki 3la J7a w 3antar w alf layla w layla",
        "قرأنا في المدرسة روايات نجيب محفوظ وأشعار المتنبي وأبي تمام.",
        "Mr Recorder, the defendant accepts that he watched material produced by Amaq.",
        "Interpreter said the word.",
    ],
)
def test_tales_poets_and_court_titles_name_no_one(text):
    assert found(text) == []


def test_a_relative_named_like_a_hero_of_the_tales_is_found():
    assert ("person", "Antar") in found("My brother Antar was there.")
    assert ("person", "Mr Smith") in found("Mr Smith, the defendant, was there.")


def test_an_arabic_particle_or_a_frequent_word_after_a_cue_is_no_name():
    assert found("أفاد الموقوف بأنه سافر من إسطنبول.") == []
    assert ("person", "نصف الإيمان") not in found("والصبر كما قالت أمي نصف الإيمان.")
    assert ("person", "سعاد الحسن") in found("أختي سعاد الحسن سافرت")


@pytest.mark.parametrize(
    "text",
    [
        "Hayat kolha t3ab. walakin el Rahma ta3 Rabbi kbira",
        "Salam 3likom. Farah kbir lyoum, l3ers ta3 wlad 3ammi f Casa",
        "wallah Karim bzaf el cheikh, 3ta l ga3 nas",
        "Nour el 9amar kan zwin lbare7 f sa7ra",
        "Jamal ta3 bladna ma kayench f 7ta blasa. Jamila bzaf",
        "khalti w 3ammi w jeddi kolhom f bled.",
        "Tunsi, Maghribi, Jaza2iri, Libi: kan fih men kolchi f Raqqa",
    ],
)
def test_arabizi_words_that_are_names_before_a_predicate_and_demonyms(text):
    assert found(text) == []


def test_arabizi_names_before_a_verb_or_in_a_compound_stay():
    text = "sme3t bli Nour el Houda rj3at m3a Karim kan ye5dem f Casa"
    assert [t for c, t in found(text) if c == "person"] == ["Nour el Houda", "Karim"]


def test_sisters_called_together_are_no_name():
    assert found("إن مع العسر يسرا. اصبرن يا أخوات") == []
    assert found("ba3d l3osr yosr. sabrou ya 5awatat") == []
    assert ("person", "Samira") in found("ya Samira 3eyni wenek")


def test_counts_of_people_provinces_articles_and_quoted_glosses():
    assert found("Von den 46 befragten Frauen waren 31 Syrerinnen, 9 Irakerinnen.") == []
    assert ("age", "31") in found("Meine Schwester war 31, als sie ging.")
    assert found("He was mostly in Raqqa and later in Mayadeen province.") == []
    assert ("place", "Mayadeen") in found("We lived in Mayadeen, then moved.")
    assert found("Mr Justice presiding. The Crown Prosecution Service was represented.") == []
    assert found('"Jamil", beautiful, is what the old women called him.') == []
    assert ("person", "Jamil") in found('My son "Jamil", aged 4, was there.')


@pytest.mark.parametrize(
    "text",
    [
        "Mon fils a appris l'histoire d'Ibrahim et du feu.",
        "L'imam racontait l'histoire de Younous et de la baleine.",
        "تعلم ابني قصة إبراهيم والنار.",
        "weldi t3alem 9esset Ibrahim w nar.",
        "el imam 7ka 9esset Younes w el 7out.",
        "لم يستعمل أحد اسمه الحقيقي، الكل أبو فلان أو أم فلان. مكتب الأمني كان بجانب المحكمة.",
        "kolchi Abu flan wla Umm flan. maktab el amni kan 7da l ma7kama.",
    ],
)
def test_prophets_with_their_story_so_and_so_and_the_security_office(text):
    assert found(text) == []


def test_a_relative_named_like_a_prophet_and_a_real_kunya_stay():
    assert ("person", "Younes") in found("Mon frère Younes et le fils de ma tante sont partis.")
    assert ("kunya", "أبو خالد العراقي") in found("زوجها أبو خالد العراقي كان هناك")


def test_the_groups_media_with_the_article_a_word_talked_about_and_arabizi_l():
    assert found("les prêches du vendredi, les vidéos d'Al-Hayat.") == []
    assert found("chefti dak el video ta3 Al-Hayat?") == []
    assert ("person", "Hayat") in found("My friend Hayat came.")
    assert ("person", "Ahmad al-Furqan") in found("Ahmad al-Furqan was there.")
    assert found("Emir means prince. Abu means father of, and Umm means mother of.") == []
    assert found("Kan fama jbel, l Atlas? la, l Atlas f Maghrib.") == []
