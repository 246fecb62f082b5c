"""One finding per stretch of text: overlapping detector hits merge into their union."""

from __future__ import annotations

import functools
import re

from .clean_words import drop_clean_words
from .findings import _PLACEHOLDER_RE, Finding, Raw
from .known import KnownIndex
from .kunyas import figure_part, lone_figure
from .lexicon import drop_common_words
from .mentions import drop_mentioned_words
from .normalise import _Doc, _normalise, finditer_needed
from .repeats import lower_surnames, names_in_testimony, repeated_names
from .wordlists import (
    _AR_GROUPS,
    _AR_WELL_KNOWN,
    _COMMON_WORDS,
    _GROUPS,
    _INSTITUTIONS,
    _LANDMARKS,
    _PUBLIC_FIGURES,
    _STOPWORDS,
    _TITLES,
    _WELL_KNOWN_PLACES,
    words,
)

__all__ = ["add_bracketed_spellings", "merge"]

# A name's spelling in the other script, in brackets right after it: "Walid (وليد)",
# "الرقة (Raqqa)" is not needed (a major city), "حي الشعار (al-Shaar)".
_BRACKETED_RE = re.compile(
    r"[ \t]*\([ \t]*([^()\n]{2,40}?)[ \t]*\)"
    # or after a slash, as bilingual forms write it: "EL AMRANI / العمراني", "Siham / سهام"
    r"|[ \t]+/[ \t]+((?:[\u0621-\u064a]+)(?:[ \t][\u0621-\u064a]+){0,2}|[A-Za-z][\w'\-]*(?:[ \t][A-Z][\w'\-]*){0,2})"
)
_ARABIC_RE = re.compile("[\u0600-\u06ff]")
_NAME_KINDS = frozenset({"person", "kunya", "nisba", "place", "organisation", "unit"})


def add_bracketed_spellings(doc: _Doc, raw: list[Raw]) -> None:
    """Give the bracketed other-script spelling after a name finding the name's category."""
    norm = doc.norm
    if ("(" not in norm and "/" not in norm) or not _ARABIC_RE.search(norm):
        return
    for s, e, cat, known in list(raw):
        if cat not in _NAME_KINDS:
            continue
        m = _BRACKETED_RE.match(norm, e)
        if not m:
            continue
        g = 1 if m.group(1) is not None else 2
        if bool(_ARABIC_RE.search(m.group(g))) != bool(_ARABIC_RE.search(norm, s, e)):
            raw.append((m.start(g), m.end(g), cat, known))


# Tie-break between equally long overlapping findings (lower wins).
_PRIORITY = {
    c: i
    for i, c in enumerate(
        (
            "kunya",
            "unit",
            "nisba",
            "person",
            "organisation",
            "place",
            "email",
            "handle",
            "url",
            "id",
            # a day in figures that also reads as a number (05.05.2004) is the day
            "date",
            "phone",
            "age",
        )
    )
}


