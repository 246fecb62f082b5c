"""Kunyas, nisbas and unit names (Latin and Arabic script)."""

from __future__ import annotations

import re

from .wordlists import AR_NISBA_STEMS, NISBA_STEMS

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
    rf"(?:[\s\-]+(?:(?:{_ART}|ibn|bin)[\s\-]+)?[A-Z][A-Za-z']*[A-Za-z]){{0,3}}"
    r"\s+(?:Battalion|Brigade|Katiba|Regiment)(?![A-Za-z])"
)
_AR_UNIT_RE = re.compile(
    r"(?<![^\W\d_])[وفبل]?(?P<b>(?:كتيبه|كتايب|لواء|سريه|سرايا|جيش|فيلق|فوج)\s+[^\W\d_]{2,}"
    r"(?:\s+(?:(?:بن|ابن|ابو)\s+[^\W\d_]{2,}|ال[^\W\d_]{2,})){0,3})"
)
