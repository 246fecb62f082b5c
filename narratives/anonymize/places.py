"""Places below city level from their context: streets, villages, districts, neighbourhoods.

"14 Elmhurst Avenue", "Flat 3, Brook House", "the village of Kafr Nabudah", "rue Jean-Jaurès",
"quartier du Mirail", "Kölner Straße 112", "93100 Montreuil", "حي الشعار", "7ay el-Midan".
The gazetteer (towns and villages by name) is looked up by the scanner's word walk.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .normalise import (
    _normalise,
    finditer_at_words,
    finditer_near,
    finditer_needed,
    head_anchors,
    word_starts,
)
from .wordlists import (
    _AR_STOPWORDS,
    _ARABIZI_WORDS,
    _COMMON_DE_FR,
    _COMMON_WORDS,
    _KIN_LABEL_WORDS,
    _LABELS,
    _NOT_NAMES,
    _RELIGIOUS_WORDS,
    _STOPWORDS,
    _WEAK_GIVEN,
    _WELL_KNOWN_PLACES,
    _is_given_name,
    _noun_shaped,
    keyed,
)

__all__ = ["PREPOSITIONS", "find_places", "find_turkish_case_places"]

_C = keyed("place_cues.txt")
_alt = "|".join
PREPOSITIONS = frozenset(_C["prepositions"])

_CAP = r"(?:(?:[Aa]l|[Ee]l)-)?(?:[ld]'?(?=[A-Z]))?[A-Z][\w']*\w"
_CAP_SEQ = (
    rf"{_CAP}(?:(?:\s+|-)(?:{_CAP}|(?:de|du|des|la|le|les|al|el|ash|as|ad|ar)[\s\-]{_CAP})){{0,3}}"
)
_NUMBER = r"(?:\d{1,4}[a-zA-Z]?(?:\s?(?:bis|ter))?,?\s+)"
_FLAT = r"(?:(?:Flat|Apartment|Apt|Wohnung|Appartement|Appt)\.?\s+\d+[A-Za-z]?,?\s+)"

_STREET_AFTER_RE = re.compile(
    rf"(?<![\w']){_FLAT}?{_NUMBER}?(?P<name>{_CAP_SEQ})\s+(?:{_alt(_C['street-after'])})\.?"
    rf"(?:\s+\d{{1,4}}[a-z]?)?(?![\w])"
)
_STREET_WORD_RE = re.compile(
    # at least three letters before the suffix: Keupstraße, Goetheweg, but not Spring, String
    rf"(?<![\w'])(?:{_CAP_SEQ}\s+)?[A-Z]\w{{2,}}(?:{_alt(_C['street-suffix'])})\.?(?:\s+\d{{1,4}}[a-z]?)?(?![\w])"
)
# German nouns that end like a street (place_cues.txt street-suffix-nouns: Arbeitsplatz, Umweg,
# Bahnsteig), and a runner or a buyer, no river bank (Vorläufer, Verkäufer; not Schillerufer)
_STREET_LIKE_NOUN_RE = re.compile(
    rf"(?i:\w*(?:{_alt(_C['street-suffix-nouns'])})|\w*(?:aufer|aeufer))(?:\s+\d{{1,4}}[a-z]?)?$"
)
_BEFORE_RE = re.compile(
    rf"(?<![\w']){_NUMBER}?(?i:{_alt(_C['before'])})\s+(?:(?:of|de\s+la|du|des|de\s+l|de|d|la|le|les"
    rf"|the)\s+)?(?P<name>{_CAP_SEQ})"
)


def _spaced(words: list[str]) -> list[str]:
    return [w.replace("_", r"\s+") for w in words]


# German addresses without a street word: "Am Markt 3", "An der Vogelweide 12", "Im Winkel 4a"
_DE_FIELD_RE = re.compile(
    rf"(?<![\w'])(?:{_alt(_spaced(_C['de-field']))})\s+"
    r"(?P<name>[A-Z\u00c0-\u00de]\w+(?:[\s\-][A-Z\u00c0-\u00de]\w+)?)\s+\d{1,3}[a-z]?"
    r"(?=\s*[,.;)]|\s*$|\s+[a-z\d])"
)
_DE_NOT_STREET = frozenset(_C["de-not-street"])
# "a flat on Kirkgate", "lived on Hyde Park Road": a street named without its street word
_ON_RE = re.compile(r"on(?<=\son)\s+(?:the\s+)?(?P<name>[A-Z]\w+(?:[\s\-][A-Z]\w+){0,2})")
_ON_CUE_RE = re.compile(rf"(?<![\w'])(?i:{_alt(_spaced(_C['on-cues']))})\s+$")
_FLAT_RE = re.compile(rf"(?<![\w']){_FLAT}(?:{_CAP_SEQ})?")
_POSTCODE_RE = re.compile(rf"(?<![\w.\-/])\d{{5}}\s+(?P<name>{_CAP_SEQ})")
_AR_RE = re.compile(
    rf"(?<![^\W\d_])[وفبل]?(?P<head>{_alt(_C['ar'])})\s+(?P<rest>[^\W\d_]+)(?:[ \t]+(?P<next>[^\W\d_]+))?"
)
_AR_STREETS = frozenset({"شارع", "زقاق", "دوار", "جاده", "ساحه"})
_STREET_HEAD_RE = re.compile(
    r"(?:\d[\w,]*\s+)?(?i:rue|avenue|av|boulevard|bd|allee|impasse|place|chemin|route|quai|cours|chaussee"
    r"|passage|square|residence|cite|lotissement)\b"
)
_ARABIZI_NOT_NAME = r"(?!(?:ma3|3and|3ind|bi|b|fi|w|wa|la|3a|3al|3ala|men|min|mn|ta3|kan|ya|3am)\b)"
# the article before an arabizi place head, alone or joined to a preposition: "3al", "bel", "el"
_ARABIZI_ARTICLE_BEFORE_RE = re.compile(r"(?<![\w'])(?:3al|3a l|bel|bil|fel|fil|el|al|l)[ \t]+$")
_ARABIZI_RE = re.compile(
    # "balde esma X": a town called X
    rf"(?<!\w)(?i:{_alt(_C['arabizi'])})\s+(?:(?:esma|esmha|ismha|esmo|ismo|ismaha)\s+)?"
    rf"{_ARABIZI_NOT_NAME}(?P<art>(?:el|al)[\s\-])?(?P<first>\w+)"
    r"(?:\s+[A-Z]\w+){0,2}"  # qaryat Tal Shihab
    r"(?:\s+(?:el|al|bet|beit|bayt)[\s\-](?!\d+\b)\w{3,})?"  # 2aryet tall el 3ajouz
)
# Hay al-Shuhada, Harat el-Jamous: a district head, an article, a name.
_LATIN_ARTICLE_RE = re.compile(
    rf"(?<![\w'])(?:{_alt(_C['latin-article'])})[\s\-]+(?:[Aa]l|[Ee]l|[Aa][dnrstz]h?)[\s\-]+[A-Z]\w+"
    # or the article joined to the name, as the Maghreb writes it: Hay Ennasr, Hay Essalam
    rf"|(?<![\w'])(?:{_alt(_C['latin-article'])})[ \t]+[EA](?P<sun>[nrstdz])(?P=sun)[a-z]{{2,}}"
)
# Sidi Hassine, Kafr Nabudah, Tell Abyad, Beit Jala, Ouled Fayet: a head that names a village.
_LATIN_NAME_RE = re.compile(
    rf"(?<![\w'])(?:{_alt(_C['latin-name'])})[\s\-]+(?:(?:[Aa]l|[Ee]l|[Aa][dnrstz]h?)[\s\-]+)?[A-Z]\w+"
    # Berber names with a particle: Douar Tizi n'Ouchen, Aït Ou-Belli
    r"(?:[ \t]+[nu]'[A-Z]\w+)?"
)
# French communes joined by a lower-case particle: Fleury-les-Aubrais, Sainte-Foy-lès-Lyon,
# Saint-Amand-les-Eaux, Villeneuve-sur-Lot, Bourg-en-Bresse.
_FR_COMPOUND_RE = re.compile(
    r"(?<![\w\-])[A-Z]\w+(?:-[A-Z]\w+)*-(?:les|lez|sur|sous|en|aux|du|des|de|la|le|et)-[A-Z]\w+"
    r"(?:-[a-z]+-[A-Z]\w+|-[A-Z]\w+)*"
)
# a village named with a prefix, after a place preposition: "in Upper Tresk", "aus Unter-Harbach",
# "near Little Snoring", "à Saint-Ambroix"
_PREFIXED_RE = re.compile(
    r"(?<!\w)(?:in|from|near|at|outside|to|aus|nach|bei|in\s+der\s+nahe\s+von|a|au|de|pres\s+de|vers)\s+"
    r"(?P<name>(?:Upper|Lower|Great|Little|Nether|Old|North|South|East|West|Long|Ober|Nieder|Unter"
    r"|Klein|Gross|Alt|Neu|Bad|Sankt|Saint|Sainte|St\.?)[\s\-][A-Z][a-z]{2,}(?:-[A-Z][a-z]{2,})?)"
    r"(?!\s+[A-Z])"
)
# the town after a street of an address: "41 Tallow Street, Brindlecombe.", "7 Pellow Gardens,
# Stowmarsh, was"
_ADDRESS_TOWN_RE = re.compile(
    r",[ \t]+(?P<name>[A-Z][a-z]{2,}(?:[\s\-][A-Z][a-z]{2,})?)(?=[ \t]*(?:[.;,\n)]|$))"
)
_NEXT_ADDRESS_LINE_RE = re.compile(
    r"[ \t]*\n[ \t]*(?P<name>[A-Z][a-z]{2,}(?:[\s\-][A-Z][a-z]{2,})?)(?=[ \t]*,[ \t]*[A-Z])"
)
_AR_PLACE_TITLES = frozenset({"الشيخ", "الشيخه", "سيدي", "ابو", "ام", "بني", "ال", "السيد"})
_AR_STOP_AFTER = frozenset(
    {"في", "من", "الي", "علي", "عن", "مع", "قرب", "بالقرب", "عند", "ثم", "و"}
) | frozenset(_normalise(w) for w in _C["ar-adjectives"])


# The street patterns run only around their head words (``finditer_near``).
_HEADS = {
    _STREET_AFTER_RE: (frozenset(w.lower() for w in _C["street-after"]), 140, 30),
    _BEFORE_RE: (frozenset(w.lower() for w in _C["before"]), 30, 140),
}


# the answer to a "where" question: "Q: Where did you live? A: In Ceel Waaq", "Wo haben Sie
# gewohnt? A: In Qal-e Fathullah", "أين كنتم تسكنون؟ ج: في المشلب"
_WHERE_Q = r"(?:where|wo|ou|d'ou|woher|wohin|fin|fine|win|wen|وين|فين|اين|من\s+وين)"
_WHERE_ANSWER_RE = re.compile(
    rf"(?<![\w'])(?i:{_WHERE_Q})(?![\w'])[^\n?]{{0,60}}\?+\s*[^\n\w]*(?:\w{{1,12}}\s*[:.\-–]\s*)?"
    r"(?:(?i:in|at|on|from|near|a|au|aux|en|de|d'|du|aus|im|bei|nach|vers|pres\s+de)\s+)?"
    rf"(?:(?P<name>{_CAP_SEQ})|(?:في|ب|من)\s*(?P<ar>[\u0621-\u064a]{{3,}}(?:\s+ال[\u0621-\u064a]{{2,}})?))"
)
# a name and what it is: "From al-Shuhayl, the village by the river", "de Tessala, le petit
# village à côté", "in Gaarden, einem Viertel"
_APPOSITION_RE = re.compile(
    rf"(?P<name>{_CAP_SEQ}),\s+(?i:the|a|le|la|un|une|das|ein|einem|einer|der)\s+"
    r"(?:(?i:small|little|tiny|poor|old|petit|petite|vieux|kleine|kleinen|kleines|alte|alten)\s+)?"
    r"(?i:village|town|hamlet|neighbourhood|neighborhood|district|suburb|estate|quartier|bourg|hameau|"
    r"cite|douar|dorf|viertel|ortsteil|stadtteil|siedlung|kiez)(?!\w)"
)
# where someone lives: "il habite Hautepierre", "wohnt in Gaarden", "she lives on Kestrel Way"
_LIVES_RE = re.compile(
    r"(?<![\w'])(?i:habite|habitait|habitent|habites|wohnt|wohnte|wohnen|lives|lived)\s+"
    r"(?:(?i:in|at|on|a|au|aux|en|im|bei|near|pres\s+de|dans|du\s+cote\s+de)\s+)?"
    rf"(?P<name>{_CAP_SEQ})"
)
# a sector of a camp: القطاع الخامس، قطاع المهاجرات
_AR_SECTOR_RE = re.compile(
    r"(?<![^\W\d_])[وفبل]?(?:ال)?(?:قطاع|فيز|فاز)\s+(?:ال[^\W\d_]{2,}|\d{1,2})(?![^\W\d_])"
)
# a named street, its name a construct without the article on شارع: "شارع المدرسة", "شارع
# السوق القديم", "شارع ٢٣ تموز" ("في الشارع العام" is any street)
_AR_STREET_RE = re.compile(
    r"(?<![^\W\d_])[وفبل]?شارع[ \t]+(?:ال[^\W\d_]{2,}(?:[ \t]+ال[^\W\d_]{2,})?|\d{1,3}[ \t]+[^\W\d_]{3,})"
    r"(?![^\W\d_])"
)
# a camp's section in Arabic, where the text speaks of a camp: "القسم الخامس", "قسم المهاجرات"
_AR_CAMP_SECTION_RE = re.compile(
    r"(?<![^\W\d_])[وفبل]?(?:ال)?قسم[ \t]+(?:ال[^\W\d_]{2,}|\d{1,2})(?![^\W\d_])"
)
# a place whose name the text gives: "من قرية صغيرة قربها اسمها المنصورة الشرقية", "الحي اسمه
# الوعر القديم"
_AR_NAMED_PLACE_RE = re.compile(
    r"(?<![^\W\d_])(?:قريه|حي|الحي|بلده|البلده|القريه|حاره|الحاره|منطقه|المنطقه|ضيعه|الضيعه)"
    r"(?:[ \t]+[^\W\d_]+){0,3}?[ \t]+(?:اسمها|اسمه|اسمو|بيسموها|يسمونها|تسمي|يسمي)[ \t]+"
    r"(?P<n>ال?[^\W\d_]{2,}(?:[ \t]+ال[^\W\d_]{2,})?)"
)
_AR_CAMP_RE = re.compile(r"مخيم|(?<!\w)(?:camps?|lager|al-hol|الهول|روج)(?!\w)")
# a camp's phase, section or annex: "Phase 4 of al-Hol", "au camp de Roj, section phase 2"
_CAMP_PART_RE = re.compile(
    r"(?<!\w)(?i:phase|section|sector|sektor|secteur|annex|annexe|block|bloc|zone|abschnitt|bereich"
    r"|abteilung|qita3|qitaa|qism|2ism|kism|bolum|bolumu|faz)[ \t]+"
    r"(?:(?i:phase)[ \t]+)?(?:\d{1,2}[a-z]?|[A-Z](?!\w))"
    # the foreign women's annex: "l'annexe des étrangères", "the annex for foreign women",
    # "Muhacirat bölümü", "Ausländerinnen-Annex"
    r"|(?<!\w)(?i:annexe?s?)[ \t]+(?i:des|of\s+the|for(?:\s+the)?|der|fur\s+die)[ \t]+"
    r"(?i:etrangeres|etrangers|foreigners|foreign\s+women|migrantes|muhajirat|muhajireen|auslanderinnen)"
    r"|(?<!\w)(?i:muhacirat|muhajirat)[ \t]+(?i:bolumu|section|annex|bolum)"
)
_CITE_LOGEMENTS_RE = re.compile(r"(?<!\w)cite\s+\d{2,4}\s+(?:logements|logts|lgts)(?!\w)")
_CAMP_NEAR_RE = re.compile(
    r"(?i:\b(?:(?:l')?camps?|lager\w*|mukhay+am\w*|moukha?y+[ae]m|l'moukha?y+[ae]m|mokhay+am|mkhay+am|al-hol"
    r"|al hol|roj|hol\w*|annexe?)\b|مخيم)"
)


# a form's address field and its value, to the line's end or the next label
_ADDRESS_FIELD_RE = re.compile(
    rf"(?<![^\W\d_])(?:{_alt(_spaced(_C['address-field']))})(?:[ \t]+[^\W\d_]+){{0,2}}[ \t]*:[ \t]*"
    r"(?P<v>[^\n:]{2,80}?)(?=[ \t]*(?:\n|$|[^\W\d_]{2,12}[ \t]*:|\+?\d[\d \-]{6,}))",
    re.IGNORECASE,
)
_NOT_A_VALUE = frozenset(w.replace("_", " ") for w in _C["not-a-value"])
_VALUE_PART_RE = re.compile(r"[^,،;/]+")
_REGION_OF_RE = re.compile(
    r"^(?:ريف|محافظه|منطقه|near|around|outside|countryside\s+of|region\s+de|region\s+of"
    r"|banlieue\s+de|umgebung\s+von|pres\s+de|near\s+to)\s+"
)


def _address_fields(fold: str, norm: str, excluded: Callable[[str], bool]) -> list[tuple[int, int]]:
    """The parts of an address field's value that are no country, major city or placeholder."""
    out: list[tuple[int, int]] = []
    for m in finditer_needed(_ADDRESS_FIELD_RE, norm):
        at = m.start("v")
        for part in _VALUE_PART_RE.finditer(m.group("v")):
            text = part.group().strip(" \t.-")
            if len(text) < 3 or text in _NOT_A_VALUE or text in _STOPWORDS or excluded(text):
                continue
            # a region: "ريف دير الزور", "Umgebung von Aleppo", "région de Raqqa"
            if excluded(_REGION_OF_RE.sub("", text, count=1)):
                continue
            if all(w in _STOPWORDS or w in _COMMON_WORDS for w in text.split()):
                continue
            s = at + part.start() + (len(part.group()) - len(part.group().lstrip(" \t")))
            out.append((s, s + len(text)))
    return out