def merge(doc: _Doc, raw: list[Raw]) -> list[Finding]:
    """Union of overlapping spans, labelled by the longest contributor.

    A vault match lends its kind only where it reaches beyond what the generic detectors
    saw: a string the detectors find gets their category whether or not it is also in the
    vault. Redaction placeholders are never findings.
    """
    if not raw:
        return []
    raw.sort(key=lambda r: (r[0], -r[1]))
    groups: list[list[Raw]] = []
    reach = 0  # the end of the last group so far
    for hit in raw:
        if hit[1] <= hit[0]:
            continue
        if groups and hit[0] < reach:
            groups[-1].append(hit)
            reach = max(reach, hit[1])
        else:
            groups.append([hit])
            reach = hit[1]
    out = []
    kept: list[tuple[int, int, str]] = []  # (norm start, norm end, category)
    text = doc.orig
    placeholders = [m.span() for m in _PLACEHOLDER_RE.finditer(doc.norm)] if "[" in text else []
    # widely known public figures are not identifying; a vault match inside one still is
    # (in any spelling: Abou Mohamed al-Adnani), and the group's provinces (Wilayat al-Khayr)
    figures = [sp for sp in _public_figure_spans(doc) if not _inside_a_longer_name(doc, sp[1])]
    # (another spelling only written as a name is: "abu 7amza el masri" in a chat is anyone)
    figures += [sp for sp in _public_figures_index().spans(doc) if not doc.fold[sp[0]].islower()]
    figures += [m.span() for m in finditer_needed(_WILAYA_RE, doc.norm)]
    # a figure's nisba alone: "the speeches of al-Baghdadi", "خطبة البغدادي"
    figures += [(h[0], h[1]) for h in raw if h[2] == "nisba" and lone_figure(doc.fold, h[0], h[1])]
    # or its distinctive part, also without the article: "Did you ever see Baghdadi?"
    figures += [
        (h[0], h[1])
        for h in raw
        if not h[3] and h[2] in _NAME_KINDS and figure_part(doc.fold, h[0], h[1])
    ]
    for members in groups:
        s, e = members[0][0], max(mm[1] for mm in members)
        if placeholders and any(ps < e and s < pe for ps, pe in placeholders):
            members = [
                mm
                for mm in members
                if not any(ps < mm[1] and mm[0] < pe for ps, pe in placeholders)
            ]
            if not members:
                continue
            s, e = min(mm[0] for mm in members), max(mm[1] for mm in members)
        # (a unit named after a figure stays whole: كتيبة أبو بكر الصديق, Liwa Khalid ibn al-Walid)
        if figures and any(ps < e and s < pe for ps, pe in figures):
            # (a unit named after a figure, the figure first: "the Khalid ibn Walid sariyya"; a
            # school or a shop named after one, "ثانوية ابن خلدون", "l'école primaire Ibn
            # Khaldoun"; a private name holding a figure's, "Mohamed Salah Benali")
            named_unit = any(
                any(
                    mm[0] <= ps < mm[1]
                    and (ps, pe) != (mm[0], mm[1])
                    # (an article before the institution names nothing more: "The Crown
                    # Prosecution Service")
                    and not (
                        pe >= mm[1] and _ARTICLE_ONLY_RE.fullmatch(doc.norm, mm[0], ps) is not None
                    )
                    and (mm[2] == "unit" or _landmark_key(doc.norm[ps:pe]) not in _LANDMARK_KEYS)
                    for ps, pe in figures
                )
                for mm in members
                # (and a street named after one: "rue Ibn Khaldoun", "avenue Victor-Hugo")
                if mm[2] in ("unit", "organisation", "place")
                # (not the group's institution itself: "Al-Hayat Media Center")
                and not any(ps <= mm[0] and mm[1] <= pe for ps, pe in figures)
            )
            members = [
                mm
                for mm in members
                if mm[3] or named_unit or not any(ps < mm[1] and mm[0] < pe for ps, pe in figures)
            ]
            if not members:
                continue
            s, e = min(mm[0] for mm in members), max(mm[1] for mm in members)
        # longest contributor; on a tie a generic detector's category beats a vault match's
        best = max(members, key=lambda mm: (mm[1] - mm[0], not mm[3], -_PRIORITY.get(mm[2], 99)))
        kept.append((s, e, best[2]))
    more = repeated_names(doc, kept)
    more += names_in_testimony(doc, kept, any(r[3] for r in raw))
    if more:
        # the names found again are read like the first ones: not where a text mentions a
        # word, a month or a figure of religious teaching, nor inside a public figure's name
        # that is no kunya ("Osama bin Laden", "Anjem Choudary"; "Abu Omar al-Shishani's men"
        # may be anyone's)
        named = [
            (ps, pe)
            for ps, pe in figures
            if " " in doc.norm[ps:pe].strip()
            # (a figure's kunya may be anyone's: one without a nisba, "Abu Walaa", "Abu Qatada",
            # or one given as someone's alias, "a fighter known as Abu Hamza al-Masri"; with its
            # nisba and no alias cue it is the figure, "Abu Bakr al-Baghdadi ghir f l video")
            and (
                not _KUNYA_HEAD_RE.match(doc.norm, ps)
                or (
                    len(doc.norm[ps:pe].replace("-", " ").split()) >= 3
                    and not _ALIAS_BEFORE_RE.search(doc.norm, max(0, ps - 40), ps)
                )
            )
            # (not a school or a street named after one: "CEM El Amir Abdelkader")
            and not _HEAD_BEFORE_RE.search(doc.fold, max(0, ps - 24), ps)
        ]
        again: list[Raw] = [
            (s, e, cat, False)
            for s, e, cat in more
            if cat != "person" or not any(ps <= s and e <= pe for ps, pe in named)
        ]
        drop_mentioned_words(doc.norm, again, meanings=False)
        drop_common_words(doc, again, uncased_only=True)
        drop_clean_words(doc, again)
        kept += [(s, e, cat) for s, e, cat, _known in again]
    wider = lower_surnames(doc, kept)
    if wider:
        starts = {s for s, _e, _c in wider}
        kept = [k for k in kept if k[0] not in starts or k[2] != "person"] + wider
    kept.sort()
    for s, e, cat in kept:
        os_, oe = doc.orig_start(s), doc.orig_end(e)
        out.append(Finding(os_, oe, cat, text[os_:oe]))
    return out


# an acronym or a capitalised head right before a name: a school, a street, a unit named after it
_HEAD_BEFORE_RE = re.compile(
    r"(?<![\w'])(?:[A-Z]{2,6}|[A-Z][a-z]+)[ \t]+(?:(?:[Ee]l|[Aa]l)[ \t\-]+)?$"
)
_ARTICLE_ONLY_RE = re.compile(r"[ \t]*(?:the|le|la|les|l'|der|die|das|den|dem|des)[ \t]+")
_ALIAS_BEFORE_RE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(
        r"[ \t]+".join(re.escape(w) for w in c.split("_"))
        for c in sorted(words("alias_cues.txt", normalise=True), key=len, reverse=True)
    )
    + r")[ \t,:]*[\"“«„']?[ \t]*$"
)
_KUNYA_HEAD_RE = re.compile(r"(?:abu|abou|abo|umm|um|oum|om|ابو|ابي|ابا|ام)[ \t\-]")
_NEXT_NAME_RE = re.compile(r"[ \t]+([A-Z\u00c0-\u00de][a-z\u00df-\u00ff]{2,})")


