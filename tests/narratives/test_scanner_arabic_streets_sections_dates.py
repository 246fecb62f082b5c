"""Arabic street names (شارع and a construct), a camp's sections in Arabic, day dates after an
Arabic proclitic, and more Levantine and Maghreb month spellings (pure Python, no Django)."""

import pytest

from tests.narratives.scanner_helpers import found


@pytest.mark.parametrize(
    ("text", "category", "expected"),
    [
        (
            "العنوان: حي الزهور، شارع المستوصف القديم\nالهاتف: لا يوجد",
            "place",
            "شارع المستوصف القديم",
        ),
        ("ساكنين بشارع ١٦ تشرين من زمان", "place", "شارع ١٦ تشرين"),
        ("بالمخيم حطونا بالقسم الثالث مع الأجانب", "place", "القسم الثالث"),
        ("رجع من تركيا بـ٢٠١٩/٨/٣ وما حدا شافه", "date", "٢٠١٩/٨/٣"),
        ("khalti matet f 3 ayloul 2019 allah yer7amha", "date", "3 ayloul 2019"),
        ("tzadet f 14 ghocht 2001 f Oujda", "date", "14 ghocht 2001"),
    ],
)
def test_found(text, category, expected):
    assert any(expected in f for f in found(text, category))


@pytest.mark.parametrize(
    "text",
    [
        "كنا نمشي في الشارع العام كل يوم بعد المغرب",
        "أخذوه على قسم الطوارئ في المستشفى الوطني",
    ],
)
def test_any_street_and_any_department_are_no_place(text):
    assert found(text, "place") == []


@pytest.mark.parametrize(
    ("text", "category", "expected"),
    [
        ("من قرية صغيرة قربها اسمها الحويجة الغربية", "place", "الحويجة الغربية"),
        ("Im Lager Roj, Abschnitt 4, lebt sie mit den Kindern.", "place", "Abschnitt 4"),
        ("Beneficiary #2210, Chioma (surname withheld), 31.", "person", "Chioma"),
        ("Klientin Derya berichtet von ihrer Ausreise.", "person", "Derya"),
    ],
)
def test_named_places_camp_parts_and_case_file_roles(text, category, expected):
    assert any(expected in f for f in found(text, category))


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("He served in the Ansar al-Din battalion until 2016.", "Ansar al-Din battalion"),
        ("He led the Umar ibn al-Khattab sariyya near the border.", "Umar ibn al-Khattab sariyya"),
        ("Il était dans la Brigade des Tunisiens de Mayadin.", "Brigade des Tunisiens de Mayadin"),
        ("كان في مفرزة الاستطلاع قرب البلدة", "مفرزة الاستطلاع"),
    ],
)
def test_units_by_the_word_after_or_whom_they_gathered(text, unit):
    assert any(unit in f for f in found(text, "unit"))


def test_the_group_s_women_s_police_is_no_unit():
    assert found("The Khansaa Brigade patrolled the market every day.", "unit") == []


@pytest.mark.parametrize(
    ("text", "shop"),
    [
        ("Employer given: Sparkle Hand Car Wash, Mill Road.", "Sparkle Hand Car Wash"),
        ("is Uncle Tariq still at Madina Halal Meats?", "Madina Halal Meats"),
        ("aide-soignante à l'EHPAD Les Tilleuls de Roubaix", "EHPAD Les Tilleuls"),
        ("il tenait le Taxiphone Al Baraka, rue de Paris", "Taxiphone Al Baraka"),
    ],
)
def test_more_workplaces_by_their_head(text, shop):
    assert any(shop in f for f in found(text, "organisation"))
