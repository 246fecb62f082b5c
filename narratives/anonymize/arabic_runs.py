"""Names and towns in runs of Arabic words.

A lone word the gazetteer lists is a town only after a place cue (في، من، الى، مدينة...): many
Arabic place names are ordinary nouns too. A given name starts a person's name that runs on
through the given names, particles (بن، بنت) and family names with the article after it.
"""

from __future__ import annotations

import re

from .findings import Raw
from .gazetteer import EXCLUDED, NOTHING, PLACE, _Gazetteer, append_places
from .normalise import _Doc, prev_word
from .wordlists import (
    _AR_AMBIGUOUS,
    _AR_ARTICLE_WORDS,
    _AR_COMMON,
    _AR_CUES,
    _AR_FINAL_LETTER,
    _AR_GIVEN_SET,
    _AR_MOTION_VERBS,
    _AR_PARTICLES,
    _AR_PLACE_CUES,
    _AR_STOPWORDS,
    _AR_WEAK_GIVEN,
    _RELIGIOUS_CUES,
)

__all__ = ["arabic_run"]


# the marks of an indefinite ending (fathatan, dammatan, kasratan)
_TANWIN_RE = re.compile("[\u064b-\u064d]")
_ONE_ARABIC_WORD_RE = re.compile("[\u0621-\u064a]+")


def drop_indefinite_words(doc: _Doc, raw: list[Raw]) -> None:
    """Drop the detectors' person hits on one Arabic word written with tanwin: an indefinite
    noun or adjective ("يصبح الشاب راشداً"), not a name (unless a vault value or a name of the
    main list that is no word)."""
    if not _TANWIN_RE.search(doc.orig):
        return
    raw[:] = [
        r
        for r in raw
        if r[3]
        or r[2] != "person"
        or not _ONE_ARABIC_WORD_RE.fullmatch(doc.norm[r[0] : r[1]])
        or not _TANWIN_RE.search(doc.orig, doc.orig_start(r[0]), doc.orig_end(r[1]))
        # (a name of the main list that is no word in the accusative: "رأيت محمداً")
        or (
            _stem(doc.norm[r[0] : r[1]]) in _AR_GIVEN_SET
            and _stem(doc.norm[r[0] : r[1]]) not in _AR_AMBIGUOUS
        )
    ]


def _place_cue_before(norm: str, start: int) -> bool:
    """A place cue before ``start``: في، من، مدينة... or على after a verb of going ("راحت على
    الميادين"; elsewhere على is "on": "الحكم على المدان")."""
    prev = prev_word(norm, start)
    if prev in _AR_PLACE_CUES:
        return True
    if prev != "علي":
        return False
    s = norm.rfind(prev, max(0, start - 40), start)
    return prev_word(norm, s) in _AR_MOTION_VERBS


def _stem(word: str) -> str:
    return word[:-1] if word.endswith("ا") else word


