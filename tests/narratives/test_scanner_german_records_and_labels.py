"""German records capitalise every noun: offices, files and kin (Beratungsstelle,
Staatsschutzkammer, Kampfname, Telefonnummer, Schwiegermutter) are no names even in testimony
that carries identifiers; a chat export's labels for the writer and their family (Omi:, Yumma:,
Ana:, ماما:) are no names either; the people who write stay names (pure Python, no Django)."""

from tests.narratives.scanner_helpers import persons


def test_german_offices_files_and_kin_are_no_names():
    text = (
        "Vermerk vom 12.03.2019: Die Beratungsstelle meldet einen Ausreisefall an die "
        "Staatsschutzkammer. Sein Kampfname war Abu Talha, seine Telefonnummer +49 171 5550 123. "
        "Die Schwiegermutter und der Neffe wohnen noch in Köln."
    )
    found = persons(text)
    for word in (
        "Beratungsstelle",
        "Ausreisefall",
        "Staatsschutzkammer",
        "Kampfname",
        "Telefonnummer",
        "Schwiegermutter",
        "Neffe",
    ):
        assert not any(word in p for p in found), found


def test_chat_labels_for_the_family_are_no_names_but_the_writers_are():
    text = (
        "[12/05/2020 21:02] Yumma: win rak ya Samir?\n"
        "[12/05/2020 21:05] Ana: rani 3and Karima\n"
        "[12/05/2020 21:06] ماما: الله يحفظك\n"
        "[12/05/2020 21:07] Samir: ok"
    )
    found = persons(text)
    assert "Samir" in found and "Karima" in found
    # ("Ana", "me", is also a given name: it may stay)
    assert not {"Yumma", "ماما"} & set(found), found


def test_the_one_a_chat_message_speaks_to_first():
    text = (
        "[08/08/2020 14:02] Yemma: nadia win rak? rani n3ayet mn sbah\n"
        "[08/08/2020 14:05] Nadia: hna m3a s7abati\n"
        "[08/08/2020 14:06] Yemma: tamam, arwa7i bekri"
    )
    found = persons(text)
    assert "nadia" in found
    assert "tamam" not in found


def test_who_speaks_in_a_voice_note_and_the_one_an_arabic_message_speaks_to():
    assert "Jonas" in persons("[Sprachnachricht, 0:31] Hey Lea, ich bin's, Jonas. Ruf mich an.")
    assert "Sandra" in persons("Ja hallo, hier ist Sandra vom Jugendamt.")
    text = "[١٤/٩/٢٠٢٢، ١٠:٠٢ م] أختي: رهف شفتي شو صار؟\n[١٤/٩/٢٠٢٢، ١٠:٠٤ م] أنا: لا"
    assert "رهف" in persons(text)


def test_a_bilingual_form_s_name_field():
    text = "Formulaire / استمارة\nNom / الاسم : Haddouche\nPrénom / الاسم الأول : Lina\n"
    assert "Haddouche" in persons(text)
