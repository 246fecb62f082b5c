"""Normalisation of a text into folded views that share a map back to original offsets."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from re import _constants as _sre  # type: ignore[attr-defined]  # (finditer_at_words)
from re import _parser  # type: ignore[attr-defined]
from typing import Any

__all__ = ["finditer_at_words", "finditer_near", "head_anchors", "prev_word", "word_starts"]


def _mark_class() -> str:
    """Character-class body for every non-spacing/enclosing mark in the BMP (built once)."""
    ranges: list[tuple[int, int]] = []
    for cp in range(0x300, 0x10000):
        if unicodedata.category(chr(cp)) in ("Mn", "Me", "Cf"):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    # Every format character (Cf: soft hyphen, ZWSP/ZWNJ/ZWJ, the bidi marks and isolates, the
    # Arabic letter mark, the Mongolian vowel separator, the BOM...) is invisible and can hide
    # inside a word: treated like a mark, dropped. So are tatweel, the Hangul fillers and the
    # braille blank, which draw nothing, and the invisible characters outside the BMP (tag
    # characters, variation selectors supplement, musical and shorthand format controls).
    extra = [
        (0x00AD, 0x00AD),
        (0x0640, 0x0640),
        (0x115F, 0x1160),
        (0x2800, 0x2800),
        (0x3164, 0x3164),
    ]
    extra += [(0xFFA0, 0xFFA0), (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x1343F)]
    extra += [(0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F)]
    extra += [(0xE0100, 0xE01EF)]
    parts = []
    for lo, hi in sorted(ranges + extra):
        parts.append(
            re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
        )
    return "".join(parts)


_MARKS = _mark_class()
_MARKS_RE = re.compile(f"[{_MARKS}]+")

# Arabic letters that fold to themselves: no need to visit them one by one.
_STABLE = "\u0621\u0627\u0628\u062a-\u063a\u0641-\u0648\u064a"
_APOS = "'\u2019\u2018\u02bc`\u00b4"
_LETTER = r"[^\W\d_]"
# An apostrophe inside a word is dropped (Sa'id, Qa'ida, O'Brien), except the possessive 's and
# a French elision after a one-letter word (d'Ahmed, l'Hôpital, j'avais): those keep the
# apostrophe, so that the name after it is a word of its own.
_ELIDED = "dDlLjJmMnNsStTcC"
_APOS_IN_WORD = (
    rf"(?:(?<={_LETTER}{_LETTER})|(?<=[\W\d_][^\W\d_{_ELIDED}])|(?<=^[^\W\d_{_ELIDED}]))"
    rf"[{_APOS}](?![sS](?!{_LETTER}))(?={_LETTER})"
)
# A one-letter proclitic drawn apart with tatweel ("بـمكتبة دار القلم", "لـالرقة") is a word of
# its own: the tatweel becomes a space, so that the name after it starts a word.
_PROCLITIC_TATWEEL = (
    "(?<![\u0621-\u064a])[\u0628\u0644\u0643\u0641\u0648]\u0640+(?=[\u0621-\u064a])"
)
_PROCLITIC_TATWEEL_RE = re.compile(_PROCLITIC_TATWEEL)
_SPECIAL_RE = re.compile(
    rf"(?P<tat>{_PROCLITIC_TATWEEL})|(?P<del>{_APOS_IN_WORD})|[^{_MARKS}][{_MARKS}]+|[{_MARKS}]+"
    rf"|[^\x00-\x7f{_STABLE}]"
)
_ASCII_SPECIAL_RE = re.compile(rf"(?P<del>{_APOS_IN_WORD})")

# Turkish writes a case, plural or possessive suffix after a proper noun behind an apostrophe
# (Suriye'ye, Keçiören'de, Bağcılar'da, Allah'a, Halep'ten, Emre'nin, Musul'daki). In a text
# with Turkish letters (ı ğ ş İ) that apostrophe becomes a space instead of being dropped, so
# that the stem is a word of its own and is judged as the name it is. The suffix's shapes only:
# Qur'an, Ka'ba, I'lam, O'Brien and d'Alep keep their apostrophe.
_TR_V = "[ıiuü]"
_TR_SUFFIX = (
    rf"(?:y?[ae]|n?[dt][ae](?:n|ki(?:ler|n{_TR_V}n)?)?|[nsy]?{_TR_V}|n?{_TR_V}n|y?l[ae]"
    rf"|l{_TR_V}(?:l[ae]r)?|[dt]{_TR_V}r|n[ae]|l[ae]r(?:{_TR_V}n?|{_TR_V}n{_TR_V}n|[dt][ae]n?"
    rf"|[ae]|{_TR_V}m{_TR_V}z)?|{_TR_V}m(?:{_TR_V}z)?(?:[dt][ae]n?|[ae]|{_TR_V}n)?)"
)
_TR_SUFFIX_RE = re.compile(
    rf"(?<![^\W\d_])(?P<stem>{_LETTER}(?:{_LETTER}|[{_APOS}](?={_LETTER}))*?{_LETTER}{_LETTER})"
    rf"[{_APOS}]{_TR_SUFFIX}(?![^\W\d_{_APOS}])"
)
_TR_LETTERS_RE = re.compile("[ıİğĞşŞ]")


def turkish_text(text: str) -> bool:
    """``text`` (as written) has letters only Turkish uses (ı ğ ş İ)."""
    return _TR_LETTERS_RE.search(text) is not None


def _turkish_suffix_apostrophes(text: str) -> dict[int, str]:
    """The apostrophes before a Turkish suffix on a capitalised stem (Suriye'ye): offset to
    suffix."""
    if not turkish_text(text):
        return {}
    out = {}
    for m in _TR_SUFFIX_RE.finditer(text):
        stem = m.group("stem")
        last = re.split(f"[{_APOS}]", stem)[-1]
        if stem[0].isupper() or last[0].isupper():
            out[m.end("stem")] = text[m.end("stem") + 1 : m.end()]
    return out


_CYRILLIC_LOWER = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ә": "a", "ғ": "gh",
    "қ": "q", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i", "ў": "u", "ҳ": "h",
    "ӣ": "i", "ӯ": "u", "ҷ": "j", "є": "ye", "ї": "yi", "ґ": "g",
}  # fmt: skip
_CYRILLIC = {
    **_CYRILLIC_LOWER,
    **{k.upper(): v[:1].upper() + v[1:] for k, v in _CYRILLIC_LOWER.items() if v},
    "Ъ": "",
    "Ь": "",
}
_CHAR_MAP = str.maketrans(
    {
        "\u0671": "\u0627",  # alef wasla
        "\u0629": "\u0647",  # taa marbuta -> haa
        "\u0649": "\u064a",  # alef maqsura -> yaa
        "\u06cc": "\u064a",  # Farsi yeh
        "\u06a9": "\u0643",  # keheh
        "\u06c0": "\u0647",
        "\u060c": ",",
        "\u061b": ";",
        "\u061f": "?",
        "\u066a": "%",
        "\u066b": ".",
        "\u066c": ",",
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "`": "'",
        "\u00b4": "'",
        "\u02bf": "",  # ʿ ayn
        "\u02be": "",  # ʾ hamza
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u201c": '"',
        "\u201d": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u00df": "ss",
        "\u00f8": "o",
        "\u00d8": "O",
        "\u0142": "l",
        "\u0141": "L",
        "\u0111": "d",
        "\u0110": "D",
        "\u00e6": "ae",
        "\u00c6": "Ae",
        "\u0153": "oe",
        "\u0152": "Oe",
        "\u0131": "i",
        "\u0127": "h",
        "\u0126": "H",
        "\u00fe": "th",
        "\u00de": "Th",
        "\u00f0": "d",
        "\u00d0": "D",
        # Cyrillic, as names of the Caucasus and Central Asia are written in Latin letters
        # (Джохар -> Dzhokhar, Мухаммед -> Mukhammed, Юсуф -> Yusuf)
        **_CYRILLIC,
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Extended (Persian/Urdu) digits
    }
)


# Letters of other scripts drawn exactly like a Latin letter (Unicode's confusables for the
# Cyrillic, Greek and Armenian letters a reader takes for Latin ones). Folded to Latin inside a
# word that has a Latin letter, or whose letters all have a Latin twin: "Zarthulі" with a
# Cyrillic і reads, and is matched, as "Zarthuli". A word in Cyrillic or Greek proper (with
# letters that have no Latin twin) is left as it is. One code point for one: offsets hold.
_CONFUSABLE_PAIRS = (
    "аaвBсcеeһhіiјjӏlоoрpԛqѕsԝwхxуyԁdɡgүyʏyАAВBСCЕEНHІIЈJКKМMОOРPЅSТTХXУYԜWԚQҮYӀI"
    "ΑAΒBΕEΖZΗHΙIΚKΜMΝNΟOΡPΤTΥYΧXοoνvαaιiκkρpυuχxϳj"
    "օoսuհhոnցgԁd"
    "ᴀaʙbᴄcᴅdᴇeɢgʜhɪiᴊjᴋkʟlᴍmɴnᴏoᴘpʀrꜱsᴛtᴜuᴠvᴡwʏyᴢzɑa"
)
_CONFUSABLES = {
    _CONFUSABLE_PAIRS[i]: _CONFUSABLE_PAIRS[i + 1] for i in range(0, len(_CONFUSABLE_PAIRS), 2)
}
_CONFUSABLE_TABLE = str.maketrans(_CONFUSABLES)
_CONFUSABLE_CHARS = "".join(_CONFUSABLES)
_HAS_CONFUSABLE_RE = re.compile(f"[{_CONFUSABLE_CHARS}]")
_CONFUSABLE_WORD_RE = re.compile(rf"[^\W\d_]*[{_CONFUSABLE_CHARS}][^\W\d_]*")
_TWIN_OR_LATIN_RE = re.compile(rf"[a-zA-Z{_CONFUSABLE_CHARS}{_MARKS}]+")


def _fold_confusables(text: str) -> str:
    """Latin twins for the look-alike letters of words a reader reads as Latin (same length)."""
    if text.isascii() or not _HAS_CONFUSABLE_RE.search(text):
        return text

    def fold(m: re.Match[str]) -> str:
        word: str = m.group()
        if _TWIN_OR_LATIN_RE.fullmatch(word) or any("a" <= c.lower() <= "z" for c in word):
            return word.translate(_CONFUSABLE_TABLE)
        return word

    return _CONFUSABLE_WORD_RE.sub(fold, text)


# Arabic letters carrying hamza fold to their base letter (NFKD + mark removal would do the
# same, this is only a shortcut that lets most Arabic strings skip NFKD).
_PRE_MAP = str.maketrans(
    {
        "\u0622": "\u0627",
        "\u0623": "\u0627",
        "\u0625": "\u0627",
        "\u0624": "\u0648",
        "\u0626": "\u064a",
    }
)


@functools.lru_cache(maxsize=8192)
def _fold_unit(unit: str) -> str:
    s = unicodedata.normalize("NFKD", unit)
    s = _MARKS_RE.sub("", s)
    return s.translate(_CHAR_MAP)


def _lower(s: str) -> str:
    low = s.lower()
    if len(low) == len(s):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in s)  # only U+0130 differs


class _Doc:
    """The text in its normalised views, with a map back to original offsets."""

    __slots__ = (
        "_lower_seen",
        "_stream",
        "_u_nend",
        "_u_norm",
        "_u_oend",
        "_u_ostart",
        "_words",
        "fold",
        "norm",
        "orig",
        "tr_suffixes",
    )

    def __init__(self, text: str) -> None:
        self.orig = text
        self._lower_seen: set[str] | None = None
        self._words: list[tuple[int, int, str]] | None = None
        # the transliteration keys of the words, made once for every index that reads them
        # (translit._stream; typed loosely: translit imports this module)
        self._stream: list[Any] | None = None
        # (offset in fold of the space that stands for the apostrophe, the suffix) of every
        # Turkish suffix behind an apostrophe (Keçiören'de: the space after "Keçiören", "de")
        self.tr_suffixes: list[tuple[int, str]] = []
        text = _fold_confusables(text)
        if text.isascii():
            if "'" not in text and "`" not in text:
                self._u_norm: list[int] = []
                self.fold = text
                self.norm = text.lower()
                return
            special = _ASCII_SPECIAL_RE
        else:
            special = _SPECIAL_RE
        pieces: list[str] = []
        u_norm: list[int] = []
        u_nend: list[int] = []
        u_ostart: list[int] = []
        u_oend: list[int] = []
        pos = 0  # in orig
        npos = 0  # in fold
        turkish = _turkish_suffix_apostrophes(text)
        for m in special.finditer(text):
            s, e = m.span()
            if s > pos:
                pieces.append(text[pos:s])
                npos += s - pos
            if m.lastgroup == "tat":
                rep = m.group()[0] + " "
            else:
                rep = "" if m.group("del") is not None else _fold_unit(m.group())
                if not rep and s in turkish:
                    rep = " "
                    self.tr_suffixes.append((npos, turkish[s]))
            if rep != m.group():
                u_norm.append(npos)
                u_nend.append(npos + len(rep))
                u_ostart.append(s)
                u_oend.append(e)
            pieces.append(rep)
            npos += len(rep)
            pos = e
        pieces.append(text[pos:])
        self.fold = "".join(pieces)
        self.norm = _lower(self.fold)
        self._u_norm = u_norm
        self._u_nend = u_nend
        self._u_ostart = u_ostart
        self._u_oend = u_oend

    def orig_start(self, p: int) -> int:
        if not self._u_norm:
            return p
        i = bisect.bisect_right(self._u_norm, p) - 1
        if i < 0:
            return p
        if p < self._u_nend[i]:
            return self._u_ostart[i]
        return self._u_oend[i] + (p - self._u_nend[i])

    def orig_end(self, q: int) -> int:
        if not self._u_norm or q <= 0:
            return q
        i = bisect.bisect_right(self._u_norm, q - 1) - 1
        if i < 0:
            return q
        if q - 1 < self._u_nend[i]:
            return self._u_oend[i]
        return self._u_oend[i] + (q - self._u_nend[i])

    def words(self) -> list[tuple[int, int, str]]:
        """The words of ``norm`` (letters and digits) as (start, end, word), computed once."""
        if self._words is None:
            self._words = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(self.norm)]
        return self._words

    def lower_seen(self) -> set[str]:
        """Words that occur with a lower-case initial somewhere in the text."""
        if self._lower_seen is None:
            self._lower_seen = set(_LOWER_WORD_RE.findall(self.fold))
        return self._lower_seen

    def sentence_initial(self, p: int) -> bool:
        i = p - 1
        fold = self.fold
        while i >= 0 and fold[i] in " \t\"'([*-":
            i -= 1
        return i < 0 or fold[i] in ".!?:;\n\r\u2026>"


# lower-case words standing on their own (not part of an address, handle or URL)
_LOWER_WORD_RE = re.compile(r"(?<![\w@./#\-])[a-z]+(?![\w@/]|[.\-]\w)")
_WORD_RE = re.compile(r"[^\W_]+")
_PREV_WORD_RE = re.compile(r"([^\W_]+)[\s\-]*$")
_ARABIC_CHAR_RE = re.compile("[\u0600-\u06ff]")


_APOS_IN_WORD_RE = re.compile(_APOS_IN_WORD)


def _normalise(s: str) -> str:
    """Lower-cased normal form of a short string (identifiers, list entries, gazetteer).

    Same result as ``_Doc(s).norm`` without building an offset map.
    """
    if s.isascii():
        return (_APOS_IN_WORD_RE.sub("", s) if "'" in s or "`" in s else s).lower()
    s = _fold_confusables(s)
    if "\u0640" in s:
        s = _PROCLITIC_TATWEEL_RE.sub(lambda m: m.group()[0] + " ", s)
    s = _APOS_IN_WORD_RE.sub("", s).translate(_PRE_MAP)
    if not unicodedata.is_normalized("NFKD", s):
        s = unicodedata.normalize("NFKD", s)
    return _lower(_MARKS_RE.sub("", s).translate(_CHAR_MAP))


def prev_word(norm: str, start: int) -> str:
    """The word before offset ``start`` (looking back 40 code points at most), or "".

    What ``_PREV_WORD_RE.search(norm, max(0, start - 40), start)`` finds, read backwards from
    ``start`` (the pattern tried at each of the 40 offsets in turn, called thousands of times per
    text): spaces and hyphens, then the letters and digits before them (``[^\\W_]`` is
    ``str.isalnum``)."""
    low = max(0, start - 40)
    end = start
    while end > low and (norm[end - 1].isspace() or norm[end - 1] == "-"):
        end -= 1
    begin = end
    while begin > low and norm[begin - 1].isalnum():
        begin -= 1
    return norm[begin:end]


def finditer_near(
    rx: re.Pattern[str], text: str, anchors: Iterable[tuple[int, int]], before: int, after: int
) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` for a pattern each of whose matches holds an anchor (a number, a
    digit run) and reaches at most ``before`` code points before it and ``after`` after it
    (look-arounds included): the pattern runs only on the stretches of text around the
    anchors, widened to whole words. ``anchors`` come in text order."""
    spans: list[list[int]] = []
    n = len(text)
    for a, b in anchors:
        start, end = max(0, a - before), min(n, b + after)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < n and not text[end].isspace():
            end += 1
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    for start, end in spans:
        yield from rx.finditer(text, start, end)


def _opening_letters(items: list) -> frozenset[str] | None:  # type: ignore[type-arg]
    """The letters or digits (lower case) a match of the parsed pattern ``items`` can open
    with, or None when it may open with anything else or the parse is not read here."""
    for op, av in items:
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue  # takes no character
        if op is _sre.LITERAL:
            chars = [chr(av)]
        elif op is _sre.IN:
            chars = []
            for kind, value in av:
                if kind is _sre.LITERAL:
                    chars.append(chr(value))
                elif kind is _sre.RANGE and value[1] - value[0] < 64:
                    chars.extend(chr(c) for c in range(value[0], value[1] + 1))
                elif kind is _sre.CATEGORY and value is _sre.CATEGORY_DIGIT:
                    chars.extend("0123456789")  # (and digits outside ASCII)
                else:
                    return None
        elif op is _sre.BRANCH:
            parts = [_opening_letters(branch) for branch in av[1]]
            if any(part is None for part in parts):
                return None
            return frozenset().union(*parts)  # type: ignore[arg-type]
        elif op is _sre.SUBPATTERN:
            return _opening_letters(av[3])
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:
            return _opening_letters(av[2])
        else:
            return None
        letters = frozenset(c.lower() for c in chars)
        return letters if all(c.isalnum() for c in letters) else None
    return None


def _opens_a_word(items: list) -> frozenset[str] | None:  # type: ignore[type-arg]
    """``_opening_letters`` of ``items`` when they open with ``(?<!\\w)`` (or ``(?<![\\w…])``)."""
    if not items or items[0][0] is not _sre.ASSERT_NOT or items[0][1][0] != -1:
        return None
    behind = items[0][1][1]
    if not (
        len(behind) == 1
        and behind[0][0] is _sre.IN
        and (_sre.CATEGORY, _sre.CATEGORY_WORD) in behind[0][1]
        and all(kind is not _sre.NEGATE for kind, _ in behind[0][1])
    ):
        return None
    return _opening_letters(items[1:])


_NOT_A_LETTER = [
    (_sre.NEGATE, None),
    (_sre.CATEGORY, _sre.CATEGORY_NOT_WORD),
    (_sre.CATEGORY, _sre.CATEGORY_DIGIT),
    (_sre.LITERAL, ord("_")),
]


def _opens_a_letter_run(items: list) -> frozenset[str] | None:  # type: ignore[type-arg]
    """``_opening_letters`` of ``items`` when they open with ``(?<![^\\W\\d_])`` (no letter
    before) and then a letter or a digit."""
    if not items or items[0][0] is not _sre.ASSERT_NOT or items[0][1][0] != -1:
        return None
    behind = items[0][1][1]
    if not (len(behind) == 1 and behind[0][0] is _sre.IN and behind[0][1] == _NOT_A_LETTER):
        return None
    return _opening_letters(items[1:])


@functools.cache
def _run_opening(rx: re.Pattern[str]) -> tuple[frozenset[str], bool] | None:
    """Where a match of ``rx`` can open: the letters of ``_word_opening_letters`` and False (at
    the start of a run of word characters), or the letters of a pattern that opens with
    ``(?<![^\\W\\d_])`` and True (at the start of a run of letters); else None."""
    first = _word_opening_letters(rx)
    if first is not None:
        return first, False
    letters = _opens_a_letter_run(_parser.parse(rx.pattern, rx.flags).data)
    return None if letters is None else (letters, True)


@functools.cache
def _word_opening_letters(rx: re.Pattern[str]) -> frozenset[str] | None:
    """For a pattern that opens with ``(?<!\\w)`` (or ``(?<![\\w…])``) and then a letter or a
    digit (an alternation of cue words), or an alternation of such patterns: the letters its
    matches can open with; else None."""
    items = _parser.parse(rx.pattern, rx.flags).data
    if len(items) == 1 and items[0][0] is _sre.BRANCH:
        parts = [_opens_a_word(branch) for branch in items[0][1][1]]
        if any(part is None for part in parts):
            return None
        return frozenset().union(*parts)  # type: ignore[arg-type]
    return _opens_a_word(items)


Clause = frozenset[str]  # characters of which a text must hold one


def _rarity(clause: Clause) -> tuple[int, int]:
    """How common a clause's characters are in a text (lower: rarer), for ``_required``."""
    return max(3 if c.isalnum() or c.isspace() else 2 if c in ".,'-" else 1 for c in clause), len(
        clause
    )


def _required(items: list, ignorecase: bool) -> set[Clause]:  # type: ignore[type-arg]
    """What every match of the parsed pattern ``items`` holds (or looks at): for each clause,
    one of its characters."""
    out: set[Clause] = set()
    for op, av in items:
        if op is _sre.LITERAL or (
            op is _sre.IN and av and all(kind is _sre.LITERAL for kind, _ in av)
        ):
            chars = frozenset(chr(c) for c in ([av] if op is _sre.LITERAL else [v for _, v in av]))
            if not ignorecase or all(c.lower() == c == c.upper() == c.casefold() for c in chars):
                out.add(chars)
        elif op is _sre.SUBPATTERN:
            _, add, drop, sub = av
            out |= _required(
                sub,
                (ignorecase or bool(add & _sre.SRE_FLAG_IGNORECASE))
                and not drop & _sre.SRE_FLAG_IGNORECASE,
            )
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:
            out |= _required(av[2], ignorecase)
        elif op is _sre.ASSERT:  # what a look-ahead or look-behind sees is in the text too
            out |= _required(av[1], ignorecase)
        elif op is _sre.BRANCH:  # one clause of each branch, the rarest, joined
            clauses = [_required(branch, ignorecase) for branch in av[1]]
            if all(clauses):
                out.add(frozenset().union(*(min(c, key=_rarity) for c in clauses)))
    return out


@functools.cache
def required_chars(rx: re.Pattern[str]) -> frozenset[Clause]:
    """What every match of ``rx`` holds, as clauses (a set of characters of which a match holds
    one): a text that holds no character of one of them has no match."""
    return frozenset(
        _required(_parser.parse(rx.pattern, rx.flags).data, bool(rx.flags & re.IGNORECASE))
    )


def holds_required(rx: re.Pattern[str], text: str) -> bool:
    """Does ``text`` hold a character of each of ``required_chars(rx)``?"""
    return all(any(c in text for c in clause) for clause in required_chars(rx))


_RUN_RES = (re.compile(r"\w+"), re.compile(r"[^\W\d_]+|\d"))


@functools.lru_cache(maxsize=16)
def _run_starts(text: str, letters: bool) -> tuple[dict[str, list[int]], list[int]]:
    """Where the runs of word characters (or of ``letters``, and every digit) of ``text`` open:
    by their first letter (lower-cased, ASCII) and, apart, those that open with a character
    outside ASCII.
    (Memo for the few views of one text that a scan reads: the text, its folded and its
    normalised view.)"""
    by_letter: dict[str, list[int]] = {}
    other: list[int] = []
    for m in _RUN_RES[letters].finditer(text):
        c = text[m.start()]
        if c.isascii():
            by_letter.setdefault(c.lower(), []).append(m.start())
        else:
            other.append(m.start())
    return by_letter, other


def finditer_needed(rx: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)``, or nothing at once when ``text`` lacks what every match holds
    (``required_chars``: "?", ":", "@", a quote…; a scan for one character is fast, the
    pattern's is not). A pattern whose matches open a word (``(?<!\\w)`` and then one of a few
    letters: ``_word_opening_letters``) is tried only where a run of word characters opens
    with one of them (or with a character outside ASCII), when those are few: ``re`` tries
    such a pattern at every offset of the text."""
    if not holds_required(rx, text):
        return
    opening = _run_opening(rx)
    if opening is None or len(text) < 2000:
        yield from rx.finditer(text)
        return
    first, letters = opening
    by_letter, other = _run_starts(text, letters)
    lists = [by_letter[c] for c in first if c in by_letter]
    if sum(map(len, lists)) + len(other) > len(text) // 8:
        yield from rx.finditer(text)
        return
    end = 0
    for s in sorted(itertools.chain(other, *lists)):
        if s >= end:
            m = rx.match(text, s)
            if m:
                yield m
                end = max(m.end(), s + 1)


def word_starts(words: list[tuple[int, int, str]]) -> dict[str, list[int]]:
    """Where the words of ``words`` (``_Doc.words``) open, by their first letter."""
    out: dict[str, list[int]] = {}
    for s, _, w in words:
        out.setdefault(w[0], []).append(s)
    return out


def finditer_at_words(
    rx: re.Pattern[str], text: str, starts: dict[str, list[int]]
) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)``, faster for a pattern whose matches open a word: ``(?<!\\w)``
    before an alternation of cue words (a regex tries its alternation at every offset of the
    text; ``re`` skips ahead to a possible first letter only when nothing comes before it).
    The pattern is tried (``rx.match``) only where a word opens (``starts``: ``word_starts`` of
    the words of the text or of its normalised view) with one of the letters its matches can
    open with, or with a letter outside ASCII (in a case-insensitive pattern "ı" is "i"), in
    text order and never inside the last match, as ``finditer`` finds them. Any other
    pattern: finditer. (Either way nothing when the text lacks a character every match holds:
    ``finditer_needed``.)"""
    first = _word_opening_letters(rx)
    if first is None:
        yield from finditer_needed(rx, text)
        return
    if not holds_required(rx, text):
        return
    at = sorted(
        s for c, offsets in starts.items() if c in first or not c.isascii() for s in offsets
    )
    end = 0
    for s in at:
        if s >= end:
            m = rx.match(text, s)
            if m:
                yield m
                end = max(m.end(), s + 1)


def head_anchors(
    words: list[tuple[int, int, str]], heads: frozenset[str], prefixes: tuple[str, ...]
) -> list[tuple[int, int]]:
    """The words among ``words`` that are one of ``heads`` or open with one of ``prefixes``."""
    # "l'ecole", "d'Aubervilliers": an elided article may be glued to the head
    if prefixes:
        return [
            (s, e) for s, e, w in words if w in heads or w[1:] in heads or w.startswith(prefixes)
        ]
    return [(s, e) for s, e, w in words if w in heads or w[1:] in heads]