def _frequent_word(word: str) -> bool:
    """A frequent German or French word, inflected too ("Reden", "Gruppen")."""
    return word in _COMMON_DE_FR or any(
        word.endswith(end) and word[: -len(end)] in _COMMON_DE_FR for end in ("en", "n", "e", "s")
    )


def _context_places(
    fold: str, norm: str, excluded: Callable[[str], bool], starts: dict[str, list[int]]
) -> list[tuple[int, int]]:
    """Places by their context (``starts``: where the text's words open, ``word_starts``)."""
    out: list[tuple[int, int]] = []
    if ":" in norm:
        out.extend(_address_fields(fold, norm, excluded))
    for rx in (_WHERE_ANSWER_RE, _APPOSITION_RE, _LIVES_RE):
        for m in finditer_at_words(rx, fold, starts):
            if m.groupdict().get("ar"):
                word = m.group("ar").split()[0]
                if word not in _AR_STOPWORDS and not excluded(m.group("ar")):
                    out.append(m.span("ar"))
                continue
            name = m.group("name")
            if name is None:
                continue
            first = name.split()[0].lower()
            if first in _STOPWORDS or first in _COMMON_WORDS or excluded(name):
                continue
            # (the next speaker's label is no answer: "Lbolisi: fin …? Lmawqoof: 3la Istanbul")
            if first in _LABELS or first in _KIN_LABEL_WORDS:
                continue
            # (German "Wen …?" asks whom: "Wen haben Sie gehört? A: Reden von …")
            if rx is _WHERE_ANSWER_RE and (_frequent_word(first) or _noun_shaped(first)):
                continue
            out.append(m.span("name"))
    if max(norm, default=" ") >= "\u0600":
        out.extend(m.span() for m in finditer_needed(_AR_SECTOR_RE, norm))
        out.extend(m.span() for m in finditer_needed(_AR_STREET_RE, norm))
        if _AR_CAMP_RE.search(norm):
            out.extend(m.span() for m in finditer_needed(_AR_CAMP_SECTION_RE, norm))
        out.extend(m.span("n") for m in finditer_needed(_AR_NAMED_PLACE_RE, norm))
    for m in finditer_needed(_ARABIZI_IN_RE, fold):
        name = m.group("name")
        low = name.lower()
        if not (
            excluded(name)
            or low in _STOPWORDS
            or low in _COMMON_WORDS
            or low in _COMMON_DE_FR
            or _is_given_name(low)
            or low in _WEAK_GIVEN
        ):
            out.append(m.span("name"))
    for m in finditer_needed(_ARTICLE_PLACE_RE, fold):
        if not excluded(m.group("name")):
            out.append(m.span("name"))
    out.extend(m.span() for m in finditer_needed(_NUMBERED_STREET_RE, fold))
    # an Algerian housing estate by its number of flats: "cité 200 logements"
    out.extend(m.span() for m in finditer_needed(_CITE_LOGEMENTS_RE, norm))
    for m in finditer_at_words(_CAMP_PART_RE, fold, starts):
        # (two part words in a row name a camp's part anywhere: "l'annexe Phase 4"; the camp
        # named near it, outside the part itself: "Annex C" of a report is no camp's)
        if (
            len(m.group().split()) > 2
            or _CAMP_NEAR_RE.search(fold, max(0, m.start() - 60), m.start())
            or _CAMP_NEAR_RE.search(fold, m.end(), m.end() + 40)
        ):
            out.append(m.span())
    return out


