# (Arabic script in test data is intended.)
"""Dates precise to the day in more shapes: with their weekday, as a range of days, a holiday
with its year, a Hijri month in the genitive, ISO with a time, a day and month after a word
that names a day (pure Python, no Django)."""

import pytest

from tests.narratives.scanner_helpers import dates


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("invited to meet outside the centre on Saturday 11 March.", "Saturday 11 March"),
        ("Am Mittwoch, den 5. Juli 2017 gegen 21 Uhr wurde", "Mittwoch, den 5. Juli 2017"),
        ("a été vu le vendredi 24 juin avec des membres", "vendredi 24 juin"),
        ("يوم الجمعة ١٣ حزيران", "الجمعة ١٣ حزيران"),
        ("ج: في ٢٨ ذي الحجة ١٤١٨، هكذا كتب أبي", "٢٨ ذي الحجة ١٤١٨"),
        ("في 12 من شهر آذار 2015 خرجنا", "12 من شهر آذار 2015"),
        ("bukra 15/9 ba3d el fajr", "15/9"),
        ("The child was born on Christmas Day 2018.", "Christmas Day 2018"),
        ("am Heiligabend 2013 im Café", "Heiligabend 2013"),
        ("We fled on the first day of Eid al-Fitr 2016.", "the first day of Eid al-Fitr 2016"),
        ("la nuit du 13 au 14 novembre 2015", "13 au 14 novembre 2015"),
        ("between 3 and 5 March 2015", "3 and 5 March 2015"),
        ("logged at 2016-03-05T12:00 by the guard", "2016-03-05"),
    ],
)
def test_date_found_whole(text, span):
    assert span in dates(text)


@pytest.mark.parametrize(
    "text",
    [
        "At Christmas we ate together; Ramadan 2016 was hard.",
        # an Eid lasts days: with its year it is less precise than a day
        "We fled after Eid al-Fitr 2016.",
        "He scored 3/4 of the points; in 2015 we left.",
        "He was 5 and in March we left.",
    ],
)
def test_no_day_no_date(text):
    assert dates(text) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("We left on March the 3rd, 2015, at night.", "March the 3rd, 2015"),
        ("It happened on Tuesday the 14th, after prayers.", "Tuesday the 14th"),
        ("On est partis le dimanche 9, très tôt.", "dimanche 9"),
        ("Wir fuhren am Sonntag, dem 9. los.", "Sonntag, dem 9"),
        ("Wir fuhren am Sonntag, dem 9. Oktober 2014 los.", "Sonntag, dem 9. Oktober 2014"),
        ("Er kam am 23sten März zurück.", "23sten März"),
        ("Abreise am 9. Okt. 2014", "9. Okt. 2014"),
        ("we left on 9 Tishreen 2014", "9 Tishreen 2014"),
        ("kan 3 7zayran 2015 lamma tla3na", "3 7zayran 2015"),
        ("mchina fi 12 sbtambr", "12 sbtambr"),
        ("on the 20th of Dhul Hijjah we crossed", "20th of Dhul Hijjah"),
        ("le vendredi 12 septembre 2014, j'ai quitté la maison", "vendredi 12 septembre 2014"),
    ],
)
def test_more_shapes_of_a_day(text, date):
    assert date in dates(text)


@pytest.mark.parametrize("text", ["Geburtsdatum: 05.05.2004", "DOB 05.05.2004, Leeds"])
def test_a_day_in_figures_that_reads_as_a_number_is_a_date(text):
    assert "05.05.2004" in dates(text)
