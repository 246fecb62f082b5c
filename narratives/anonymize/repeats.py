"""Names the detectors saw once, found everywhere; and, in testimony, every word written as one.

``repeated_names``: testimony names a person fully once and then by one word, earlier or
later, in another case, or spelt again one letter off ("Tarek Bouzidane. Or Bouzidani"). Each
word of a full-name finding (two words or more: a lone word may be a word misread) is looked
for again in the whole text, and so are the name parts of an address or handle
("kerstin.walde@…" and "Kerstin is fine"). A word that is also an ordinary word (Rose, Grace,
Hope) is taken again only where it is written as a name: capitalised, not at the start of a
sentence. Particles and titles (al, bin, Mr, أبو) never spread.

``names_in_testimony``: in a text that carries identifiers (an address, a phone number, a
day, a kunya, a unit, a full name, a vault value), a capitalised word that no list knows is
read as a name, and so is a given name written in lower case. Texts without identifiers keep
the stricter detectors' reading.
"""

from __future__ import annotations

import bisect
import re

from .gazetteer import _Gazetteer, _gazetteer, _place_key_of
from .lexicon import german_common_noun
from .normalise import _Doc, finditer_needed
from .wordlists import (
    _AMBIGUOUS_NAMES,
    _AR_COMMON,
    _AR_STOPWORDS,
    _ARABIZI_WORDS,
    _COMMON_DE_FR,
    _COMMON_WORDS,
    _CUE_WORDS,
    _KIN_TURKISH,
    _NAME_PARTICLES,
    _NOT_NAMES,
    _STOPWORDS,
    _TITLES,
    _WEAK_GIVEN,
    _is_given_name,
    _noun_shaped,
    german_text,
    keyed,
    turkish_text,
)

__all__ = ["lower_surnames", "names_in_testimony", "repeated_names"]

Span = tuple[int, int, str]

_AR_WORD_RE = re.compile("[\u0621-\u064a]+")
_AR_PROCLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل")
_AR_PARTICLES = frozenset(
    {"ابو", "أبو", "ابي", "أبي", "ام", "أم", "بن", "ابن", "بنت", "عبد", "ال", "آل", "ولد", "الحاج"}
)
_NAME_ONLY, _CAPITALISED, _ANY_CASE = 1, 2, 3
_AR_NOT_SPREAD = _AR_PARTICLES | _AR_STOPWORDS | _AR_COMMON
_AFTER_SPEAKER_RE = re.compile(r"[ \t]*:")
_BEFORE_SPEAKER_RE = re.compile(r"(?:^|\n|\][ \t]*)[ \t]*$")
_CONTACT_KINDS = frozenset({"email", "handle"})
_LOCAL_PART_RE = re.compile(r"[a-z]{3,}")


def _ordinary(word: str) -> bool:
    return (
        word in _COMMON_WORDS
        or word in _COMMON_DE_FR
        or word in _ARABIZI_WORDS
        or word in _NOT_NAMES
    )


def _never(word: str) -> bool:
    return word in _STOPWORDS or word in _TITLES or word in _NAME_PARTICLES


def _as_name(doc: _Doc, s: int, e: int) -> bool:
    """Written as a name: capitalised, and not only because a sentence starts with it."""
    first = doc.fold[s]
    return first.isupper() and not doc.sentence_initial(s) and not doc.fold[s:e].isupper()


def _one_off(a: str, b: str) -> bool:
    """One letter changed, or one letter more or less, the first letter kept (Pike, Pyke)."""
    if a == b or a[0] != b[0] or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def repeated_names(doc: _Doc, kept: list[Span]) -> list[Span]:
    """Person findings for the other occurrences of the words of ``kept``'s person findings."""
    norm = doc.norm
    # word -> where it may be taken again: _ANY_CASE, _CAPITALISED or _NAME_ONLY
    names: dict[str, int] = {}
    near: set[str] = set()  # Latin surnames whose one-letter-off spellings spread too
    places: set[str] = set()  # the words of place names
    word_starts = [w[0] for w in doc.words()]
    for s, e, cat in kept:
        if cat == "person":
            inside = _words_in(doc, s, e, word_starts)
            if len(inside) < 2 and not _speaker(doc.norm, s, e):
                # one word alone may be a word read as a name; a full name is not, nor the
                # name a chat line opens with ("[12:01] dilan: …")
                continue
            for _ws, _we, word in inside:
                if word.isdigit() or len(word) < 3 or _never(word):
                    continue
                if word[0] >= "\u0600":
                    if word not in _AR_NOT_SPREAD:
                        names[word] = _ANY_CASE
                    continue
                ordinary = _ordinary(word)
                names[word] = max(names.get(word, 0), _NAME_ONLY if ordinary else _ANY_CASE)
                if len(word) >= 4 and not ordinary and not _is_given_name(word):
                    near.add(word)
        elif cat == "place":
            # a place's own name again, its street word left: "Claremont Rd" … "claremont."
            for _ws, _we, word in _words_in(doc, s, e, word_starts):
                if (
                    len(word) >= 5
                    and word.isalpha()
                    and word[0] < "\u0600"
                    and not _never(word)
                    and not _ordinary(word)
                    and word not in _CUE_WORDS
                    and not _is_given_name(word)
                ):
                    places.add(word)
        elif cat in _CONTACT_KINDS:
            local = norm[s:e].lstrip("@#").split("@")[0]
            for part in _LOCAL_PART_RE.findall(local):
                if not _never(part) and not _ordinary(part):
                    names[part] = max(names.get(part, 0), _CAPITALISED)
    if not names and not places:
        return []
    near_by_first: dict[str, list[str]] = {}  # a spelling one letter off keeps the first letter
    for n in near:
        near_by_first.setdefault(n[0], []).append(n)
    starts = sorted((s, e) for s, e, _ in kept)
    out: list[Span] = []
    for ws, we, word in doc.words():
        if word in places and not _covered(starts, ws, we):
            out.append((ws, we, "place"))
            continue
        hit = _match(word, names, near_by_first)
        if hit is None or _covered(starts, ws, we):
            continue
        if word[0] < "\u0600":
            level = names.get(hit, _NAME_ONLY) if hit == word else _CAPITALISED
            first = doc.fold[ws]
            if level < _ANY_CASE and not first.isupper():
                continue
            if level == _NAME_ONLY and not _as_name(doc, ws, we):
                continue
        out.append((ws, we, "person"))
    return out


