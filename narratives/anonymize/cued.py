"""Arabic names no list holds, found from the words before them.

"أخي اسمه سليم القرقوري", "المدعو فلان الفلاني", "زوجتي سليمة البرقاوي". After a naming cue
(اسمه، اسمها، يدعى، المدعو، الملقب) or a role in a record (الشاهد، المتهمة، الضحية: not before
a verb) the next words are a name: a first word, then family
words with the article. After a kinship cue (أخي، أختي، ابن عمي، زوجتي…) only a word followed
by a family name with the article (القرقوري) is one: "أخي الكبير" and "أخي كان" are not.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .normalise import _normalise, finditer_needed
from .wordlists import (
    _AR_COMMON,
    _AR_GIVEN_SET,
    _AR_PARTICLES,
    _AR_ROLE_CUES,
    _AR_STOPWORDS,
    _AR_WEAK_GIVEN,
    _COMMON_DE_FR,
    keyed,
    words,
)

__all__ = ["find_cued_arabic_names", "find_cued_names", "find_names_with_age", "find_titled_names"]

_NAMING = frozenset(
    _normalise(w)
    for w in (
        "اسمه",
        "اسمها",
        "اسمي",
        "يدعى",
        "تدعى",
        "المدعو",
        "المدعوة",
        "يسمى",
        "تسمى",
        "الملقب",
        "الملقبة",
        "يلقب",
        "تلقب",
        # what they call me: ينادوني رغودة، بيسموني أبو الزوز
        "ينادوني",
        "ينادونني",
        "بينادوني",
        "يسموني",
        "بيسموني",
        "يسمونني",
    )
)
_KIN = frozenset(
    _normalise(w)
    for w in (
        "أخي",
        "أختي",
        "اخوي",
        "زوجتي",
        "زوجي",
        "ابني",
        "ابنتي",
        "بنتي",
        "عمي",
        "خالي",
        "عمتي",
        "خالتي",
        "صديقي",
        "صديقتي",
        "جاري",
        "جارتي",
        "أبي",
        "أمي",
        "والدي",
        "والدتي",
    )
)
_AR_WORD_RE = re.compile(r"[\u0621-\u064a]+")
# after a role (الشاهد، المتهمة، الضحية) a verb may stand where a name would: an imperfect
# verb opens with one of these letters (يعمل، تسكن، نعرف)
_IMPERFECT = ("ي", "ت", "ن")


def _family(word: str) -> bool:
    return word.startswith("ال") and len(word) >= 5 and word not in _AR_STOPWORDS


# a record's name field: "اسم الطفل: ريان", "الاسم الكامل: سيف الدين بن عمار", "اسم الأب : …";
# the name runs to the next field's label (a word before a colon)
_AR_NAME_FIELD_RE = re.compile(
    r"(?<![\u0621-\u064a])(?:(?:ال)?اسم(?:[ \t]+[\u0621-\u064a]+){0,2}|الشهره|الكنيه|اللقب|الكنيه[ \t]+العائليه)[ \t]*:[ \t]*"
    r"(?P<n>(?![\u0621-\u064a]+[ \t]*:)[\u0621-\u064a]{2,}"
    r"(?:[ \t]*[\u060c,]?[ \t]+(?!اسم|[\u0621-\u064a]+(?:[ \t]+[\u0621-\u064a]+)?[ \t]*:)[\u0621-\u064a]+){0,3})"
)


def find_cued_arabic_names(norm: str, excluded: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Spans of Arabic names after a naming or kinship cue (offsets into ``norm``)."""
    if max(norm, default=" ") < "\u0600":
        return []
    toks = [(m.start(), m.end(), m.group()) for m in _AR_WORD_RE.finditer(norm)]
    out = [
        m.span("n")
        for m in finditer_needed(_AR_NAME_FIELD_RE, norm)
        if m.group("n").split()[0] not in _AR_STOPWORDS
    ]
    for i, (_, cue_end, cue) in enumerate(toks[:-1]):
        role = cue in _AR_ROLE_CUES
        naming = cue in _NAMING or role
        if not (naming or cue in _KIN):
            continue
        start, _, first = toks[i + 1]
        if norm[cue_end:start].strip() or first in _AR_STOPWORDS or first in _NAMING:
            continue
        if (
            role
            and (
                len(first) < 3
                or first in _AR_ROLE_CUES
                # a particle with a pronoun: انه، انها، لانه، بانه
                or first.removesuffix("ها").removesuffix("ه") in _AR_STOPWORDS
                or (
                    first[:1] in ("ب", "ل", "و", "ف", "ك")
                    and first[1:].removesuffix("ها").removesuffix("ه") in _AR_STOPWORDS
                )
                or (first.startswith(_IMPERFECT) and first not in _AR_GIVEN_SET)
            )
        ):
            continue
        if (first.startswith("ال") and first not in _AR_GIVEN_SET) or excluded(first):
            continue
        # a frequent word that is no name of any list: "قالت أمي نصف الإيمان"
        if (
            not naming
            and first in _AR_COMMON
            and first not in _AR_GIVEN_SET
            and first not in _AR_WEAK_GIVEN
        ):
            continue
        j = i + 2
        family = 0
        while j < len(toks) and not norm[toks[j - 1][1] : toks[j][0]].strip() and j - i <= 4:
            word = toks[j][2]
            if word in _AR_PARTICLES and j + 1 < len(toks):
                j += 2
                continue
            if _family(word) and not excluded(word):
                family += 1
                j += 1
                continue
            break
        # after a kinship cue a lone word is a name when the person's age follows it:
        # "ابنتي جوري عمرها ٣ سنوات"
        aged = j < len(toks) and toks[j][2].startswith(("عمر", "وعمر")) and len(first) >= 3
        if not naming and not family and not aged:
            continue
        out.append((start, toks[j - 1][1]))
    return out


