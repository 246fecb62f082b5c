"""The vault index: known identifiers compiled once, found again in any spelling.

Names, aliases, towns and references are matched token by token through the
transliteration key (translit.py); contacts by their normalised address or digits, dates by
the days they name; whole values also across scripts (crossindex.py) and spelled across or
inside words (``Zarth-bourg``, ``#FreeQwynnZarthuli``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .contacts import _contact_kind, _contact_norm
from .crossindex import CrossIndex
from .dates import date_readings, scan_dates
from .findings import _HINT_KIND, KnownIdentifier, Raw
from .kunyas import _AR_KUNYA_RE, _AR_UMM_RE, _KUNYA_RE
from .normalise import _ARABIC_CHAR_RE, _WORD_RE, _Doc, _normalise
from .translit import (
    _AL_KEY,
    Key,
    _canon_token,
    _keys_compatible,
    _stream,
    _stream_keys,
    _Sub,
)
from .variants import spelling_variants
from .wordlists import (
    _AR_PARTICLES,
    _AR_STOPWORDS,
    _ARAB_GIVEN_LATIN,
    _COMMON_DE_FR,
    _COMMON_WORDS,
    _CUE_WORDS,
    _NAME_PARTICLES,
    _STOPWORDS,
    _TITLES,
    _WESTERN_GIVEN,
    NISBA_STEMS,
    entries,
)

__all__ = ["MIN_KNOWN_LENGTH", "KnownIndex"]

# Known identifiers shorter than this (in code points, after normalisation) are ignored:
# two-letter tokens ("Al", "Om", initials) would flag half of any text.
MIN_KNOWN_LENGTH = 3

_GAP_RE = re.compile(r"[\s\-_.',]{0,3}")
# What may stand between the pieces of one vault value written apart: a hyphen, a dot, an
# underscore, a slash, an apostrophe or a space (one or two of them).
_JOIN_GAP_RE = re.compile(r"[\s\-_./'*+|\u00b7\u2022]{1,2}")
MAX_JOINED_WORDS = 14  # letter-spaced: "Q w y n n Z a r t h u l i" is 13 words
MIN_SQUASHED_LENGTH = 5
_SQUASH_RE = re.compile(r"[\W_]+")
_CAMEL_RE = re.compile(r"[a-z][A-Z]")
_VALUE_ARTICLES = frozenset({"al", "el", "ul", "il"})
_AR_ARTICLE_WORD_RE = re.compile(r"(?<![^\W\d_])\u0627\u0644(?=[\u0621-\u064a]{3})")


@dataclass(slots=True)
class _Known:
    keys: list[Key]
    category: str


MIN_SPLIT_BUCKET = 8  # a bucket of fewer values is read whole


class _Bucket:
    """The values of ``KnownIndex.index`` under one skeleton, in their order, with those of
    two words or more also by the skeleton of their second key: a text token is tried only
    against the values whose second word the next token may be (``_keys_compatible`` asks the
    same skeleton). For a value of two words the next token's other readings count too
    (``_Sub.alts``: its last word may carry a clitic); for a longer one only its key."""

    __slots__ = ("flat", "longer", "pairs", "singles")

    def __init__(self, cands: list[_Known]) -> None:
        self.flat: list[_Known] | None = cands if len(cands) < MIN_SPLIT_BUCKET else None
        self.singles: list[tuple[int, _Known]] = []
        self.pairs: dict[str, list[tuple[int, _Known]]] = {}
        self.longer: dict[str, list[tuple[int, _Known]]] = {}
        for pos, cand in enumerate(cands):
            if len(cand.keys) == 1:
                self.singles.append((pos, cand))
            else:
                by = self.pairs if len(cand.keys) == 2 else self.longer
                by.setdefault(cand.keys[1][0], []).append((pos, cand))

    def candidates(self, nxt: _Sub | None) -> list[_Known]:
        """The values (in index order) a token may open when ``nxt`` is the token after it."""
        if self.flat is not None:
            return self.flat
        if nxt is None:
            return [cand for _, cand in self.singles]
        chosen = dict(self.singles)
        skeleton = nxt.key[0]
        chosen.update(self.pairs.get(skeleton, ()))
        chosen.update(self.longer.get(skeleton, ()))
        for alt in nxt.alts():
            chosen.update(self.pairs.get(alt[0], ()))
        return [chosen[pos] for pos in sorted(chosen)]


def _known_kind(value: str, hint: str) -> str:
    """The category of a vault value: its shape first (a kunya is a kunya), else its field."""
    if _KUNYA_RE.fullmatch(_Doc(value.strip()).fold):
        return "kunya"
    norm = _normalise(value.strip())
    m = _AR_KUNYA_RE.fullmatch(norm) or _AR_UMM_RE.fullmatch(norm)
    if m and m.start("b") == 0:
        return "kunya"
    return _HINT_KIND.get(hint, "person")


def _nisba_translations() -> list[tuple[re.Pattern[str], list[str]]]:
    out = []
    for line in entries("nisba_translations.txt"):
        key, _, phrases = line.partition(":")
        stem = NISBA_STEMS.get(key.strip())
        if stem:
            pattern = re.compile(
                rf"(?<![^\W\d_])(?:{_NISBA_ARTICLE})[\s\-]?(?:{stem})(?:y|iy|yy)?\b"
            )
            out.append((pattern, [p.strip() for p in phrases.split("|") if p.strip()]))
    return out


_NISBA_ARTICLE = "al|el|ul|il"
_NISBA_TRANSLATIONS = _nisba_translations()


def _translated_nisbas(value: str) -> list[str]:
    """The value with its nisba in the testimony's language: "Abu Hamza the Frenchman",
    "Abou Hamza le Français", "Abu Hamza der Franzose" of "Abu Hamza al-Faransi"."""
    norm = _normalise(value)
    if " " not in norm.strip():
        return []
    out = []
    for pattern, phrases in _NISBA_TRANSLATIONS:
        m = pattern.search(norm)
        if m and m.start() > 0:  # after a name: the nisba alone is no person
            out += [norm[: m.start()] + phrase + norm[m.end() :] for phrase in phrases]
    return out


def _unit_types() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in entries("unit_types.txt"):
        forms, _, names = line.partition(":")
        for form in forms.split():
            out[form] = [n.strip() for n in names.split("|") if n.strip()]
    return out


_UNIT_TYPES = _unit_types()
_LEADING_ARTICLE_RE = re.compile(r"^(?:al|el|a[dnrstz]|ash)[\s\-]+")


def _translated_unit(value: str) -> list[str]:
    """A unit's name with its type word in the testimony's language: "Tawhid Brigade",
    "brigade al-Tawhid" of "Liwa al-Tawhid", "Nusra Front" of "Jabhat al-Nusra"."""
    norm = _normalise(value).strip()
    first, _, rest = norm.partition(" ")
    names = _UNIT_TYPES.get(first.rstrip("'"))
    if not names or not rest:
        return []
    bare = _LEADING_ARTICLE_RE.sub("", rest)
    out = []
    for name in names:
        for named in dict.fromkeys((rest, bare)):
            out += [f"{named} {name}", f"{name} {named}"]
    return out


def _is_date_value(value: str) -> bool:
    """Is this vault value, passed without a field, a date the scanner reads as one day
    ("12/03/2015", "2016-07-04", "12 mars 2015")? It is then matched in any date format,
    not as a phone number by its digits."""
    norm = _normalise(value).strip()
    if not norm or not date_readings(norm):
        return False
    raw: list[Raw] = []
    scan_dates(norm, raw, set())
    return any(r[0] == 0 and r[1] == len(norm) for r in raw)


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


def _short_given(word: str) -> bool:
    """A three-letter given name that stands for its person alone ("Ali" of "Ali Haddad"):
    one the lists of given names have, and no word of the dictionaries."""
    return (
        len(word) == MIN_KNOWN_LENGTH
        and word.isascii()
        and word.isalpha()
        and (word in _ARAB_GIVEN_LATIN or word in _WESTERN_GIVEN)
        and word not in _STOPWORDS
        and word not in _COMMON_WORDS
        and word not in _COMMON_DE_FR
        and word not in _NAME_PARTICLES
        and word not in _TITLES
    )


def _demonyms(town: str) -> list[str]:
    """The German and French words for the people of a one-word town (Latin letters)."""
    if not town.isascii() or not town.isalpha() or len(town) < 4:
        return []
    stem = town[:-1] if town.endswith("e") else town
    return [town + "er", stem + "ais", stem + "aise", stem + "ois", stem + "oise", stem + "ien"]


MIN_TYPO_LENGTH = 5
MIN_CHANGED_LENGTH = 7
_TYPO_KINDS = frozenset({"person", "kunya", "place"})


def _one_slip(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` (different, same first letter) one edit apart: a letter dropped,
    added or changed, or two neighbours swapped?"""
    if a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        # a changed letter only in a long word: Karim / Karin, Hakim / Hakam are two names
        return (len(a) >= MIN_CHANGED_LENGTH and a[i + 1 :] == b[i + 1 :]) or (
            i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
        )
    return a[i:] == b[i + 1 :]