_STREET_OPENERS = frozenset({"north", "south", "east", "west", "old", "new", "upper", "lower"})


# arabizi "in" before a place no list knows: "f Tikiouine", "fi Bachdjerrah"; an article and a
# name after a place preposition: "in al-Rumaylan" (not a nisba: al-Britani); "rue n° 12"
_ARABIZI_IN_RE = re.compile(r"(?<![\w'])(?:f|fi)\s+(?P<name>[A-Z][a-z]{4,})(?![\w'])")
_ARTICLE_PLACE_RE = re.compile(
    r"(?<!\w)(?:in|at|from|near|outside)\s+(?P<name>(?:al|el|ad|ar|as|at|ash)-[A-Z][a-z]{3,}(?<!i))(?![\w-])"
)
_NUMBERED_STREET_RE = re.compile(
    r"(?<!\w)(?i:rue|street|strasse|shari3|share3)\s+n[°o]\.?\s*\d{1,4}(?!\w)"
)
_MAJOR_CITIES = frozenset(w.lower() for w in _WELL_KNOWN_PLACES)
# a district before its city or country: "Zeytinburnu, Istanbul", "in Bourj Hammoud, Lebanon"
_BEFORE_CITY_RE = re.compile(
    r"(?<!\w)(?:in|at|from|near|to|of|de|a|aus|nach|bei)\s(?P<name>[A-Z][a-z\u00e0-\u00ff]{3,}(?:[\s\-][A-Z][a-z\u00e0-\u00ff]{3,})?)"
    r",\s+(?P<city>[A-Z][\w\-]+(?:\s[A-Z][\w\-]+)?)"
)
# a city and its district in one word: "Duisburg-Marxloh", "Bochum-Wattenscheid", "Berlin-Neukölln"
_INDEFINITE_BEFORE_RE = re.compile(r"(?<!\w)(?i:a|an|ein|eine|einen|einem|einer|un|une)\s+$")
_CITY_DISTRICT_RE = re.compile(
    r"(?<![\w\-])(?P<city>[A-Z][a-z\u00e0-\u00ff]{3,})-(?P<d>[A-Z][a-z\u00e0-\u00ff]{3,})(?![\w\-])"
)


