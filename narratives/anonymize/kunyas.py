"""Kunyas, nisbas and unit names (Latin and Arabic script)."""

from __future__ import annotations

import re
from collections.abc import Callable

from .findings import Raw
from .normalise import _ARABIC_CHAR_RE, _normalise, finditer_needed, prev_word
from .translit import arabizi_fold
from .wordlists import (
    _AR_COMMON,
    _AR_CUES,
    _AR_GIVEN_SET,
    _AR_STOPWORDS,
    _AR_WEAK_GIVEN,
    _ARABIZI_WORDS,
    _COMMON_DE_FR,
    _COMMON_WORDS,
    _PUBLIC_FIGURES,
    _STOPWORDS,
    _TITLES,
    AR_NISBA_STEMS,
    NISBA_STEMS,
    _is_given_name,
    german_text,
    keyed,
    words,
)

__all__ = ["find_low_kunyas", "lone_figure", "scan_kunyas"]

_ART = r"(?:al|el|ul|ar|as|ash|at|ad|az|an|adh|ath)"
# Article of a nisba/nom de guerre: al-/el-/al /alX, or an assimilated sun-letter article with a
# hyphen (as-Suri) or followed by its own letter (as Suri).
_NISBA_ART = r"(?:(?:al|el|ul)[\s\-]?|a[rstdzn]h?-|a(?P<sl>[rstdzn])h?\s(?=(?P=sl)))"
_NOT_ARTICLE_WORD = r"(?!(?:The|A|An|This|That|Our|His|Her|My|Their|In|On|At|And|Of)\b)"

# Kunya: Abu/Abou/Abū/Umm/Um/Oum + capitalised name (+ al-nisba / second capitalised name).
_KUNYA_RE = re.compile(
    rf"(?<![A-Za-z])(?:[Aa]b(?:u|ou|o|i)|[Uu]mm?u?|[Oo]um)[\s\-]+"
    rf"(?:{_ART}[\s\-]+|(?:al|el)(?=[A-Z]))?{_NOT_ARTICLE_WORD}[A-Z][A-Za-z']+[A-Za-z]"
    rf"(?:[\s\-]+{_NISBA_ART}[A-Za-z]+|\s+[A-Z][a-z]+i\b)*"
)
_AR_KUNYA_RE = re.compile(
    r"(?<![^\W\d_])[وفب]?(?P<b>(?:ابو|ابا|ابي)\s*[^\W\d_]{2,}(?:\s+ال[^\W\d_]{2,})*)"
)
# words before "ام" that make it a kunya whatever name follows (والدتي أم غيث، يا أم فراس)
_UMM_CUES = frozenset(
    _normalise(w)
    for w in [
        "يا",
        "والدتي",
        "امي",
        "أمي",
        "جدتي",
        "خالتي",
        "عمتي",
        "جارتي",
        "جارتنا",
        "زوجة",
        "الحاجة",
        "الخالة",
    ]
)
# the last word of a public figure's name (al-Baghdadi, al-Zarqawi, البغدادي): alone, after a
# function word (no name, kunya or role before it), it is the figure ("the speeches of al-Baghdadi", "خطبة البغدادي")
_LATIN_ARTICLE_HEAD_RE = re.compile(r"^(?:al|el|ul|il)(?=[a-z]{4})")


def _figure_key(name: str) -> str:
    """A figure's nisba as a key: article spelt al- ("el baghdadi" is "al-Baghdadi")."""
    return _LATIN_ARTICLE_HEAD_RE.sub("al", _normalise(name).replace("-", "").replace(" ", ""))


_FIGURE_TAILS = frozenset(
    _figure_key(name.split()[-1])
    for name in _PUBLIC_FIGURES
    if name.split()[-1].lower().startswith(("al-", "el-", "ال"))
)
_NAME_BEFORE_RE = re.compile(r"[A-Z][\w'\-]+[\s\-]+$")
_KUNYA_HEAD_BEFORE_RE = re.compile(
    r"(?<![a-z])(?:abu|abou|abo|umm|um|oum|om|ibn|bin|ben)\s+\S+\s+$"
)


_FIGURE_PARTS = words("public_figure_parts.txt", normalise=True)
_PART_ARTICLE_RE = re.compile(r"^(?:al|el|ul|il|ad|ar|as|az|an|at|ash)[ \t\-]+")
_ARTICLE_BEFORE_RE = re.compile(r"(?<![^\W\d_])(?i:al|el|ul|il|ad|ar|as|az|an|at|ash)[ \t\-]+$")
_POSSESSIVE_RE = re.compile(r"(?:'s|’s|'|’)$")