class KnownIndex:
    """The vault values of one ``LeakScanner``; read-only once built."""

    def __init__(self, known: Iterable[KnownIdentifier | str] = ()) -> None:
        self.index: dict[str, list[_Known]] = {}
        self.phones: list[str] = []  # normalised written forms (+ kept: international)
        self.contacts: dict[str, str] = {}  # normalised address/handle -> category
        # Vault dates, as the days they name: matched as a whole in any format, never by parts
        # (a year alone is no vault value).
        self.dates: set[tuple[str, int, int, int]] = set()
        # Vault values as their letters and digits only ("zarthbourg", "qwynnzarthuli",
        # "dossierqz7731"): found again when the text spells them with hyphens or spaces inside
        # ("Zarth-bourg", "Q w y n n"), glued into one word or a hashtag ("#FreeQwynnZarthuli").
        self.squashed: dict[str, str] = {}
        self._squash_prefixes: set[str] = set()  # to stop joining words as soon as none fits
        # Distinctive Latin words of the vault (five letters or more), by first letter and
        # length: a text word one typing slip away is the same name ("Jaydn" of "Jayden").
        self.typos: dict[tuple[str, int], list[tuple[str, str]]] = {}
        self.cross = CrossIndex()
        self.buckets: dict[str, _Bucket] = {}
        seen: set[tuple[tuple[Key, ...], str]] = set()
        for item in known:
            ident = item if isinstance(item, KnownIdentifier) else KnownIdentifier(str(item))
            value = ident.value or ""
            if not value.strip():
                continue
            if ident.category == "date" or _is_date_value(value):
                self.dates.update(date_readings(value))
                continue
            if ident.category == "ref":  # the custodian's reference: only as a whole
                self._add_words(value, "id", seen, parts=False)
                continue
            kind = _contact_kind(value)
            if kind == "phone":
                self.phones.append(_normalise(value).strip())
                continue
            if kind is not None:
                norm = _contact_norm(_normalise(value))
                self.contacts[norm] = kind
                tail = norm.rsplit("/", 1)[-1]
                if kind in ("handle", "url") and len(tail) >= MIN_KNOWN_LENGTH:
                    self.contacts.setdefault(tail, kind)
                # the bare handle / local part may also appear as a plain word sequence
                value = tail.split("@")[0] if kind != "url" else tail
                self._add_words(value, "handle" if kind != "url" else "url", seen, parts=False)
                continue
            category = _known_kind(value, ident.category)
            self._add_words(value, category, seen)
            for translated in _translated_nisbas(value) + _translated_unit(value):
                # Abu Hamza le Français; the Tawhid Brigade of Liwa al-Tawhid
                self._add_words(translated, category, seen, parts=False)
            own_parts = _WORD_RE.findall(_normalise(value))
            for variant in spelling_variants(value, category):  # Oezkaya, Achmad, Hauptstr.
                self._add_words(variant, category, seen, parts=own_parts)
            if category == "place" and " " not in value.strip():
                # its people: "die Dinslakener", "les Sevranais", "a Molenbeekois"
                for demonym in _demonyms(_normalise(value.strip())):
                    self._add_words(demonym, category, seen, parts=False)
        self._freeze()

    @classmethod
    def whole_values(cls, values: Iterable[str], category: str) -> KnownIndex:
        """An index of whole values only, in any spelling (no part stands for the whole)."""
        index = cls()
        seen: set[tuple[tuple[Key, ...], str]] = set()
        for value in values:
            index._add_words(value, category, seen, parts=False)
        index._freeze()
        return index

    def spans(self, doc: _Doc) -> list[tuple[int, int]]:
        """Where this index's values are in ``doc`` (normalised offsets), token by token."""
        raw: list[Raw] = []
        if self.index:
            self._scan_tokens(doc, raw)
        return [(r[0], r[1]) for r in raw]

    def _add_words(
        self,
        value: str,
        category: str,
        seen: set[tuple[tuple[Key, ...], str]],
        parts: bool | list[str] = True,
    ) -> None:
        """Index ``value``; with ``parts``, each distinctive word of it on its own too.

        A spelling variant passes the words of the value it spells (``parts`` as a list): its
        word stands alone only where the original word could ("Cumm" of "Umm Yahya" never,
        since "Umm" cannot, and "Cumm" would match "comme").
        """
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
            self.cross.add(norm, category)
        words = _WORD_RE.findall(norm)
        if parts is True and category in _TYPO_KINDS:
            for word in words:
                if (
                    len(word) >= MIN_TYPO_LENGTH
                    and word.isascii()
                    and word.isalpha()
                    and (len(words) == 1 or _distinctive(word))
                ):
                    self.typos.setdefault((word[0], len(word)), []).append((word, category))
        # Each distinctive part of a multi-word identifier identifies on its own too
        # (a surname, "Molenbeek" of "Sint-Jans-Molenbeek"). Not for contacts: the words of an
        # e-mail address are matched only together.
        if parts and len(keys) > 1:
            own = parts if isinstance(parts, list) and len(parts) == len(words) else words
            for i, (word, original) in enumerate(zip(words, own, strict=True)):
                if (_distinctive(word) and _distinctive(original)) or (
                    i == 0
                    and category == "person"
                    and _short_given(word)
                    and _short_given(original)
                ):
                    self._add(list(_canon_token(word)), category, seen)
                    self._add_squashed(word, category)
                elif i and words[i - 1] in _VALUE_ARTICLES and len(word) >= 4 and word.isalpha():
                    # a title or a word with its article is a family's name: "El-Sayed" of
                    # "Marwa El-Sayed" (Sayed alone is the honorific)
                    self._add(_stream_keys(words[i - 1] + " " + word), category, seen)

    def _add_squashed(self, norm: str, category: str) -> None:
        squashed = _SQUASH_RE.sub("", norm)
        if len(squashed) >= MIN_SQUASHED_LENGTH and squashed not in self.squashed:
            self.squashed[squashed] = category
            self._squash_prefixes.update(squashed[:k] for k in range(1, len(squashed)))

    def _add(self, keys: list[Key], category: str, seen: set[tuple[tuple[Key, ...], str]]) -> None:
        sig = (tuple(keys), category)
        if sig in seen:
            return
        seen.add(sig)
        self.index.setdefault(keys[0][0], []).append(_Known(keys, category))

    def scan(self, doc: _Doc, raw: list[Raw]) -> None:
        """The vault's names, towns and references, in any spelling or script."""
        if self.index:
            self._scan_tokens(doc, raw)
        if self.squashed:
            self._scan_squashed(doc, raw)
        if self.cross:
            self.cross.scan(doc, raw)
        if self.typos:
            self._scan_typos(doc, raw)

    def _scan_typos(self, doc: _Doc, raw: list[Raw]) -> None:
        """Vault words written with one slip: a letter dropped, added, changed or two swapped."""
        typos = self.typos
        for start, end, tok in doc.words():
            if (
                len(tok) < MIN_TYPO_LENGTH
                or not tok.isascii()
                # written as a name: capitalised, or in capitals (a lower-case word is a word)
                or not doc.fold[start].isupper()
                or not tok.isalpha()
                or tok in _STOPWORDS
                or tok in _COMMON_WORDS
                or tok in _COMMON_DE_FR
                or tok in _WESTERN_GIVEN  # a name of its own (Jaden is not Jayden's slip)
                or tok in _ARAB_GIVEN_LATIN
            ):
                continue
            for size in (len(tok) - 1, len(tok), len(tok) + 1):
                hit = next((c for w, c in typos.get((tok[0], size), ()) if _one_slip(tok, w)), None)
                if hit is not None:
                    raw.append((start, end, hit, True))
                    break

    def _freeze(self) -> None:
        """``index`` by the skeleton of a value's first key and, in a bucket of many values
        (the kunyas: "Abu ..."), by that of its second: made once the index is built."""
        self.buckets = {k: _Bucket(v) for k, v in self.index.items()}

    def _scan_tokens(self, doc: _Doc, raw: list[Raw]) -> None:
        stream = doc._stream
        if stream is None:
            stream = doc._stream = _stream(doc.norm, doc.words())
        buckets = self.buckets
        norm = doc.norm
        n = len(stream)
        for i, sub in enumerate(stream):
            for key, start in sub.readings():
                bucket = buckets.get(key[0])
                if bucket is None:
                    continue
                cands = bucket.candidates(stream[i + 1] if i + 1 < n else None)
                for cand in cands:
                    m = len(cand.keys)
                    if i + m > n or not _keys_compatible(key, cand.keys[0], m > 1):
                        continue
                    ok = True
                    for k in range(1, m):
                        prev, cur = stream[i + k - 1], stream[i + k]
                        want = cand.keys[k]
                        if not (
                            _keys_compatible(cur.key, want, True)
                            or (
                                k == m - 1
                                and any(_keys_compatible(a, want, True) for a in cur.alts())
                            )
                        ) or (
                            cur.start != prev.start
                            and not _GAP_RE.fullmatch(norm, prev.end, cur.start)
                        ):
                            ok = False
                            break
                    if ok:
                        raw.append((start, stream[i + m - 1].end, cand.category, True))

    def _scan_squashed(self, doc: _Doc, raw: list[Raw]) -> None:
        """Vault values spelled across words ("Zarth-bourg", "Q.w.y.n.n") or inside one word
        (a hashtag, a camel-case run, a name glued to another: "#JusticeForQwynnZarthuli")."""
        norm, squashed, prefixes = doc.norm, self.squashed, self._squash_prefixes
        toks = doc.words()
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
