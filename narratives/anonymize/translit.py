"""Transliteration canonicalisation: Mohammed/Muhammad, Abdul Rahman/Abdurrahman share keys."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .normalise import _ARABIC_CHAR_RE, _WORD_RE, _normalise
from .spelling import spelling_runs

__all__ = ["Key", "arabizi_fold"]

# One token's canonical key: (loose skeleton, vowel classes, is short); see ``_latin_key``.
Key = tuple[str, tuple[str, ...], bool]

# Letter groups the key folds (spelling.py): sch/tch/ch -> sh, ph -> f, q -> k...
_DIGRAPH_RE = re.compile(r"dsch|sch|tch|ph|ck|dj|ch|q|x|c|p")
# Spellings of one sound the key reads alike, on both sides (text and vault): an i before a
# vowel is the consonant y (Mariam / Maryam, Tal Abiad / Tell Abyad, Soufiane / Sufyan), never
# in a final -ie (Jamie is not Jami); a y between a vowel and e / i is a glide Latin spellings
# drop (Sayid / Said, Ayesha / Aisha, Fayez / Faiz); aw before a consonant is the long o (Dayr
# az-Zawr / Deir ez-Zor, Shawkat / Shoukat).
_I_GLIDE_RE = re.compile(r"(?<=[b-df-hj-np-tv-z])i(?=[ao]|e[a-z])")
_Y_GLIDE_RE = re.compile(r"(?<=[aeou])y(?=[ei])")
_AW_RE = re.compile(r"aw(?![aeiouyw])")


def _key_folds(w: str) -> str:
    if "yy" in w:  # Sayyid / Sayed
        w = w.replace("yy", "y")
    if "i" in w:
        w = _I_GLIDE_RE.sub("y", w)
    if "y" in w:
        w = _Y_GLIDE_RE.sub("", w)
    if "aw" in w:
        w = _AW_RE.sub("ou", w)
    return w


@functools.lru_cache(maxsize=65536)
def _latin_key(w: str) -> Key:
    """Canonical key of one lower-case token: (loose skeleton, vowel classes, is_short).

    Loose: consonants (after q->k, ph->f, ch->sh, dj->j, doubled letters collapsed) with one
    ``v`` per vowel group. Vowel classes: a -> A, i/ee/y -> I, o/u/ou/oo -> U, e -> E where E
    (the usual English/French rendering of an unwritten short vowel) matches any class.
    Mohammed/Muhammad, Yusuf/Youssef, Hussein/Husayn, Omar/Umar share a key.
    """
    loose: list[str] = []
    vowels: list[str] = []
    for is_vowel, run in spelling_runs(_key_folds(w), _DIGRAPH_RE):
        if is_vowel:
            loose.append("v")
            vowels.append(run)
        else:
            loose.append(run)
    return "".join(loose), tuple(vowels), len(w) <= 3


def _vowels_compatible(
    a: tuple[str, ...], b: tuple[str, ...], exact: bool, open_end: bool = False
) -> bool:
    if a == b:
        return True
    if exact or len(a) != len(b):
        return False
    last = len(a) - 1
    for i, (ga, gb) in enumerate(zip(a, b, strict=True)):
        if len(ga) != len(gb):
            if open_end and i == last:  # a word's final vowel: Jamie is not Jami
                return False
            # a diphthong and its long vowel: Hussein / Houcine, Zeineb / Zineb (an E, the
            # unwritten short vowel, may stand beside the vowel it colours)
            ga, gb = ga.replace("E", ""), gb.replace("E", "")
            if not ga or ga != gb:
                return False
            continue
        for x, y in zip(ga, gb, strict=True):
            if x != y and x != "E" and y != "E":
                return False
    return True


def _keys_compatible(a: Key, b: Key, loose: bool = False) -> bool:
    """Same skeleton and vowels; a short token's vowels exactly, unless ``loose`` (a word of a
    value of several: "Ein al-Khadra" is "Ain al-Khadra", while "Eli" alone is not "Ali")."""
    return a[0] == b[0] and _vowels_compatible(
        a[1], b[1], (a[2] or b[2]) and not loose, a[0].endswith("v")
    )


_AL_KEY: Key = ("vl", ("A",), True)
_ABD_KEY: Key = ("bd", ("A",), True)
_ARTICLES = frozenset({"al", "el", "ul", "il", "ol"})
_SUN_ARTICLES = {
    a: a[1:]
    for a in [
        "ar",
        "as",
        "at",
        "ad",
        "az",
        "an",
        "ash",
        "ath",
        "adh",
        "ad",
        "ed",
        "er",
        "es",
        "et",
        "en",
        "ez",
        "esh",
        "ur",
        "us",
        "ut",
        "ud",
        "un",
        "ush",
        "ir",
        "is",
        "it",
        "id",
        "in",
    ]
}
# Arabic in Latin letters ("arabizi") writes letters English lacks with digits: 2 hamza, 3 ayn,
# 5 kh, 6 t (emphatic), 7 h, 8 gh, 9 q. Folded to the usual transliteration (hamza and ayn
# dropped, as most Latin spellings drop them): 7amza -> hamza, Sa3id -> said, 5alil -> khalil.
_ARABIZI_DIGITS = {"2": "", "3": "", "5": "kh", "6": "t", "7": "h", "8": "gh", "9": "q"}
_ARABIZI_TOKEN_RE = re.compile(r"(?=[a-z0-9]*[a-z])(?=[a-z0-9]*[235-9])[a-z0-9]+")
_NOT_ARABIZI_RE = re.compile(r"\d+(?:st|nd|rd|th|h|km|kg|am|pm|min|x|s|e|er|eme|ieme|te|ten)?")
_ARABIZI_CLUSTER_RE = re.compile(r"^([b-df-hj-np-tv-z])(?=[5-9])")


@functools.lru_cache(maxsize=16384)
def arabizi_fold(tok: str) -> str | None:
    """A lower-case token written with arabizi digits, in Latin letters; None if it is not one.

    A trailing run of two or more digits (``7mood99``) is a number, not letters. After a first
    consonant a digit-letter takes a vowel before it (m7ammad -> mehammad: Muhammad).
    """
    if not _ARABIZI_TOKEN_RE.fullmatch(tok):
        return None
    core = re.sub(r"(?<=[a-z])\d{2,}$", "", tok)
    if not re.search(r"[235-9]", core) or _NOT_ARABIZI_RE.fullmatch(core) or "0" in core:
        return None
    if any(c in "14" for c in core):
        return None
    core = _ARABIZI_CLUSTER_RE.sub(r"\1e", core)
    out = "".join(_ARABIZI_DIGITS.get(c, c) for c in core)
    return out if len(out) >= 2 and out.isalpha() else None


# X ad-Din written as one word: Nureddine, Salahuddin, Jalaluddin, Shamseddine, Alaeddine.
_DIN_RE = re.compile(r"^([a-z]{3,}?)(?:[aeiou]dd|[aeiou]ld)(?:i|ee|y)ne?$")
_AD_DIN = frozenset({"eddine", "eddin", "uddin", "uddine", "addin", "addine", "iddin", "oddine"})
_ABD_RE = re.compile(r"^abd(?:(?:ou|[aeiou])l|(?:ou|[aeiou])(?=(sh|[rstdnz])\1))?(.*)$")
# Abu written joined to the name: Aboubakr, Abuhamza, and the Maghrebi Bou- (Bouhamza)
_ABU_JOINED_RE = re.compile(r"^(?:ab(?:ou|o|u)|bou)([b-df-hj-np-tv-z][a-z]{3,})$")
_NISBA_JOINED_RE = re.compile(r"^(?:al|el)([^aeiou\W][a-z]{3,}[iy]|[aeiou][a-z]{4,}[iy])$")


def _initial_ayn(tok: str) -> bool:
    """An arabizi word opened by ع before a consonant: the ayn carries the vowel."""
    return tok[0] == "3" and len(tok) > 2 and tok[1] not in _VOWEL_LETTERS and tok[1].isalpha()


_VOWEL_LETTERS = frozenset("aeiouy")
# Arabic genitive and accusative of abu (أبي حمزة, أبا حمزة): the same kunya
_AR_ABU_CASES = frozenset({"\u0627\u0628\u064a", "\u0627\u0628\u0627"})


@functools.lru_cache(maxsize=65536)
def _canon_token(tok: str) -> tuple[Key, ...]:
    """One normalised token -> one or more canonical sub-keys.

    Splits compounds so that spacing/hyphenation of the article does not matter:
    Abdurrahman / Abdul Rahman / Abd al-Rahman / Abdel-Rahman -> abd + al + rahman;
    Abdullah / Abd Allah -> abd + al + lah; alBritani -> al + britani; ابوبكر -> ابو + بكر.
    """
    if _ARABIC_CHAR_RE.match(tok):
        if tok.startswith("عبدال") and len(tok) > 5:
            return ((("عبد", (), False)), (tok[3:], (), False))
        if tok.startswith("ابو") and len(tok) >= 6:
            return (("ابو", (), False), (tok[3:], (), False))
        if tok in _AR_ABU_CASES:
            return (("ابو", (), False),)
        return ((tok, (), False),)
    if not tok.isascii():
        return ((tok, (), True),)
    if not tok.isalpha():
        folded = arabizi_fold(tok)
        if folded and _initial_ayn(tok):
            folded = "a" + folded  # 3bdallah is Abdallah, 3li is Ali
        return _canon_token(folded) if folded else ((tok, (), True),)
    if tok in _ARTICLES:
        return (_AL_KEY,)
    if tok == "allah":
        return (_AL_KEY, _latin_key("lah"))
    if tok in ("ibn", "bin", "ben", "bn"):
        return (("bvn", ("I",), True),)
    if tok == "abd":
        return (_ABD_KEY,)
    if tok == "bou":  # the Maghrebi abu: Bou Hamza
        return (_latin_key("abu"),)
    if tok.startswith("abd"):
        m = _ABD_RE.match(tok)
        if m:
            rest = m.group(2)
            has_article = len(tok) - len(rest) > 3
            if has_article and (not rest or len(rest) >= 2):
                keys: list[Key] = [_ABD_KEY, _AL_KEY]
                if rest:
                    keys.append(_latin_key(rest))
                return tuple(keys)
    m = _ABU_JOINED_RE.match(tok)
    if m:  # Aboubakr, Abuhamza: the kunya written as one word
        return (_latin_key("abu"), *_canon_token(m.group(1)))
    m = _NISBA_JOINED_RE.match(tok)
    if m:
        return (_AL_KEY, _latin_key(m.group(1)))
    m = _DIN_RE.match(tok)
    if m:
        return (_latin_key(m.group(1)), _AL_KEY, _latin_key("din"))
    if tok in _AD_DIN:  # Salah Eddine: the article and "din" written as one word
        return (_AL_KEY, _latin_key("din"))
    return (_latin_key(tok),)


@dataclass(slots=True)
class _Sub:
    key: Key
    start: int  # norm offsets of the source token
    end: int
    alt: Key | None = None  # key without an Arabic proclitic (و ف ب ل ك) or genitive -s
    alt_start: int = 0
    # further readings of an Arabic word with clitics: (key, norm start) ("وبمحمد": بمحمد, محمد)
    more: tuple[tuple[Key, int], ...] = ()

    def readings(self) -> list[tuple[Key, int]]:
        """The keys this token may stand for, with where each starts."""
        out = [(self.key, self.start)]
        if self.alt is not None:
            out.append((self.alt, self.alt_start))
        out.extend(self.more)
        return out

    def alts(self) -> list[Key]:
        """The keys of this token without its clitics or genitive -s."""
        return ([self.alt] if self.alt is not None else []) + [k for k, _ in self.more]


_PROCLITICS = frozenset("وفبلك")


def _arabic_bare(t: str) -> str:
    """An Arabic word without its proclitic (و ف ب ل ك) and article, three letters at least
    left: والزقاوي / بالزقازيق / للزقاوي / الزقاوي -> the name itself (the vault index holds
    every value with and without its article)."""
    if len(t) < 4 or not "\u0600" <= t[0] <= "\u06ff":  # (not _ARABIC_CHAR_RE.match)
        return t
    if t[0] in "\u0648\u0641" and t.startswith("\u0644\u0644", 1) and len(t) >= 6:
        return t[3:]  # wa + li + al: وللحداد
    if t.startswith("\u0644\u0644") and len(t) >= 5:  # li + al: للزقاوي
        return t[2:]
    core = t[1:] if t[0] in _PROCLITICS else t
    if core.startswith("\u0627\u0644") and len(core) >= 5:
        return core[2:]
    return core


_CONJUNCTIONS = ("", "\u0648", "\u0641", "\u064a\u0627")  # wa, fa; the vocative ya (ياكريم)
_PREPOSITIONS = ("", "\u0628", "\u0644", "\u0643")  # bi, li, ka
MIN_ARABIC_BARE = 3
MIN_ACCUSATIVE_STEM = 4  # عمرًا is left alone: عليا (Alya) is not علي


def _arabic_bare_forms(t: str) -> list[str]:
    """Every reading of an Arabic word without its clitics: a conjunction (و ف), then a
    preposition (ب ل ك), then the article (ال, or the ل left of it after li: للحلبي, read with
    and without it), at least three letters left. "وبمحمد" -> بمحمد, محمد; "وبالحلبي" -> بالحلبي, الحلبي, حلبي; "وبلال" ->
    بلال (and لال). The first reading is ``_arabic_bare``'s."""
    if len(t) < 4 or not _ARABIC_CHAR_RE.match(t):
        return []
    out: list[str] = []
    for conj in _CONJUNCTIONS:
        if not t.startswith(conj):
            continue
        after_conj = t[len(conj) :]
        for prep in _PREPOSITIONS:
            if not after_conj.startswith(prep):
                continue
            rest = after_conj[len(prep) :]
            forms = [rest]
            if rest.startswith("\u0627\u0644"):
                forms.append(rest[2:])
            elif prep == "\u0644" and rest.startswith("\u0644"):
                forms += ["\u0627" + rest, rest[1:]]  # li + al: للعلي is ل + العلي
            out.extend(f for f in forms if f != t and len(f) >= MIN_ARABIC_BARE)
    # the accusative ending -an written with its alef (كريمًا, the tanween folded away)
    for f in [t, *out]:
        if f.endswith("\u0627") and len(f) > MIN_ACCUSATIVE_STEM and f[-2] != "\u0627":
            out.append(f[:-1])
    first = _arabic_bare(t)
    return list(dict.fromkeys([first, *out] if first != t else out))


