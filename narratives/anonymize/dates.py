"""Dates precise to the day, in any format or calendar (Gregorian, Hijri; any digits)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .ages import _EN, _FR
from .findings import Raw
from .normalise import _normalise, finditer_near, finditer_needed
from .wordlists import keyed

__all__ = ["date_readings", "find_word_dates", "scan_dates"]

_MONTHS_LATIN = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|janvier|fevrier|mars|avril|"
    r"mai|juin|juillet|aout|septembre|octobre|novembre|decembre|januar|februar|marz|juni|juli|"
    r"oktober|dezember|muharram|safar|rabi[ae]?[\s\-]+al[\s\-]+(?:awwal|thani|akhir)|"
    # Egyptian months in Latin letters: 3 mayo 2017, 12 yolyo
    r"yanayer|fabrayer|febrayer|maris|mayo|yonyo|yolyo|aghostos|oghostos|sebtamber|oktobar|nofamber|desamber|"
    r"jumad[ai][\s\-]+al[\s\-]+(?:ula|awwal|thani|akhira)|rajab|sha'?ban|ramadan|shawwal|"
    r"dhu?[\s\-]+al[\s\-]+(?:qi'?dah?|hijjah?)|dhul[\s\-]+(?:qi'?dah?|hijjah?)|okt|dez|"
    # the Levantine months in Latin letters (9 Tishreen 2014, 3 7zayran) and the Maghreb's
    # (12 sbtambr, 5 ghusht)
    r"(?:tishreen|tishrin|teshreen|tichrine|kanun|kanoun|kanon)(?:[\s\-]+(?:al[\s\-]+|el[\s\-]+)?"
    r"(?:awwal|awal|thani|tani|2awal|tane))?|shubat|shbat|chbat|adhar|azar|2azar|aathar|nisan|nissan"
    r"|ayyar|ayar|2ayyar|haziran|hzayran|7zayran|7aziran|tammuz|tamouz|tamuz|tammouz|aylul|ailoul|ayloul|aylol"
    r"|aylool|2aylul|eylul|yanayir|yennayer|fbrayr|febrayer|abril|yunyu|younyou|yulyuz|youliouz"
    r"|ghusht|ghucht|ghouchet|ghocht|ghosht|ghoucht|shutanbir|chtanbir|sbtambr|sebtembr|oktobr|ktobr|nwanbir|nouanbir"
    r"|dujanbir|dejenbir|disambr"
)
# the month names in data/months.txt: every Arabic-script name, and the Latin spellings (those
# the patterns above already cover add nothing to the match: "rabi' al-awwal", "chaabane")
_MONTH_WORDS = keyed("months.txt")


def _month_pattern(word: str) -> str:
    return re.escape(_normalise(word)).replace("_", r"[\s\-]+").replace("'", "['3]?")


def _is_arabic(word: str) -> bool:
    return "\u0600" <= word[0] <= "\u06ff"


_MONTH_ALTS = sorted({w for names in _MONTH_WORDS.values() for w in names}, key=len, reverse=True)
_MONTHS_AR = "|".join(_month_pattern(w) for w in _MONTH_ALTS if _is_arabic(w))
_MONTHS_LATIN = (
    _MONTHS_LATIN + "|" + "|".join(_month_pattern(w) for w in _MONTH_ALTS if not _is_arabic(w))
)
_MONTHS = rf"(?:{_MONTHS_LATIN}|{_MONTHS_AR})"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_YEAR = r"(?:1[3-9]\d\d|20\d\d)"
_DW = keyed("day_words.txt")


def _day_words(code: str) -> str:
    return "|".join(re.escape(_normalise(w)).replace("_", r"\s+") for w in _DW[code])


# full month names only after a bare day: "August 3", not "may 3" (a verb) or "Mar 3"
_FULL_MONTHS = (
    r"january|february|march|april|june|july|august|september|october|november|december|"
    r"janvier|fevrier|avril|juin|juillet|aout|septembre|octobre|novembre|decembre|januar|"
    r"februar|marz|juni|juli|oktober|dezember"
)
# a year in words (numbers.txt, as ages read them): "two thousand and nine", "deux mille sept", "zweitausendzwölf", "ألفين وخمسة عشر"
_YEAR_WORDS = (
    rf"(?:two\s+thousand(?:\s+and)?(?:[\s\-]+{_EN})?|nineteen[\s\-]+{_EN}"
    rf"|deux[\s\-]+mille(?:[\s\-]+(?:{_FR}))?|mille[\s\-]+neuf[\s\-]+cents?(?:[\s\-]+(?:{_FR}))?"
    r"|zweitausend\w*|neunzehnhundert\w*"
    r"|(?:الفين|الفان)(?:\s+و\s*[^\W\d_]+(?:\s+عشر[ةه]?)?)?)"
)
_ANY_YEAR = rf"(?:{_YEAR}|{_YEAR_WORDS})"
_WORD_DATE_RE = re.compile(
    # the fifth of June (2014) / le premier mai / am dritten März / في الخامس من حزيران
    rf"(?<!\w)(?:{_day_words('en')})(?:\s+of)?\s+{_MONTHS}(?![^\W\d_])(?:,?\s+{_ANY_YEAR})?(?!\w)"
    # (a year in two words too: "le vingt-huit février quatre-vingt-dix-sept")
    rf"|(?<=\ble\s)(?:{_day_words('fr')})\s+(?:{_MONTHS_LATIN})(?![^\W\d_])(?:\s+(?:{_ANY_YEAR}|{_FR}))?(?!\w)"
    rf"|(?<=\bam\s)(?:{_day_words('de')})\s+(?:{_MONTHS_LATIN})(?![^\W\d_])(?:\s+{_ANY_YEAR})?(?!\w)"
    rf"|(?<![^\W\d_])(?:{_day_words('ar')})\s+(?:من\s+)?(?:شهر\s+)?(?:{_MONTHS_AR})(?![^\W\d_])"
    rf"(?:\s+(?:(?:سنه|عام)\s+)?{_ANY_YEAR})?(?!\w)"
    # August 3 (a full month name and a bare day)
    rf"|(?<!\w)(?:{_FULL_MONTHS})\s+{_DAY}(?![\w:.,/]\d|\w|\s*(?:%|people|men|km|hours?))"
)
# spelled days are looked for only around a month name (rare in text): keeps the scan cheap
_MONTH_ONLY_RE = re.compile(rf"(?<![^\W\d_])(?:{_MONTHS_LATIN}|{_MONTHS_AR})(?![^\W\d_])")


def find_word_dates(norm: str) -> list[tuple[int, int]]:
    """Dates with the day in words or after a full month name, offsets into ``norm``."""
    out: set[tuple[int, int]] = set()
    for m in finditer_needed(_MONTH_ONLY_RE, norm):
        for d in _WORD_DATE_RE.finditer(norm, max(0, m.start() - 45), min(len(norm), m.end() + 48)):
            if d.start() <= m.start() < d.end():
                out.add(d.span())
    return sorted(out)


# (the weekday's own alternatives leave a full date to the others: "le vendredi 12 septembre")
_NO_MONTH = rf"(?!,?[ \t]+(?:of[ \t]+)?(?:{_MONTHS_LATIN})(?![^\W\d_]))"
_DATE_RE = re.compile(
    # 12 March 2015 / 12th of March, 2015 / 12 مارس 2015 / 12 March (day precision, no year)
    rf"(?<!\w){_DAY}(?:st|nd|rd|th|er|sten|ten)?(?:\s+of|\s+من(?:\s+شهر)?|\s+شهر|\s+(?:dial|dyal|d'|ta3|men|mn))?[\s\-./]+{_MONTHS}\.?(?![^\W\d_])"
    rf"(?:,?[\s\-./]+(?:(?:سنه|عام)\s+)?{_YEAR}(?:\s*(?:م|هـ|ه)(?![^\W\d_]))?)?(?!\w)"
    # March 12, 2015 / March 12th / March the 3rd
    rf"|(?<!\w){_MONTHS}\.?\s+(?:the\s+(?={_DAY}(?:st|nd|rd|th)))?{_DAY}(?:(?:st|nd|rd|th)(?!\w)(?:,?\s+{_YEAR})?|,?\s+{_YEAR})(?!\w)"
    # the day of this month: "turned 3 on the 4th" (not "on the 4th floor", "the 4th time")
    rf"|(?<=\bon\s)the\s+{_DAY}(?:st|nd|rd|th)(?!\w){_NO_MONTH}(?!\s+of\b)(?!\s+(?:floor|time|attempt|try|round|day|place"
    r"|grade|century|anniversary|year|week|month|of\s+(?:the|my|his|her|our)\s+(?:list|family|team)))"
    # a weekday and the day of the month: "Tuesday the 14th", "le dimanche 9", "am Sonntag, dem 9."
    rf"|(?<![^\W\d_])(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+(?:the\s+)?{_DAY}(?:st|nd|rd|th)(?!\w){_NO_MONTH}"
    rf"|(?<=\ble\s)(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+{_DAY}(?:er)?(?![\w:.,]\d|\w|\s*(?:h\b|heures?|ans)){_NO_MONTH}"
    rf"|(?<![^\W\d_])(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag),?\s+(?:den|dem)\s+{_DAY}\.(?![\w.]){_NO_MONTH}"
    # 12/03/2015, 12.03.15, 2015-03-12 (after an Arabic proclitic too: بـ٢٠٢١/١٢/٢)
    rf"|(?<![^\W\u0628\u0644\u0648\u0641\u0643]|[/.\-]){_DAY}[/.\-](?:1[0-2]|0?[1-9])[/.\-](?:{_YEAR}|\d\d)(?![\w/]|[.\-]\d)"
    rf"|(?<![^\W\u0628\u0644\u0648\u0641\u0643]|[/.\-])(?:1[0-2]|0?[1-9])/{_DAY}/(?:{_YEAR}|\d\d)(?![\w/]|[.\-]\d)"
    # with spaces round the slashes: "٢٣ / ٧ / ٢٠٠٢"
    rf"|(?<![^\W\u0628\u0644\u0648\u0641\u0643]|[/.\-]){_DAY}[ \t]/[ \t](?:1[0-2]|0?[1-9])[ \t]/[ \t](?:{_YEAR}|\d\d)(?![\w/]|[.\-]\d)"
    rf"|(?<![^\W\u0628\u0644\u0648\u0641\u0643]|[/.\-]){_YEAR}[/.\-](?:1[0-2]|0?[1-9])[/.\-]{_DAY}(?=t\d|[^\w/]|$)(?![.\-]\d)"
    # German day and month without a year after a preposition: "am 3.4.", "bis zum 12.05."
    rf"|(?:(?<=\bam\s)|(?<=\bvom\s)|(?<=\bzum\s)|(?<=\bbis\s)|(?<=\bseit\s)|(?<=\bab\s)"
    rf"|(?<=\bden\s)|(?<=\bdem\s)){_DAY}\.(?:1[0-2]|0?[1-9])\.(?![\w.])"
    # a day and month in figures after a word that names a day: "bukra 15/9", "le 15/9",
    # "on 3/4 at dawn", "يوم ١٥/٩"
    rf"|(?:(?<=\bbukra\s)|(?<=\bboukra\s)|(?<=\ble\s)|(?<=\bon\s)|(?<=\bam\s)|(?<=\buntil\s)"
    rf"|(?<=\bsince\s)|(?<=\bdepuis\s)|(?<=\bjusqu'au\s)|(?<=يوم\s)|(?<=بتاريخ\s)|(?<=\byom\s)"
    rf"|(?<=\bnhar\s)|(?<=\bthurs\s)|(?<=\bthu\s)|(?<=\bmon\s)|(?<=\btue\s)|(?<=\btues\s)"
    rf"|(?<=\bwed\s)|(?<=\bfri\s)|(?<=\bsat\s)|(?<=\bsun\s)|(?<=\bmeet\s)){_DAY}/(?:1[0-2]|0?[1-9])(?![\w/]|[.\-]\d)",
)
# a weekday before a date belongs to it: "Saturday 11 March", "Mittwoch, den 5. Juli 2017",
# "le vendredi 24 juin", "السبت ١١ آذار"
_WEEKDAY_BEFORE_RE = re.compile(
    r"(?<![^\W\d_])(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed"
    r"|thu|thur|thurs|fri|sat|sun|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag"
    r"|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|الاثنين|الإثنين|الثلاثاء"
    r"|الاربعاء|الأربعاء|الخميس|الجمعه|السبت|الاحد|الأحد)\.?,?[ \t]+(?:(?:the|den|dem|le)[ \t]+)?$"
)
_RANGE_DAY_BEFORE_RE = re.compile(
    rf"(?:(?<=between[ \t])|(?<=entre[ \t])|(?<=zwischen[ \t])|(?<=\bdu[ \t])|(?<=\bvom[ \t])|(?<=\bfrom[ \t]))"
    rf"{_DAY}(?:st|nd|rd|th|er|\.)?[ \t]*(?:au|to|and|et|bis|und|-|–)[ \t]*$"
    rf"|(?<![^\W\u0628\u0644\u0648\u0641\u0643]|[/.\-]){_DAY}(?:st|nd|rd|th|er|\.)?[ \t]*(?:-|–)[ \t]*$"
)
# a holiday with its year is one day: "Christmas Day 2018", "Heiligabend 2013", "le jour de
# Noël 2015", "Eid al-Fitr 2016", "عيد الفطر ٢٠١٦"
_HOLIDAY_RE = re.compile(
    r"(?<![^\W\d_])(?:christmas(?:[ \t]+(?:day|eve))?|boxing[ \t]+day|new[ \t]+year'?s?[ \t]+(?:day|eve)"
    r"|halloween|valentine'?s[ \t]+day|bonfire[ \t]+night|guy[ \t]+fawkes[ \t]+night"
    r"|heiligabend|silvester|neujahr|(?:erster|zweiter)[ \t]+weihnachtstag|weihnachten"
    r"|(?:le[ \t]+)?(?:jour[ \t]+de[ \t]+)?(?:noel|l'an|nouvel[ \t]+an)|reveillon|la[ \t]+saint[ \-]sylvestre"
    r"|(?:the[ \t]+(?:first[ \t]+)?day[ \t]+of[ \t]+)?eid(?:[ \t\-]+(?:al|el|ul)[ \t\-]*(?:fitr|adha|kabir|saghir|kebir|seghir))?"
    r"|(?:اول[ \t]+ايام[ \t]+|يوم[ \t]+|ليله[ \t]+)?عيد[ \t]+(?:الفطر|الاضحي|الميلاد)|ليله[ \t]+راس[ \t]+السنه|راس[ \t]+السنه)"
    rf"[ \t,]+(?:{_YEAR})(?!\w)"
)
# the two Eids last three and four days: "Eid al-Adha 1436", "عيد الفطر ٢٠١٦" are less precise
# than a day, unless its first day is meant ("the first day of Eid 2016", "اول ايام عيد الفطر")
_FEAST_OF_DAYS_RE = re.compile(r"eid|عيد[ \t]+(?:الفطر|الاضحي)")
_LAST_WORD_RE = re.compile(r"\w*$")
_DIGITS_RE = re.compile(r"\d+")


def _digit_runs(norm: str) -> Iterator[tuple[int, int]]:
    return (m.span() for m in _DIGITS_RE.finditer(norm))


_ABBR = frozenset(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "okt",
        "nov",
        "dec",
        "dez",
    ]
)


# --- the day a full date names, whatever its format (for vault dates, matched as a whole) ----

# which month a name is, from data/months.txt alone (the Latin names of _MONTHS_LATIN's
# families too: "jan", "september", "shubat", "ramadan")
_MONTH_OF = {
    re.sub(r"[\s\-'_]+", " ", _normalise(name)).strip(): (code[0], int(code[1:]))
    for code, names in _MONTH_WORDS.items()
    for name in names
}
_MONTH_RE = re.compile(rf"(?<![^\W\d_]){_MONTHS}(?![^\W\d_])")
_NUMERIC_RE = re.compile(r"(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})")


def _month_of(name: str) -> tuple[str, int] | None:
    key = re.sub(r"[\s\-']+", " ", name).strip()
    if key in _MONTH_OF:
        return _MONTH_OF[key]
    if key.startswith("rabi"):  # rabi al-awwal / rabi al-thani, al-akhir
        return ("h", 3 if "awwal" in key else 4)
    if key.startswith("jumad"):  # jumada al-ula, al-awwal / al-thani, al-akhira
        return ("h", 5 if ("ula" in key or "awwal" in key) else 6)
    if key.startswith("dh"):  # dhu al-qi'dah / dhu al-hijjah
        return ("h", 11 if "q" in key else 12)
    return _MONTH_OF.get(key.replace(" ", "")) or _MONTH_OF.get(key.split()[0])


def _years(written: str) -> tuple[int, ...]:
    year = int(written)
    if len(written) == 4:
        return (year,)
    return (1900 + year, 2000 + year) if len(written) == 2 else ()


def date_readings(text: str) -> frozenset[tuple[str, int, int, int]]:
    """Every (calendar, year, month, day) a full date (day, month and year) can be.

    "14/03/1991", "14.03.1991", "1991-03-14", "14 March 1991", "March 14, 1991", "14 mars
    1991", "١٤ مارس ١٩٩١" all read ``("g", 1991, 3, 14)``; "03/04/1991" reads both 3 April and
    4 March, "14.03.91" both 1991 and 2091 (over-reading beats leaking). A
    date without its year or its day reads nothing: it is not one day.
    """
    norm = _normalise(text)
    out: set[tuple[str, int, int, int]] = set()
    month = _MONTH_RE.search(norm)
    if month:
        cal_month = _month_of(month.group())
        numbers = re.findall(r"\d+", norm)
        days = [n for n in numbers if len(n) <= 2 and 1 <= int(n) <= 31]
        years = [n for n in numbers if len(n) == 4]
        if cal_month and len(days) == 1 and len(years) == 1:
            out.add((cal_month[0], int(years[0]), cal_month[1], int(days[0])))
        return frozenset(out)
    m = _NUMERIC_RE.search(norm)
    if not m:
        return frozenset()
    a, b, c = m.groups()
    if len(a) == 4:  # 1991-03-14
        candidates = [(int(a), int(b), int(c))]
    elif len(a) <= 2 and len(c) in (2, 4):  # 14/03/1991, or 03/14/1991 (US order)
        candidates = [(y, int(b), int(a)) for y in _years(c)]
        candidates += [(y, int(a), int(b)) for y in _years(c)]
    else:
        return frozenset()
    for year, mon, day in candidates:
        if 1 <= mon <= 12 and 1 <= day <= 31:
            out.add(("g", year, mon, day))
    return frozenset(out)


def scan_dates(norm: str, raw: list[Raw], known: set[tuple[str, int, int, int]]) -> None:
    """Dates precise to the day, in figures or words; known if they name a ``known`` day."""
    for m in finditer_near(_DATE_RE, norm, _digit_runs(norm), 30, 40):
        end = m.end()
        last = _LAST_WORD_RE.search(norm, 0, end - 1)
        if norm[end - 1] == "." and last is not None and last.group() not in _ABBR:
            end -= 1  # sentence full stop after a full month name
        hit = bool(known) and bool(date_readings(norm[m.start() : end]) & known)
        raw.append((m.start(), end, "date", hit))
    for s, e in find_word_dates(norm):
        raw.append((s, e, "date", False))
    for m in finditer_needed(_HOLIDAY_RE, norm):
        if _FEAST_OF_DAYS_RE.match(m.group()):
            continue
        raw.append((m.start(), m.end(), "date", False))
    for k, r in enumerate(raw):
        if r[2] == "date":
            start = r[0]
            # the first day of a range: "du 13 au 14 novembre", "between 3 and 5 March", "3-5 March"
            d = _RANGE_DAY_BEFORE_RE.search(norm, max(0, start - 16), start)
            if d and norm[start : start + 1].isdigit():
                start = d.start()
            w = _WEEKDAY_BEFORE_RE.search(norm, max(0, start - 24), start)
            if w:
                start = w.start()
            if start != r[0]:
                raw[k] = (start, r[1], r[2], r[3])
