"""Names and towns in runs of capitalised Latin words, or of Arabic words.

A run is a stretch of capitalised words (with the particles of names inside it: al-, bin,
de...) or of Arabic words. Towns are looked up in the gazetteer, longest n-gram first; a run
after a place preposition that is no known word is a small place no gazetteer lists. A given
name starts a person's name that runs on through the capitalised words after it. Arabic
runs are read in arabic_runs.py; lower-case words written with arabizi digits (``5alil``,
``7asan``) are read here.
"""

from __future__ import annotations

import re

from .arabic_runs import arabic_run
from .findings import Raw
from .gazetteer import (
    EXCLUDED,
    NOTHING,
    PLACE,
    _Gazetteer,
    _gazetteer,
    _place_key,
    append_places,
    major_place_spelling,
)
from .normalise import _Doc, _normalise, prev_word
from .places import PREPOSITIONS
from .translit import arabizi_fold
from .wordlists import (
    _AMBIGUOUS_NAMES,
    _AR_ARTICLE_WORDS,
    _AR_COMMON,
    _AR_GIVEN_SET,
    _AR_STOPWORDS,
    _AR_WEAK_GIVEN,
    _ARABIZI,
    _ARABIZI_ARTICLES,
    _ARABIZI_COMPOUND_HEADS,
    _ARABIZI_CUES,
    _ARABIZI_WORDS,
    _COMMON_DE_FR,
    _COMMON_WORDS,
    _CUE_WORDS,
    _GROUPS,
    _KIN_LABEL_WORDS,
    _LABELS,
    _NAME_PARTICLES,
    _NOT_NAMES,
    _RELIGIOUS_CUES,
    _RELIGIOUS_WORDS,
    _STOPWORDS,
    _TITLES,
    _TOWN_WORDS,
    _WEAK_GIVEN,
    _WORD_NAMES,
    _is_given_name,
    _noun_shaped,
    keyed,
)
from .wordlists import words as _words

__all__ = ["scan_words"]

_GAP_WORD_RE = re.compile(r"[ \-]|[ ]?'[ ]?|  ")
_GAP_AR_RE = re.compile(r"[ \-]{1,2}")


def scan_words(doc: _Doc, raw: list[Raw]) -> None:
    """Person names and towns: walk runs of capitalised (or Arabic) words."""
    fold, norm = doc.fold, doc.norm
    words = doc.words()
    toks = [(s, e) for s, e, _ in words]
    n = len(toks)
    gaz: _Gazetteer | None = None
    latin_text: bool | None = None  # counted once per text, not once per Arabic run
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
            _latin_run(doc, toks, i, j, raw, gaz)
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
            before = len(raw)
            arabic_run(doc, toks, i, j, raw, gaz)
            run_s, run_e = toks[i][0], toks[j - 1][1]
            if (
                j - i <= 4
                and not any(r[0] <= run_s and run_e <= r[1] for r in raw[before:])
                and (latin_text if latin_text is not None else (latin_text := _latin_text(doc)))
            ):
                _name_in_own_script(doc, toks, i, j, raw, gaz)
            i = j
        elif (
            "a" <= c <= "z"
            and (
                (i and words[i - 1][2] in _CHAT_BEFORE)
                or (i + 1 < n and words[i + 1][2] in _CHAT_AFTER)
            )
            and _lower_name(doc, i)
        ):
            raw.append((s, toks[i][1], "person", False))
            i += 1
        else:
            # arabizi names are written in lower case and with digits: 5alil, 7asan, m7ammad
            e = toks[i][1]
            # (not after a hamza digit: 2ali is "he told me", 3ali is Ali)
            # (nor after the article: l3a2ila is "the family", not Laila)
            # ("khoya 3li": three letters after a kinship cue, the initial ع with its vowel)
            # (the word's shape first: the word before is read only for an arabizi-shaped one)
            if (
                (e - s >= 4 or (e - s == 3 and norm[s] == "3"))
                and norm[s] != "2"
                and norm[s:e].isascii()
                and not norm[s:e].isalpha()
                and not _ARABIZI_ARTICLE_RE.match(norm, s)
                and ((cued := prev_word(norm, s) in _ARABIZI_CUES) or e - s >= 4)
            ):
                word = norm[s:e]
                folded = arabizi_fold(word)
                voweled = (
                    "a" + folded
                    if folded and word[0] == "3" and word[1] not in "aeiouy" and word[1].isalpha()
                    else None
                )
                if (
                    folded
                    and word not in _ARABIZI_WORDS
                    and not _after_arabizi_article(norm, s)
                    and (
                        (_is_given_name(folded) and folded not in _AMBIGUOUS_NAMES)
                        or (cued and voweled is not None and _is_given_name(voweled))
                        # after a kinship or friend cue ("akhi 7amoudi", "sa7bi 3abboud") any
                        # arabizi word that is no common one is the name
                        or (len(folded) >= 4 and prev_word(norm, s) in _ARABIZI_CUES)
                    )
                ):
                    raw.append((s, e, "person", False))
            i += 1


