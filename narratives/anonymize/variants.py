"""Other spellings of one vault value, indexed beside it.

German writes umlauts as two letters (Özkaya / Oezkaya, Müller / Mueller) and Arabic names
its own way: ح and خ as ``ch`` (Ahmad / Achmad, Khalid / Chalid), ج as ``dsch``
(Jamal / Dschamal). The transliteration key (translit.py) folds ``ch`` like ``sh``, so these
spellings need keys of their own; they are made on the vault side only (a handful of values),
never for every word of a text.

Somali writes ع as ``c`` and ح as ``x`` and doubles long vowels (Abdulkadir / Cabdulqaadir,
Hodan / Xodan, Mohamed / Maxamed, Abdi- for Abdul-); Russian surnames lose or gain the ``y``
of ``-yev`` (Dudayev / Dudaev / Dudajew); Arabic drops the final hamza of ``-اء``
(شيماء / شيما) or adds it.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["spelling_variants"]

_UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
_UMLAUT_RE = re.compile("[äöüÄÖÜ]")
# back to the umlaut (not ae: Israel, Michael)
_TWO_LETTER_RE = re.compile(r"(?<=[^\W\d_])(?:oe|ue)|\b(?:Oe|Ue)(?=[^\W\d_])")
_BACK = {"oe": "ö", "ue": "ü", "Oe": "Ö", "Ue": "Ü"}
# h before a consonant (Ahmad, Mahmoud, Fahd), or kh: German ch; j / dj: German dsch
_GERMAN_H_RE = re.compile(r"(?i)(?<=[aeiou])h(?=[bdfgjklmnqrstvwz])|kh")
_GERMAN_J_RE = re.compile(r"(?i)\bd?j(?=[aeiou])")


def _german_h(m: re.Match[str]) -> str:
    return "Ch" if m.group()[0] == "K" else "ch"


def _german_j(m: re.Match[str]) -> str:
    return "Dsch" if m.group()[0].isupper() else "dsch"


# Somali: h -> x where it is a consonant of its own (not sh, kh, th, dh, gh, ch, ph), an
# initial a/i/u/o -> c + vowel (o -> u: Omar / Cumar), Abdul- / Abdel- as one word -> Abdi-.
_SOMALI_H_RE = re.compile(r"(?<![sktdgcpSKTDGCP])h|(?<![a-zA-Z])H")
# only names with an initial ayn: Abdi, Ali, Omar / Umar, Osman, Aisha, Ayan, Isa, Awad, Asha;
# never Umm (أم, a hamza: Cumm would be 'comme')
_SOMALI_INITIAL_RE = re.compile(
    r"\b(?:([Aa])(?=b(?!u)|l[iy]\b|i|y|w|sh)|([Uu])(?=mar|s)|[Oo](?=mar|s)|([Ii])(?=s[ao]\b))"
)
_SOMALI_ABDI_RE = re.compile(r"\b([Aa])bd(?:ou|[aeiu])l(?=[a-km-z][a-z]{2})")
_SOMALI_MOHAMED_RE = re.compile(r"\b[Mm]o?u?ham+[ae]d\b")
# Russian -ayev / -aev / -iyev / -iev, and the German -ajew
_RU_YEV_RE = re.compile(r"(?<=[aiou])y(?=ev\b)")
_RU_EV_RE = re.compile(r"(?<=[aiou])(?=ev\b)")
# Arabic: a final alef + hamza, and a final alef that may carry one
_AR_FINAL_HAMZA_RE = re.compile("\u0627\u0621(?![\u0621-\u064a])")
_AR_FINAL_ALEF_RE = re.compile("(?<=[\u0621-\u064a]{2})\u0627(?![\u0621-\u064a])")


# خ written x (Xadra, Xalid: Spanish and Maghrebi spellings)
_KH_RE = re.compile("(?i)kh")
# Arabic particles written joined to the name after them: عبدالرحمن, ابوحمزة
_AR_JOINABLE_RE = re.compile(
    "(?<![\u0621-\u064a])(\u0639\u0628\u062f|\u0623?\u0627?\u0628\u0648) (?=[\u0621-\u064a]{3})"
)


def _somali(value: str) -> list[str]:
    out = []
    abdi = _SOMALI_ABDI_RE.sub(lambda m: m.group(1) + "bdi", value)
    if abdi != value:
        out.append(abdi)
    for base in (value, abdi):
        somali = _SOMALI_MOHAMED_RE.sub("Maxamed", base)
        somali = _SOMALI_H_RE.sub(lambda m: "X" if m.group() == "H" else "x", somali)
        somali = _SOMALI_INITIAL_RE.sub(
            lambda m: (
                ("C" if m.group()[0].isupper() else "c")
                + ("u" if m.group() in "Oo" else m.group().lower())
            ),
            somali,
        )
        if somali != value:
            out.append(somali)
    return out


def _arabic(value: str) -> list[str]:
    out = []
    if _AR_FINAL_HAMZA_RE.search(value):
        out.append(_AR_FINAL_HAMZA_RE.sub("\u0627", value))
    elif _AR_FINAL_ALEF_RE.search(value):
        out.append(_AR_FINAL_ALEF_RE.sub("\u0627\u0621", value))
    joined = _AR_JOINABLE_RE.sub(r"\1", value)
    if joined != value:  # read in one word across scripts: "Abdulrahman" of عبد الرحمن
        out.append(joined)
    return out


# Latin spellings of Arabic letters the transliteration key keeps apart, written from the
# vault's spelling (a handful of values, never every word of a text):
_TR_KH_RE = re.compile(r"(?i)kh(?=[aeiou])")  # Turkish h for خ: Halil, Halit, Hadice
_TR_FINAL_D_RE = re.compile(r"(?<=[aeiou])d\b")  # Turkish final t: Ahmet, Mehmet, Hamit
_EG_J_RE = re.compile(r"(?i)\bd?j(?=[aou])|(?<=[aeiou])d?j(?=[aeiou])")  # Egyptian g: Gamal, Ragab
_Q_G_RE = re.compile(r"(?i)q(?!u[aeiou])")  # Gulf and Sudanese g for ق: Gassim, Tarig (not que)
_DE_Y_RE = re.compile(r"\bY(?=[aeiou])")  # German j for y: Jussuf, Jasmin
_DE_CH_RE = re.compile(r"\bCh(?=[aeiou])")  # German ch for kh, back: Khalid of Chalid
_TH_RE = re.compile(r"(?<=[A-Za-z])th")  # ث as s or t: Osman, Otmane of Othmane
_Z_DH_RE = re.compile(r"(?<=[aeiou])z(?=[aeiou])")  # ظ as dh: Nadhim, Kadhim of Nazim, Kazim
# Maghrebi spellings drop an initial i before two consonants: Brahim, Smail, Driss, Skander
_I_DROP_RE = re.compile(r"\b[IiEe](?=[b-df-hj-np-tv-z]{2}[a-z]{2})")
# French ç, written without its cedilla: Faycal of Fayçal (Faisal)
_CEDILLA_RE = re.compile(r"(?<=[aeou][iy])s(?=[aou])")
# the final -a / -ah of a name, written -e, -é or -eh (Hamze, Fatime, Hassaké): the stem
_FINAL_A_RE = re.compile(r"(?<=[b-df-hj-np-tv-z])ah?\b")
MIN_STEM = 4
_ARTICLE_AHEAD = r"(?=[\s\-]+(?:[AaEe]l|[AaEe][dnrstz]|[AaEe]sh|[AaEe]th)[\s\-])"
_CONSTRUCT_AT_RE = re.compile(r"\b([A-Za-z]{3,}a)t\b" + _ARTICLE_AHEAD)
_CONSTRUCT_A_RE = re.compile(r"\b([A-Za-z]{2,}[b-df-hj-np-tv-z]a)\b" + _ARTICLE_AHEAD)


def _street_forms() -> list[tuple[str, tuple[str, ...]]]:
    from .wordlists import entries

    return [(line.split()[0], tuple(line.split()[1:])) for line in entries("street_types.txt")]


def _legal_forms() -> frozenset[str]:
    from .wordlists import words

    return words("legal_forms.txt")


_STREETS = _street_forms()
_LEGAL = _legal_forms()
# a value that is an address: a house number, or a street-type word spelled out
_STREET_HINT_RE = re.compile(
    r"\d|(?i:\b(?:rue|boulevard|avenue|place|chemin|impasse|street|road|lane)\b"
    r"|(?:stra(?:ss|ß)e|platz)\b|(?:str|pl)\.)"
)
_GERMAN_COMPOUND_TYPES = frozenset({"strasse", "platz", "weg", "gasse"})


def _street_variants(value: str) -> list[str]:
    """The street's other forms: each street-type word spelled out or shortened."""
    from .normalise import _normalise

    norm = _normalise(value)
    out: list[str] = []
    for full, abbrevs in _STREETS:
        for form in (full, *abbrevs):
            word_re = re.compile(rf"\b{re.escape(form)}\b\.?")
            if word_re.search(norm):
                out += [word_re.sub(other, norm) for other in (full, *abbrevs) if other != form]
            if full in _GERMAN_COMPOUND_TYPES:  # Hauptstraße / Hauptstr. (an abbreviation
                # ends a word only with its dot: "Lang" is no Lan-gasse)
                dot = r"\b" if form == full else r"\."
                tail_re = re.compile(rf"(?<=[a-z]{{3}}){re.escape(form)}{dot}")
                if tail_re.search(norm):
                    out += [tail_re.sub(other, norm) for other in (full, *abbrevs) if other != form]
    return out