def _arabizi_alts(t: str) -> list[Key]:
    """The other readings of an arabizi token: an initial ع before a consonant carries its
    vowel ("3li" is Ali, not "li"), and 9 is ق written c by French spellings ("Belka9em" is
    Belkacem) or ص ("9abri" is Sabri)."""
    if not t.isascii() or t.isalpha():
        return []
    folded = arabizi_fold(t)
    if not folded:
        return []
    readings = []
    if _initial_ayn(t):
        readings.append(_canon_token(folded))  # the key reads "a" + folded
    if "9" in t:
        readings += [
            _canon_token(arabizi_fold(t.replace("9", letter)) or t.replace("9", letter))
            for letter in ("c", "s")
        ]
    if "2" in t:  # the hamza of city speech for qaf: 2asem is Qasem, 2alb is qalb
        q = t.replace("2", "q")
        readings.append(_canon_token(arabizi_fold(q) or q))
    return [keys[0] for keys in readings if len(keys) == 1]


_DOTTED_DIGITS = {"7": "kh", "3": "gh", "6": "z", "9": "d"}


def _stream(norm: str, toks: list[tuple[int, int, str]] | None = None) -> list[_Sub]:
    """The canonical sub-keys of the words of ``norm`` (``toks``: its words, if known)."""
    if toks is None:
        toks = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(norm)]
    out: list[_Sub] = []
    n = len(toks)
    joined_next = False
    for i, (s, e, t) in enumerate(toks):
        if joined_next:
            joined_next = False
            continue
        if (
            t in _DOTTED_DIGITS
            and i + 1 < n
            and toks[i + 1][0] == e + 1
            and norm[e] == "'"
            and toks[i + 1][2].isalpha()
        ):
            # arabizi 7' (خ), 3' (غ), 6' (ظ), 9' (ض): one letter, an apostrophe for its dot
            word = _DOTTED_DIGITS[t] + toks[i + 1][2]
            out.extend(_Sub(k, s, toks[i + 1][1]) for k in _canon_token(word))
            joined_next = True
            continue
        if t in _SUN_ARTICLES and i + 1 < n and toks[i + 1][0] - e <= 2:
            nxt = toks[i + 1][2]
            if nxt.startswith(_SUN_ARTICLES[t]):
                out.append(_Sub(_AL_KEY, s, e))
                continue
        keys, alt, alt_at, more = _token_readings(t)
        if alt is None:
            out.extend(_Sub(k, s, e) for k in keys)
        else:
            out.append(
                _Sub(
                    keys[0],
                    s,
                    e,
                    alt,
                    e + alt_at if alt_at < 0 else s,
                    tuple((key, e + at if at < 0 else s) for key, at in more) if more else (),
                )
            )
    return out