def figure_part(text: str, s: int, e: int) -> bool:
    """Is the hit ``text[s:e]`` (the folded view) the distinctive part of a public figure's
    name alone (public_figure_parts.txt: "Baghdadi", "al-Zarqawi's", "البغدادي")?"""
    word = _POSSESSIVE_RE.sub("", _normalise(text[s:e]).strip())
    if word not in _FIGURE_PARTS:
        word = _PART_ARTICLE_RE.sub("", word)
        if word not in _FIGURE_PARTS and ("ال" + word) not in _FIGURE_PARTS:
            return False
    # (the article before a part found without it: "Ahmed al-Baghdadi" is Ahmed's)
    before = _ARTICLE_BEFORE_RE.sub("", text[max(0, s - 30) : s])
    if _ARABIC_CHAR_RE.match(text, s):
        prev = _normalise(prev_word(text, s))
        return not (
            prev in _AR_GIVEN_SET or prev in _AR_CUES or prev.startswith(("ابو", "ابي", "ابا"))
        )
    # (not "Ahmed Baghdadi", "abu 3mar el baghdadi": a name or a kunya before it; a figure's
    # whole name is one already. "Haben Sie al-Baghdadi gesehen": a capitalised pronoun is none)
    return not _name_before(before) and not _KUNYA_HEAD_BEFORE_RE.search(before.lower())


def _name_before(before: str) -> bool:
    m = _NAME_BEFORE_RE.search(before)
    return m is not None and m.group().strip(" \t\n-").lower() not in _STOPWORDS


def lone_figure(text: str, s: int, e: int) -> bool:
    """Is the nisba ``text[s:e]`` (``text``: the folded view) a public figure's name alone?"""
    key = _figure_key(text[s:e])
    if key not in _FIGURE_TAILS:
        return False
    before = text[max(0, s - 30) : s]
    if _ARABIC_CHAR_RE.match(text, s):
        prev = _normalise(prev_word(text, s))
        return not (
            prev in _AR_GIVEN_SET or prev in _AR_CUES or prev.startswith(("ابو", "ابي", "ابا"))
        )
    # not after a title or role ("the fighter al-Masri", "Sheikh al-Adnani" are nisbas), nor
    # after a kunya chat writes in lower case ("abu 3a2isha el shishani")
    return (
        not _NAME_BEFORE_RE.search(before)
        and prev_word(text, s).lower() not in _TITLES
        and not _KUNYA_HEAD_BEFORE_RE.search(before.lower())
    )


_AR_UMM_RE = re.compile(r"(?<![^\W\d_])[وفب]?(?P<b>ام\s+(?P<w>[^\W\d_]{2,})(?:\s+ال[^\W\d_]{2,})*)")

_NISBA_RE = re.compile(
    rf"(?<![A-Za-z])(?P<art>{_NISBA_ART})(?P<stem>{'|'.join(NISBA_STEMS.values())})"
    r"(?:yy?a|yah|yyah)?(?![A-Za-z])",
    re.IGNORECASE,
)
_AR_NISBA_RE = re.compile(
    r"(?<![^\W\d_])[وفبل]?(?P<b>ال(?:"
    + "|".join(sorted(AR_NISBA_STEMS, key=len, reverse=True))
    + r")(?:ه|يه)?)(?![^\W\d_])"
)

