"""Word lists, read once from the data files beside this module.

Files hold one entry per line (multi-word names: groups, cities) or whitespace-separated words
(word lists); ``#`` starts a comment line. Arabic entries are normalised on load.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from importlib import resources

from .normalise import _normalise
from .translit import Key, _keys_compatible, _latin_key, arabizi_fold

__all__ = [
    "AR_NISBA_STEMS",
    "NISBA_STEMS",
    "cue_words",
    "entries",
    "keyed",
    "phrase_alternation",
    "tsv",
    "words",
]


def _lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def entries(name: str) -> list[str]:
    """One entry per line."""
    return _lines(name)


def words(name: str, *, normalise: bool = False) -> frozenset[str]:
    """Whitespace-separated words, lower case (normalised if asked)."""
    out = (w for line in _lines(name) for w in line.split())
    return frozenset(_normalise(w) if normalise else w for w in out)


def keyed(name: str) -> dict[str, list[str]]:
    """``code: word word …`` lines (a line without a colon goes on with the previous code);
    words longest first, ready for a regex alternation."""
    out: dict[str, list[str]] = {}
    code = ""
    for line in _lines(name):
        head, sep, rest = line.partition(":")
        if sep and " " not in head.strip():
            code = head.strip()
            out.setdefault(code, [])
        else:
            rest = line
        out[code].extend(rest.split())
    return {k: sorted(set(v), key=len, reverse=True) for k, v in out.items()}


def phrase_alternation(phrases: list[str]) -> str:
    """A regex alternation of data-file phrases, "_" standing for spaces ("my_name_is")."""
    return "|".join(re.escape(p).replace("_", r"[ \t]+") for p in phrases)


def cue_words(*names: str) -> frozenset[str]:
    """Every word of ``label: word word …`` cue files, normalised (street, rue, school, Ltd…)."""
    return frozenset(
        _normalise(w) for name in names for words in keyed(name).values() for w in words
    )


def tsv(name: str) -> dict[str, str]:
    return dict(line.split("\t", 1) for line in _lines(name))


# --- names ---------------------------------------------------------------------------------
_ARAB_GIVEN_LATIN = words("given_names_arab_latin.txt")
_WESTERN_GIVEN = words("given_names_western.txt")
# Faker's first names (bench/scanner_names.py): a name only mid-sentence or before a surname.
# names-dataset's ranked first names per country (bench/scanner_names_dataset.py): as weak
_WEAK_GIVEN = words("given_names_more.txt") | words("given_names_dataset.txt")
_AR_AMBIGUOUS = words("given_names_arabic_ambiguous.txt", normalise=True)
_AR_GIVEN_SET = words("given_names_arabic.txt", normalise=True) | _AR_AMBIGUOUS
_AR_ROLE_CUES = words("role_cues_arabic.txt", normalise=True)
_AR_CUES = words("name_cues_arabic.txt", normalise=True) | _AR_ROLE_CUES
# Faker's Arabic first names (bench/scanner_names_arabic.py): a name alone only after a cue
_AR_WEAK_GIVEN = (
    words("given_names_arabic_more.txt", normalise=True)
    | words("given_names_arabic_dataset.txt", normalise=True)
) - _AR_GIVEN_SET
_AR_PARTICLES = frozenset({"بن", "ابن", "بنت"})
# على (on) folds to علي (Ali), منى (Mona) to مني (from me): only the original final letter tells
_AR_FINAL_LETTER = {"علي": "ي", "مني": "ى", "هدي": "ى", "ليلي": "ى", "سلمي": "ى"}
_AR_PLACE_CUES = words("place_cues_arabic.txt", normalise=True)
_AR_MOTION_VERBS = words("motion_verbs_arabic.txt", normalise=True)
_ARABIZI = keyed("arabizi_words.txt")
_ARABIZI_CUES = frozenset(_ARABIZI["cues"])
_ARABIZI_WORDS = frozenset(_ARABIZI["words"])
_ARABIZI_ARTICLES = frozenset(_ARABIZI["articles"])
_ARABIZI_COMPOUND_HEADS = frozenset(_ARABIZI["compound-heads"])
# labels of speakers, chat participants and record lines, and chat's kin words (data/labels.txt)
_LABELS = frozenset(keyed("labels.txt")["roles"])
_KIN_LABEL_WORDS = frozenset(keyed("labels.txt")["kin"])
_KIN_TURKISH = frozenset(keyed("labels.txt")["kin-tr"])
_NOT_NAMES = words("not_names.txt") | _LABELS
_WORD_NAMES = words("word_names.txt")  # names after a strong cue only (turns.py)
_AMBIGUOUS_NAMES = words("ambiguous_names.txt")
_TITLES = words("titles.txt")
_NAME_PARTICLES = words("name_particles.txt")
# Religious figures: a name right after these is not a person in the testimony.
_RELIGIOUS_CUES = words("religious_cues.txt", normalise=True)
# Religious and movement vocabulary that is also a given name (Islam, Iman, Amin...): never a
# name when written in lower case.
_RELIGIOUS_WORDS = words("religious_words.txt")

# --- ordinary words ------------------------------------------------------------------------
_STOPWORDS = words("stopwords.txt") | words("demonyms.txt")
_COMMON_WORDS = words("common_words_en.txt")
# frequent German and French words (bench/scanner_common_words.py): capitalised German nouns
# (Reis, Rede, Gruppen) are no lone place or weak given name
_COMMON_DE_FR = words("common_words_de_fr.txt")
# frequent English, German and French words that are also towns (bench/scanner_town_words.py):
# a lone one is a place only right after a place preposition ("aus Halle", not "in der Halle")
# German compound nouns by their ending (Krankenschwester, Übersetzerin, Hausfrau, Zeitung)
# and the occupations testimony names a relative by ("meine Mutter Krankenschwester"):
# capitalised in German, never a name or a place.
_NOUN_SHAPE_RE = re.compile(
    r"[a-z]{3,}(?:schwester|pfleger|pflegerin|arbeiter|arbeiterin|handler|handlerin"
    r"|verkaufer|verkauferin|meister|meisterin|fahrer|fahrerin|frau|erin|eurin|lehrerin)"
    r"|[a-z]{5,}(?:ung|heit|keit|schaft|ismus|itat)|[a-z]{3,}(?:zentrum|zentrums|zentren)"
    # plurals and trades: Großstädten, Nachbardörfern, Meinungen, Schneiderei, Bäckereien
    r"|[a-z]{3,}(?:stadten|stadte|dorfer|dorfern|ungen|heiten|keiten|schaften|nissen|tionen|erei|ereien)"
    # offices, files and kin of German records (Beratungsstelle, Rückkehrerprogramm,
    # Staatsschutzkammer, Kampfname, Ausreisefall, Handyladen, Telefonnummer, Jugendamt,
    # Schwiegermutter, Schwiegersohn)
    r"|[a-z]{3,}(?:stelle|stellen|programm|programme|programms|kammer|kammern|name|namen|namens"
    r"|fall|falls|falle|laden|nummer|nummern|amt|amts|amtes|mutter|vater|tochter|kinder|verein"
    r"|gericht|gerichts|behorde|polizei|gruppe|gruppen|reise|kasse|strafe|senat|senats)"
    r"|schwiegersohn|ausreise|rueckkehrer|ruckkehrer|enkel|enkeln|enkelin|neffe|neffen|nichte"
    r"|braut|brautigam|klientin|klient|jungste|altester|alteste|clique|silvester|grussen"
)
_OCCUPATIONS_DE_FR = frozenset(
    [
        "arzt",
        "arztin",
        "lehrer",
        "ingenieur",
        "soldat",
        "polizist",
        "polizistin",
        "zahnarztin",
        "hebamme",
        "witwe",
        "hirte",
        "hirtin",
        "bauerin",
        "schneiderin",
        "naherin",
        "friseurin",
        "infirmiere",
        "couturiere",
        "coiffeuse",
        "vendeuse",
        "ouvriere",
        "epiciere",
        "menuisier",
        "sage-femme",
    ]
)


def _noun_shaped(word: str) -> bool:
    """A German noun by its ending, or an occupation: never a lone name or place."""
    return word in _OCCUPATIONS_DE_FR or _NOUN_SHAPE_RE.fullmatch(word) is not None


_GERMAN_WORDS = words("german_function_words.txt")
_PLAIN_WORD_RE = re.compile(r"[^\W\d_]+")


def german_text(norm: str) -> bool:
    """``norm`` (a normalised text) is written mostly in German, by its function words."""
    found = _PLAIN_WORD_RE.findall(norm)
    german = sum(1 for w in found if w in _GERMAN_WORDS)
    return german >= 3 and german * 8 >= len(found)


_TURKISH_WORDS = words("turkish_words.txt")
_TURKISH_LETTERS_RE = re.compile("[ıİğĞşŞ]")


def turkish_text(orig: str, norm: str) -> bool:
    """The text (``orig`` as written, ``norm`` normalised) is Turkish, in part at least: a letter
    only Turkish uses, or two of its frequent words."""
    if _TURKISH_LETTERS_RE.search(orig):
        return True
    return len({w for w in _PLAIN_WORD_RE.findall(norm) if w in _TURKISH_WORDS}) >= 2


_TOWN_WORDS = words("town_words.txt")
# Heads and cues ("Street", "rue", "School", "Ltd", "Motors"): part of a place or organisation
# name, never a name on their own.
_CUE_WORDS = cue_words("place_cues.txt", "organisation_heads.txt")
_AR_STOPWORDS = words("stopwords_arabic.txt", normalise=True)
# the most frequent Arabic words, names that are also words included (bench/scanner_arabic_words.py)
_AR_COMMON = words("common_words_arabic.txt", normalise=True)
# frequent Arabic words with the article that are no surname (bench/scanner_names_dataset.py):
# after a given name no family name (نور الشمس، عمر الانسان)
_AR_ARTICLE_WORDS = words("article_words_arabic.txt", normalise=True)

# --- never identifying: groups, countries, major cities ------------------------------------
_GROUPS = entries("armed_groups.txt")
_PUBLIC_FIGURES = entries("public_figures.txt")
_LANDMARKS = entries("landmarks.txt")
_INSTITUTIONS = entries("public_institutions.txt")
_AR_GROUPS = entries("armed_groups_arabic.txt")
_WELL_KNOWN_PLACES = entries("major_cities.txt")
_AR_WELL_KNOWN = entries("major_cities_arabic.txt")
_AR_COUNTRIES = entries("countries_arabic.txt")
_COUNTRY_EXTRA = entries("countries_extra.txt")
_REGIONS = entries("regions.txt")  # provinces and regions, Latin and Arabic script
_RIVERS_CAMPS = entries("rivers_camps.txt")  # rivers, lakes and the well-known camps

# --- nisbas --------------------------------------------------------------------------------
NISBA_STEMS = tsv("nisbas.tsv")
AR_NISBA_STEMS = words("nisbas_arabic.txt", normalise=True)


def _build_name_index(names: Iterable[str]) -> dict[str, list[Key]]:
    index: dict[str, list[Key]] = {}
    for name in names:
        key = _latin_key(name)
        index.setdefault(key[0], []).append(key)
    return index


_GIVEN_INDEX = _build_name_index(
    n for n in _ARAB_GIVEN_LATIN | _WESTERN_GIVEN if n not in _NOT_NAMES
)


_ABD_NAME_RE = re.compile(r"^abd(?:el|al|ul|oul|ou|ur|er|ar|es|us|as|en|un|an|ed|ud|oun)[a-z]{3,}$")


@functools.lru_cache(maxsize=65536)
def _is_given_name(word: str) -> bool:
    """``word``: normalised lower-case Latin token."""
    if not word.isalpha():  # arabizi: 5alil, Sa3id, m7ammad
        word = arabizi_fold(word) or word
    if word in _NOT_NAMES or word in _STOPWORDS or word in _TITLES or len(word) < 3:
        return False
    if _ABD_NAME_RE.match(word):  # Abdelhak, Abdulbasit, Abderrazak: always a name
        return True
    if word in _WESTERN_GIVEN or word in _ARAB_GIVEN_LATIN:
        return True
    if word in _COMMON_WORDS or word in _COMMON_DE_FR:
        return False  # another spelling of a name only: a word (Lügen is no Logan)
    key = _latin_key(word)
    return any(_keys_compatible(key, cand) for cand in _GIVEN_INDEX.get(key[0], ()))
