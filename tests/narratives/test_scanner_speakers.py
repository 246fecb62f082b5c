"""Speaker names that open a chat or transcript line, and names from the names-dataset lists."""

from tests.narratives.scanner_helpers import pairs


def found(text):
    return pairs(text, check_offsets=True)


def test_a_listed_name_before_a_colon_at_a_line_start_is_a_speaker():
    text = "Konstantin: bist du noch da?\nJonas: ja, gleich"
    assert ("person", "Konstantin") in found(text)
    assert ("person", "Jonas") in found(text)


def test_after_a_chat_time_stamp_any_unknown_word_is_the_speaker():
    text = "[10:42] dilly: u still at the warehouse?\n[10:43] kass: nah left early"
    assert ("person", "dilly") in found(text)
    assert ("person", "kass") in found(text)


def test_an_arabic_speaker_from_the_cued_lists():
    assert ("person", "رنيم") in found("رنيم: بتشتغل هلق؟")


def test_labels_and_one_letter_speakers_are_no_names():
    text = "R: We left in the spring.\nQ: Why?\nNote: the interview ended.\nDate: unknown\nالعمر: غير معروف"
    assert [f for f in found(text) if f[0] == "person"] == []


def test_a_time_stamp_with_an_ordinary_word_is_no_name():
    assert [f for f in found("[10:42] update: nothing new") if f[0] == "person"] == []


def test_a_weaker_list_name_in_lower_case_after_a_vocative():
    assert ("person", "mirac") in found("hey mirac bist du noch bei der arbeit")
    assert ("person", "kenzo") in found("wesh kenzo t'es où")
    assert found("hey man what is up") == []


def test_arabic_kinship_endearment_and_question_cues():
    assert ("person", "جود") in found("ابنتي جود أصبح عمرها خمس سنوات")
    assert ("person", "كرم") in found("عيد ميلاد سعيد لابني الغالي كرم")
    assert ("person", "سمير") in found("س: هل تعرف سمير؟")