_UNIT_WORDS = (
    r"(?:[Bb]attalion|[Bb]rigade|[Kk]atiba[ht]?|[Kk]ateeba|[Kk]atibat|[Ll]iwa'?a?|[Jj]a[iy]sh"
    r"|[Ss]araya|[Rr]egiment|[Ff]ailaq)"
)
_UNIT_PART = (
    rf"(?:(?:{_ART}|ibn|bin|bint|abu|abi)[\s\-]+){{0,2}}"
    rf"(?:{_NOT_ARTICLE_WORD}[A-Z][A-Za-z']*[A-Za-z]|\d+)"
)
_UNIT_RE = re.compile(
    rf"(?<![A-Za-z]){_UNIT_WORDS}(?:\s+of(?:\s+the)?)?[\s\-]+{_UNIT_PART}"
    rf"(?:[\s\-]+{_UNIT_PART}){{0,4}}"
    rf"|(?<![A-Za-z])(?:(?:al|el)-)?{_NOT_ARTICLE_WORD}[A-Z][A-Za-z']*[A-Za-z]"
    rf"(?:[\s\-]+(?:(?:ibn|bin)[\s\-]+)?(?:(?:{_ART})[\s\-]+)?[A-Z][A-Za-z']*[A-Za-z]){{0,3}}"
    r"\s+(?i:battalion|brigade|katiba|regiment|sariyya|sariya|sariyyah|company|unit|platoon)(?![A-Za-z])"
    # a brigade by whom it gathered: "la Brigade des étrangers de Hajin"
    r"|(?<![A-Za-z])(?i:brigade|bataillon|katiba|compagnie)\s+des\s+[^\W\d_]{4,}\s+(?:de|d')\s*"
    r"[A-Z][\w\-']+"
)
# the heads that follow a unit's name: "Tariq Battalion", "the Badr Brigade"
_UNIT_HEADS_AFTER = frozenset(
    {
        "battalion",
        "brigade",
        "katiba",
        "regiment",
        "sariyya",
        "sariya",
        "sariyyah",
        "company",
        "unit",
        "platoon",
    }
)
_AR_UNIT_RE = re.compile(
    r"(?<![^\W\d_])[وفبل]?(?P<b>(?:كتيبه|كتايب|لواء|سريه|سرايا|جيش|فيلق|فوج|مفرزه|مفارز)\s+[^\W\d_]{2,}"
    r"(?:\s+(?:(?:بن|ابن|ابو)\s+[^\W\d_]{2,}|ال[^\W\d_]{2,})){0,3})"
)

# Arabic in Latin letters, lower case as chats write it: "abu 7amza el masri", "umm 3a2isha",
# "abu 2ayman el-3ira2i", "katibat el ghuraba", "liwa2 el-Tawhid". Run over the lower-case view.
_LOW_KUNYA_RE = re.compile(
    r"(?<![\w'])(?P<head>abu|abou|abo|abi|2abu|umm|um|om|oum|2umm)[\s\-]+(?P<w>[a-z0-9']{2,})"
    r"(?P<rest>(?:[\s\-]+(?:el|al|l)[\s\-]?[a-z0-9']{3,})?)"
)
_LOW_UNIT_RE = re.compile(
    r"(?<![\w'])(?:katibat?|kateebat?|katibet|liwa2?|liwa'a?|liwaa|saraya|sariyat?|saryet|sariyet|sarayet|jaysh|jaish"
    r"|jeish|fayla2|failaq|fawj)[\s\-]+(?:el|al|l)[\s\-]?[a-z0-9']{3,}(?![\w'])"
)


# a unit by its head in any language and spelling, the name after it in any case: "katibat
# es-sawa3i9", "kateebet 2ansar el-khilafa", "sariyat 3amr", "katiba ta3 Nusur al-Atlas", "liwa2
# jond el-furat", "bataillon Tarik al-Fajr", "Einheit Suqur al-Izz", "kompanie al-qa'qa'"
_UNIT_DETERMINERS = frozenset(keyed("place_cues.txt")["determiners"])
_ANY_UNIT_HEAD = (
    r"katib[ae]t?|kat[ie]+ba[ht]?|kat[ie]+bet|kateebat?|sar[iy]+a[ht]?|sariyet|saryet|saraya|sarayat"
    r"|liwa[2']?a?|jaysh|jaish|jeish|fawj|failaq|fayla2|einheit|kompanie|bataillon|battalion"
    r"|compagnie|brigade|regiment|sariyya"
)
# the articles a unit's name may carry: al/el with a space or hyphen, the sun-letter ones and l-
_UNIT_SUN_ART = r"l|es|esh|ash|as|ad|ar|at|an|az|ed|er|et|en|ez"
_ANY_UNIT_RE = re.compile(
    rf"(?:(?<![\w'])|(?<=(?<!\w)l'))(?P<head>{_ANY_UNIT_HEAD})\s+(?:(?:ta3|dyal|diyal|d'|of\s+the|of|de\s+la|de|du|der|von)\s+)?"
    rf"(?P<name>(?:(?:el|al|{_UNIT_SUN_ART})[\s\-]+|l-)?[\w'][\w']{{2,}}"
    rf"(?:[\s\-]+(?:(?:el|al|{_UNIT_SUN_ART}|ibn|bin)[\s\-]+|l-)?[\w'][\w']{{2,}}){{0,3}})",
    re.IGNORECASE,
)
_UNIT_ARTICLE_RE = re.compile(rf"(?i:(?:el|al)[\s\-]|(?:{_UNIT_SUN_ART})-)")