_DE_ADJ_RE = re.compile(r"\b([A-ZÄÖÜ][a-zäöüß]{3,}e)(?=\s+[A-ZÄÖÜ])")


def _inflected_variant(value: str, category: str) -> list[str]:
    """A German adjective of a name takes -n after an article: "der Deutschen Bahn",
    "der Evangelischen Kirche" of "Deutsche Bahn", "Evangelische Kirche"."""
    if category not in ("organisation", "unit"):
        return []
    variant = _DE_ADJ_RE.sub(r"\1n", value)
    return [variant] if variant != value else []


def _legal_variant(value: str) -> list[str]:
    """The name without its legal form: "Deutsche Bahn" of "Deutsche Bahn AG"."""
    words = value.split()
    if len(words) >= 2 and words[-1].lower().strip(".,") in _LEGAL | {w.strip(".") for w in _LEGAL}:
        return [" ".join(words[:-1]).rstrip(",")]
    return []


def _i_drop(m: re.Match[str]) -> str:
    """Drop the initial i of an Arabic given name only (Brahim; Israel stays)."""
    from .wordlists import _ARAB_GIVEN_LATIN

    word = re.match(r"[a-z]+", m.string[m.start() :].lower())
    return "" if word and word.group() in _ARAB_GIVEN_LATIN else m.group()


