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


def spelling_variants(value: str) -> list[str]:
    """The other spellings of ``value`` worth indexing (not ``value`` itself)."""
    if not value.isascii() and not _UMLAUT_RE.search(value):
        # another script: the cross-script index reads it; only the hamza is spelled here
        return _arabic(value)
    out: list[str] = []
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