def _after_arabizi_article(norm: str, s: int) -> bool:
    """Does the arabizi word at ``s`` follow the article written apart ("el 7akim el nafsi",
    "khouya l 3aziz")? Then it is a noun or an adjective. "l" alone is also "to" ("3yet l
    7assan"): the article only after a kin cue. Not after the first part of a compound name
    ("3abd el 7akim")."""
    art = prev_word(norm, s)
    if art not in _ARABIZI_ARTICLES:
        return False
    start = norm.rfind(art, max(0, s - 40), s)
    before = prev_word(norm, start)
    if before in _ARABIZI_COMPOUND_HEADS or before.startswith(("abd", "3abd")):
        return False
    return art != "l" or before in _ARABIZI_CUES or before in _KIN_LABEL_WORDS


def _latin_text(doc: _Doc) -> bool:
    """Is ``doc`` written mostly in Latin letters (Arabic script only here and there)?"""
    norm = doc.norm
    arabic = sum(1 for c in norm if "\u0621" <= c <= "\u064a")
    latin = sum(1 for c in norm if "a" <= c <= "z")
    return latin >= 3 * arabic


def _name_in_own_script(
    doc: _Doc, toks: list[tuple[int, int]], i: int, j: int, raw: list[Raw], gaz: _Gazetteer
) -> None:
    """A short Arabic-script run inside Latin text is a name written in its own script ("Sein
    Vater hieß شكري", "His mother, خجي, never left", "c'était زهرة بن يحيى"), unless it is a
    word, a formula, a group or a place that never identifies."""
    norm = doc.norm
    words = [norm[s:e] for s, e in toks[i:j]]
    key = " ".join(words)
    if key in gaz.excluded_arabic or _AR_FORMULA_RE.search(key):
        return
    if all(
        (w in _AR_COMMON and w not in _AR_GIVEN_SET)
        or w in _AR_STOPWORDS
        or w in _AR_ARTICLE_WORDS
        or len(w) < 3
        for w in words
    ):
        return  # words (نور and مفتاح are words too): a name of the main list only
    if any(_place_key([w]) in gaz.excluded_arabic or w in _AR_NOT_NAMES for w in words):
        return
    if (
        len(words) == 1
        and len(words[0]) >= 5
        and words[0].endswith(("ين", "ون"))
        and words[0] not in _AR_GIVEN_SET
        and words[0] not in _AR_WEAK_GIVEN
    ):
        return  # a plural, no name the lists know: "kanu kollon مراقبين"
    prev = prev_word(norm, toks[i][0])
    if len(words) == 1 and (
        prev in _LATIN_ARTICLES or _beside_its_latin_word(norm, toks[i][0], toks[j - 1][1])
    ):
        # a word, not a name: "we heard the أذان", "le صبر", "Sabr, صبر, sabr", "noor (نور)"
        return
    # a phrase ("الصبر مفتاح الفرج", "كلو نفس الشي") is no name: a name of several words holds a
    # given name the lists know (زياد قنبر، زهرة بن يحيى), or a given name that is also a word
    # before a family name of the nisba shape (عدنان الشمري)
    if (
        len(words) > 1
        and not any(
            w in _AR_GIVEN_SET or (w in _AR_WEAK_GIVEN and w not in _AR_COMMON) for w in words
        )
        and not _given_and_family_name(words)
    ):
        return
    if (
        len(words) == 1
        and words[0].startswith("ال")
        and not words[0].endswith("ي")
        and prev not in PREPOSITIONS
        and prev not in _LATIN_PLACE_HEADS
    ):
        # a word with the article (الحسبة، السبيل) only where a place is named: "im Viertel …"
        return
    raw.append((toks[i][0], toks[j - 1][1], "person", False))