def find_places(
    fold: str,
    norm: str,
    words: list[tuple[int, int, str]],
    excluded: Callable[[str], bool],
    big_city: Callable[[str], bool] = lambda name: False,
    known_town: Callable[[str], bool] = lambda name: False,
) -> list[tuple[int, int]]:
    """Streets, villages and districts (``words``: the text's words); ``excluded(words)``:
    a country, group or major city."""
    out: list[tuple[int, int]] = []
    for rx in (_STREET_AFTER_RE, _BEFORE_RE, _POSTCODE_RE, _DE_FIELD_RE, _ON_RE):
        if rx in _HEADS:
            heads, before, after = _HEADS[rx]
            matches = finditer_near(rx, fold, head_anchors(words, heads, ()), before, after)
        else:
            matches = finditer_needed(rx, fold)
        for m in matches:
            name = m.group("name")
            parts = name.split()
            first = parts[0].lower()
            if first in ("les", "la", "le", "the") and len(parts) > 1:
                first = parts[1].lower()  # résidence Les Tilleuls
            # "West Pike St", "Old Mill Lane": a compass or age word opens a street's name
            if first in _STOPWORDS and not (rx is _STREET_AFTER_RE and first in _STREET_OPENERS):
                continue
            if rx is _DE_FIELD_RE and first in _DE_NOT_STREET:
                continue
            if rx is _ON_RE and (
                first in _COMMON_WORDS
                or excluded(name)
                or not _ON_CUE_RE.search(fold, max(0, m.start() - 20), m.start())
            ):
                continue
            # a street may be named after a city (rue de Tanger); a village "of Raqqa" is Raqqa
            if rx is _BEFORE_RE and not _STREET_HEAD_RE.match(m.group()) and excluded(name):
                continue
            out.append(m.span("name") if rx is _ON_RE else m.span())
    out.extend(
        m.span()
        for m in finditer_needed(_STREET_WORD_RE, fold)
        if not _STREET_LIKE_NOUN_RE.match(m.group())
    )
    out.extend(m.span() for m in finditer_needed(_FLAT_RE, fold))
    for _s, e in list(out):
        # an address block's next line: "Unit 4, Priory Mews\nSparkbrook, Birmingham"
        line = _NEXT_ADDRESS_LINE_RE.match(fold, e)
        if (
            line
            and line.group("name").lower() not in _STOPWORDS
            and line.group("name").lower() not in _COMMON_WORDS
            and not excluded(line.group("name"))
        ):
            out.append(line.span("name"))
        town = _ADDRESS_TOWN_RE.match(fold, e)
        if (
            town
            and town.group("name").lower() not in _STOPWORDS
            and not excluded(town.group("name"))
        ):
            out.append(town.span("name"))
    if "," in fold:
        for m in finditer_needed(_BEFORE_CITY_RE, fold):
            name = m.group("name")
            if (
                excluded(m.group("city"))
                # a big city's district before it: Zeytinburnu, Istanbul (not Homs, Syria)
                and (
                    (known_town(name) and not excluded(name))
                    or (big_city(name) and m.group("city").lower() in _MAJOR_CITIES)
                )
                and name.lower() not in _STOPWORDS
                and name.lower() not in _COMMON_WORDS
            ):
                out.append(m.span("name"))
    if "-" in fold:
        for m in finditer_needed(_CITY_DISTRICT_RE, fold):
            city, district = m.group("city"), m.group("d")
            if (
                (excluded(city) or known_town(city))
                and not excluded(m.group())
                # "ein Samsung-Handy", "a Toyota-Land": an indefinite article names a thing
                and not _INDEFINITE_BEFORE_RE.search(fold, max(0, m.start() - 8), m.start())
                and (not excluded(district) or big_city(district))
                and district.lower() not in _COMMON_WORDS
                and district.lower() not in _COMMON_DE_FR
                and not _noun_shaped(district.lower())
            ):
                out.append(m.span())
    for m in finditer_needed(_PREFIXED_RE, fold):
        # "North Syria", "West Bank": a compass word before a country or region
        if not excluded(m.group("name")) and not excluded(
            re.split(r"[\s\-]", m.group("name"), maxsplit=1)[1]
        ):
            out.append(m.span("name"))
    if "-" in fold:
        for m in finditer_needed(_FR_COMPOUND_RE, fold):
            if not excluded(m.group()):
                out.append(m.span())
    if max(norm, default=" ") >= "\u0600":
        pos = 0
        while am := _AR_RE.search(norm, pos):
            pos = am.end("rest")
            word, nxt = am.group("rest"), am.group("next")
            street = am.group("head") in _AR_STREETS
            # a saint's or elder's title opens many village names: قرية الشيخ عيسى، عين سيدي علي
            titled = word in _AR_PLACE_TITLES and nxt is not None
            # after حي any word names the district (حي الجامعة, حي المعلمين)
            district = am.group("head") == "حي" and word not in _AR_STOP_AFTER
            if (
                not titled
                and not district
                and (
                    word in _AR_STOP_AFTER
                    or word in _AR_STOPWORDS
                    or (not street and excluded(word))
                )
            ):
                continue
            end = am.end("rest")
            if titled or (
                nxt
                and nxt not in _AR_STOP_AFTER
                and nxt not in _AR_STOPWORDS
                and not _AR_RE.match(nxt)
                and not nxt.startswith(("ب", "و", "ف"))
            ):
                end = am.end("next")
            out.append((am.start("head"), end))
            pos = end
    starts = word_starts(words)
    # (not a head with the article before a word of chat: "3al mante2a sar kel shi mamnou3",
    # the area became; but "7ay el 3amel", "l 7ouma kan", the article before the name or none)
    out.extend(
        m.span()
        for m in finditer_at_words(_ARABIZI_RE, fold, starts)
        if m.group("art")
        or m.group("first") not in _ARABIZI_WORDS
        or not _ARABIZI_ARTICLE_BEFORE_RE.search(fold, max(0, m.start() - 6), m.start())
    )
    for rx in (_LATIN_ARTICLE_RE, _LATIN_NAME_RE):
        for m in finditer_at_words(rx, fold, starts):
            # (a kin word after the head is no name: "Tell Dad I'm sorry", "Tell Mum")
            if not excluded(m.group()) and m.group().split()[-1].lower() not in _KIN_LABEL_WORDS:
                out.append(m.span())
    out.extend(_context_places(fold, norm, excluded, starts))
    return out