_ARABIC_UNIT_HEAD_RE = re.compile(r"(?i:kat|sar|liwa|jay|jai|jei|faw|fai|fay)")
_UNIT_TOKEN_RE = re.compile(
    rf"(?:(?:el|al|ibn|bin)[\s\-]+|(?:{_UNIT_SUN_ART})-)?[\w'][\w']*",
    re.IGNORECASE,
)


def _unit_end(fold: str, m: re.Match[str]) -> int | None:
    """Where the unit's name after its head ends, or None if the words after the head do not
    name one. An article, a capital or a digit letter opens a name word ("katibat es-sawa3i9",
    "Einheit Suqur al-Izz", "sariyat 3amr"); after an Arabic head (katiba, sariya, liwa) chat
    writes the name in lower case too ("kateebet ashbal l-badiye"), never after a European one
    ("the brigade commander")."""
    # (after a European head too when a word of the name has the article: "einheit nusur al-jazira")
    arabic_head = bool(_ARABIC_UNIT_HEAD_RE.match(m.group("head"))) or bool(
        re.search(r"[\s\-](?:al|el)[\s\-]\w", m.group("name"), re.IGNORECASE)
    )
    end = None
    tokens = list(_UNIT_TOKEN_RE.finditer(fold, m.start("name"), m.end("name")))
    for i, t in enumerate(tokens):
        word = t.group()
        bare = _UNIT_ARTICLE_RE.sub("", word, count=1) if _UNIT_ARTICLE_RE.match(word) else word
        low = _normalise(bare)
        has_article = word is not bare
        # (a word with the article is the name's: "al-Khilafa", "al-Fajr")
        if not low or (not has_article and (low in _STOPWORDS or low in _COMMON_DE_FR)):
            break
        digits = any(c.isdigit() for c in bare)
        if digits and i > 0 and not any(c.isalpha() for c in bare):
            break  # a year or a count after the name: "… al-Fajr en 2015"
        named = (
            has_article
            or bare[0].isupper()
            or digits
            # (after an Arabic head the first word in lower case too: "liwa2 jond el-furat")
            or (
                arabic_head
                and i == 0
                and low not in _COMMON_WORDS
                and low not in _ARABIZI_WORDS
                and len(low) >= 3
                # (a word in lower case names the unit before one with the article: "liwa2 jond
                # el-furat"; not "the katiba moved", "katiba kanet m9asma")
                and len(tokens) > 1
                and (
                    bool(_UNIT_ARTICLE_RE.match(tokens[1].group()))
                    or tokens[1].group()[0].isupper()
                )
            )
        )
        if not named:
            break
        end = t.end()
        if i >= 3:
            break
    return end


def _name_like(word: str) -> bool:
    folded = arabizi_fold(word)
    return folded is not None or _is_given_name(word.replace("'", ""))


def find_low_kunyas(norm: str) -> list[tuple[int, int, str]]:
    """Lower-case / arabizi kunyas and units: (start, end, category) in the lower-case view."""
    out = []
    for m in finditer_needed(_LOW_KUNYA_RE, norm):
        # (a word no list knows is a name too: "der abu jandal", "his kunya is abu musab")
        w = m.group("w")
        # (not after "um" or "om": German "um Kobane", "um Mitternacht")
        if not _name_like(w) and (
            m.group("head") in ("um", "om", "abi")
            or len(w) < 4
            or not w.isalpha()
            or w in _STOPWORDS
            or w in _COMMON_WORDS
            or w in _COMMON_DE_FR
            or w in _ARABIZI_WORDS
        ):
            continue
        end = m.end("w")
        rest = m.group("rest")
        if rest:
            last = re.split(r"[\s\-]", rest.strip(" -"))[-1]
            folded = arabizi_fold(last) or last
            if folded.endswith(("i", "y", "iyy", "awi", "ani")) or arabizi_fold(last):
                end = m.end("rest")
        out.append((m.start(), end, "kunya"))
    out.extend((m.start(), m.end(), "unit") for m in finditer_needed(_LOW_UNIT_RE, norm))
    return out