# words a Latin text quotes in Arabic (data/arabic_not_names_in_latin.txt)
_AR_NOT_NAMES = _words("arabic_not_names_in_latin.txt", normalise=True)
# a family name of the nisba shape: الشمري، الزبيدي (normalised)
_AR_FAMILY_SHAPE_RE = re.compile(r"ال[\u0621-\u064a]{3,}ي")
# an article before a single Arabic word: it is a word ("the أذان", "le صبر", "die دعوة")
_LATIN_ARTICLES = frozenset(
    [
        "the",
        "a",
        "an",
        "le",
        "la",
        "les",
        "un",
        "une",
        "du",
        "des",
        "der",
        "die",
        "das",
        "den",
        "dem",
        "ein",
        "eine",
    ]
)
_RELIGIOUS_GLOSS_BEFORE_RE = re.compile(r"(?<![^\W\d_])([a-z]+)[ \t]*[,(\-–—:][ \t]*$")
_RELIGIOUS_GLOSS_AFTER_RE = re.compile(r"[ \t]*[,)\-–—:]?[ \t]*\(?([a-z]+)(?![^\W\d_])")
_LATIN_PLACE_HEADS = frozenset(
    [
        "viertel",
        "quarter",
        "quartier",
        "district",
        "village",
        "dorf",
        "douar",
        "hay",
        "neighbourhood",
        "neighborhood",
        "street",
        "strasse",
        "rue",
        "camp",
        "lager",
        "sector",
        "secteur",
    ]
)
# religious formulas written in Arabic inside Latin text: never names
_AR_FORMULA_RE = re.compile(
    "الله|بسم|الحمد|سبحان|انشاء|ان شاء|ماشاء|ما شاء|استغفر|لا اله|جزاك|بارك|رحمه|رحمها|السلام"
)


def _given_and_family_name(words: list[str]) -> bool:
    """Two words: a given name (of any list, also a word) and a family name of the nisba shape."""
    return (
        len(words) == 2
        and words[0] in _AR_WEAK_GIVEN
        and bool(_AR_FAMILY_SHAPE_RE.fullmatch(words[1]))
        and words[1] not in _AR_COMMON
        and words[1] not in _AR_STOPWORDS
    )


def _beside_its_latin_word(norm: str, s: int, e: int) -> bool:
    """Is the Arabic word ``norm[s:e]`` next to a Latin word of the religious vocabulary, as its
    spelling in the other script ("Sabr, صبر", "نور (noor)")?"""
    before = _RELIGIOUS_GLOSS_BEFORE_RE.search(norm, max(0, s - 20), s)
    after = _RELIGIOUS_GLOSS_AFTER_RE.match(norm, e)
    return bool(
        (before and before.group(1) in _RELIGIOUS_WORDS)
        or (after and after.group(1) in _RELIGIOUS_WORDS)
    )