def _arab_latin(value: str, category: str) -> list[str]:
    """Other Latin spellings of an Arabic name the transliteration key does not fold."""
    out = []
    turkish = _TR_FINAL_D_RE.sub("t", value)
    if _TR_KH_RE.search(value):
        out.append(_TR_KH_RE.sub(lambda m: "H" if m.group()[0] == "K" else "h", value))
        turkish = _TR_KH_RE.sub(lambda m: "H" if m.group()[0] == "K" else "h", turkish)
    out.append(turkish)
    for pattern, repl in (
        (_EG_J_RE, lambda m: "G" if m.group()[0] in "DJ" else "g"),
        (_Q_G_RE, lambda m: "G" if m.group() == "Q" else "g"),
        (_DE_Y_RE, lambda m: "J"),
        (_DE_CH_RE, lambda m: "Kh"),
        (_TH_RE, lambda m: "s"),
        (_TH_RE, lambda m: "t"),
        (_Z_DH_RE, lambda m: "dh"),
        (_I_DROP_RE, _i_drop),
        (_CEDILLA_RE, lambda m: "c"),
    ):
        variant = pattern.sub(repl, value)
        if variant != value:
            out.append(variant[0].upper() + variant[1:] if value[0].isupper() else variant)
    # the construct state: Katibat / Katiba al-Battar, Jabhat / Jabha al-Nusra
    for construct, ending in ((_CONSTRUCT_AT_RE, ""), (_CONSTRUCT_A_RE, "t")):
        variant = construct.sub(rf"\g<1>{ending}", value)
        if variant != value:
            out.append(variant)
    if category == "place" or category in ("person", "kunya"):
        from .wordlists import _ARAB_GIVEN_LATIN, _WESTERN_GIVEN

        def stem(m: re.Match[str]) -> str:
            return ""

        words = value.split()
        last = words[-1]
        bare = _FINAL_A_RE.sub(stem, last)
        if (
            bare != last
            and len(bare) >= MIN_STEM
            and (
                category == "place"
                or (bare.lower() not in _ARAB_GIVEN_LATIN and bare.lower() not in _WESTERN_GIVEN)
            )
        ):
            out.append(" ".join([*words[:-1], bare]))
    return out


def spelling_variants(value: str, category: str = "person") -> list[str]:
    """The other spellings of ``value`` worth indexing (not ``value`` itself)."""
    if not value.isascii() and not _UMLAUT_RE.search(value):
        # another script: the cross-script index reads it; only the hamza is spelled here
        if any("a" <= c.lower() <= "z" for c in value):  # Latin with accents: Fayçal, Hassaké
            return [v for v in _latin_forms(value, category) if v != value]
        return _arabic(value)
    return [v for v in _latin_forms(value, category) if v != value]


def _latin_forms(value: str, category: str) -> list[str]:
    out: list[str] = []
    if _STREET_HINT_RE.search(value):
        out += _street_variants(value)
    for base in (value, *_legal_variant(value)):
        out += [v for v in (base, *_inflected_variant(base, category)) if v != value]
    folded = "".join(
        c for c in unicodedata.normalize("NFKD", value) if not unicodedata.combining(c)
    )
    if folded.isascii():
        out += _arab_latin(folded, category)
    if not value.isascii() and not _UMLAUT_RE.search(value):  # Latin with accents: only these
        return list(dict.fromkeys(v for v in out if v not in (value, folded)))
    value = unicodedata.normalize("NFC", value)
    if _UMLAUT_RE.search(value):
        out.append(_UMLAUT_RE.sub(lambda m: _UMLAUTS[m.group()], value))
    elif _TWO_LETTER_RE.search(value):
        out.append(_TWO_LETTER_RE.sub(lambda m: _BACK[m.group()], value))
    german = _GERMAN_J_RE.sub(_german_j, _GERMAN_H_RE.sub(_german_h, value))
    if german != value:
        out.append(german)
    if value.isascii():
        out.extend(_somali(value))
        if _KH_RE.search(value):
            out.append(_KH_RE.sub(lambda m: "X" if m.group()[0] == "K" else "x", value))
        for russian in (_RU_YEV_RE.sub("", value), _RU_EV_RE.sub("y", value)):
            if russian != value:
                out.append(russian)
                out.append(russian.replace("yev", "jew").replace("ev", "ew"))
    return list(dict.fromkeys(v for v in out if v != value))
