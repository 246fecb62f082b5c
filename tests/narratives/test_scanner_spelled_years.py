"""Dates with the day in words and the year in words, and numeric dates with spaced slashes."""

import pytest

from tests.narratives.scanner_helpers import dates


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("né le vingt-deux juin deux mille sept à Lyon", "vingt-deux juin deux mille sept"),
        ("on the fifth of June two thousand and nine", "fifth of June two thousand and nine"),
        ("am dritten März zweitausendzwölf", "dritten März zweitausendzwölf"),
        ("في الخامس عشر من آب عام ألفين وخمسة عشر", "الخامس عشر من آب عام ألفين وخمسة عشر"),
        ("تاريخ الميلاد: ٢٣ / ٧ / ٢٠٠٢", "٢٣ / ٧ / ٢٠٠٢"),
    ],
)
def test_spelled_and_spaced_dates(text, date):
    assert dates(text) == [date]
