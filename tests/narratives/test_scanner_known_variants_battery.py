# (Arabic script in test data is intended.)
"""A battery for issue 13's known-identifier rule: every vault value is found again in every
variant form the rule lists, embedded in short English, French, German, Arabic and arabizi
sentences (pure Python, no Django).

The variant forms are made by the small generators below (case, diacritics and tashkeel, hamza
and alef forms, article spacing and sun letters, transliteration equivalences and letter rules,
arabizi digits, possessives, surname-first order, parts alone, particles split or joined,
Arabic clitics, phone, e-mail, handle, URL and date formats), from about forty fictional vault
values; only the other-script spelling of a value is written by hand. A variant is found when
the scanner's vault findings (``scan_known``) cover at least half of its characters, the rule
of bench/scanner_eval.py. A value must not match an unrelated word (the negative cases).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import phonenumbers
import pytest

from narratives.anonymize import KnownIdentifier, LeakScanner
from narratives.anonymize.wordlists import _STOPWORDS

# ---------------------------------------------------------------------------------------------
# the vault values

# Latin values are written with marks for the Arabic letters arabizi writes with digits:
# {7} ح (h), {5} خ (kh), {9} ق (q), {S} ص (s), {3a} ع + vowel (a), {3} ع alone, {2} ء alone.
_MARK_RE = re.compile(r"\{([235679S])([aeiou]?)\}")
_PLAIN = {"7": "h", "5": "kh", "9": "q", "S": "s", "3": "", "2": ""}
_DIGIT = {"S": "9"}


def _plain(marked: str) -> str:
    def sub(m: re.Match[str]) -> str:
        letter = _PLAIN[m.group(1)] + m.group(2)
        start = m.start()
        # a capital where the word starts
        if start == 0 or (not marked[start - 1].isalpha() and marked[start - 1] != "}"):
            return letter[:1].upper() + letter[1:]
        return letter

    return _MARK_RE.sub(sub, marked)


def _arabizi(marked: str) -> str:
    return _MARK_RE.sub(lambda m: _DIGIT.get(m.group(1), m.group(1)) + m.group(2), marked)


@dataclass(frozen=True)
class Value:
    kind: str  # person, kunya, nisba, place, phone, email, handle, url, date
    marked: str  # as above (Latin) or Arabic script
    other_script: tuple[str, ...] = ()  # the same value in the other script
    given: int = 1  # how many leading words are the given name (persons)

    @property
    def value(self) -> str:
        return _plain(self.marked)


VALUES = [
    # persons, Latin script
    Value("person", "Mo{7}ammed al-{7}alabi", ("محمد الحلبي",)),
    Value("person", "{3a}bdallah Zubair", ("عبد الله الزبير",)),
    Value("person", "{7}ussein {9}addouri", ("حسين القدوري",)),
    Value("person", "{5}alid Othman", ("خالد عثمان",)),
    Value("person", "Yusuf Gha{2}zali", ("يوسف الغزالي",)),
    Value("person", "{3u}mar Dhahabi", ("عمر الذهبي",)),
    Value("person", "{3a}bdulrahman Thabet", ("عبد الرحمن ثابت",)),
    Value("person", "Samir al-Shami", ("سمير الشامي",)),
    Value("person", "Zoubeir Mansouri", ("زبير المنصوري",)),
    Value("person", "{3a}mal Kassem", ("أمل قاسم",)),
    Value("person", "{3a}li {7}addad", ("علي حداد",)),
    Value("person", "{3u}thman Raa{3}i", ("عثمان الراعي",)),
    Value("person", "{S}abri Mas{3}oud", ("صبري مسعود",)),
    # persons, Arabic script
    Value("person", "عبد الرحمن الدوري", ("Abdulrahman al-Douri",)),
    Value("person", "أحمد الزعبي", ("Ahmed al-Zoubi",)),
    Value("person", "فاطمة الخطيب", ("Fatima al-Khatib",)),
    Value("person", "مصطفى العلي", ("Mustafa al-Ali",)),
    Value("person", "يوسف الجبوري", ("Youssef al-Jubouri",)),
    Value("person", "إسماعيل المؤذن", ("Ismail al-Muezzin",)),
    # kunyas
    Value("kunya", "Abu {7}amza al-Muhajir", ("أبو حمزة المهاجر",), given=2),
    Value("kunya", "أبو قتادة الشامي", ("Abu Qatada al-Shami",), given=2),
    Value("kunya", "Abou Ya{7}ya al-Tunisi", ("أبو يحيى التونسي",), given=2),
    # nisbas
    Value("nisba", "al-Britani", ("البريطاني",)),
    Value("nisba", "الأنصاري", ("al-Ansari",)),
    # places
    Value("place", "Kafr Zaytoun", ("كفر زيتون",)),
    Value("place", "{3a}in al-{5}adra", ("عين الخضرا",)),
    Value("place", "حي الزهور", ("Hay al-Zuhur",)),
    Value("place", "Tal{9}ouna", ("طلقونة",)),
    # phones
    Value("phone", "+33 6 12 34 56 78"),
    Value("phone", "+963 944 123 456"),
    Value("phone", "+49 151 23456789"),
    Value("phone", "+44 7700 900123"),
    Value("phone", "0944 555 777"),
    # e-mails
    Value("email", "Halabi.M@protonmail.com"),
    Value("email", "zubair_89@gmail.com"),
    # handles
    Value("handle", "@abu_hamza_88"),
    Value("handle", "@Shami.Samir"),
    # URLs
    Value("url", "https://facebook.com/halabi.mohammed"),
    Value("url", "instagram.com/amal.kassem"),
    # dates
    Value("date", "12/03/2015"),
    Value("date", "2016-07-04"),
]

# ---------------------------------------------------------------------------------------------
# the generators: one family of variant forms each

_AR = re.compile("[\u0600-\u06ff]")


@dataclass(frozen=True)
class Variant:
    family: str
    form: str  # what is written
    span: str = ""  # the part of ``form`` that must be covered (default: all of it)
    langs: tuple[str, ...] = ()  # the sentence languages it fits (default: all)


def _words(v: str) -> list[str]:
    return v.split()


def _is_arabic(v: str) -> bool:
    return bool(_AR.search(v))


# Transliteration equivalences of whole words (lower case), each set one name.
_EQUIVALENT_NAMES = [
    ("mohammed", "muhammad", "mohamed", "mohammad", "muhammed", "mouhamad"),
    ("abdallah", "abdullah", "abdellah", "abd allah", "abdul-lah", "abd-allah"),
    ("zubair", "zubayr", "zoubeir", "zoubair"),
    ("abu", "abou", "abo"),
    ("yusuf", "youssef", "yousef", "yousif"),
    ("hussein", "husayn", "houcine", "hussain", "hocine"),
    ("khalid", "khaled"),
    ("umar", "omar"),
    ("uthman", "othman", "osman", "othmane"),
    ("abdulrahman", "abdel rahman", "abd al-rahman", "abderrahmane", "abdurrahman"),
    ("samir", "sameer"),
    ("qaddouri", "kaddouri", "qadduri", "gaddouri"),
    ("halabi", "halaby", "halabee"),
]
# Letter rules of the usual Latin spellings of Arabic (lower case, applied one at a time).
_LETTER_RULES = [
    ("q", ("k", "g")),
    ("kh", ("x",)),
    ("gh", ("g", "r")),
    ("dh", ("z", "d")),
    ("th", ("t", "s")),
    ("aa", ("a",)),
    ("ou", ("u", "oo")),
    ("u", ("ou", "oo")),
    ("ei", ("ai", "ay")),
    ("ai", ("ei", "ay")),
    ("ay", ("ai", "ei")),
    (r"([b-df-hj-np-tv-z])\1", (r"\1",)),
]
# Transliterations that are no transliteration (a translation, another language's name).
_NOT_VARIANTS = {"joseph", "mehmet"}


def case(v: str) -> list[Variant]:
    return [Variant("case", f) for f in (v.lower(), v.upper(), v.title()) if f != v]


_LATIN_MARKS = {"h": "ḥ", "s": "ṣ", "a": "ā", "i": "ī", "u": "ū", "e": "é", "t": "ṭ", "d": "ḍ"}
_TASHKEEL = "\u064e\u064f\u0650\u0651\u0652"


def diacritics(v: str) -> list[Variant]:
    out = []
    if _is_arabic(v):
        # a mark after each letter in turn of the marks (fatha, damma, kasra, shadda, sukun)
        for k, mark in enumerate(_TASHKEEL):
            letters = [
                c + (mark if i % 2 == k % 2 and c.isalpha() else "") for i, c in enumerate(v)
            ]
            out.append(Variant("diacritics", "".join(letters)))
        return out
    for plain, marked in _LATIN_MARKS.items():
        if plain in v:
            out.append(Variant("diacritics", v.replace(plain, marked, 1)))
    out.append(Variant("diacritics", "".join(c + "\u0301" if c in "aeiou" else c for c in v)))
    return out


_HAMZA_ALEF = {
    "\u0627": "\u0623\u0625\u0622\u0671",  # ا -> أ إ آ ٱ
    "\u0623": "\u0627\u0625",
    "\u0625": "\u0627\u0623",
    "\u0629": "\u0647",  # ة -> ه
    "\u0649": "\u064a",  # ى -> ي
    "\u064a": "\u0649\u0626",  # ي -> ى ئ
    "\u0624": "\u0648",  # ؤ -> و
    "\u0626": "\u064a",
}


def hamza_alef(v: str) -> list[Variant]:
    if not _is_arabic(v):
        return []
    out = []
    for i, c in enumerate(v):
        for alt in _HAMZA_ALEF.get(c, ""):
            if alt == "\u0649" and not (i + 1 == len(v) or v[i + 1] == " "):
                continue  # ى only at the end of a word
            if alt == "\u0626" and (i + 1 == len(v) or v[i + 1] == " "):
                continue  # ئ only inside a word
            out.append(Variant("hamza_alef", v[:i] + alt + v[i + 1 :]))
    return out


_SUN = ("t", "th", "d", "dh", "r", "z", "s", "sh", "n")
_ARTICLE_RE = re.compile(r"\b([Aa])l-(\w+)")


def article(v: str) -> list[Variant]:
    m = _ARTICLE_RE.search(v)
    if not m or _is_arabic(v):
        return []
    a, name = m.group(1), m.group(2)
    out = [
        f"{a}l {name}",
        f"{'E' if a == 'A' else 'e'}l-{name}",
        f"{a}l{name}",
        f"{a}l-{name.lower()}",
    ]
    out += [f"{a.upper()}L-{name.upper()}", f"ul-{name}"]
    low = name.lower()
    sun = max((s for s in _SUN if low.startswith(s)), key=len, default=None)
    if sun:
        out += [
            f"{a}{sun}-{name}",
            f"{a}{sun[0]}-{name}",
            f"{'e' if a == 'a' else 'E'}{sun}-{name}",
        ]
    return [Variant("article", v[: m.start()] + f + v[m.end() :]) for f in out]


def translit(v: str) -> list[Variant]:
    if _is_arabic(v):
        return []
    out = []
    words = v.split()
    for i, w in enumerate(words):
        low = w.lower()
        bare = re.sub(r"^(?:al|el)-", "", low)
        prefix = w[: len(w) - len(bare)]
        for names in _EQUIVALENT_NAMES:
            if bare in names:
                for alt in names:
                    if alt != bare and alt not in _NOT_VARIANTS:
                        form = prefix + alt[:1].upper() + alt[1:]
                        out.append(" ".join([*words[:i], form, *words[i + 1 :]]))
        for pattern, subs in _LETTER_RULES:
            for m in re.finditer(pattern, bare):
                for sub in subs:
                    alt = bare[: m.start()] + m.expand(sub) + bare[m.end() :]
                    if alt != bare and len(alt) >= 3:
                        form = prefix + alt[:1].upper() + alt[1:]
                        out.append(" ".join([*words[:i], form, *words[i + 1 :]]))
    return [Variant("translit", f) for f in dict.fromkeys(out) if f.lower() != v.lower()]


def arabizi(marked: str) -> list[Variant]:
    if _is_arabic(marked) or "{" not in marked:
        return []
    ar = _arabizi(marked)
    return [
        Variant("arabizi", f) for f in dict.fromkeys((ar, ar.lower(), ar.replace("al-", "el ")))
    ]


def possessive(v: str, kind: str) -> list[Variant]:
    if _is_arabic(v) or kind not in ("person", "kunya", "place"):
        return []
    last = v.split()[-1].split("-")[-1]
    alone = "vocabulary_alone" if _vocabulary(last) else "possessive"
    out = [
        Variant("possessive", f"{v}'s", f"{v}'s", ("en",)),
        Variant("possessive", f"{v}’s", f"{v}’s", ("en",)),
        Variant(alone, f"des {last}", last, ("fr",)),
        Variant("possessive", f"{v}s Bruder", f"{v}s", ("de",)),
        Variant(alone, f"the {last}s", f"{last}s", ("en",)),
    ]
    if kind == "person":
        out.append(Variant("possessive", f"{last}s Bruder", f"{last}s", ("de",)))
        out.append(Variant("possessive", f"{last}'s", f"{last}'s", ("en",)))
    if v[0].lower() in "aeiouh":
        out.append(Variant("possessive", f"l'oncle d'{v}", v, ("fr",)))
        out.append(Variant("possessive", f"l’oncle d’{v}", v, ("fr",)))
    return out


def order(v: str, kind: str, given: int) -> list[Variant]:
    words = v.split()
    if kind != "person" or len(words) < 2:
        return []
    first, last = " ".join(words[:given]), " ".join(words[given:])
    out = [f"{last} {first}", f"{last}, {first}"]
    if not _is_arabic(v):
        out.append(f"{last.upper()} {first}")
    return [Variant("order", f) for f in out]


_AR_ARTICLE = "\u0627\u0644"


def _vocabulary(word: str) -> bool:
    """A bare word of the movement's or the languages' vocabulary (muhajir, emigrant): alone
    it is no name, whatever the vault holds (issue 13: religious and movement vocabulary is
    not identifying)."""
    return word.lower() in _STOPWORDS


def parts(v: str, kind: str, given: int) -> list[Variant]:
    words = v.split()
    if kind not in ("person", "kunya", "place") or len(words) < 2:
        return []
    last = words[-1]
    out = [Variant("surname_alone", last)]
    bare = re.sub(r"^(?:al|el)-", "", last, flags=re.I)
    if bare != last:
        family = "vocabulary_alone" if _vocabulary(bare) else "surname_alone"
        out.append(Variant(family, bare[:1].upper() + bare[1:]))
    if _is_arabic(last) and last.startswith(_AR_ARTICLE) and len(last) > 5:
        out.append(Variant("surname_alone", last[2:]))
    if kind == "person":
        out.append(Variant("first_alone", " ".join(words[:given])))
    if kind == "kunya":
        out.append(Variant("kunya_short", " ".join(words[:2])))
    return out


def particles(v: str) -> list[Variant]:
    out = []
    if "عبد ال" in v:
        out.append(v.replace("عبد ال", "عبدال"))
    if "أبو " in v:
        out += [v.replace("أبو ", "ابو "), v.replace("أبو ", "ابو")]
    low = v.lower()
    if low.startswith("abdul") and " " not in v.split()[0]:
        rest = v.split()[0][5:]
        tail = v[len(v.split()[0]) :]
        out += [
            f"Abdel {rest}{tail}",
            f"Abd al-{rest.lower()}{tail}",
            f"Abd al-{rest}{tail}",
            f"Abdul-{rest}{tail}",
            f"Abdel-{rest}{tail}",
        ]
    m = re.match(r"(Abu|Abou) (\w+)", v)
    if m:
        out += [
            v.replace(m.group(), f"{m.group(1)}-{m.group(2)}"),
            v.replace(m.group(), f"Bou {m.group(2)}"),
        ]
    return [Variant("particles", f) for f in out]


def clitics(v: str, kind: str) -> list[Variant]:
    if not _is_arabic(v) or kind not in ("person", "kunya", "place", "nisba"):
        return []
    words = v.split()
    out = [Variant("clitics", _proclitic(p, v)) for p in ("و", "ب", "ل", "ف", "وب", "ول", "فب")]
    last = words[-1]
    if last.startswith(_AR_ARTICLE) and len(words) > 1:
        for p in ("و", "ب", "ف", "وب", "ل", "ول"):
            out.append(Variant("clitics", _proclitic(p, last)))
    return out


def _proclitic(prefix: str, word: str) -> str:
    """``prefix`` written onto ``word``: li + al is لل (للحلبي), not لال."""
    if prefix.endswith("ل") and word.startswith(_AR_ARTICLE):
        return prefix + word[1:]
    return prefix + word


def other_script(value: Value) -> list[Variant]:
    return [Variant("other_script", f) for f in value.other_script]


_AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def phones(v: str) -> list[Variant]:
    number = phonenumbers.parse(v, None if v.startswith("+") else "SY")
    fmt = phonenumbers.PhoneNumberFormat
    intl = phonenumbers.format_number(number, fmt.INTERNATIONAL)
    national = phonenumbers.format_number(number, fmt.NATIONAL)
    e164 = phonenumbers.format_number(number, fmt.E164)
    digits = re.sub(r"\D", "", national)
    cc = str(number.country_code)
    nsn = phonenumbers.national_significant_number(number)
    pairs = " ".join(digits[i : i + 2] for i in range(0, len(digits), 2))
    out = [intl, national, e164, digits, "00" + e164[1:], f"00{cc}-{nsn[:3]}-{nsn[3:]}"]
    out += [pairs, pairs.replace(" ", "."), pairs.replace(" ", "-"), f"+{cc} (0){nsn}"]
    out += [f"+{cc}{nsn}".translate(_AR_DIGITS), digits.translate(_AR_DIGITS)]
    out += [f"({digits[:4]}) {digits[4:]}", f"+{cc} {nsn[:3]} {nsn[3:6]} {nsn[6:]}"]
    return [Variant("phone_format", f) for f in dict.fromkeys(out) if f != v]


def emails(v: str) -> list[Variant]:
    local, domain = v.split("@")
    host, tld = domain.rsplit(".", 1)
    out = [v.lower(), v.upper(), f"{local} at {host} dot {tld}", f"{local} [at] {host} [dot] {tld}"]
    out += [f"{local}(at){domain}", f"{local} arobase {host} point {tld}", f"{local} @ {domain}"]
    return [Variant("email_form", f) for f in dict.fromkeys(out) if f != v]


def handles(v: str) -> list[Variant]:
    bare = v.lstrip("@")
    out = [bare, v.lower(), v.upper(), "@" + bare.lower(), f"t.me/{bare}"]
    return [Variant("handle_form", f) for f in dict.fromkeys(out) if f != v]


def urls(v: str) -> list[Variant]:
    bare = re.sub(r"^https?://(?:www\.)?", "", v)
    out = [
        bare,
        "www." + bare,
        "https://" + bare,
        "http://www." + bare,
        "https://" + bare + "/",
        bare + "/",
        "https://www." + bare + "?ref=share",
        bare + "?igshid=abc123",
        "HTTPS://" + bare.upper(),
    ]
    return [Variant("url_form", f) for f in dict.fromkeys(out) if f != v]


_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "ar": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
    "lev": "كانون_الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين_الأول تشرين_الثاني كانون_الأول",
}


def dates(v: str) -> list[Variant]:
    m = re.fullmatch(r"(\d\d)/(\d\d)/(\d{4})", v) or re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", v)
    assert m
    if "/" in v:
        d, mo, y = (int(x) for x in m.groups())
    else:
        y, mo, d = (int(x) for x in m.groups())
    names = {k: s.split()[mo - 1].replace("_", " ") for k, s in _MONTHS.items()}
    out = [
        Variant("date_format", f"{d:02d}/{mo:02d}/{y}"),
        Variant("date_format", f"{d}.{mo}.{y}"),
        Variant("date_format", f"{d:02d}-{mo:02d}-{y}"),
        Variant("date_format", f"{y}-{mo:02d}-{d:02d}"),
        Variant("date_format", f"{d} {names['en']} {y}", langs=("en", "arabizi")),
        Variant("date_format", f"{names['en']} {d}, {y}", langs=("en",)),
        Variant("date_format", f"{names['en']} {d}th, {y}", langs=("en",)),
        Variant("date_format", f"{d} {names['fr']} {y}", langs=("fr",)),
        Variant("date_format", f"{d}. {names['de']} {y}", langs=("de",)),
        Variant("date_format", f"{d} {names['ar']} {y}", langs=("ar",)),
        Variant("date_format", f"{d} {names['lev']} {y}", langs=("ar",)),
        Variant("date_format", f"{d}/{mo}/{y}".translate(_AR_DIGITS), langs=("ar",)),
        Variant("date_format", f"{d} {names['ar']} {y}".translate(_AR_DIGITS), langs=("ar",)),
    ]
    return [x for x in out if x.form != v]


def variants(value: Value) -> list[Variant]:
    v, kind = value.value, value.kind
    if kind == "phone":
        return phones(v)
    if kind == "email":
        return emails(v)
    if kind == "handle":
        return handles(v)
    if kind == "url":
        return urls(v)
    if kind == "date":
        return dates(v)
    out = [Variant("as_is", v)]
    out += case(v) + diacritics(v) + hamza_alef(v) + article(v) + translit(v)
    out += arabizi(value.marked) + possessive(v, kind) + order(v, kind, value.given)
    out += parts(v, kind, value.given) + particles(v) + clitics(v, kind) + other_script(value)
    return out


# ---------------------------------------------------------------------------------------------
# the sentences

# each variant mid-sentence, and at the start of a turn after a question
SENTENCES = {
    "en": ("Yesterday {} came to the office and asked for the papers.", "Who told you? {}."),
    "fr": ("Hier, {} est venu au bureau pour les papiers.", "Qui vous l'a dit ? {}, je crois."),
    "de": ("Gestern ist {} ins Büro gekommen, wegen der Papiere.", "Wer war das? {}, glaube ich."),
    "ar": ("جاء {} إلى المكتب أمس وسأل عن الأوراق.", "من قال لك؟ {} على ما أظن."),
    "arabizi": ("mbare7 {} ija 3al maktab w sa2al 3an el war2at", "meen 2allak? {} ya3ni"),
}


@dataclass
class Case:
    text: str
    start: int
    end: int
    variant: Variant = field(repr=False)
    lang: str = ""


def _cases(value: Value, family: str) -> list[Case]:
    out = []
    for var in variants(value):
        if var.family != family:
            continue
        for lang, templates in SENTENCES.items():
            if var.langs and lang not in var.langs:
                continue
            if lang == "arabizi" and _is_arabic(var.form):
                continue  # arabizi is written in Latin letters
            for template in templates:
                text = template.format(var.form)
                at = text.index(var.form) + var.form.index(var.span or var.form)
                out.append(Case(text, at, at + len(var.span or var.form), var, lang))
    return out


@functools.cache
def _scanner(value: str) -> LeakScanner:
    return LeakScanner([KnownIdentifier(value)])


def _covered(findings, start: int, end: int) -> float:
    chars: set[int] = set()
    for f in findings:
        chars.update(range(max(start, f.start), min(end, f.end)))
    return len(chars) / max(1, end - start)


# Families that truly conflict with precision, with the reason (strict xfail).
XFAIL: dict[tuple[str, str], str] = {
    ("*", "vocabulary_alone"): (
        "the bare word of a nisba that is movement vocabulary (muhajir: emigrant) would match"
        " the ordinary word in every text; with its article (al-Muhajir) it is found"
    ),
}

FAMILIES = (
    "as_is",
    "case",
    "diacritics",
    "hamza_alef",
    "article",
    "translit",
    "arabizi",
    "possessive",
    "order",
    "surname_alone",
    "first_alone",
    "kunya_short",
    "vocabulary_alone",
    "particles",
    "clitics",
    "other_script",
    "phone_format",
    "email_form",
    "handle_form",
    "url_form",
    "date_format",
)


def _params():
    for value in VALUES:
        fams = sorted({v.family for v in variants(value)}, key=FAMILIES.index)
        for family in fams:
            marks = []
            reason = XFAIL.get((value.value, family)) or XFAIL.get(("*", family))
            if reason:
                marks.append(pytest.mark.xfail(strict=True, reason=reason))
            yield pytest.param(value, family, id=f"{value.value}|{family}", marks=marks)


@pytest.mark.parametrize(("value", "family"), list(_params()))
def test_every_variant_of_a_vault_value_is_found(value: Value, family: str) -> None:
    scanner = _scanner(value.value)
    missed = []
    for case_ in _cases(value, family):
        found = scanner.scan_known(case_.text)
        if _covered(found, case_.start, case_.end) < 0.5:
            missed.append(f"{case_.lang}: {case_.text[case_.start : case_.end]!r}")
    assert not missed, f"{value.value!r} {family}: missed {len(missed)}: " + "; ".join(
        dict.fromkeys(missed)
    )


def test_the_generator_makes_every_family():
    """The battery is honest: each family of the rule has variants to test."""
    made = {v.family for value in VALUES for v in variants(value)}
    assert made == set(FAMILIES)


def test_translations_are_not_variants():
    assert not any(
        v.form.split()[0].lower() in _NOT_VARIANTS for value in VALUES for v in variants(value)
    )


# ---------------------------------------------------------------------------------------------
# precision: a value never matches an unrelated word


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("Ali", "Alice went to Italia with her friends."),
        ("Ali", "Il a vendu des alibis et des Alinéas."),
        ("Ali Haddad", "Alice Haddadou wrote the report."),
        ("Amal Kassem", "We drove along the Amalfi coast."),
        ("Omar Dhahabi", "They flew to Omaha in May."),
        ("Samir al-Shami", "The shaman sat by the fire."),
        ("+33 6 12 34 56 78", "Call +33 6 12 34 56 79 tomorrow."),
        ("zubair_89@gmail.com", "Write to zubair_88@gmail.com instead."),
        ("12/03/2015", "It happened on 13/03/2015 and in March 2015."),
        ("@abu_hamza_88", "Follow @abu_hamza_89 for news."),
        ("https://facebook.com/halabi.mohammed", "See facebook.com/halabi.ahmed today."),
    ],
)
def test_a_vault_value_does_not_match_an_unrelated_word(value: str, text: str) -> None:
    assert LeakScanner([KnownIdentifier(value)]).scan_known(text) == []


@pytest.mark.parametrize("text", ["Amal came in.", "amal came in.", "AMAL came in."])
def test_a_known_name_matches_in_any_case(text: str) -> None:
    """By the rule a vault value matches regardless of case: "amal" (hope) too."""
    (f,) = LeakScanner([KnownIdentifier("Amal")]).scan_known(text)
    assert f.text.lower() == "amal"
