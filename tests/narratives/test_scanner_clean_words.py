# (Arabic script in test data is intended.)
"""Words of clean texts that are no one's name (pure Python, no Django): arabizi's own words
written with a capital (narratives/anonymize/runs.py)."""

import pytest

from narratives.anonymize import LeakScanner


@pytest.mark.parametrize(
    "text",
    [
        "Ana w s7abi kunna fel Hamburg, puis à Paris.",
        "daba f tlatinat, kolchi ghali. Rabi kbir, Allah karim.",
    ],
)
def test_an_arabizi_word_with_a_capital_is_the_word(text):
    assert [f.category for f in LeakScanner().scan(text)] == []


def test_a_name_in_arabizi_text_stays():
    found = LeakScanner().scan("khoya Yassine kan m3aya f l mokhayam, 3ndo 3 wlad.")
    assert "Yassine" in [f.text for f in found]


@pytest.mark.parametrize(
    "text",
    [
        "Later the Amaq agency announced his death. Al-Hayat Media Center released the video.",
        "Plus tard, l'agence Amaq a annoncé sa mort.",
        "شاهدنا كلمة أبي محمد العدناني على الهاتف.",
        "The Emir was a Saudi. The Wali of al-Baraka changed every few months.",
    ],
)
def test_the_groups_institutions_figures_and_provinces_are_no_finding(text):
    assert [f.category for f in LeakScanner().scan(text)] == []


def test_a_school_named_after_a_figure_is_still_a_school():
    found = LeakScanner().scan("Elle allait au lycée Ibn Khaldoun.")
    assert "organisation" in [f.category for f in found]


@pytest.mark.parametrize(
    "text",
    [
        "Everyone knew the song \"Tala' al-Badru 'Alayna\" by heart.",
        "Rose et Marguerite, c'étaient les noms des salles de la maternité.",
        "حفظ الأطفال الأسماء كلها. كان عمر أصغرهم خمس سنوات.",
        "Wallah, Telegram w WhatsApp kanu kollon مراقبين.",
    ],
)
def test_titles_names_of_things_ages_of_a_group_and_arabic_plurals_are_no_finding(text):
    assert [f.category for f in LeakScanner().scan(text)] == []


def test_a_name_in_arabic_script_inside_latin_text_stays():
    found = LeakScanner().scan("Sein Vater hieß شكري und war Bäcker.")
    assert "person" in [f.category for f in found]


@pytest.mark.parametrize(
    "text",
    [
        "Die Katiba bestand aus mehreren Sariyas. Jede Einheit hatte einen Emir.",
        "Nobody used real names. The katiba moved every few weeks.",
        "كانت الكتيبة مقسمة إلى سرايا، ولكل سرية أمير.",
        "el katiba kanet m9asma l sarayat.",
    ],
)
def test_a_unit_word_with_no_name_after_it_is_no_unit(text):
    assert [f.category for f in LeakScanner().scan(text)] == []


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Il était chef d'une sariya de la katiba Dir' al-Islam.", "katiba Dir"),
        ("كنت في كتيبة أبو بكر الصديق.", "أبو بكر"),
        ("He joined liwa2 jond el-furat in the spring.", "jond el-furat"),
    ],
)
def test_named_units_stay(text, unit):
    assert any(unit in f.text for f in LeakScanner().scan(text))


@pytest.mark.parametrize(
    "text",
    [
        "كانت أمي تقول لي اصبري. أبي لم يكن يقول شيئاً.",
        "En arabe, disait le cheikh, ce serait Iman, Nima et Rahma.",
    ],
)
def test_my_father_before_a_particle_and_names_joined_in_word_talk_are_no_finding(text):
    assert [f.category for f in LeakScanner().scan(text)] == []


def test_a_kunya_before_a_particle_with_abu_stays():
    found = LeakScanner().scan("قال أبو محمد إن الطريق مغلق.")
    assert "kunya" in [f.category for f in found]


@pytest.mark.parametrize(
    "text",
    [
        "Mein Vater war Busfahrer. Wir waren fünf Geschwister.",
        "كان أبي سائق حافلة وأمي ربة بيت.",
    ],
)
def test_a_count_of_siblings_and_my_father_with_his_trade_are_no_finding(text):
    assert [f.category for f in LeakScanner().scan(text)] == []


@pytest.mark.parametrize(
    "text",
    [
        "في سن الثامنة عشرة يصبح الشاب راشداً قانوناً.",
        "البناية عمرها خمسون سنة. صبرٌ جميل والله المستعان.",
    ],
)
def test_an_indefinite_arabic_word_and_a_quranic_formula_are_no_name(text):
    assert [f.category for f in LeakScanner().scan(text)] == []


def test_a_name_after_a_cue_without_tanwin_stays():
    found = LeakScanner().scan("كان أخي أحمد معنا في المخيم.")
    assert "أحمد" in [f.text for f in found]