def _speaker(norm: str, s: int, e: int) -> bool:
    """The name a chat line opens with, before its colon: "[12:01] dilan: ok"."""
    return bool(
        _AFTER_SPEAKER_RE.match(norm, e) and _BEFORE_SPEAKER_RE.search(norm, max(0, s - 40), s)
    )


def _match(word: str, names: dict[str, int], near: dict[str, list[str]]) -> str | None:
    if word in names:
        return word
    if word[0] >= "\u0600":
        for p in _AR_PROCLITICS:
            if word.startswith(p) and word[len(p) :] in names:
                return word[len(p) :]
        return None
    if near and len(word) >= 4 and word[0] in near and not _ordinary(word) and not _never(word):
        for n in near[word[0]]:
            if _one_off(word, n):
                return n
    return None


def _words_in(doc: _Doc, s: int, e: int, starts: list[int]) -> list[tuple[int, int, str]]:
    """The words of ``doc`` inside [s, e); ``starts``: their start offsets (bisected)."""
    words = doc.words()
    i = bisect.bisect_left(starts, s)
    out = []
    while i < len(words) and words[i][0] < e:
        if words[i][1] <= e:
            out.append(words[i])
        i += 1
    return out


def _covered(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether [s, e) overlaps one of ``spans`` (sorted by start)."""
    i = bisect.bisect_left(spans, (e, -1))
    return any(ts < e and s < te for ts, te in spans[max(0, i - 8) : i])


# What only testimony carries: a finding of one of these kinds (or a vault match) says that
# the text names real people, so every other word written as a name is read as one.
_TESTIMONY_KINDS = frozenset({"email", "phone", "handle", "url", "id", "date", "kunya", "unit"})
_TESTIMONY_WORDS = keyed("testimony_words.txt")
_MONTHS = frozenset(_TESTIMONY_WORDS["months"])
# findings that do not on their own make a German text testimony: a day, a kunya, a unit
_WEAK_KINDS = frozenset({"date", "kunya", "unit"})
_CAPITALISED_RE = re.compile(r"(?<![\w@#./])[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,}(?:['\-][A-Za-zß-öø-ÿ]+)?")


def names_in_testimony(doc: _Doc, kept: list[Span], vault: bool) -> list[Span]:
    """In a text that carries identifiers, the capitalised words no list knows.

    A text with an address, a phone number, a day, a kunya or a vault value is testimony
    about real people: there a capitalised word that is no ordinary word, title, country or
    well-known place, not at the start of a sentence and never written in lower case, is far
    more often a name than not. A text with none of these (an essay, a message draft) keeps
    the stricter detectors' reading: this is what keeps texts without identifiers clean.
    """
    word_starts = [w[0] for w in doc.words()]
    signals = [
        cat
        for s, e, cat in kept
        if cat in _TESTIMONY_KINDS
        or (cat == "person" and len(_words_in(doc, s, e, word_starts)) >= 2)
    ]
    if not vault and not signals:
        return []
    # German capitalises its nouns: there one weak finding (a day, a kunya, a unit) with no
    # other finding beside it but lone capitalised words (often nouns themselves) does not
    # turn every noun into a name
    if (
        not vault
        and len(signals) < 2
        and signals[0] in _WEAK_KINDS
        and german_text(doc.norm)
        and sum(
            cat != "person" or len(_words_in(doc, s, e, word_starts)) >= 2 for s, e, cat in kept
        )
        < 2
    ):
        return []
    fold = doc.fold
    gaz = _gazetteer()
    lower_seen = doc.lower_seen()
    spans = sorted((s, e) for s, e, _ in kept)
    out: list[Span] = []
    german = german_text(doc.norm)
    turkish = turkish_text(doc.orig, doc.norm)
    for m in _CAPITALISED_RE.finditer(fold):
        s, e = m.span()
        word = doc.norm[s:e]
        if (
            _covered(spans, s, e)
            # a German noun inflected (mit Panzern), a Turkish kin word or pronoun (Annem, Ben)
            or (german and german_common_noun(doc.orig[doc.orig_start(s) : doc.orig_end(e)]))
            or (turkish and word in _KIN_TURKISH)
            or (doc.sentence_initial(s) and not _named_subject(doc, s, e, word))
            or _ordinary(word)
            or _never(word)
            or word in lower_seen
            or word in _MONTHS
            or _noun_shaped(word)
            or fold.startswith(":", e)  # a form's label (Vorname:, Anschrift:)
            or fold.startswith(" :", e)
            or _in_place_name(doc, s, e, gaz)
        ):
            continue
        out.append((s, e, "person"))
    # and a given name of the strong lists written in lower case, as chat writes them ("ok so
    # tobiah messaged again"), where it is no word of any language the scanner knows
    for s, e, word in doc.words():
        if (
            len(word) >= 4
            and word.isalpha()
            and word.isascii()
            and doc.fold[s].islower()
            and _is_given_name(word)
            and not _ordinary(word)
            and not _never(word)
            and word not in _AMBIGUOUS_NAMES
            and not _covered(spans, s, e)
        ):
            out.append((s, e, "person"))
    return out


# after a sentence's first word, what makes it the name of the sentence's subject
_SUBJECT_AFTER_RE = re.compile(
    r"(?:\s+(?:is|was|has|had|and\s+i|est|a|avait|etait|et\s+moi|ist|war|hat|hatte|und\s+ich"
    r"|said|says|told|lives|works|went|came|left|sagte|wohnt|arbeitet|dit|habite|travaille)"
    r"|,\s+(?:he|she|il|elle|er|sie)|\s+(?:digga|bro|wallah))(?!\w)"
)


def _named_subject(doc: _Doc, s: int, e: int, word: str) -> bool:
    """A sentence's first word that is a given name, or the subject of a person's verb."""
    return _is_given_name(word) or bool(_SUBJECT_AFTER_RE.match(doc.norm, e))


_AROUND_RE = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*")


def _in_place_name(doc: _Doc, s: int, e: int, gaz: _Gazetteer) -> bool:
    """The word is a known place or a part of one (United Kingdom, Deir ez-Zor, Kiel)."""
    norm = doc.norm
    left = list(_AROUND_RE.finditer(norm, max(0, s - 24), s))[-2:]
    right = list(_AROUND_RE.finditer(norm, e, min(len(norm), e + 24)))[:2]
    starts = [m.start() for m in left] + [s]
    ends = [e] + [m.end() for m in right]
    for a in starts:
        for b in ends:
            key = _place_key_of(norm[a:b])
            if key in gaz.excluded_latin or key in gaz.big_cities_latin:
                return True
    return False


# a lower-case surname after a lower-case given name, at a clause's end: "wassim kaddouri ??",
# "lara hübner?? die mit 15 …" (chat writes the whole name in lower case)
_CLAUSE_END = r"(?=[ \t]*(?:[?!.,;:)\n]|$))"
_LOWER_SURNAME_RE = re.compile(rf" ([a-z]{{4,}}){_CLAUSE_END}")
_LOWER_NAME_PAIR_RE = re.compile(rf"(?<![\w'])([a-z]{{3,}}) ([a-z]{{4,}}){_CLAUSE_END}")


def _surname_word(w: str) -> bool:
    return not (_ordinary(w) or _never(w) or w in _AMBIGUOUS_NAMES or w in _CUE_WORDS)


def lower_surnames(doc: _Doc, kept: list[Span]) -> list[Span]:
    """Lower-case full names at a clause's end: the person findings of one lower-case word that
    a lower-case surname follows, widened over it, and a given name of the lists (no word of
    any language) with such a surname where no detector saw it."""
    out = []
    norm, fold = doc.norm, doc.fold
    seen = {s for s, _e, _c in kept}
    for s, e, cat in kept:
        if cat != "person" or not fold[s].islower() or " " in norm[s:e]:
            continue
        m = _LOWER_SURNAME_RE.match(norm, e)
        if m and fold[m.start(1)].islower() and _surname_word(m.group(1)):
            out.append((s, m.end(1), cat))
    covered = [(s, e) for s, e, _c in kept]
    for m in finditer_needed(_LOWER_NAME_PAIR_RE, norm):
        s, e = m.start(1), m.end(2)
        if s in seen or not fold[s].islower() or not fold[m.start(2)].islower():
            continue
        given, surname = m.group(1), m.group(2)
        # (a name of the weaker lists only where someone asks about it: "lara hübner??")
        weak_ok = given in _WEAK_GIVEN and norm[e : e + 3].lstrip().startswith("?")
        if (
            not (_is_given_name(given) or weak_ok)
            or not _surname_word(given)
            or not _surname_word(surname)
        ):
            continue
        if not any(cs < e and s < ce for cs, ce in covered):
            out.append((s, e, "person"))
    return out
