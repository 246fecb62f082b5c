"""Dates precise to the day, in any format or calendar (Gregorian, Hijri; any digits)."""

from __future__ import annotations

import re

from .normalise import _normalise

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
            for m in [
                "يناير",
                "فبراير",
                "مارس",
                "أبريل",
                "ابريل",
                "إبريل",
                "مايو",
                "يونيو",
                "يونيه",
                "يوليو",
                "يوليه",
                "أغسطس",
                "اغسطس",
                "سبتمبر",
                "أكتوبر",
                "اكتوبر",
                "نوفمبر",
                "ديسمبر",
                "شباط",
                "آذار",
                "نيسان",
                "أيار",
                "حزيران",
                "تموز",
                "آب",
                "أيلول",
                "محرم",
                "صفر",
                "رجب",
                "شعبان",
                "رمضان",
                "شوال",
            ]
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
    rf"|(?<![\w/.\-]){_YEAR}[/.\-](?:1[0-2]|0?[1-9])[/.\-]{_DAY}(?![\w/]|[.\-]\d)"
    # German day and month without a year after a preposition: "am 3.4.", "bis zum 12.05."
    rf"|(?:(?<=\bam\s)|(?<=\bvom\s)|(?<=\bzum\s)|(?<=\bbis\s)|(?<=\bseit\s)|(?<=\bab\s)"
    rf"|(?<=\bden\s)|(?<=\bdem\s)){_DAY}\.(?:1[0-2]|0?[1-9])\.(?![\w.])",
)
_LAST_WORD_RE = re.compile(r"\w*$")
_ABBR = frozenset(
    ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)