def scan_kunyas(
    fold: str,
    norm: str,
    raw: list[Raw],
    excluded: Callable[[str], bool],
    excluded_arabic: frozenset[str],
) -> None:
    """Kunyas, nisbas and named units in Latin and Arabic script; ``excluded`` (a country,
    group or major city) and ``excluded_arabic`` keep the group's own armies out."""
    for m in finditer_needed(_KUNYA_RE, fold):
        # German "um" before a place ("die Schlacht um Kobane") or a noun ("es geht um
        # Personen", "um Mitternacht") is no Umm
        if fold.startswith("um ", m.start()):
            rest = _normalise(fold[m.start() + 3 : m.end()]).split()
            if excluded(fold[m.start() + 3 : m.end()]) or (
                rest
                and not _is_given_name(rest[0])
                and (rest[0] in _COMMON_DE_FR or german_text(norm))
            ):
                continue
        raw.append((m.start(), m.end(), "kunya", False))
    for m in _NISBA_RE.finditer(fold):
        # without an article the nisba must look like a name (capitalised)
        if m.group("art") or fold[m.start("stem")].isupper():
            raw.append((m.start(), m.end(), "nisba", False))
    for m in _UNIT_RE.finditer(fold):
        # (not a determiner before the head: "Every brigade", "Chaque katiba", "Ob Katiba")
        if _normalise(m.group().split()[0]) in _UNIT_DETERMINERS:
            continue
        # (nor only an article: "Die Katiba bestand aus mehreren Sariyas", "The Brigade")
        words = m.group().split()
        if words[-1].lower() in _UNIT_HEADS_AFTER and all(
            _normalise(w) in _STOPWORDS for w in words[:-1]
        ):
            continue
        if not excluded(m.group()):  # Jaysh al-Khilafa: the group's own army
            raw.append((m.start(), m.end(), "unit", False))
    for m in _ANY_UNIT_RE.finditer(fold):
        end = _unit_end(fold, m)
        if (
            end is not None
            and not excluded(fold[m.start() : end])
            and not excluded(fold[m.start("name") : end])
        ):
            raw.append((m.start(), end, "unit", False))
    for s, e, cat in find_low_kunyas(norm):
        if cat != "unit" or not excluded(fold[s:e]):
            raw.append((s, e, cat, False))
    if not _ARABIC_CHAR_RE.search(norm):
        return
    # the optional proclitic (و ف ب ل) is not part of the finding: group "b" is
    for m in finditer_needed(_AR_KUNYA_RE, norm):
        head, _, after = m.group("b").partition(" ")
        # "أبي لم يكن يقول شيئاً", "قال أبي إن": my father, before a particle or a frequent word
        first = after.split()[0] if after else ""
        if head == "ابي" and (
            first in _AR_STOPWORDS
            # "كان أبي سائق حافلة": my father, a driver
            or (first in _AR_COMMON and first not in _AR_GIVEN_SET and first not in _AR_WEAK_GIVEN)
        ):
            continue
        raw.append((m.start("b"), m.end("b"), "kunya", False))
    for m in finditer_needed(_AR_UMM_RE, norm):
        word = m.group("w")
        # "ام" is also "or": a kunya when the name is known, has the article, or a kinship
        # word or a vocative stands before it (والدتي أم غيث، يا أم فراس)
        if (
            word in _AR_GIVEN_SET
            or word.startswith("ال")
            or prev_word(norm, m.start("b")) in _UMM_CUES
        ):
            raw.append((m.start("b"), m.end("b"), "kunya", False))
    adjective_end = 0
    for m in finditer_needed(_AR_NISBA_RE, norm):
        # والسعودية: a country with a proclitic, not the feminine nisba
        if m.group("b") in excluded_arabic:
            continue
        # an adjective after a definite noun, no name: الطيران الروسي، الجيش التركي، النظام السوري
        # (not after a name with the article: عبد الله الشيشاني، أبو البراء الروسي)
        before = prev_word(norm, m.start("b"))
        if (
            before.startswith("ال")
            and before in _AR_COMMON
            and before not in _AR_WEAK_GIVEN
            and before not in _AR_GIVEN_SET
            and before != "الله"
        ) or (
            # and the next one joined by "and": الجنسية السورية والتركية
            adjective_end
            and re.fullmatch(r"[ \t]+و", norm[adjective_end : m.start("b")]) is not None
        ):
            adjective_end = m.end("b")
            continue
        raw.append((m.start("b"), m.end("b"), "nisba", False))
    for m in finditer_needed(_AR_UNIT_RE, norm):
        first = m.group("b").split()[1]
        if (
            len(m.group("b").split()) == 2
            and first in _AR_COMMON
            and first not in ("ابو", "ام", "ابن", "بن", "بنت")
            and not first.startswith("ال")
            and first not in _AR_GIVEN_SET
            and first not in _AR_WEAK_GIVEN
        ):
            continue  # ولكل سرية أمير: a word after the head, no name
        if m.group("b") not in excluded_arabic:  # جيش الخلافة: the group's army
            raw.append((m.start("b"), m.end("b"), "unit", False))
