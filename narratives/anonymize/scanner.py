"""The scanner: known identifiers first, then the generic detectors, then one merge."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .ages import find_ages
from .contacts import (
    _EMAIL_RE,
    _HANDLE_RE,
    _OBF_EMAIL_RE,
    _PHONE_RE,
    _URL_RE,
    _URL_TRAIL,
    _contact_kind,
    _contact_norm,
    _phone_match,
    deobfuscate_email,
    is_phone,
)
from .crossscript import arabic_reading, latin_shape, skeleton
from .cued import (
    find_cued_arabic_names,
    find_cued_names,
    find_names_with_age,
    find_titled_names,
)
from .dates import _ABBR, _DATE_RE, _LAST_WORD_RE, date_readings, find_word_dates
from .facilities import find_facilities
from .findings import _HINT_KIND, _PLACEHOLDER_RE, Finding, KnownIdentifier
from .gazetteer import _Gazetteer, _gazetteer, _place_key, _place_key_of
from .ids import find_ids
from .kunyas import (
    _AR_KUNYA_RE,
    _AR_NISBA_RE,
    _AR_UMM_RE,
    _AR_UNIT_RE,
    _KUNYA_RE,
    _NISBA_RE,
    _UNIT_RE,
    find_low_kunyas,
)
from .normalise import _ARABIC_CHAR_RE, _WORD_RE, _Doc, _normalise
from .organisations import find_organisations
from .places import PREPOSITIONS, find_places
from .translit import (
    _AL_KEY,
    _SUN_ARTICLES,
    _arabic_bare,
    _canon_token,
    _keys_compatible,
    _latin_key,
    _stream,
    _stream_keys,
    arabizi_fold,
)
from .wordlists import (
    _AMBIGUOUS_NAMES,
    _AR_AMBIGUOUS,
    _AR_CUES,
    _AR_FINAL_LETTER,
    _AR_GIVEN_SET,
    _AR_PARTICLES,
    _AR_PLACE_CUES,
    _AR_STOPWORDS,
    _AR_WEAK_GIVEN,
    _COMMON_DE_FR,
    _COMMON_WORDS,
    _CUE_WORDS,
    _NAME_PARTICLES,
    _PUBLIC_FIGURES,
    _RELIGIOUS_CUES,
    _STOPWORDS,
    _TITLES,
    _WEAK_GIVEN,
    _is_given_name,
)

# Known identifiers shorter than this (in code points, after normalisation) are ignored:
# two-letter tokens ("Al", "Om", initials) would flag half of any text.
MIN_KNOWN_LENGTH = 3


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
            "id",
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
        self._phones: list[str] = []  # normalised written forms (+ kept: international)
        self._contacts: dict[str, str] = {}  # normalised address/handle -> category
        # Vault dates, as the days they name: matched as a whole in any format, never by parts
        # (a year alone is no vault value).
        self._dates: set[tuple] = set()
        # Vault values as their letters and digits only ("zarthbourg", "qwynnzarthuli",
        # "dossierqz7731"): found again when the text spells them with hyphens or spaces inside
        # ("Zarth-bourg", "Q w y n n"), glued into one word or a hashtag ("#FreeQwynnZarthuli").
        self._squashed: dict[str, str] = {}
        self._squash_prefixes: set[str] = set()  # to stop joining words as soon as none fits
        # Whole vault values for the other script (crossscript.py): Arabic ones by the
        # skeletons of their first word, as reading patterns; Latin ones by the skeleton of
        # their first word, as shapes.
        self._cross_ar: dict[str, list[tuple[tuple[re.Pattern, ...], str]]] = {}
        self._cross_la: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        seen: set[tuple] = set()
        for item in known:
            ident = item if isinstance(item, KnownIdentifier) else KnownIdentifier(str(item))
            value = ident.value or ""
            if not value.strip():
                continue
            if ident.category == "date":
                self._dates.update(date_readings(value))
                continue
            if ident.category == "ref":  # the custodian's reference: only as a whole
                self._add_words(value, "id", seen, parts=False)
                continue
            kind = _contact_kind(value)
            if kind == "phone":
                self._phones.append(_normalise(value).strip())
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
        self._add_squashed(norm, category)
        # Without its article the value is the same name: "زقاوي" of "الزقاوي", "Zarqawi" of
        # "Alzarqawi" (the text's side drops the article in ``_stream``'s alternative key).
        bare = [key for key in keys if key != _AL_KEY]
        if bare and len(bare) < len(keys):
            self._add(bare, category, seen)
        bare_norm = _strip_arabic_articles(norm)
        if bare_norm != norm:
            self._add_words(bare_norm, category, seen, parts)
        elif parts:
            self._add_cross(norm, category)
        # Each distinctive part of a multi-word identifier identifies on its own too
        # (a surname, "Molenbeek" of "Sint-Jans-Molenbeek"). Not for contacts: the words of an
        # e-mail address are matched only together.
        if parts and len(keys) > 1:
            for word in _WORD_RE.findall(norm):
                if _distinctive(word):
                    self._add(list(_canon_token(word)), category, seen)
                    self._add_squashed(word, category)

    def _add_cross(self, norm: str, category: str) -> None:
        """Index a whole value (article-free) for the text of the other script."""
        words = [w for w in _WORD_RE.findall(norm) if w not in _LATIN_ARTICLE_WORDS]
        if not words:
            return
        if all(_ARABIC_CHAR_RE.match(w) for w in words):
            readings = [arabic_reading(w) for w in words]
            if all(readings):
                patterns = tuple(r[0] for r in readings)
                for first in readings[0][1]:
                    entries = self._cross_ar.setdefault(first, [])
                    if (patterns, category) not in entries:
                        entries.append((patterns, category))
            return
        shapes = [latin_shape(w) for w in words]
        if all(shapes):
            entries = self._cross_la.setdefault(skeleton(shapes[0]), [])
            if (tuple(shapes), category) not in entries:
                entries.append((tuple(shapes), category))

    def _add_squashed(self, norm: str, category: str) -> None:
        squashed = _SQUASH_RE.sub("", norm)
        if len(squashed) >= MIN_SQUASHED_LENGTH and squashed not in self._squashed:
            self._squashed[squashed] = category
            self._squash_prefixes.update(squashed[:k] for k in range(1, len(squashed)))

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
        if self._squashed:
            self._scan_squashed(doc, raw)
        if self._cross_ar or self._cross_la:
            self._scan_cross(doc, raw)
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
        if self._squashed:
            self._scan_squashed(doc, raw)
        if self._cross_ar or self._cross_la:
            self._scan_cross(doc, raw)
        if self._phones or self._contacts:
            self._scan_contacts(doc, raw)
        if self._dates:
            self._scan_dates(doc, raw)
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
                        want = cand.keys[k]
                        if not (
                            _keys_compatible(cur.key, want)
                            or (
                                cur.alt is not None
                                and k == m - 1
                                and _keys_compatible(cur.alt, want)
                            )
                        ) or (
                            cur.start != prev.start
                            and not _GAP_RE.fullmatch(norm, prev.end, cur.start)
                        ):
                            ok = False
                            break
                    if ok:
                        raw.append((start, stream[i + m - 1].end, cand.category, True))

    def _scan_squashed(self, doc: _Doc, raw: list) -> None:
        """Vault values spelled across words ("Zarth-bourg", "Q.w.y.n.n") or inside one word
        (a hashtag, a camel-case run, a name glued to another: "#JusticeForQwynnZarthuli")."""
        norm, squashed, prefixes = doc.norm, self._squashed, self._squash_prefixes
        toks = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(norm)]
        n = len(toks)
        for i, (start, end, tok) in enumerate(toks):
            joined = tok
            for j in range(i + 1, min(n, i + MAX_JOINED_WORDS)):
                if joined not in prefixes or not _JOIN_GAP_RE.fullmatch(
                    norm, toks[j - 1][1], toks[j][0]
                ):
                    break
                joined += toks[j][2]
                category = squashed.get(joined)
                if category is not None:
                    raw.append((start, toks[j][1], category, True))
            if len(tok) <= MIN_SQUASHED_LENGTH:
                continue
            category = squashed.get(tok)
            if category is not None:
                raw.append((start, end, category, True))
            elif (start and norm[start - 1] in "#@") or _CAMEL_RE.search(doc.fold, start, end):
                for value, category in squashed.items():
                    at = tok.find(value)
                    while at >= 0:
                        raw.append((start + at, start + at + len(value), category, True))
                        at = tok.find(value, at + 1)

    def _scan_cross(self, doc: _Doc, raw: list) -> None:
        """Whole vault values written in the other script: "Raqqa" for "الرقة", "يوسف حداد"
        for "Youssef Haddad" (crossscript.py says how the two are read together)."""
        norm = doc.norm
        latin: list[tuple[int, int, str]] = []
        arabic: list[tuple[int, int, str, list]] = []
        for m in _WORD_RE.finditer(norm):
            word = m.group()
            if _ARABIC_CHAR_RE.match(word):
                if self._cross_la:
                    variants = {word, _arabic_bare(word)}
                    readings = [r for r in map(arabic_reading, variants) if r]
                    if readings:
                        arabic.append((m.start(), m.end(), _arabic_bare(word), readings))
            elif self._cross_ar and word not in _LATIN_ARTICLE_WORDS:
                shape = latin_shape(word)
                if shape:
                    latin.append((m.start(), m.end(), shape))
        for i, (start, end, shape) in enumerate(latin):
            for patterns, category in self._cross_ar.get(skeleton(shape), ()):
                run = latin[i : i + len(patterns)]
                if len(run) < len(patterns) or not _cross_adjacent(norm, run):
                    continue
                if not all(p.fullmatch(t[2]) for p, t in zip(patterns, run, strict=True)):
                    continue
                consonants = sum(len(skeleton(t[2])) for t in run)
                if consonants >= MIN_CROSS_SKELETON or (
                    len(run) == 1
                    and consonants == MIN_CROSS_SKELETON - 1
                    and self._uncommon_latin(doc, start, norm[start:end])
                ):
                    raw.append((start, run[-1][1], category, True))
        for i, (start, _end, bare, readings) in enumerate(arabic):
            tried: set[int] = set()
            for _pattern, skeletons in readings:
                for first in skeletons:
                    for entry in self._cross_la.get(first, ()):
                        if id(entry) in tried:
                            continue
                        tried.add(id(entry))
                        shapes, category = entry
                        run = arabic[i : i + len(shapes)]
                        if len(run) < len(shapes) or not _cross_adjacent(norm, run):
                            continue
                        if not all(
                            any(p.fullmatch(shape) for p, _ in t[3])
                            for shape, t in zip(shapes, run, strict=True)
                        ):
                            continue
                        consonants = sum(len(skeleton(shape)) for shape in shapes)
                        if consonants >= MIN_CROSS_SKELETON or (
                            len(run) == 1
                            and consonants == MIN_CROSS_SKELETON - 1
                            and len(bare) >= 3
                            and bare not in _AR_STOPWORDS
                        ):
                            raw.append((start, run[-1][1], category, True))

    @staticmethod
    def _uncommon_latin(doc: _Doc, start: int, word: str) -> bool:
        """A short reading counts only on a capitalised word that no dictionary or list of
        given names has ("Raqqa", not "Rock" or "Rick")."""
        return (
            len(word) >= 4
            and doc.fold[start].isupper()
            and word not in _COMMON_WORDS
            and word not in _STOPWORDS
            and not _is_given_name(word)
        )

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
        for m in _OBF_EMAIL_RE.finditer(norm):  # "x at y dot com": the address it stands for
            address = deobfuscate_email(m.group())
            raw.append((m.start(), m.end(), "email", address in self._contacts))
        for m in _PHONE_RE.finditer(norm):
            s, e = m.span()
            hit = m.group()
            while hit and hit[-1] in "-.( ":
                hit = hit[:-1]
                e -= 1
            if not is_phone(hit):
                continue
            if hit.startswith("(") and ")" not in hit:
                s += 1
            known = any(_phone_match(p, hit) for p in self._phones)
            raw.append((s, e, "phone", known))
        if self._phones:
            # A vault number glued into a link or a word: wa.me/33698765432, tel:+33698...,
            # api.whatsapp.com/send?phone=33698765432, "appelle0698765432".
            for m in _DIGIT_RUN_RE.finditer(norm):
                if any(_phone_match(p, m.group()) for p in self._phones):
                    raw.append((m.start(), m.end(), "phone", True))

    def _scan_dates(self, doc: _Doc, raw: list) -> None:
        norm = doc.norm
        for m in _DATE_RE.finditer(norm):
            end = m.end()
            if norm[end - 1] == "." and _LAST_WORD_RE.search(norm, 0, end - 1).group() not in _ABBR:
                end -= 1  # sentence full stop after a full month name
            known = bool(self._dates) and bool(date_readings(norm[m.start() : end]) & self._dates)
            raw.append((m.start(), end, "date", known))
        for s, e in find_word_dates(norm):
            raw.append((s, e, "date", False))

    def _scan_regexes(self, doc: _Doc, raw: list) -> None:
        norm, fold = doc.norm, doc.fold
        self._scan_dates(doc, raw)
        subjects: list[tuple[int, int]] = []
        for s, e in find_ages(norm, fold, subjects):
            raw.append((s, e, "age", False))
        for s, e in subjects:
            word = norm[s:e]
            if _is_given_name(word) or word in _WEAK_GIVEN or word in _AMBIGUOUS_NAMES:
                raw.append((s, e, "person", False))
        gaz = _gazetteer()

        def excluded(name: str) -> bool:
            key = _place_key_of(name)
            return key in gaz.excluded_latin or key in gaz.excluded_arabic

        for s, e in find_organisations(fold, norm, excluded):
            raw.append((s, e, "organisation", False))
        for s, e in find_places(fold, norm, excluded):
            raw.append((s, e, "place", False))
        for s, e in find_cued_arabic_names(norm, excluded):
            raw.append((s, e, "person", False))
        seen = doc.lower_seen()

        def ordinary(word: str) -> bool:
            low = _normalise(word)
            return (
                low in _STOPWORDS
                or low in _COMMON_WORDS
                or low in _TITLES
                or low in _CUE_WORDS
                or low in seen
                or excluded(word)
            )

        for s, e in find_titled_names(fold, ordinary):
            raw.append((s, e, "person", False))

        def no_person(word: str) -> bool:  # "with Chechens": a demonym in the plural too
            forms = (word, word[:-1]) if word.endswith("s") else (word,)
            return any(ordinary(w) or _excluded_or_place(gaz, w) for w in forms)

        for s, e in find_cued_names(fold, no_person):
            raw.append((s, e, "person", False))
        if "(" in fold or "," in fold:
            for s, e in find_names_with_age(fold, ordinary):
                raw.append((s, e, "person", False))
        for s, e, cat in find_facilities(fold, norm, doc.lower_seen(), excluded):
            raw.append((s, e, cat, False))
        for s, e in find_ids(fold, norm):
            raw.append((s, e, "id", False))
        for m in _KUNYA_RE.finditer(fold):
            # German "um" before a place ("die Schlacht um Kobane") is no Umm
            if fold.startswith("um ", m.start()) and excluded(fold[m.start() + 3 : m.end()]):
                continue
            raw.append((m.start(), m.end(), "kunya", False))
        for m in _NISBA_RE.finditer(fold):
            # without an article the nisba must look like a name (capitalised)
            if m.group("art") or fold[m.start("stem")].isupper():
                raw.append((m.start(), m.end(), "nisba", False))
        for m in _UNIT_RE.finditer(fold):
            if not excluded(m.group()):  # Jaysh al-Khilafa: the group's own army
                raw.append((m.start(), m.end(), "unit", False))
        for s, e, cat in find_low_kunyas(norm):
            if cat != "unit" or not excluded(fold[s:e]):
                raw.append((s, e, cat, False))
        for m in _NICKNAME_RE.finditer(fold):
            raw.append((m.start(1), m.end(1), "person", False))
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
                if m.group("b") not in gaz.excluded_arabic:  # جيش الخلافة: the group's army
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
                # arabizi names are written in lower case and with digits: 5alil, 7asan, m7ammad
                e = toks[i][1]
                # (not after a hamza digit: 2ali is "he told me", 3ali is Ali)
                if (
                    e - s >= 4
                    and norm[s] != "2"
                    and norm[s:e].isascii()
                    and not norm[s:e].isalpha()
                ):
                    folded = arabizi_fold(norm[s:e])
                    if folded and _is_given_name(folded) and folded not in _AMBIGUOUS_NAMES:
                        raw.append((s, e, "person", False))
                i += 1

    def _latin_run(self, doc: _Doc, toks, i: int, j: int, raw: list, gaz: _Gazetteer) -> None:
        norm = doc.norm
        words = [norm[s:e] for s, e in toks[i:j]]
        m = len(words)
        # Towns: longest n-gram first; an excluded n-gram (country, group, major city) is skipped
        # whole so that its parts are not looked up on their own. A run right after a place
        # preposition ("in", "near", "à", "aus", "fi") that is no known word, name or excluded
        # place is a place too: villages no gazetteer lists.
        cued = _prev_word(norm, toks[i][0]) in PREPOSITIONS and not any(
            # "à Deir ez-Zor": a major city is not read as a small place named by its prefix
            _place_key(words[:size]) in gaz.excluded_latin
            for size in range(1, min(4, m) + 1)
        )
        k = 0
        while k < m:
            hit = 0
            if k == 0 and cued:
                size = 0
                while size < m and self._unknown_name_word(doc, words[size]):
                    size += 1
                if size and _place_key(words[:size]) not in gaz.excluded_latin:
                    raw.append((toks[i][0], toks[i + size - 1][1], "place", False))
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
        persons_end = 0
        while k < m:
            w = words[k]
            start_tok = toks[i + k][0]
            is_name = _is_given_name(w)
            if (
                not is_name
                and w in _WEAK_GIVEN
                and w not in doc.lower_seen()
                and w not in _COMMON_DE_FR
            ):
                # a weaker list: mid-sentence, or followed by a surname-like capitalised word
                is_name = not doc.sentence_initial(start_tok) or (
                    k + 1 < m
                    and _capitalised_name_word(words[k + 1])
                    and words[k + 1] not in _COMMON_WORDS
                    and not self._excluded_place(gaz, words[k + 1])
                )
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
            if (
                is_name
                and k > 0
                and not persons_end > k - 1
                and self._unknown_name_word(doc, words[k - 1])
                and words[k - 1] not in gaz.latin
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
                if not _capitalised_name_word(nw) or self._excluded_place(gaz, nw):
                    break
                end += 1
            raw.append((start_tok, toks[i + end - 1][1], "person", False))
            persons_end = end
            k = end

    @staticmethod
    def _excluded_place(gaz: _Gazetteer, word: str) -> bool:
        return word in gaz.excluded_latin and not _is_given_name(word)

    @staticmethod
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
        )

    @staticmethod
    def _ordinary_word(doc: _Doc, start: int, word: str) -> bool:
        """A lone capitalised word that is probably just a word, not a place."""
        if (
            word in _STOPWORDS
            or word in _COMMON_WORDS
            or word in _COMMON_DE_FR
            or word in _NAME_PARTICLES
            or len(word) < 3
        ):
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
            compound = w == "عبد" and k + 1 < m and words[k + 1].startswith("ال")
            if (
                w not in _AR_GIVEN_SET
                and not compound
                and not (
                    w in _AR_WEAK_GIVEN
                    and (words[k - 1] if k > 0 else _prev_word(norm, s_tok)) in _AR_CUES
                )
            ):
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
            end = k + 2 if compound else k + 1
            family = 0  # family names written with the article: السالم، العلي، الخطيب
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
                if (
                    nw.startswith("ال")
                    and len(nw) >= 4
                    and family < 2
                    and not (len(nw) >= 7 and nw.endswith(("ين", "ون", "ات")))  # plurals
                    and nw not in _AR_STOPWORDS
                    and nw not in gaz.excluded_arabic
                ):
                    end += 1
                    family += 1
                    continue
                break
            if w in _AR_AMBIGUOUS and prev not in _AR_CUES and end == k + 1:
                k += 1
                continue
            if w == "عمر" and end == k + 1 and k + 1 < m and words[k + 1].startswith("ال"):
                k += 1  # عمر المقاتلين: "the fighters' age", a construct, not Omar
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
        # widely known public figures are not identifying; a vault match inside one still is
        figures = [m.span() for m in _public_figures_re().finditer(doc.norm)]
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
            if figures and any(ps < e and s < pe for ps, pe in figures):
                members = [
                    mm
                    for mm in members
                    if mm[3] or not any(ps < mm[1] and mm[0] < pe for ps, pe in figures)
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


@functools.cache
def _public_figures_re() -> re.Pattern[str]:
    """Widely known public figures (data/public_figures.txt), on normalised text."""
    alts = sorted(
        {
            r"[\s\-]+".join(re.escape(w) for w in _normalise(name).replace("-", " ").split())
            for name in _PUBLIC_FIGURES
        },
        key=len,
        reverse=True,
    )
    return re.compile(rf"(?<!\w)(?:{'|'.join(alts)})(?!\w)")


# A nickname in quotes after "known as / aka / called": known as "Tiger", surnommé « Bébé ».
_NICKNAME_RE = re.compile(
    r"(?i:kn(?:own|ow|ew|ows)\s+(?:(?:him|her|them)\s+)?as|aka|a\.k\.a\.?|called|nicknamed|alias|surnomm\w*|dit|genannt|namens)\s+"
    r"[\"']([A-Z][\w'\-]*(?:\s[A-Z][\w'\-]*)?)[\"']"
)
_GAP_RE = re.compile(r"[\s\-_.']{0,3}")
# What may stand between the pieces of one vault value written apart: a hyphen, a dot, an
# underscore, a slash, an apostrophe or a space (one or two of them).
_JOIN_GAP_RE = re.compile(r"[\s\-_./'*+|\u00b7\u2022]{1,2}")
MAX_JOINED_WORDS = 14  # letter-spaced: "Q w y n n Z a r t h u l i" is 13 words
MIN_SQUASHED_LENGTH = 5
_SQUASH_RE = re.compile(r"[\W_]+")
_CAMEL_RE = re.compile(r"[a-z][A-Z]")
_DIGIT_RUN_RE = re.compile(r"\d{8,}")
_GAP_WORD_RE = re.compile(r"[ \-]|[ ]?'[ ]?|  ")
_GAP_AR_RE = re.compile(r"[ \-]{1,2}")
_PREV_WORD_RE = re.compile(r"([^\W_]+)[\s\-]*$")


def _prev_word(norm: str, start: int) -> str:
    m = _PREV_WORD_RE.search(norm, max(0, start - 40), start)
    return m.group(1) if m else ""


def _excluded_or_place(gaz: _Gazetteer, word: str) -> bool:
    """A country, group or major city, or a town the gazetteer lists (with Raqqa, in Bochum)."""
    key = _place_key_of(word)
    return key in gaz.excluded_latin or key in gaz.latin


# A whole value read across scripts needs this many consonants ("Mossoul": m-s-l); one fewer
# only for a one-word value read on an uncommon capitalised word ("Raqqa": r-q).
MIN_CROSS_SKELETON = 3
_LATIN_ARTICLE_WORDS = frozenset({"al", "el", "ul", "il", "ol", *_SUN_ARTICLES})
_CROSS_GAP_RE = re.compile(
    r"[\s\-_.']{0,3}(?:(?:"
    + "|".join(sorted({"al", "el", "ul", "il", *_SUN_ARTICLES}))
    + r")[\s\-_.']{1,3})?"
)


def _cross_adjacent(norm: str, run) -> bool:
    return all(_CROSS_GAP_RE.fullmatch(norm, a[1], b[0]) for a, b in itertools.pairwise(run))


_AR_ARTICLE_WORD_RE = re.compile(r"(?<![^\W\d_])\u0627\u0644(?=[\u0621-\u064a]{3})")


def _strip_arabic_articles(norm: str) -> str:
    """The Arabic words of ``norm`` without their article (at least three letters left)."""
    return _AR_ARTICLE_WORD_RE.sub("", norm) if "\u0627\u0644" in norm else norm


def _distinctive(word: str) -> bool:
    """Can this part of a multi-word identifier stand for it on its own?"""
    if _ARABIC_CHAR_RE.match(word):
        return len(word) >= 3 and word not in _AR_STOPWORDS and word not in _AR_PARTICLES
    return (
        len(word) >= 4
        and word not in _STOPWORDS
        and word not in _COMMON_WORDS
        and word not in _CUE_WORDS
        and word not in _NAME_PARTICLES
        and word not in _TITLES
        and word not in ("abdul", "abdel", "abou", "allah")
    )


def _capitalised_name_word(word: str) -> bool:
    return len(word) >= 2 and word not in _STOPWORDS


def scan_text(text: str, known: Iterable[KnownIdentifier | str] = ()) -> list[Finding]:
    return LeakScanner(known).scan(text)


# Per-token memo caches (emptied by the benchmark to time a text of all-new words).
TOKEN_CACHES = (_canon_token, _latin_key, _is_given_name)