_HONORIFICS = sorted(words("honorifics.txt"), key=len, reverse=True)
# a capitalised name word, or an arabizi one opening with a digit letter (7amza, 3ali)
_NAME_WORD = r"(?:[A-Z\u00c0-\u00de][\w'\u2019]*\w|[2-9][a-z]\w+)"
_HONORIFIC = "(?:" + "|".join(re.escape(h) for h in _HONORIFICS) + r")(?<=\w|\.)"
# (honorifics in a row are one: "Herr Dr. Özdemir", "Frau Prof. Weber", "Mme Dr Haddad")
_TITLED_RE = re.compile(
    rf"(?<![\w.])(?=[A-Z])(?P<t>{_HONORIFIC}(?:[ \u00a0]+{_HONORIFIC})*)"
    rf"[ \u00a0]+(?P<n>{_NAME_WORD}(?:[ \-]{_NAME_WORD}){{0,2}})"
)


def find_titled_names(fold: str, ordinary: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Spans of "honorific + name" ("Mme Haddouche", "Herr Öztürk", "Sheikh 7amza"), the
    honorific included; ``ordinary(word)`` tells a word that is no name (the name ends there)."""
    out = []
    for m in finditer_needed(_TITLED_RE, fold):
        names = re.split(r"[ \-]", m.group("n"))
        keep = 0
        for w in names:
            if ordinary(w):
                break
            keep += 1
        if not keep:
            continue
        end = m.start("n") + len(" ".join(names[:keep]))
        out.append((m.start("t"), end))
    return out


# a name with its age as records write it: "Aqib Rasool (21)", "Naila Osei, 41, of ..."
_NAME_AGE_RE = re.compile(
    r"(?<![\w'])(?P<n>[A-Z][a-z\u00e0-\u00ff]+(?:[ \-][A-Z][a-z\u00e0-\u00ff]+){1,2})"
    r"(?:\s\(\d{1,2}\)|,\s\d{1,2}(?=,|\s+(?:ans|years|Jahre|aus|of|from|de)\b))"
)


def find_names_with_age(fold: str, ordinary: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Spans of two or three capitalised words right before an age in brackets or commas."""
    out = []
    for m in finditer_needed(_NAME_AGE_RE, fold):
        words = re.split(r"[ \-]", m.group("n"))
        while words and ordinary(words[0]):
            words.pop(0)
        if len(words) >= 2 and not any(ordinary(w) for w in words):
            out.append((m.end("n") - len(" ".join(words)), m.end("n")))
    return out


_PERSON_CUES = words("person_cues.txt")
_CUED_WORD_RE = re.compile(
    r"(?<![\w'@])(?P<cue>[a-z]+)\s+(?P<n>[A-Z][a-z\u00e0-\u00ff]{2,}|@\w{3,})(?![\w'@.-])"
)


_SUBJECT = keyed("chat_name_cues.txt")
_SUBJECT_RE = re.compile(
    r"(?<![\w'@])(?P<n>[A-Z][a-z\u00e0-\u00ff]{2,})\s+(?:"
    + "|".join(_SUBJECT["subject-verbs"])
    + r"|got\s+(?:"
    + "|".join(_SUBJECT["subject-got"])
    + r"))(?!\w)"
)


# a family by its name: "bei Familie Kowalczyk", "chez les Benhamou", "stayed with the Haddads"
_FAMILY_RE = re.compile(
    r"(?<![\w'])(?:(?:Familie|famille|chez\s+les)\s+(?:von\s+)?"
    r"(?P<n>[A-Z][\w\-']+)"
    r"|(?:with|at|to|visit|visited|visiting|from|by)\s+the\s+(?P<p>[A-Z][a-z]{2,}s)(?!\w))"
)


# a case file's person by their role: "Client Rim (ريم …), 26", "Beneficiary #4471, Grace",
# "Klientin Derya", "la bénéficiaire Nadia"
_ROLE_NAME_RE = re.compile(
    r"(?<![\w'])(?i:client|cliente|klient|klientin|beneficiary|beneficiaire|patient|patientin"
    r"|mandant|mandantin|requerant|requerante|applicant|antragsteller|antragstellerin)"
    r"(?:\s+#?\d{1,6},?)?\s+(?P<n>[A-Z][a-z\u00e0-\u00ff]{2,})(?![\w'@.-])"
)


# who speaks in a voice note or a call: "ich bin's, Chris", "it's me, Marcus", "hier ist Brigitte",
# "c'est moi, Inès"
_SELF_NAME_RE = re.compile(
    r"(?<![\w'])(?i:ich\s+bin['\u2019]?s|it['\u2019]?s\s+me|c['\u2019]est\s+moi|hier\s+ist|hier\s+spricht"
    r"|this\s+is\s+me),?\s+(?:(?i:listen|hey|ok|okay|ecoute|hor\s+zu),?\s+)?"
    r"(?P<n>[A-Z][a-z\u00e0-\u00ff]{2,})(?![\w'@-]|\.\w)"
)


def find_cued_names(fold: str, ordinary: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Lone capitalised words after a person verb ("went with Rukhsana", "ask Dilan") or
    before one ("Dilnoza said", "Rukhsana got engaged"), or after a case file's role."""
    out = [
        m.span("n")
        for rx in (_ROLE_NAME_RE, _SELF_NAME_RE)
        for m in finditer_needed(rx, fold)
        if not ordinary(m.group("n"))
    ]
    for m in _CUED_WORD_RE.finditer(fold):
        if m.group("cue") in _PERSON_CUES and not ordinary(m.group("n")):
            out.append(m.span("n"))
    for m in finditer_needed(_SUBJECT_RE, fold):
        if not ordinary(m.group("n")):
            out.append(m.span("n"))
    for m in finditer_needed(_FAMILY_RE, fold):
        name = m.group("n") or m.group("p")
        # "the Haddads": the family's name without its plural s
        if (
            not ordinary(name)
            and name.lower() not in _COMMON_DE_FR
            and not (m.group("p") and ordinary(name[:-1]))
        ):
            out.append(m.span("n") if m.group("n") else m.span("p"))
    return out
