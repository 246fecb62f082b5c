# (Arabic script in test data is intended.)
"""Names in Arabic chat after the verbs and prepositions of meeting and speaking (شفت رغد،
حكيت مع ليان، قلتلها لميار، أنا وبتول), single Latin names after a kin word or a verb in
narrative, and the same cues before ordinary words (pure Python, no Django)."""

import pytest

from narratives.anonymize import LeakScanner
from tests.narratives.scanner_helpers import found


def persons(text):
    return found(text, "person", "kunya")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("وين جود؟ صارلها يومين ما بترد", "جود"),
        ("شفت رغد اليوم بالسوق", "رغد"),
        ("حكيت مع ليان امبارح", "ليان"),
        ("رحت مع أيهم عالمدرسة", "أيهم"),
        ("قلتلها لميار تجي بكرا", "ميار"),
        ("بنت خالتي شهد تزوجت", "شهد"),
        ("صاحبي عبودي راح على تركيا", "عبودي"),
        ("خيي مجد رجع من الشغل", "مجد"),
        ("جارتنا أم يزن مريضة", "أم يزن"),
        ("كنت ساكن عند عمي أبو فراس", "أبو فراس"),
        ("الله يرحمك يا خالد", "خالد"),
        ("مبروك لسدرة النجاح", "سدرة"),
        ("عيد ميلاد سعيد يا تيماء", "تيماء"),
        ("أنا وبتول رحنا سوا", "بتول"),
        ("Then Yasmina told me to wait outside.", "Yasmina"),
        ("I stayed with Dounia for a week.", "Dounia"),
        ("Her brother, Anouar, drove us.", "Anouar"),
        ("We called him Titi because he was small.", "Titi"),
        ("A man named Gorka came to the flat.", "Gorka"),
        ("It was Noé who found the boat.", "Noé"),
        ("Ich habe mit Samira geredet.", "Samira"),
        ("Ma voisine Khadija m'a aidée.", "Khadija"),
        ("Mon cousin Wissem était déjà là-bas.", "Wissem"),
        ("Sein Freund Dejan kam später.", "Dejan"),
        ("Only Mehmet knew the way.", "Mehmet"),
        ("Tante Zouina habitait à côté.", "Zouina"),
        ("La petite Inaya pleurait.", "Inaya"),
    ],
)
def test_a_name_after_a_verb_or_preposition_of_chat(text, name):
    assert any(name in hit for hit in persons(text))


@pytest.mark.parametrize(
    "text",
    [
        "شفت الفيلم امبارح وكان حلو",
        "حكيت مع الدكتور عن الموضوع",
        "قالت إنها تعبانة كتير",
        "قال لي إنه جاي بكرا",
        "سلم على الجميع",
        "رحت مع الشباب عالبحر",
        "صاحبي كان معي طول الوقت",
        "خيي رجع من الشغل بكير",
        "كلمتني الصبح وقالت تعالي",
        "أنا ووالدتي رحنا عالسوق",
        "قلتلها لا تتأخري",
        "شفت نور الشمس من الشباك",
        "مع السلامة يا جماعة",
        "اتصلت بالمدرسة وما حدا رد",
        "زرت المتحف مع أهلي",
        "قالت لي أمي إنو الأكل جاهز",
        "مع ولي الأمر فقط",
        "أنا وأخوي رحنا نلعب",
        "شفت كتير ناس بالعرس",
        "حكى عن الحرب كتير",
    ],
)
def test_the_same_cues_before_ordinary_words_find_nothing(text):
    assert LeakScanner().scan(text) == []
