"""Speakers of chat logs and transcripts: the word that opens a line before a colon.

"[10:42] dilly: u still at the warehouse?", "لمى: وين صارت تالا؟", "Konstantin: ja". A listed
given name there (the weak lists too: the turn is the cue) is a person; after a chat time stamp
any word that is no ordinary one and no label is ("[10:43] kass: nah"). Field labels (Name:,
Date:, Witness:, العمر:) and one-letter speakers (R:, Q:, س:) are no names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .normalise import _normalise, finditer_needed
from .translit import arabizi_fold
from .wordlists import (
    _AMBIGUOUS_NAMES,
    _AR_COMMON,
    _AR_GIVEN_SET,
    _AR_STOPWORDS,
    _AR_WEAK_GIVEN,
    _ARAB_GIVEN_LATIN,
    _ARABIZI_WORDS,
    _COMMON_DE_FR,
    _COMMON_WORDS,
    _CUE_WORDS,
    _KIN_LABEL_WORDS,
    _LABELS,
    _NOT_NAMES,
    _RELIGIOUS_WORDS,
    _STOPWORDS,
    _TITLES,
    _WEAK_GIVEN,
    _WESTERN_GIVEN,
    _WORD_NAMES,
    _is_given_name,
    keyed,
)

__all__ = ["find_arabic_field_names", "find_field_names", "find_named", "find_speakers"]

_TURN_RE = re.compile(
    r"^[ \t]*(?P<stamp>(?:\[[^\]\n]{0,24}\d[:.]\d{2}[^\]\n]{0,8}\]|\[?\d{1,2}[:.]\d{2}(?::\d{2})?\]?"
    # a phone export's date before the dash: "11/9/2016 9:45 م - عبير:", "4/7/2016, 22:12 - Noura:",
    # "24 رمضان 1437 - منيرة:" (a date, a time or both, then a dash)
    r"|\d{1,4}[/.]\d{1,2}[/.]\d{2,4},?(?:[ \t]+\d{1,2}[:.]\d{2}(?:[ \t]*(?:م|ص|[ap]m))?)?(?=[ \t]*[-–])"
    r"|\d{1,2}[ \t]+[\u0621-\u064a]{3,8}[ \t]+\d{4}(?=[ \t]*[-–]))[ \t]*[-–]?[ \t]*)?(?:[-–—•*>][ \t]*)?"
    # (a chat name may open with an arabizi digit or hold a dot: "3mr:", "ahmed.m:")
    # or be a user name ("walid31:", "rukhsana_x:", "ptite_lou:")
    r"(?P<n>(?:[^\W\d_]|[2-9](?=[a-z]))(?:[^\W_]|_(?=[^\W_])){1,20}(?:\.[^\W\d_]{1,12})?)[ \t]*:(?![/\d])",
    re.M,
)


# a chat message's first word, a name, before a call or a question: "wissem win rak?", "ons ya
# benti", "lina, fin nti?"
_ADDRESSED_RE = re.compile(
    r"[ \t]*(?P<n>[a-z]{3,12})(?=[ \t]*(?:[,?!]|[ \t](?:ya|win|wen|fin|fen|wesh|wach|chnou|chnowa"
    r"|shu|shou|wayn|wein|where|u\s|are\s|r\s|t'es|tu\s|ou\s|bist|wo\s)))"
)
# the same in Arabic script: "أختي: لمى شفتي شو كتب؟", "ماما: رهف وينك؟"
_ADDRESSED_AR_RE = re.compile(
    r"[ \t]*(?P<n>[\u0621-\u064a]{2,10})(?=[ \t]*(?:[،؟?!,]|[ \t](?:وين|وينك|شو|شفتي|شفت|ليش|كيف"
    r"|تعي|تعال|اشلون|شلون|يا|وصلتي|وصلت)(?![\u0621-\u064a])))"
)
_USER_NAME_RE = re.compile(r"[a-z]{3,}(?:_[a-z0-9]+)+|[a-z]{3,}\d{1,4}")


def _ordinary(word: str) -> bool:
    return (
        word in _STOPWORDS
        or word in _COMMON_WORDS
        or word in _COMMON_DE_FR
        or word in _TITLES
        or word in _CUE_WORDS
        or word in _RELIGIOUS_WORDS
        or word in _AMBIGUOUS_NAMES
    )


def _given_in_any_list(word: str) -> bool:
    """A given name of any list, the ones that are also ordinary words included (Hope, Grace,
    Finn, Rim): the lists that leave them out do so for running text, not for a speaker."""
    return (
        word in _WESTERN_GIVEN
        or word in _ARAB_GIVEN_LATIN
        or word in _WEAK_GIVEN
        or word in _AMBIGUOUS_NAMES
        or word in _WORD_NAMES
    ) and word not in _TITLES


# a chat export's labels for the writer and their family, never their names: "Omi:", "Yumma:",
# "Ana:" (me), "Sis:", "ماما:", "أختي:" (data/labels.txt)
_KIN_LABELS = _KIN_LABEL_WORDS | frozenset(keyed("labels.txt")["self"])


def find_speakers(norm: str) -> Iterator[tuple[int, int]]:
    """Spans of speaker names that open a line of ``norm`` (the normalised text).

    In a dialogue (a time stamp before the speaker, or two turns or more) a given name of any
    list is a speaker's name even when it is also a word: "[21:03] Hope: did u see faith",
    "Finn: bro wo bist du / Malik: noch im Studio"."""
    if ":" not in norm:
        return
    turns = list(finditer_needed(_TURN_RE, norm))
    dialogue = len(turns) >= 2
    # a word that opens two turns or more of a dialogue of two speakers or more is one of its
    # speakers, listed as a given name or not ("Tom: … / Reece: … / Tom: …", "نادين: … / ريم: …
    # / نادين: …"); a field label repeats too, so no label or ordinary word
    said: dict[str, int] = {}
    for m in turns:
        said[m.group("n")] = said.get(m.group("n"), 0) + 1
    repeated = {n for n, k in said.items() if k >= 2} if len(said) >= 2 else set()
    for m in turns:
        if dialogue or m.group("stamp"):
            # the one the message speaks to, first, in lower case: "Yemma: wissem win rak?"
            first = _ADDRESSED_RE.match(norm, m.end())
            if (
                first
                and first.group("n") not in _KIN_LABELS
                and not _ordinary(first.group("n"))
                and first.group("n") not in _ARABIZI_WORDS
                and _given_in_any_list(first.group("n"))
            ):
                yield first.span("n")
            first_ar = _ADDRESSED_AR_RE.match(norm, m.end())
            if first_ar:
                name = first_ar.group("n")
                if (
                    (name in _AR_GIVEN_SET or name in _AR_WEAK_GIVEN)
                    and name not in _AR_COMMON
                    and name not in _AR_STOPWORDS
                    and name not in _KIN_LABELS
                ):
                    yield first_ar.span("n")
        word = _normalise(m.group("n"))
        if len(word) < 3 or word in _KIN_LABELS or word in _LABELS or word in _KIN_LABEL_WORDS:
            continue
        if (dialogue or m.group("stamp")) and word.isascii() and _given_in_any_list(word):
            yield m.start("n"), m.end("n")
            continue
        if "\u0600" <= word[0] <= "\u06ff":
            if word in _AR_STOPWORDS or word.startswith("ال"):
                continue
            if (
                word in _AR_GIVEN_SET
                or word in _AR_WEAK_GIVEN
                or m.group("stamp")
                or (m.group("n") in repeated and word not in _AR_COMMON)
            ):
                yield m.start("n"), m.end("n")
            continue
        if _ordinary(word):
            continue
        if (
            _is_given_name(word)
            or word in _WEAK_GIVEN
            or (
                m.group("n") in repeated
                and word.isalpha()
                and word not in _NOT_NAMES
                and word not in _ARABIZI_WORDS
            )
            or (
                m.group("stamp")
                and (word.replace(".", "").isalpha() or arabizi_fold(word.split(".")[0]))
            )
            # a user name in a chat export: letters, then digits or an underscore part
            or ((dialogue or m.group("stamp")) and _USER_NAME_RE.fullmatch(word))
        ):
            yield m.start("n"), m.end("n")


# a capitalised word ("Aydın", "Lounès") or a surname in capitals ("KHELIFI", "N'DIAYE")
_UP = "[A-Z\u00c0-\u00de]"
_LOW = "[a-z\u00df-\u00ff\u0100-\u017f'\u2019]"
_NAME = (
    rf"(?:{_UP}(?:'{_UP})?{_UP}+(?:-{_UP}{{2,}})?(?![\w'])"
    rf"|{_UP}{_LOW}+(?:-{_UP}{_LOW}+)?)"
)
# the words of one name: one or two spaces apart (a wider gap parts a form's columns), and
# never the next field's label ("KHELIFI    Prénom : Anissa")
_NAMES = rf"{_NAME}(?:[ \t]{{1,2}}(?![^\W\d_]+[ \t]*:){_NAME}){{0,2}}"
# record fields whose value is one or more persons: "Name: Tom Hale", "Eltern: Vesna und Goran
# Moosbrugger", "Children: Pim (9), Juno (6)", "Mère : Fatou Ndiaye"
_FIELD_RE = re.compile(
    r"(?<![\w])(?i:name|full[ \t]name|surname|first[ \t]name|given[ \t]names?|nom|prenoms?|vorname|"
    r"nachname|familienname|alias|mother|father|parents|children|siblings|spouse|wife|husband|"
    r"mere|pere|enfants|epouse|epoux|conjoint|freres|soeurs|mutter|vater|eltern|kinder|"
    r"geschwister|ehefrau|ehemann|partner(?:in)?|eleve|schuler(?:in)?|pupil|patient(?:in)?|"
    r"appropriate[ \t]adult|anzeigenerstatter(?:in)?|beschuldigte[r]?|zeuge|zeugin|witness|suspect|"
    r"defendant|accused|accuse[e]?|prevenu[e]?|requerant[e]?|applicant|temoin|surnom|sobriquet|"
    # (a bilingual form's label too: "Nom / الاسم : Benali")
    r"spitzname|nickname|known[ \t]as)(?:[ \t]*/[ \t]*[\u0621-\u064a][\u0621-\u064a \t]{1,20})?"
    r"[ \t]*:[ \t]*(?:[\u00ab\"\u201c\u201e\u2039'][ \t]*)?"
    # more names after a comma, a slash or "and", but not the next field's label ("; Previous
    # employer:", ", Vorname:")
    rf"(?P<v>{_NAMES}(?:[ \t]*\(\d{{1,2}}\))?(?:[ \t]*(?:,|/|\b(?:and|und|et)\b)[ \t]*{_NAMES}"
    r"(?![\w \t]{0,25}:)(?:[ \t]*\(\d{1,2}\))?)*)"
)
_ONE_NAME_RE = re.compile(_NAMES)
# "my mother's name is Honor", "her name was Wren", "mon vrai prenom, c'est Thierno", "sie heisst Finja"
_NAMED_RE = re.compile(
    r"(?<!\w)(?i:names?\s+(?:is|was)|name's|prenom(?:\s+est|\s*,?\s*c'est)|nom\s+est|"
    r"s'appel(?:le|ait)|heisst|hiess|heisse|"
    # the answer to a name question: "Q: Your name? A: Dudaev Ruslan", "F: Name? A: …"
    r"(?:your|full|real|votre|ton|ihr|dein)?\s*(?:name|nom|prenom|vorname)\?[ \t]*\w{1,12}[ \t]*[:.\-–]+)\s+"
    rf"(?P<n>{_NAMES})"
)


def _names_in(
    fold: str, s: int, e: int, ordinary: Callable[[str], bool]
) -> Iterator[tuple[int, int]]:
    for m in _ONE_NAME_RE.finditer(fold, s, e):
        words = m.group().split()
        keep = len(words)
        while keep and ordinary(words[keep - 1]):
            keep -= 1
        # "Parents: The Ministry", "Nom : Inconnu": an ordinary first word is no name
        if keep and not ordinary(words[0]) and _normalise(words[0]) not in _NOT_NAMES:
            ends = [w.end() for w in re.finditer(r"\S+", m.group())]
            yield m.start(), m.start() + ends[keep - 1]


def find_field_names(fold: str, ordinary: Callable[[str], bool]) -> Iterator[tuple[int, int]]:
    """Persons in record fields (``Name:``, ``Eltern:``, ``Children:``) of the folded text."""
    if ":" not in fold:
        return
    for m in finditer_needed(_FIELD_RE, fold):
        yield from _names_in(fold, m.start("v"), m.end("v"), ordinary)


def find_named(fold: str, ordinary: Callable[[str], bool]) -> Iterator[tuple[int, int]]:
    """The name after "name is", "prenom, c'est", "heisst" in the folded text."""
    for m in _NAMED_RE.finditer(fold):
        yield from _names_in(fold, m.start("n"), m.end("n"), ordinary)


# Arabic record fields whose value is a person: "المستفيدة: هدى (٢٨ سنة)", "الاسم الثلاثي: …",
# "اسم الأم: …", "المتهم: …" (in the normal form: no hamza, final ة as ه)
_AR_FIELD_RE = re.compile(
    r"(?<![\u0621-\u064a])(?:الاسم(?:[ \t]+(?:الثلاثي|الكامل|الرباعي))?|اسم[ \t]+(?:الام|الاب|الزوج|الزوجه)"
    r"|المستفيد|المستفيده|المتهم|المتهمه|الشاهد|الشاهده|المشتكي|المشتكيه|الزوج|الزوجه|الام|الاب"
    r"|الطفل|الطفله|المريض|المريضه|المدعو|المدعوه|صاحب[ \t]+العلاقه)[ \t]*:[ \t]*"
    r"(?P<v>[\u0621-\u064a]{2,}(?:[ \t]+[\u0621-\u064a]{2,}){0,3})"
)


def find_arabic_field_names(norm: str) -> Iterator[tuple[int, int]]:
    """Persons in Arabic record fields (``المستفيدة:``, ``الاسم الثلاثي:``) of the normal form."""
    if ":" not in norm or max(norm, default=" ") < "\u0600":
        return
    for m in finditer_needed(_AR_FIELD_RE, norm):
        words = m.group("v").split()
        while words and (words[-1] in _AR_STOPWORDS or words[-1] in _AR_COMMON):
            words.pop()
        if words and words[0] not in _AR_STOPWORDS and words[0] not in _AR_COMMON:
            start = m.start("v")
            yield start, start + len(" ".join(words))