def _latin_run(
    doc: _Doc, toks: list[tuple[int, int]], i: int, j: int, raw: list[Raw], gaz: _Gazetteer
) -> None:
    norm = doc.norm
    words = [norm[s:e] for s, e in toks[i:j]]
    m = len(words)
    found = len(raw)
    # Towns: longest n-gram first; an excluded n-gram (country, group, major city) is skipped
    # whole so that its parts are not looked up on their own. A run right after a place
    # preposition ("in", "near", "à", "aus", "fi") that is no known word, name or excluded
    # place is a place too: villages no gazetteer lists.
    cued = _place_cue_before(norm, toks[i][0]) and not any(
        # "à Deir ez-Zor": a major city is not read as a small place named by its prefix
        _place_key(words[:size]) in gaz.excluded_latin
        for size in range(1, min(4, m) + 1)
    )
    if cued:
        size = 0
        while size < m and _unknown_name_word(doc, words[size]):
            size += 1
        # a lone frequent German or French word after the preposition is the word: "in
        # Kontakt", "in Schichten" (a name of two words may hold one: "à la Grande Borne")
        if (
            size == 1
            and m == 1
            and (_common_de_fr(words[0]) or _beside_common_siblings(norm, toks[i][0], toks[i][1]))
            and prev_word(norm, toks[i][0]) not in ("at", "from", "near", "outside", "to", "into")
        ):
            size = 0
        if (
            size
            and _place_key(words[:size]) not in gaz.excluded_latin
            # (a province or governorate is a region: "in Mayadeen province")
            and not _PROVINCE_AFTER_RE.match(norm, toks[i + size - 1][1])
        ):
            raw.append((toks[i][0], toks[i + size - 1][1], "place", False))

    def verdict(k: int, size: int) -> int:
        key = _place_key(words[k : k + size])
        if key in gaz.excluded_latin or (size == 1 and _major_spelling(words[k])):
            return EXCLUDED
        if _PROVINCE_AFTER_RE.match(norm, toks[i + k + size - 1][1]):
            return EXCLUDED  # "Hasakah province", "gouvernorat de": a region
        listed = key in gaz.latin and not (
            words[k + size - 1] in _NAME_PARTICLES or words[k] in _NAME_PARTICLES
        )
        if listed and _RELIGIOUS_CUE_BEFORE_RE.search(
            norm, max(0, toks[i + k][0] - 12), toks[i + k][0]
        ):
            return NOTHING  # "Hz. Ömer", "the Prophet Musa": a prophet or companion, no town
        if listed and size == 1:
            word = words[k]
            at = toks[i + k][0]
            if (
                _ordinary_word(doc, word)
                or _kin_label(norm, word, toks[i + k][1])
                # a frequent word, or a word of the faith or of hope that is a name too
                # ("Fines were…", "Sura 18", "Amal, the word for hope"): a place only when cued
                # (and a kin word: "Sis,\nIf you ever see…" opens a letter to a sister)
                or (
                    (
                        word in _TOWN_WORDS
                        or word in _RELIGIOUS_WORDS
                        or word in _WORD_NAMES
                        or word in _KIN_LABEL_WORDS
                    )
                    and not _place_cue_before(norm, at)
                )
                # "an old Vauxhall", "eine Nokia": an indefinite article names a thing
                or _INDEFINITE_BEFORE_RE.search(doc.fold, max(0, at - 24), at)
            ):
                return NOTHING
        return PLACE if listed else NOTHING

    append_places(raw, toks, i, m, 4, verdict)
    _city_districts(doc, toks[i:j], words, gaz, raw)
    # Persons: a given name (or a word after a title / before ibn-bin) starts a name that
    # runs on through capitalised words and particles.
    k = 0
    persons_end = 0
    while k < m:
        w = words[k]
        start_tok = toks[i + k][0]
        is_name = _is_given_name(w) or _arabizi_name(doc, start_tok, w)
        if (
            not is_name
            and w in _WEAK_GIVEN
            and w not in doc.lower_seen()
            and w not in _COMMON_DE_FR
            and w not in _NOT_NAMES
            and not _excluded_place(gaz, w)  # Trinidad, Casa: a country or a big city
        ):
            # a weaker list: mid-sentence, followed by a surname-like capitalised word, or
            # by a person's verb ("Konstantin geht es gut")
            is_name = (
                not doc.sentence_initial(start_tok)
                or (
                    k + 1 < m
                    and _capitalised_name_word(words[k + 1])
                    and words[k + 1] not in _COMMON_WORDS
                    and not _excluded_place(gaz, words[k + 1])
                )
                or bool(_PERSON_VERB_AFTER_RE.match(norm, toks[i + k][1]))
            ) and not (
                # a definite article makes a lone weaker name a thing or a place: "the Atlas
                # mountains", "aus dem Atlas", "l'Atlas", "jame3 el Nouri", "el Barça"
                k == 0
                and (m == 1 or not _capitalised_name_word(words[1]) or words[1] in _COMMON_WORDS)
                and _DEFINITE_BEFORE_RE.search(doc.fold, max(0, start_tok - 6), start_tok)
            )
        cued = False
        if not is_name and w not in _STOPWORDS and w not in _TITLES and not _noun_shaped(w):
            prev = prev_word(norm, start_tok)
            cued = (
                prev in _TITLES
                # (French "on dit Halab": one says, no alias)
                and not (prev in ("dit", "dite") and _ONE_SAYS_RE.search(norm, 0, start_tok))
            ) or (k + 2 < m and words[k + 1] in ("ibn", "bin", "bint", "ben", "ould"))
        if (
            not (is_name or cued)
            or w in _NAME_PARTICLES
            or _kin_label(norm, w, toks[i + k][1])
            or (not cued and _major_spelling(w))
            # the group's media with their article, no name before: "les vidéos d'Al-Hayat",
            # "ta3 Al-Furqan" (not "Ahmad al-Furqan")
            or (
                w in _ARTICLE_GROUP_WORDS
                and _ARTICLE_BEFORE_RE.search(norm, max(0, start_tok - 4), start_tok) is not None
                and not (k > 0 and words[k - 1] not in _NAME_PARTICLES)
                and not _NAME_BEFORE_ARTICLE_RE.search(doc.fold, max(0, start_tok - 30), start_tok)
            )
        ):
            k += 1
            continue
        if is_name and not cued:
            if prev_word(norm, start_tok) in _RELIGIOUS_CUES or _RELIGIOUS_CUE_BEFORE_RE.search(
                norm, max(0, start_tok - 12), start_tok
            ):
                k += 1
                continue
            if w in _ARABIZI_WORDS and _arabizi_text(doc):
                k += 1  # "Ana w s7abi kunna fel Hamburg", "Rabi kbir": the words, in arabizi
                continue
            if (
                (w in _WORD_NAMES or w in _ADJECTIVE_NAMES)
                and m == k + 1
                and _WORD_PREDICATE_RE.match(doc.fold, toks[i + k][1])
                and _arabizi_text(doc)
            ):
                k += 1  # "Farah kbir lyoum", "Hayat kolha t3ab", "Nour el 9amar": the word
                continue
            if (
                (w in _AMBIGUOUS_NAMES or w in doc.lower_seen())
                and doc.sentence_initial(start_tok)
                # "Amal said", "Can ist jetzt neunzehn": a person verb after it makes it a name
                and not _PERSON_VERB_AFTER_RE.match(norm, toks[i + k][1])
            ):
                k += 1
                continue
        if (
            is_name
            and k > 0
            and not persons_end > k - 1
            and _unknown_name_word(doc, words[k - 1])
            and (
                words[k - 1] not in gaz.latin
                or (words[k - 1] in _TOWN_WORDS and not _place_cue_before(norm, toks[i + k - 1][0]))
            )
            and not (k - 1 == 0 and doc.sentence_initial(toks[i][0]))
        ):
            # an unknown capitalised word right before a given name: "Waqas Ahmed"
            start_tok = toks[i + k - 1][0]
        end = k + 1
        while end < m:
            nw = words[end]
            if nw in _NAME_PARTICLES:
                if end + 1 < m and _capitalised_name_word(words[end + 1]):
                    end += 2
                    continue
                break
            if not _capitalised_name_word(nw) or _excluded_place(gaz, nw):
                break
            end += 1
        raw.append((start_tok, toks[i + end - 1][1], "person", False))
        persons_end = end
        k = end
    if len(raw) == found and 2 <= m <= 3 and _unknown_full_name(doc, toks[i][0], words, gaz):
        s, e = toks[i][0], toks[j - 1][1]
        # a name of two or three words no list knows, mid-sentence ("statement of Kwame
        # Mensah"), unless another detector read it already (an organisation, a street)
        if not any(r[0] < e and s < r[1] for r in raw):
            raw.append((s, e, "person", False))