@functools.lru_cache(maxsize=65536)
def _token_readings(
    t: str,
) -> tuple[tuple[Key, ...], Key | None, int, tuple[tuple[Key, int], ...]]:
    """One token's keys (``_canon_token``) and, for a token of one key, its other readings
    (``_Sub.alt`` and ``_Sub.more``): each with where it starts, as an offset from the token's
    end (negative: the word without its clitics) or 0 (at the token's start)."""
    keys = _canon_token(t)
    if len(keys) == 1:
        bare_forms = _arabic_bare_forms(t)
        if bare_forms:
            return (
                keys,
                _canon_token(bare_forms[0])[0],
                -len(bare_forms[0]),
                tuple((_canon_token(f)[0], -len(f)) for f in bare_forms[1:]),
            )
        if alts_arabizi := _arabizi_alts(t):
            return keys, alts_arabizi[0], 0, tuple((key, 0) for key in alts_arabizi[1:])
        if len(t) >= 5 and t[-1] == "s" and t[-2] != "s" and t.isascii():
            # German / Dutch genitive without apostrophe: Schmidts Bruder, Jürgens Auto
            alt = _canon_token(t[:-1])
            if len(alt) == 1:
                return keys, alt[0], 0, ()
        return keys, None, 0, ()
    return keys, None, 0, ()


def _stream_keys(value: str) -> list[Key]:
    return [sub.key for sub in _stream(_normalise(value))]
