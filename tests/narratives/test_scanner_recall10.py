"""Recall families of dev9: repeated chat speakers, phone-export date stamps, Arabic place heads
that stop at a line's end, arabizi ages without a number, bracketed arabizi ages, memorial
"only 23", a named person before "a 19-year-old"."""

from narratives.anonymize import scan_text


def of(text, category):
    return [f.text for f in scan_text(text) if f.category == category]


def test_a_speaker_who_opens_two_turns_is_a_person():
    chat = "Tom: mate have u seen it\nReece: nah\nTom: his bio says hi\nReece: lol"
    assert of(chat, "person").count("Tom") == 2
    ar = "ريم: شفتي شو كتب؟\nنادين: لا شو؟\nريم: حاطط حسابه الجديد\nنادين: يا ساتر"
    assert of(ar, "person").count("نادين") == 2


def test_repeated_role_and_kin_labels_are_no_speakers():
    form = "Interviewer: Your name?\nApplicant: Nasreen.\nInterviewer: Work?\nApplicant: None."
    assert "Applicant" not in of(form, "person")
    chat = "khouya: salam\nAmine: wa3alikom\nkhouya: labas?\nAmine: hamdoulah"
    assert "khouya" not in of(chat, "person")


def test_a_phone_export_date_stamp_opens_a_turn():
    text = "11/9/2016 9:45 م - أم خطاب: وينك؟\n11/9/2016 9:50 م - عبير: نعم، هي الآن هنا"
    assert "عبير" in of(text, "person")
    text = "٢٤ رمضان ١٤٣٧ - منيرة: وين صرتوا؟\n٢٤ رمضان ١٤٣٧ - أبو عمار: وصلنا"
    assert "منيرة" in of(text, "person")


def test_an_arabic_place_head_stops_at_the_line_end():
    text = "ريم: وبيقول إنه بحي غويران\nنادين: يا ساتر\nريم: اي"
    assert "حي غويران" in of(text, "place")


def test_arabizi_one_year_old_without_a_number():
    assert of("3andi bent 3andha 3am. rani f Turkia", "age") == ["3am"]
    assert of("w 3ndha bnt 3am w nass / Ghita: ok", "age") == ["3am w nass"]
    # an uncle, not an age
    assert of("3andi 3am f Paris w khali f Lyon", "age") == []


def test_bracketed_arabizi_age():
    assert of("m3a weldha Anas (9 snin). sakna daba f Sale", "age") == ["9 snin"]


def test_memorial_only_and_a_named_person_before_a_year_old():
    assert of("real name Brahim, from Anderlecht, only 23... #shuhada", "age") == ["23"]
    assert of("we had, only 3 $ left", "age") == []
    text = "RIP to my lil brother Danny Okafor 💔 a 19-year-old kid from Leeds"
    assert of(text, "age") == ["19-year-old"]
    assert of("A 19-year-old can't choose a side", "age") == []