def _city_districts(
    doc: _Doc, toks: list[tuple[int, int]], words: list[str], gaz: _Gazetteer, raw: list[Raw]
) -> None:
    """A district joined to its (not identifying) city: "Wuppertal-Elberfeld", "Berlin-Wedding"."""
    norm, fold = doc.norm, doc.fold
    for k in range(len(words) - 1):
        (s1, e1), (s2, e2) = toks[k], toks[k + 1]
        if (
            norm[e1:s2] == "-"
            and fold[s2].isupper()
            and _place_key([words[k]]) in gaz.excluded_latin
            and words[k] not in _STOPWORDS
            and _place_key([words[k + 1]]) not in gaz.excluded_latin
            and words[k + 1] not in _STOPWORDS
            and words[k + 1] not in _COMMON_WORDS
            and words[k + 1] not in _COMMON_DE_FR
        ):
            raw.append((s1, e2, "place", False))


# French article after a place preposition or a locality head: "à la Duchère", "a la Paillade",
# "au lieu-dit la Rochette"
_ARTICLE_AFTER = frozenset({"a", "dit", "hameau", "quartier", "cite", "residence"})


_DEFINITE_BEFORE_RE = re.compile(
    r"(?<![^\W\d_])(?:[Tt]he|[Ll]e|[Ll]a|l'|el|l|dem|des|den|das)[ \t]+$|(?<![^\W\d_])l'$"
)
_INDEFINITE_BEFORE_RE = re.compile(
    # (a bare "a" only with an adjective: it is also the folded French "à")
    r"(?<![^\W\d_])(?:(?:[Aa]n|[Ee]in(?:e[mnrs]?)?|[Uu]ne?)\s+(?:[a-zäöüßéèêàç]+\s+)?"
    r"|a\s+(?!(?:la|le|les|l)\s)[a-z]{3,}\s+)$"
)
# the town of an address: "Kaiserstraße 8, Kamen", "12 rue Victor Hugo, 69003 Lyon"
_AFTER_HOUSE_NUMBER_RE = re.compile(r"\d{1,4}[a-z]?,[ \t]*(?:\d{4,5}[ \t]+)?$")