def arabic_run(
    doc: _Doc, toks: list[tuple[int, int]], i: int, j: int, raw: list[Raw], gaz: _Gazetteer
) -> None:
    """Towns and persons in the Arabic words ``toks[i:j]``."""
    norm, orig = doc.norm, doc.orig
    words = [norm[s:e] for s, e in toks[i:j]]
    m = len(words)

    def verdict(k: int, size: int) -> int:
        key = " ".join(words[k : k + size])
        if key in gaz.excluded_arabic:
            return EXCLUDED
        # a lone word needs a place cue before it (في / من / الى / مدينة ...): many Arabic
        # place names are also ordinary nouns
        listed = (
            key in gaz.arabic
            and words[k] not in _AR_STOPWORDS
            # a kin word or greeting is never a lone place (الى أختي: "to my sister")
            and (size > 1 or words[k] not in _AR_CUES)
        )
        if listed and (size > 1 or _place_cue_before(norm, toks[i + k][0])):
            return PLACE
        return NOTHING

    append_places(raw, toks, i, m, 3, verdict)
    k = 0
    while k < m:
        w = words[k]
        s_tok = toks[i + k][0]
        proclitic_cued = False
        if w not in _AR_GIVEN_SET and len(w) >= 4 and w[0] == "و" and w[1:] in _AR_GIVEN_SET:
            w = w[1:]
            s_tok += 1
        elif (
            # a weaker-list name with a proclitic after its cue: أنا وبتول، قلتلها لميار
            w not in _AR_GIVEN_SET
            and len(w) >= 4
            and w[0] in "ول"
            and w[1:] in _AR_WEAK_GIVEN
            and w not in _AR_WEAK_GIVEN
            and _proclitic_cue(w[0], words[k - 1] if k > 0 else prev_word(norm, s_tok))
        ):
            w = w[1:]
            s_tok += 1
            proclitic_cued = True
        compound = w == "عبد" and k + 1 < m and words[k + 1].startswith("ال")
        if (
            w not in _AR_GIVEN_SET
            and not compound
            and not proclitic_cued
            and not (w in _AR_WEAK_GIVEN and _weak_name_in_context(words, k, norm, s_tok, gaz))
            and not (
                w in _AR_WEAK_GIVEN
                and _is_cue(_cue_before(words, k, norm, s_tok))
                # a frequent word before one with the article is a construct: مع ولي الأمر
                and not (w in _AR_COMMON and k + 1 < m and words[k + 1].startswith("ال"))
            )
        ):
            k += 1
            continue
        # على (on) folds to علي (Ali), منى (Mona) to مني (from me): for these names only
        # the original final letter tells the name from the word
        final = _AR_FINAL_LETTER.get(w)
        if final and orig[doc.orig_end(toks[i + k][1]) - 1] != final:
            k += 1
            continue
        prev = words[k - 1] if k > 0 else prev_word(norm, s_tok)
        if (
            w == "احمد"
            and k + 1 < m
            and words[k + 1] in _PRAISED
            and not _is_cue(prev)
            # "أحمد الله يرحمه": Ahmad, may God have mercy on him
            and not (k + 2 < m and words[k + 2].startswith(("يرحم", "يحفظ", "يسلم", "يخلي")))
        ):
            k += 1  # "وأحمد الله": I praise God, not Ahmad
            continue
        if prev in _RELIGIOUS_CUES:
            k += 1
            continue
        end = k + 2 if compound else k + 1
        family = 0  # family names written with the article: السالم، العلي، الخطيب
        while end < m:
            nw = words[end]
            if norm[toks[i + end][1] : toks[i + end][1] + 2].lstrip().startswith(":"):
                break  # the next field's label: "اسم الأم: زينب العمر: سبع سنوات"
            nfinal = _AR_FINAL_LETTER.get(nw)
            if nfinal and orig[doc.orig_end(toks[i + end][1]) - 1] != nfinal:
                break  # على (on), not علي
            if nw in _AR_PARTICLES and end + 1 < m:
                end += 2
                continue
            if (
                (nw in _AR_GIVEN_SET and nw not in _AR_AMBIGUOUS)
                # a second name of the weaker list that is no word: سمير قدور
                or (nw in _AR_WEAK_GIVEN and nw not in _AR_COMMON and nw not in _AR_STOPWORDS)
            ) or (
                # a father's name between the given and the family name: فيصل عبيد الخلف
                nw in _AR_WEAK_GIVEN
                and end + 1 < m
                and words[end + 1].startswith("ال")
                and words[end + 1] not in _AR_STOPWORDS
            ):
                end += 1
                continue
            if nw.startswith("ال") and nw.endswith("ي") and len(nw) >= 5:
                end += 1
                continue
            if (
                nw.startswith("ال")
                and len(nw) >= 4
                and family < 2
                and not (len(nw) >= 7 and nw.endswith(("ين", "ون", "ات")))  # plurals
                and nw not in _AR_STOPWORDS
                # نور الشمس، عمر الانسان: after a name that is also a word, a frequent word
                # with the article is no family name
                and not (nw in _AR_ARTICLE_WORDS and (w in _AR_AMBIGUOUS or w == "عمر"))
                and nw not in gaz.excluded_arabic
            ):
                end += 1
                family += 1
                continue
            break
        if (
            w in _AR_AMBIGUOUS
            and end == k + 1
            and (
                not _is_cue(prev)
                # شفت نور الشمس: a name that is also a word, before a frequent word with the
                # article (not a trade, which is the person's byname: رقم سليم الحلاق)
                or (
                    k + 1 < m
                    and words[k + 1] in _AR_ARTICLE_WORDS
                    and words[k + 1] not in _AR_TRADES
                )
            )
        ):
            k += 1
            continue
        if (
            w == "عمر"
            and end == k + 1
            and norm[toks[i + k][1] : toks[i + k][1] + 3].strip()[:1].isdigit()
        ):
            k += 1  # من عمر ١٠ سنوات: "from the age of", not Omar
            continue
        if (
            w == "عمر"
            and k + 1 < m
            and words[k + 1].startswith("ال")
            and (end == k + 1 or words[k + 1] in _AR_THINGS)
        ):
            k += 1  # عمر المقاتلين, عمر البناية: "the fighters' age", a construct, not Omar
            continue
        if (
            w == "عمر"
            and end == k + 1
            and k + 1 < m
            and words[k + 1].endswith(("هم", "هن"))
            and len(words[k + 1]) > 4
        ):
            k += 1  # عمر أصغرهم: "the age of the youngest of them", not Omar
            continue
        raw.append((s_tok, toks[i + end - 1][1], "person", False))
        k = end