def _inside_a_longer_name(doc: _Doc, e: int) -> bool:
    """Does a capitalised name word follow the figure's name ending at ``e`` ("Mohamed Salah
    Benali" is a private man, not the footballer)?"""
    m = _NEXT_NAME_RE.match(doc.fold, e)
    if not m:
        return False
    w = _normalise(m.group(1))
    return w not in _STOPWORDS and w not in _TITLES and w not in _COMMON_WORDS


# "Wilayat al-Barakah", "wilaya de Ninive", "ولاية الخير", "the Wali of al-Baraka": the group's
# provinces
_WILAYA_RE = re.compile(
    r"(?<!\w)(?:wilayat?|wilayah|wilaya[ \t]+(?:de|d|du|of|von)|(?:the[ \t]+|le[ \t]+|der[ \t]+)?wali[ \t]+(?:of|de|du|d|von)|\u0648?\u0644?\u0648\u0644\u0627\u064a[\u0629\u0647])"
    r"[ \t\-']+(?:(?:al|el|ad|ar|as|at|ash|az|an)[ \t\-]+)?\w+"
)


# Never identifying: the public figures, the armed groups, their institutions and media whose
# names read like a person's or a shop's ("Hayat Tahrir al-Sham", "Al-Furqan", "مؤسسة الفرقان"),
# and the landmarks and camps of several words ("Great Mosque of al-Nuri", "جامع النوري الكبير").
_NEVER_PERSONS = (
    *_PUBLIC_FIGURES,
    *(g for g in _GROUPS if " " in g),
    *(g for g in _AR_GROUPS if " " in g),
    *_LANDMARKS,
    *_INSTITUTIONS,
    # and the cities whose name reads like a kunya (Abu Dhabi, أبو ظبي)
    *(
        c
        for c in (*_WELL_KNOWN_PLACES, *_AR_WELL_KNOWN)
        if c.lower().startswith(("abu ", "abou ", "umm ", "أبو ", "ابو ", "أم ", "ام "))
    ),
)


def _landmark_key(text: str) -> str:
    return " ".join(_normalise(text).replace("-", " ").split())


# (a school named after a figure is a school; a mosque's name inside "la Grande Mosquée al-Nouri"
# is still the landmark)
_LANDMARK_KEYS = frozenset(_landmark_key(name) for name in _LANDMARKS)


@functools.cache
def _public_figures_index() -> KnownIndex:
    return KnownIndex.whole_values(_NEVER_PERSONS, "person")


def _case_forms(name: str) -> tuple[str, ...]:
    """A figure's Arabic kunya in its other cases: أبو محمد, أبي محمد, أبا محمد ("شاهدنا كلمة أبي
    محمد العدناني")."""
    if name.startswith("ابو "):
        return (name, "ابي " + name[4:], "ابا " + name[4:])
    return (name,)


def _figure_alternatives() -> list[str]:
    """The figures' spellings as regex alternatives, longest first."""
    return sorted(
        {
            r"[\s\-]+".join(re.escape(w) for w in spelling.split())
            for name in _NEVER_PERSONS
            for spelling in _case_forms(_normalise(name).replace("-", " "))
        },
        key=len,
        reverse=True,
    )


def _figures_re(alts: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{'|'.join(alts)})(?!\w)")


@functools.cache
def _public_figures_re() -> re.Pattern[str]:
    """Widely known public figures (data/public_figures.txt), on normalised text."""
    return _figures_re(_figure_alternatives())


_FIRST_WORD_RE = re.compile(r"[^\W_]+")


@functools.cache
def _public_figures_by_word() -> dict[str, re.Pattern[str]]:
    """``_public_figures_re`` cut by the first word of the names (its letters and digits up to
    the first other character): each word's pattern holds the names that open with it, in the
    alternation's order. A name can match only where a word of the text opens that is its first
    word (after a character that is no word's, and with none of the word's right after it), so
    at a word only its own names are tried, as the one alternation would try them at every
    offset of the text."""
    by_word: dict[str, list[str]] = {}
    for alt in _figure_alternatives():
        first = _FIRST_WORD_RE.match(alt.replace("\\", ""))
        if first is None:
            raise ValueError("a public figure's name opens with no letter or digit")
        by_word.setdefault(first.group(), []).append(alt)
    return {word: _figures_re(alts) for word, alts in by_word.items()}


def _public_figure_spans(doc: _Doc) -> list[tuple[int, int]]:
    """Where ``_public_figures_re`` matches ``doc.norm`` (``finditer``: no overlap)."""
    by_word, norm = _public_figures_by_word(), doc.norm
    out: list[tuple[int, int]] = []
    end = 0
    for s, _, w in doc.words():
        rx = by_word.get(w) if s >= end else None
        m = rx.match(norm, s) if rx is not None else None
        if m:
            out.append(m.span())
            end = m.end()
    return out