# a journey's verb before "to": the word after it is where they went
_MOVED_TO_RE = re.compile(
    r"(?<!\w)(?:moved|move|moving|went|go|going|fled|flee|returned|return|travelled|traveled"
    r"|drove|walked|came\s+back|went\s+back|moved\s+back|took\s+(?:us|them|him|her|me)"
    r"|brought\s+(?:us|them|him|her|me)|sent\s+(?:us|them|him|her|me)|deported|transferred"
    r"|relocated|smuggled|escaped|headed|driven|taken|sent)(?:\s+(?:back|on|away|out))?\s+to\s+$"
)


# the joins of a list: "in Moscheen, in Schulen und in Jugendzentren", "à l'école ou à la mairie"
_LIST_JOIN = r"(,|[ \t]+(?:und|oder|et|ou|and|or))[ \t]+"


def _beside_common_siblings(norm: str, start: int, end: int) -> bool:
    """The word after a preposition stands in a list (closed by "und", "oder" …) that repeats
    the preposition before frequent words or German nouns ("in Moscheen, in Schulen und in
    Jugendzentren"): a plural noun like them, not a village ("in Wehlitz, in Schulen war …"
    is two clauses and keeps Wehlitz)."""
    prep = re.escape(prev_word(norm, start))
    joins: list[str] = []
    siblings: list[str] = []
    after = re.compile(rf"{_LIST_JOIN}{prep}[ \t]+(\w+)")
    m = after.match(norm, end)
    while m and len(siblings) < 4:
        joins.append(m.group(1))
        siblings.append(m.group(2))
        m = after.match(norm, m.end())
    left = norm[max(0, start - 80) : start]
    for m in re.finditer(rf"(?<!\w){prep}[ \t]+(\w+){_LIST_JOIN}(?={prep}[ \t]|\w+$)", left):
        siblings.append(m.group(1))
        joins.append(m.group(2))
    return any(j != "," for j in joins) and any(
        _common_de_fr(w) or _noun_shaped(w) for w in siblings
    )


def _place_cue_before(norm: str, start: int) -> bool:
    """Is the word at ``start`` right after a place preposition (with its article), or the
    town after the house number of an address?"""
    prev = prev_word(norm, start)
    if prev in PREPOSITIONS or _AFTER_HOUSE_NUMBER_RE.search(norm, max(0, start - 12), start):
        return True
    if prev == "to" and _MOVED_TO_RE.search(norm, max(0, start - 30), start):
        return True  # "they took us to Shaddadi", "moved back to Ringsted"
    if prev in ("la", "l", "le", "les"):
        at = norm.rfind(prev, max(0, start - 8), start)
        return at > 0 and prev_word(norm, at) in _ARTICLE_AFTER
    return False


_ARABIZI_ARTICLE_RE = re.compile(r"e?l[235-9]")
_CHAT_CUES = keyed("chat_name_cues.txt")
_CHAT_BEFORE = frozenset(_CHAT_CUES["before"]) | _ARABIZI_CUES
_CHAT_AFTER = frozenset(_CHAT_CUES["after"])
_CHAT_VOCATIVES = frozenset(_CHAT_CUES["vocatives"])
_CHAT_KIN = frozenset(_CHAT_CUES["kin"]) | _ARABIZI_CUES | frozenset(_CHAT_CUES["person-before"])
_CHAT_SPEECH_AFTER = frozenset(_CHAT_CUES["speech-after"])
# a verb after a sentence's first word that makes it a person: "Amal said", "Nour lives in"
_PERSON_VERB_AFTER_RE = re.compile(
    r"\s+(?:said|says|told|texted|asked|lives|lived|works|worked|married|was\s+born|got\s+married"
    r"|sagte|meinte|wohnt|wohnte|arbeitet|arbeitete|ist\s+jetzt|ist\s+gerade|hat\s+mir"
    r"|m'a\s+dit|a\s+dit|habite|habitait|travaille|travaillait"
    r"|geht\s+es|ging|kam|kommt|schrieb|rief|went|came|wrote|called|left|est\s+parti|est\s+venu)(?!\w)"
)
_SAME_LINE_GAP_RE = re.compile(r"[ \t]{1,3}|[ \t]?[,&'][ \t]?")