# A Turkish locative, ablative or dative behind an apostrophe (Keçiören'de, Hatay'dan,
# Bağcılar'a, Musul'daki): its stem is a place, unless it is a person's name (Emre'ye), an
# acronym (PKK'ya, ABD'ye), or not identifying: a country, major city, group, platform or
# religious word (Suriye'ye, Halep'ten, DEAŞ'a, Telegram'da, Allah'a), which ``excluded``
# and the word lists know.
_TR_PLACE_CASE_RE = re.compile(r"(?:y?[ae]|[dt][ae](?:n|ki\w*)?)")
_TR_STEM_RE = re.compile(r"[^\W\d_]+$")


def find_turkish_case_places(
    fold: str,
    norm: str,
    suffixes: list[tuple[int, str]],
    excluded: Callable[[str], bool],
    major_spelling: Callable[[str], bool],
) -> list[tuple[int, int]]:
    """Stems of Turkish place cases (``suffixes``: ``_Doc.tr_suffixes``)."""
    out: list[tuple[int, int]] = []
    for pos, suffix in suffixes:
        if not _TR_PLACE_CASE_RE.fullmatch(suffix):
            continue
        m = _TR_STEM_RE.search(fold, max(0, pos - 40), pos)
        if m is None or not m.group()[0].isupper() or m.group().isupper():
            continue
        low = norm[m.start() : m.end()]
        if (
            len(low) < 3
            or excluded(m.group())
            or major_spelling(low)
            or low in _STOPWORDS
            or low in _RELIGIOUS_WORDS
            or low in _NOT_NAMES
            or _is_given_name(low)
            or low in _WEAK_GIVEN
        ):
            continue
        out.append(m.span())
    return out