_AR_TRADES = frozenset(
    [
        "الحلاق",
        "النجار",
        "الخباز",
        "الحداد",
        "السائق",
        "اللحام",
        "البقال",
        "الخياط",
        "الدهان",
        "الميكانيكي",
        "الطباخ",
        "الاستاذ",
        "الدكتور",
        "المهندس",
        "الشيخ",
        "الحاج",
        "الجزار",
        "السمان",
        "الفران",
    ]
)
_PRAISED = frozenset({"الله", "ربي", "ربنا", "المولي"})
# things whose age a text gives (normalised): عمر البناية أربعون سنة is the building's age
_AR_THINGS = frozenset(
    [
        "البنايه",
        "الميذنه",
        "الخيمه",
        "المدرسه",
        "المسجد",
        "الجسر",
        "القلعه",
        "السياره",
        "الملعب",
        "المستشفي",
        "الشجره",
        "العماره",
        "البيت",
        "المخيم",
        "المبني",
        "الجامع",
        "الحرب",
        "الثوره",
        "النظام",
    ]
)


def _weak_name_in_context(words: list[str], k: int, norm: str, s_tok: int, gaz: _Gazetteer) -> bool:
    """A name of the weaker list without a kinship cue, where the words around it say it is
    one: a trade after it (رقم سليم الحلاق), "I am" before a name that is no word (أنا بشرى),
    a second such name (ماهر قدور),
    or a family name with the article after a name that is no word (غيث الدباغ; not a place:
    ريف الحسكة is the countryside of Hasakah)."""
    w = words[k]
    nxt = words[k + 1] if k + 1 < len(words) else ""
    if nxt in _AR_TRADES:
        return True
    if w in _AR_COMMON:
        return False
    prev = words[k - 1] if k > 0 else prev_word(norm, s_tok)
    if prev in ("انا", "اني"):
        return True
    if nxt in _AR_WEAK_GIVEN and nxt not in _AR_COMMON and nxt not in _AR_STOPWORDS:
        return True  # two names that are no words: ماهر قدور
    return (
        nxt.startswith("ال")
        and len(nxt) >= 5
        and nxt not in _AR_ARTICLE_WORDS
        and nxt not in _AR_STOPWORDS
        and nxt not in _AR_COMMON
        and not nxt.endswith(("ين", "ون", "ات"))
        and nxt not in gaz.excluded_arabic
        and nxt not in gaz.arabic
    )


def _cue_before(words: list[str], k: int, norm: str, s_tok: int) -> str:
    """The word before ``words[k]``, past a proclitic drawn apart (قول لـ جمانة)."""
    prev = words[k - 1] if k > 0 else prev_word(norm, s_tok)
    if prev in ("ل", "ب", "و") and k > 1:
        return words[k - 2]
    return prev


def _proclitic_cue(proclitic: str, prev: str) -> bool:
    """ "أنا وبتول" (me and), "قلتلها لميار" (to, after a verb of speech) before a name."""
    if proclitic == "و":
        return prev in ("انا", "اني") or _is_cue(prev)
    return _is_cue(prev)


def _is_cue(word: str) -> bool:
    """A name cue, also with a proclitic: أخي / لأخي / وأخي / بابني."""
    return word in _AR_CUES or (len(word) >= 4 and word[0] in "لوبف" and word[1:] in _AR_CUES)