_CHAT_SELF = frozenset(_CHAT_CUES["self"])
_CLAUSE_END_RE = re.compile(r"[ \t]*(?:[.,!?;\n]|$)")


def _self_named(doc: _Doc, i: int) -> bool:
    """ "ana lina.", "ismi rim,": the word ``i`` is what the speaker is called."""
    words = doc.words()
    return (
        i > 0
        and words[i - 1][2] in _CHAT_SELF
        and bool(_CLAUSE_END_RE.match(doc.norm, words[i][1]))
    )


def _lower_name(doc: _Doc, i: int) -> bool:
    """Is the lower-case word ``i`` a name chat wrote in lower case ("ask fatima", "me n jamal")?"""
    words = doc.words()
    s, e, w = words[i]
    if len(w) < 3 or not w.isalpha() or not w.isascii():
        return False
    prev = words[i - 1] if i else None
    nxt = words[i + 1] if i + 1 < len(words) else None
    norm = doc.norm
    if not (
        (prev and prev[2] in _CHAT_BEFORE and _SAME_LINE_GAP_RE.fullmatch(norm, prev[1], s))
        or (nxt and nxt[2] in _CHAT_AFTER and _SAME_LINE_GAP_RE.fullmatch(norm, e, nxt[0]))
    ):
        return False
    return (
        w not in _STOPWORDS
        and w not in _COMMON_WORDS
        and w not in _COMMON_DE_FR
        and (w not in _AMBIGUOUS_NAMES or _self_named(doc, i))
        and w not in _TITLES
        and w not in _CUE_WORDS
        and w not in _RELIGIOUS_WORDS
        and w not in _ARABIZI_WORDS
        and (
            _is_given_name(w)
            # a name of the weaker lists after a vocative: "hey mirac", "wesh kenzo", "ya lulu"
            or (
                w in _WEAK_GIVEN
                and prev is not None
                and (prev[2] in _CHAT_VOCATIVES or prev[2] in _CHAT_KIN)
            )
            # or before a verb of speech: "ok so kelsey said"
            # (not a kin word: "ur sis said")
            or (
                w in _WEAK_GIVEN
                and nxt is not None
                and nxt[2] in _CHAT_SPEECH_AFTER
                and w not in _CHAT_KIN
                and w not in _CHAT_BEFORE
            )
        )
    )


# a word written with a digit letter between letters: Mou2ayad, Lay8a, Sa3id
_ARABIZI_INNER_RE = re.compile(r"[a-z]{2,}[235-9][a-z]+(?:[235-9][a-z]+)*")


def _arabizi_text(doc: _Doc) -> bool:
    """Is the text (or a good part of it) written in arabizi: three of its words at least are
    arabizi's common words or written with digit letters ("3ndi", "s7abi")?"""
    count = 0
    for _s, _e, w in doc.words():
        if (
            w in _ARABIZI_WORDS
            or w in _ARABIZI_LINKS
            or _ARABIZI_INNER_RE.fullmatch(w)
            or _ARABIZI_DIGIT_RE.fullmatch(w)
        ):
            count += 1
            if count >= 3:
                return True
    return False


_ARABIZI_DIGIT_RE = re.compile(r"[a-z]*[235-9][a-z]+")
# arabizi's "and", "in the", "we were" (not in the list of words a cue may stand before)
_ARABIZI_LINKS = frozenset(_ARABIZI["links"])


def _arabizi_name(doc: _Doc, start: int, word: str) -> bool:
    """A capitalised arabizi word mid-sentence is a name (chat writes its words in lower case)."""
    return (
        len(word) >= 5
        and _ARABIZI_INNER_RE.fullmatch(word) is not None
        and any(c in "aeiouy" for c in word)
        and word not in _ARABIZI_WORDS
        and word not in _STOPWORDS  # (a demonym: "Jaza2iri")
        and not doc.sentence_initial(start)
        and arabizi_fold(word) is not None
    )


# words before a full name no list knows ("statement of Kwame Mensah", "met Dritan Hoxha")
_FULL_NAME_CUES = _words("person_cues.txt") | {"of", "by", "named", "called", "for", "to"}


def _unknown_full_name(doc: _Doc, start: int, words: list[str], gaz: _Gazetteer) -> bool:
    return (
        not doc.sentence_initial(start)
        and prev_word(doc.norm, start) in _FULL_NAME_CUES
        and all(
            _unknown_name_word(doc, w)
            and w not in _COMMON_DE_FR
            and w not in _CUE_WORDS
            and w not in gaz.latin
            and w not in gaz.excluded_latin
            and w.isalpha()
            for w in words
        )
        and " ".join(words) not in gaz.excluded_latin
    )


