"""Ages said across a chat's or an interview's turns, and the second age of a clause with its
verb left out: the answer or correction after an age said or asked, "now N" later in the
clause, a relative and a number after an age, duals, a record's "26 J." after the date of
birth, fillers between the verb and the age (pure Python, no Django)."""

import pytest

from narratives.anonymize import scan_text
from tests.narratives.scanner_helpers import ages


@pytest.mark.parametrize(
    ("text", "age"),
    [
        # an answer or a correction in the next turn, after an age said or asked
        ("Nora: her cousin is like 14 i think\nJules: 15 now. she started college", "15"),
        ("Yassine: 3mrha 30?? ma3ndhach\nSelma: 31 fel 2 avril inchallah", "31"),
        (
            "[12/03/2022, 09:14] Hind: ch7al 3mro daba?\n[12/03/2022, 09:20] Rania: la rahou 24",
            "24",
        ),
        ("Tom: wie alt ist deine Tante?? 😅\nachtzig!! wir feiern am Sonntag", "achtzig"),
        ("ليلى: خالتك صار عمرها ٤٠\nأنا: وبنتها؟\nليلى: ٩ سنين", "٩ سنين"),
        ("I: Wie alt war Ihre Schwester?\nB: Als sie ging? Fünfzehn.", "Fünfzehn"),
        # the unit said with an answer in the same turn
        ("Inès: il a quel âge ton frère maintenant ? 19 ans ?", "19 ans"),
        # a second age of the same clause, its verb left out
        ("Leila: mon fils a 4 ans maintenant, et moi trente-deux", "trente-deux"),
        ("3andi 29 sna w binti santeen", "santeen"),
        ("Samir 3omro kan 40, mrato Latifa 33.", "33"),
        ("أحمد صار عمره ٨ سنين وريم سنتين", "سنتين"),
        ("Yanis : il avait 17 ans quand il est parti\nMoi : dix-sept ouais, maintenant 25", "25"),
        # arabizi and Arabic duals after "3ando"
        ("Karim 3ando عامين w nass", "عامين w nass"),
        # a record's age after the date of birth
        ("Es handelt sich um Deniz KARA, geb. 3.7.1999, 24 J., wohnhaft in Lindenau.", "24"),
        # the next ages of an answer, a name after the relative, "and already"
        ("Q: How old are your nieces?\nA: 7 and 11. Both at school.", "11"),
        ("Il a dit : j'ai vingt ans, et ma sœur Yasmina dix-sept.", "dix-sept"),
        ("she's 25 and her brother 21, they both left", "21"),
        ("bravo à ma cousine Houda 🎓 21 ans et déjà diplômée", "21 ans"),
        ("سلوى: كم عمر أخوك؟\nرنا: تسعة، وأختي ريم ستة.", "تسعة"),
        ("Amal kan 3omrha 30 w Sara 3omrha 25 w huwa tmanta3ch", "tmanta3ch"),
        ("die ist doch erst 16 alter", "16"),
        ("ich war neunzehn, als ich ging, und zweiundzwanzig, als ich zurückkam", "zweiundzwanzig"),
        ("سعاد صار عمرها ٩ سنين ولينا سنتين", "سنتين"),
        # a one-word age question, a birthday next month, one's own age as "a boy of"
        ("Q: Age?\nA: 23", "23"),
        ("sie wird nächsten Monat 50", "50"),
        ("I was a girl of fourteen when they came", "fourteen"),
        # fillers and adverbs between the verb and the age
        ("ich war damals, äh, sechzehn, und bin dann weg", "sechzehn"),
        ("ich war, äh, zwanzig, und meine Cousine Wiebke, äh, achtzehn", "achtzehn"),
        ("und ich war, ja, neunzehn, als wir geheiratet haben", "neunzehn"),
    ],
)
def test_the_age_is_found(text, age):
    assert age in ages(text)


@pytest.mark.parametrize(
    "text",
    [
        # a count, a time, a list's number or a form's count field after an age
        "A: I was 17 then.\nQ: How many brothers did you have?\nA: 3.",
        "Q: How old was he?\nA: 30.\nQ: And what time did they come?\nA: 10.",
        "Liste, Block B:\n1. Karim Ouali, 34\n2. Ilias Bensaid, 19",
        "Name: Safa Haddad\nAlter: 31\nAnzahl Kinder: 3",
        "there was a boy of 12 in the next tent",
        # a verb of staying before the duration: "and I stayed 3 years"
        "كان عمري ٢٠ سنة وبقيت ٣ سنوات بالمخيم",
    ],
)
def test_counts_after_an_age_are_no_age(text):
    found = ages(text)
    assert "3" not in found and "10" not in found and "2" not in found and "12" not in found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # (names that are words too: the question makes them names)
        ("und wie alt war Malte damals?", "Malte"),
        ("how old was Rose then?", "Rose"),
        ("quel âge avait Rose ?", "Rose"),
        ("Hiba: ch7al 3mrha Rose?", "Rose"),
    ],
)
def test_the_person_an_age_question_asks_about(text, name):
    assert ("person", name) in [(f.category, f.text) for f in scan_text(text)]


def test_your_age_asks_about_no_one_after_it():
    found = [f.text for f in scan_text("S: kam kan 3omrak lama ro7et?") if f.category == "person"]
    assert "lama" not in found


def test_a_stay_after_an_age_is_no_second_age():
    assert ages("كان عمري ٢٠ سنة وبقيت سنتين بالمخيم") == ["عمري ٢٠ سنة"]


def test_a_stay_with_someone_after_an_age_is_no_second_age():
    assert ages("كان عمري ١٩ سنة وبقيت معهم سنتين") == ["عمري ١٩ سنة"]
