"""Named schools, colleges, employers, workplaces and shops, found from their context.

"Northfield Academy", "Speedy Cabs Ltd", "lycée Paul-Éluard", "Gesamtschule Am Lauerhaas",
"worked at Tesco Express", "employé chez Boulangerie Dupuis", "bei Kaufland", "مخبز الأمل".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .normalise import (
    _normalise,
    finditer_at_words,
    finditer_near,
    finditer_needed,
    head_anchors,
    word_starts,
)
from .wordlists import (
    _AR_GIVEN_SET,
    _AR_STOPWORDS,
    _COMMON_DE_FR,
    _COMMON_WORDS,
    _GROUPS,
    _STOPWORDS,
    _is_given_name,
    _noun_shaped,
    keyed,
)

__all__ = ["find_organisations"]

_H = keyed("organisation_heads.txt")
_alt = "|".join

# A capitalised name of one to four words: "Al-Sham", "Patel's", "St Mary's", "Qureshi & Sons"
# (a plural possessive too: "Shadwell Girls' School")
_CAP = r"(?:(?:[Aa]l|[Ee]l)-)?[A-Z][\w']*(?:[\w]|(?<=s)'(?=\s))"
_CAP_SEQ = (
    rf"{_CAP}(?:(?:\s+|-|\s+&\s+)(?:{_CAP}|(?:de|du|des|am|an|der|of|al|el)\s+{_CAP})){{0,3}}"
)
# "Sauber & Co. KG", "Malik & Sons Ltd": a partnership before the corporate suffix
_CO = r"(?:\s*&\s*(?:Co|Cie|Sons|Söhne|Partner|Partners)\.?)?"
_AFTER = _alt(w.replace("_", r"\s+") for w in _H["after"])  # Sixth_Form: "Sixth Form"
_HEAD_AFTER_RE = re.compile(
    rf"(?<![\w'])(?P<name>{_CAP_SEQ}){_CO}\s+(?:{_AFTER})"
    rf"(?:\s+(?:Ltd|Limited|GmbH|SARL|PLC))?(?![\w])"
)
# the same heads in lower case after a name: "the Al-Bashayer bakery" (organisation_heads.txt)
_HEAD_AFTER_LOWER_RE = re.compile(
    rf"(?<![\w'])(?P<name>{_CAP_SEQ})\s+(?:{_alt(_H['after-lower'])})(?![\w])"
)
_AFTER_LOWER_WORDS = frozenset(_H["after-lower"])
_HEAD_BEFORE_RE = re.compile(
    rf"(?<![\w'])(?:[lLdD]')?(?i:{_alt(_H['before'])})\s+(?:(?:{_alt(_H['qualifiers'])})\s+)?"
    rf"(?:(?:called|named|du|de\s+la|des|de\s+l|de|(?i:am|an\s+der|im|zum|zur)"
    # (a shop's own name may open with "Au", "Aux", "Chez": "boulangerie Au Bon Levain")
    rf"|von|le|la|les|(?i:au|aux|chez))\s+)?(?P<name>{_CAP_SEQ}(?:\s+d'[A-Z]\w+)?)"
)
# Opening words of a shop's own name ("Le Palmier d'Or", "Chez Farid", "Aux Délices"): the word
# after them decides whether the name is an ordinary word.
_NAME_OPENERS = frozenset({"le", "la", "les", "l", "chez", "aux", "au", "the", "der", "die", "das"})
_WORK_RE = re.compile(
    rf"(?<![\w'])(?:(?:{_alt(_H['work-en'])})(?:\s+[A-Za-z][\w\-]*)?\s+(?:at|for|with|by)\s+(?:the\s+)?"
    r"|(?:chez|bei)\s+(?:(?:der|dem)\s+(?=\S+\s+[A-Z]))?"
    r"|(?:travaill\w*|boss\w*|employe\w*|stage|boulot|job)(?:\s+\w+){0,3}?\s+"
    r"(?:a\s+la|au|aux|a\s+l|a)\s+)"
    rf"(?P<name>{_CAP_SEQ}|[A-Z]{{2,6}})"
)
# "the University of Leeds", "l'Université de Lille", "College of North West London"
_OF_RE = re.compile(
    r"(?<![\w'])(?:University|College|Academy|Institute|School|Universite|Universitat|Hochschule"
    rf"|Ecole|Lycee|Institut)\s+(?:of|de|d'|der|des|du)\s*(?:the\s+)?(?P<name>{_CAP_SEQ})"
)
_AR_HEAD_RE = re.compile(
    rf"(?<![^\W\d_])[وفبل]?(?P<head>{_alt(_H['ar'])})\s+(?P<rest>(?:ابو|ام|ابن)\s+[^\W\d_]+"
    # what the shop does, after ل: ورشة الأمل لتصليح السيارات
    r"(?:\s+لل[^\W\d_]+)?|[^\W\d_]+(?:\s+(?:ال|لل)[^\W\d_]+){0,2}(?:\s+لت[^\W\d_]{3,}(?:\s+ال[^\W\d_]+)?)?)"
)
_ARABIZI_RE = re.compile(
    rf"(?<!\w)(?i:{_alt(_H['arabizi'])})\s+"
    # (what it sells between: "ma7al kosharyt El Sa3ada", "ma3rad 3arabeyat el Nour")
    r"(?:(?=[a-z0-9']*[a-z])[a-z0-9][a-z0-9']{3,}\s+(?=(?i:el|al)[\s\-]\w|[A-Z]))?"
    r"(?:(?i:abu|abou|abo|umm)\s+\w+|(?i:el|al)[\s\-]\w+|[A-Z]\w+"
    # "hanout si l7aj", "masna3 el nasr lel malabes": a title, and article words after the name
    r"|(?:si|sidi)\s+\w+)(?:\s+(?:el|al|lel|lil|l)[\s\-]?(?!\d)\w{3,}){0,2}"
)


# German compounds that name a school or an office: "Heinrich-Böll-Gesamtschule",
# "Caritas-Beratungsstelle Mülheim"
_DE_COMPOUND_ORG_RE = re.compile(
    r"(?<![\w\-])(?:[A-Z][\w]+-)+(?:Gesamtschule|Grundschule|Realschule|Hauptschule|Gymnasium"
    r"|Oberschule|Berufsschule|Beratungsstelle|Moschee|Klinik|Kita|Kindergarten)"
    r"(?:\s+[A-Z][a-z\u00e0-\u00ff]+(?:-[A-Z][a-z\u00e0-\u00ff]+)?)?(?![\w\-])"
)
# a German trade or shop compound before its owner's name: "Änderungsschneiderei Aksoy",
# "Bäckerei Yılmaz", "Friseursalon Demir", "Gemüseladen Haddad", "Kfz-Werkstatt Öztürk"
_DE_TRADE_ORG_RE = re.compile(
    r"(?<![\w\-])[A-Z\u00c0-\u00de][\w\-]*(?:erei|laden|salon|werkstatt|imbiss|kiosk|markt|praxis"
    r"|kanzlei|apotheke|handel|service|studio|grill)\s+"
    r"(?P<name>[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]+(?:[\s\-][A-Z\u00c0-\u00de][a-z\u00df-\u00ff]+)?)"
)
# a sports club by its prefix: "l'AS Minguettes", "FC Wacker Innsbruck", "TSV Grünwald"
_CLUB_RE = re.compile(
    r"(?<![\w])(?:AS|FC|SC|RC|AC|JS|ES|CS|SV|TSV|VfB|VfL|SpVgg|ASC|AJ|OGC|USM|Olympique|Racing"
    r"|Sporting|Stade|Etoile)\s+(?P<name>[A-Z][\w\-]{2,}(?:\s+[A-Z][\w\-]{2,})?)"
)


_FIELD_LABELS = frozenset(
    [
        "nom",
        "prenom",
        "prénom",
        "vorname",
        "nachname",
        "name",
        "surname",
        "adresse",
        "address",
        "anschrift",
        "age",
        "âge",
        "alter",
        "tel",
        "tél",
        "telefon",
        "phone",
        "date",
        "datum",
        "geburtsdatum",
        "email",
        "kontakt",
        "contact",
    ]
)


def _without_label(fold: str, s: int, e: int) -> tuple[int, int]:
    words = list(re.finditer(r"\S+", fold[s:e]))
    while len(words) > 1 and words[-1].group().lower().strip(":/") in _FIELD_LABELS:
        words.pop()
    return s, s + words[-1].end()


# Each pattern's match holds one of these words (lower case, as ``norm`` has them): the pattern
# runs only around them (``finditer_near``: how far before and after a match may reach).
def _firsts(*codes: str) -> frozenset[str]:
    return frozenset(w.split("_")[0].lower() for code in codes for w in _H[code])


_TRIGGERS: dict[re.Pattern[str], tuple[frozenset[str], tuple[str, ...], int, int]] = {
    _HEAD_AFTER_RE: (_firsts("after"), (), 120, 40),
    _HEAD_BEFORE_RE: (_firsts("before"), (), 10, 140),
    _WORK_RE: (
        _firsts("work-en") | {"chez", "bei", "stage", "boulot", "job"},
        ("travaill", "boss", "employe"),
        10,
        140,
    ),
    _OF_RE: (
        frozenset(
            [
                "university",
                "college",
                "academy",
                "institute",
                "school",
                "universite",
                "universitat",
                "hochschule",
                "ecole",
                "lycee",
                "institut",
            ]
        ),
        (),
        10,
        120,
    ),
}


# adjectives that make no name of a head: "the Grand Mosque", "the Central Hospital"
_GENERIC_ADJECTIVES = frozenset(keyed("organisation_heads.txt")["generic"])
_AR_NOT_NAME = frozenset({"في", "من", "الي", "علي", "عن", "مع", "بعد", "قبل", "كان", "كنت"})
# ordinary words that open a name when a word with the article follows: مكتبة دار القلم،
# ثانوية دار الحكمة، مدرسة باب النصر
_AR_NAME_OPENERS = frozenset({"دار", "بيت", "باب", "نور", "عين", "راس", "تل", "جبل", "ابن"})


# the armed groups' institutions and media, their names as an organisation's: "l'agence Amaq"
_GROUP_KEYS = frozenset(" ".join(_normalise(g).replace("-", " ").split()) for g in _GROUPS)


def find_organisations(
    fold: str, norm: str, words: list[tuple[int, int, str]], excluded: Callable[[str], bool]
) -> list[tuple[int, int]]:
    """Spans of named organisations in a text (``words``: its words, ``_Doc.words``);
    ``excluded(words)`` tells a country / group / major city."""
    out: list[tuple[int, int]] = []
    for rx in (_HEAD_AFTER_RE, _HEAD_BEFORE_RE, _WORK_RE, _OF_RE):
        heads, prefixes, before, after = _TRIGGERS[rx]
        for m in finditer_near(rx, fold, head_anchors(words, heads, prefixes), before, after):
            name = m.group("name")
            parts = name.split()
            first = parts[0].lower()
            if first in _NAME_OPENERS and len(parts) > 1:
                first = parts[1].lower()
            # ("boulangerie Au Bon Levain": after the name's own "Au", "Bon" opens a name)
            own_opener = rx is _HEAD_BEFORE_RE and fold[
                m.start() : m.start("name")
            ].lower().split()[-1:] in (["au"], ["aux"], ["chez"])
            if (
                first in _STOPWORDS
                and rx is not _HEAD_AFTER_RE
                and not (own_opener and len(parts) > 1)
            ):
                continue
            if rx is _HEAD_AFTER_RE and name.lower() in _STOPWORDS:
                continue
            if rx is _WORK_RE and excluded(name):
                continue
            if " ".join(_normalise(name).replace("-", " ").split()) in _GROUP_KEYS:
                continue  # "l'agence Amaq", "the Amaq agency": the group's own
            # "la mosquée de Paris", "University of London": a head and a major city or country
            if rx is _OF_RE or (rx is _HEAD_BEFORE_RE and m.start("name") > m.start()):
                between = fold[m.start() : m.start("name")].lower().split()
                if (
                    rx is _OF_RE or between[-1:] in (["de"], ["du"], ["of"], ["von"], ["des"])
                ) and excluded(name):
                    continue
            # "the Grand Mosque", "la Grande Mosquée": a head and an adjective name no one
            if rx is _HEAD_AFTER_RE and all(
                _normalise(w) in _GENERIC_ADJECTIVES for w in re.split(r"[\s\-]+", name)
            ):
                continue
            out.append(m.span() if rx is not _WORK_RE else m.span("name"))
    if max(norm, default=" ") >= "\u0600":
        for m in finditer_needed(_AR_HEAD_RE, norm):
            rest = m.group("rest").split()
            first = rest[0]
            # ورشه ابو علي للحداده, ثانويه ابن خلدون: a kunya or a scholar's name
            kunya = first in ("ابو", "ام", "ابن") and len(rest) > 1
            opener = (
                first in _AR_NAME_OPENERS
                and len(rest) > 1
                and rest[1].startswith("ال")
                and rest[1] not in _AR_STOPWORDS
            )
            if first in _AR_NOT_NAME or (
                first in _AR_STOPWORDS and first not in _AR_GIVEN_SET and not kunya and not opener
            ):
                continue
            # what it is for, not its name: "مركز للشباب" (a centre for the young)
            if first.startswith("لل"):
                continue
            keep = 1
            for w in rest[1:]:
                if w in _AR_STOPWORDS and not kunya and not (opener and keep == 1):
                    break
                keep += 1
            end = m.start("rest") + len(" ".join(rest[:keep]))
            out.append((m.start("head"), end))
    if any(w in _AFTER_LOWER_WORDS for _s, _e, w in words):
        for m in _HEAD_AFTER_LOWER_RE.finditer(fold):
            parts = [_normalise(w) for w in re.split(r"[\s\-]+", m.group("name")) if w]
            if all(
                w in _STOPWORDS
                or w in _COMMON_WORDS
                or w in _GENERIC_ADJECTIVES
                or w in ("al", "el")
                for w in parts
            ) or excluded(m.group("name")):
                continue
            out.append(m.span())
    for m in finditer_at_words(_ARABIZI_RE, fold, word_starts(words)):
        out.append(m.span())
    if "-" in fold:
        out.extend(m.span() for m in finditer_needed(_DE_COMPOUND_ORG_RE, fold))
    # a form's next field label is not part of the name: "Fondation Horizon Retour Nom d'usage :"
    out = [_without_label(fold, s, e) for s, e in out]
    for m in finditer_needed(_DE_TRADE_ORG_RE, fold):
        name = _normalise(m.group("name").split()[0])
        # (not a noun after it: "im Supermarkt Brot gekauft")
        if (
            name not in _STOPWORDS
            and not (name in _COMMON_DE_FR and not _is_given_name(name))
            and not _noun_shaped(name)
            and not excluded(name)
        ):
            out.append(m.span())
    for m in finditer_needed(_CLUB_RE, fold):
        if m.group("name").split()[0].lower() not in _STOPWORDS:
            out.append(m.span())
    return out