def _excluded_place(gaz: _Gazetteer, word: str) -> bool:
    return word in gaz.excluded_latin and not _is_given_name(word)


def _unknown_name_word(doc: _Doc, word: str) -> bool:
    """A capitalised word that is no ordinary word, title or given name."""
    return not (
        word in _STOPWORDS
        or word in _COMMON_WORDS
        or word in _TITLES
        or word in _NAME_PARTICLES
        or len(word) < 3
        or word in doc.lower_seen()
        or _is_given_name(word)
        or _noun_shaped(word)
    )


def _common_de_fr(word: str) -> bool:
    """A frequent German or French word, inflected too ("in Kontakt", "in Schichten", "mit
    Leuten": a plural or dative ending on a listed word)."""
    if word in _COMMON_DE_FR:
        return True
    return any(
        word.endswith(end) and word[: -len(end)] in _COMMON_DE_FR
        for end in ("en", "n", "e", "er", "s")
    )


def _ordinary_word(doc: _Doc, word: str) -> bool:
    """A lone capitalised word that is probably just a word, not a place."""
    if (
        word in _STOPWORDS
        or word in _COMMON_WORDS
        or word in _COMMON_DE_FR
        or _noun_shaped(word)
        or word in _NAME_PARTICLES
        or word in _LABELS
        or len(word) < 3
    ):
        return True
    return word in doc.lower_seen()


_ONE_SAYS_RE = re.compile(
    r"(?<![^\W\d_])(?:on|qu'on|quon|ils|elles|il|elle|je|tu|vous|nous|comme)[ \t]+(?:le[ \t]+|l'|la[ \t]+)?dite?[ \t]+$"
)


def _major_spelling(word: str) -> bool:
    """Another spelling of a major city, region or country ("Deraa", "Dar3a", "Idleb"), that is
    no given name of any list ("Dara" is one)."""
    return (
        word not in _WEAK_GIVEN
        and word not in _AMBIGUOUS_NAMES
        and not _is_given_name(word)
        and major_place_spelling(word)
    )


# after a word that is also a name, in arabizi: a predicate, or "el" and a word ("Nour el 9amar",
# not "Nour el Houda")
_ADJECTIVE_NAMES = frozenset(_ARABIZI["adjective-names"])
_WORD_PREDICATE_RE = re.compile(
    r"[ \t]+(?:(?i:"
    + "|".join(sorted(_ARABIZI["predicates"], key=len, reverse=True))
    + r")(?!\w)|(?i:el|l)[ \t\-]+[a-z][a-z0-9]*(?!\w)|(?i:el|l)[ \t\-]+[0-9][a-z0-9]+(?!\w))"
)
# the head after a region's name: "Mayadeen province", "Hasakah governorate", "Provinz Idlib" is
# the head before (places.py)
_PROVINCE_AFTER_RE = re.compile(
    r"[ \t\-]+(?:province|provinces|governorate|governorates|provinz|gouvernorat)(?!\w)"
)
_ARTICLE_GROUP_WORDS = frozenset(
    _normalise(g.split("-", 1)[1])
    for g in _GROUPS
    if re.match(r"(?i)(?:al|el|as|ad|an|ar|at)-[^\s-]+$", g)
)
# a religious figure's title just before, with an abbreviation's dot: "Hz. Ömer"
_RELIGIOUS_CUE_BEFORE_RE = re.compile(
    r"(?<![^\W\d_])(?:"
    + "|".join(re.escape(w) for w in sorted(_RELIGIOUS_CUES, key=len, reverse=True))
    + r")\.?[ \t]+$"
)
_ARTICLE_BEFORE_RE = re.compile(r"(?<![^\W\d_])(?:al|el|as|ad|an|ar|at)-$")
_NAME_BEFORE_ARTICLE_RE = re.compile(r"[A-Z][a-z]+[ \t]+(?:al|el|Al|El)-$")
_LABEL_COLON_RE = re.compile(r"[ \t]?:")


def _kin_label(norm: str, word: str, end: int) -> bool:
    """A kin word a chat displays instead of a name, before its colon ("Sis:", "Tata:")."""
    return word in _KIN_LABEL_WORDS and _LABEL_COLON_RE.match(norm, end) is not None


def _capitalised_name_word(word: str) -> bool:
    return len(word) >= 2 and word not in _STOPWORDS
