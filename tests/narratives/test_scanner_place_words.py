"""Places and ordinary words that share a spelling: big home cities are not identifying,
a city's district is; a frequent word that is also a town is a place only after a place
preposition or in an address (pure Python, no Django)."""

import pytest

from narratives.anonymize import scan_text
from tests.narratives.scanner_helpers import places


@pytest.mark.parametrize(
    "text",
    [
        "Wir sind über Frankfurt, Stuttgart und Düsseldorf gefahren.",
        "On est passés par Toulouse et Strasbourg avant la frontière.",
        "Er war damals Mitte dreißig, sagte der Richter.",
        "Wir saßen in der Halle und warteten.",
        "Er wollte seinen Namen nicht sagen.",
        "Phone (seized): none recorded.",
        "She drove an old Vauxhall back then.",
    ],
)
def test_no_place(text):
    assert places(text) == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Sie wohnte in Köln-Chorweiler, nicht weit vom Bahnhof.", "Köln-Chorweiler"),
        ("Anschrift: Lindenweg 14, Kamen", "Kamen"),
        ("Er stammt aus Halle und zog dann weg.", "Halle"),
    ],
)
def test_place(text, place):
    assert any(place in p for p in places(text))


@pytest.mark.parametrize(
    "text",
    [
        "Wilayat al-Raqqa and Wilayat al-Furat were merged.",
        "Il parlait de la wilaya de Homs tous les jours.",
        "Abou Mohamed al-Adnani parlait à la radio.",
    ],
)
def test_provinces_and_public_figures_in_other_spellings(text):
    assert scan_text(text) == []


def test_a_kunya_after_a_province_is_still_found():
    found = [
        (f.category, f.text) for f in scan_text("In Wilayat al-Khayr Abu Hamza ran the diwan.")
    ]
    assert ("kunya", "Abu Hamza") in found


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("They took us to Shaddadi.", "Shaddadi"),
        ("In 2016 we moved to Ringsted with my uncle.", "Ringsted"),
    ],
)
def test_the_place_a_journey_went_to(text, place):
    assert place in [f.text for f in scan_text(text)]


def test_a_journey_to_a_country_names_no_place():
    assert scan_text("We went to Syria in 2014.") == []


def test_the_district_on_an_address_blocks_next_line():
    text = "Unit 4, Priory Mews\nSparkbrook, Birmingham\n12 March 2021\nDear Sir or Madam,"
    assert "Sparkbrook" in [f.text for f in scan_text(text)]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("E-Mail: selin@example.de\nWohnort: Kirchwehren-Süd", "Kirchwehren-Süd"),
        (
            "ism: Khaled 3omr: 24 blasa: Hay Nasr, Bordj el 7ayat tel: +216 20 000 455",
            "Bordj el 7ayat",
        ),
        (
            "Adresse du demandeur : lieu-dit La Croix-Blanche, Saint-Julien",
            "lieu-dit La Croix-Blanche",
        ),
        ("Camp / secteur : al-Hol, annexe des étrangères, phase 5", "annexe des étrangères"),
        ("e7na hala2 bi mukhayyam Roj, qita3 2. jozi", "qita3 2"),
        ("im Lager Roj, in der Abteilung C. Ihr Sohn", "Abteilung C"),
        ("wah, rahou f l'moukhayam, phase 4 Lamia:", "phase 4"),
        ("We live in the annex, Section 3, next to the Tunisian women.", "Section 3"),
    ],
)
def test_address_fields_and_camp_parts(text, place):
    assert place in [f.text for f in scan_text(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Wohnort: unbekannt",
        "Adresse : néant",
        "Geburtsort: Aleppo, Syrien",
        "in phase 2 of the project",
    ],
)
def test_no_place_in_placeholders_cities_or_a_reports_annex(text):
    assert [f for f in scan_text(text) if f.category == "place"] == []


def test_a_reports_annex_is_no_camps_part():
    text = "The Hisba is described in the expert report at Annex C."
    assert "Annex C" not in [f.text for f in scan_text(text)]


@pytest.mark.parametrize(
    "text",
    [
        # a plural noun in a list that repeats "in" before frequent words is no village
        "Die Werber waren in Moscheen, in Schulen und in Jugendzentren aktiv.",
        "Sie predigten in Moscheen und in Wohnungen.",
    ],
)
def test_a_plural_noun_in_a_list_of_nouns_is_no_place(text):
    assert scan_text(text) == []


def test_a_village_before_a_new_clause_is_still_a_place():
    text = "Wir wohnten in Wehlitz, in Schulen war kein Platz."
    assert [f.text for f in scan_text(text)] == ["Wehlitz"]
