"""Phone numbers (libphonenumber), e-mail addresses, social handles and URLs."""

from __future__ import annotations

import functools
import re

import phonenumbers

from .findings import Raw
from .normalise import finditer_needed
from .wordlists import words

__all__ = ["deobfuscate_email", "is_phone", "phone_readings", "scan_contacts"]

# Regions in which a number written without a country code is read (data/phone_regions.txt).
_REGIONS = tuple(sorted(w.upper() for w in words("phone_regions.txt")))

_PHONE_RE = re.compile(
    r"(?<![\w+/.\-])(?:\+|00)?\(?\d(?:(?:[ .\-]?\(|\)[ .\-]?|[ .\-])?\d){6,}(?![\w])"
)
_YEARS_ONLY_RE = re.compile(r"(?:(?:1[89]|20)\d\d\W*)+")
_EMAIL_RE = re.compile(r"(?<![\w.+\-])[\w.+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}(?![\w\-])")
_HANDLE_RE = re.compile(
    r"(?<![\w@./])@[a-z0-9_](?:[a-z0-9_.]*[a-z0-9_])?(?![\w@])"
    r"|(?<![\w./])(?:https?://)?(?:www\.)?(?:t|telegram)\.me/[a-z0-9_+/\-]+"
)
_TLDS = (
    r"com|net|org|info|biz|io|me|co|tv|ly|uk|fr|de|be|nl|se|dk|no|fi|ru|tr|tn|ma|dz|sy|iq|sa|jo|"
    r"lb|eg|ae|qa|kw|us|ca|au|ch|at|it|es|pt|pl|cz|eu|ws|tk|to|ps|onion|site|xyz|online|app"
)
_URL_RE = re.compile(
    r"(?<![\w@])(?:https?://|www\.)[^\s<>\"']+"
    rf"|(?<![\w@.\-/])[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.(?:{_TLDS})(?![\w\-])(?:/[^\s<>\"']*)?"
)
_URL_TRAIL = ".,;:!?)]}'\""


def _digits(s: str) -> str:
    return "".join(c for c in s if c.isdigit())


@functools.lru_cache(maxsize=4096)
def phone_readings(written: str) -> frozenset[tuple[int, int]]:
    """Every (country code, national number) a written phone number can be, by libphonenumber.

    International forms (``+44 …``, ``0044 …``) have one reading; a national form (``07700 …``,
    ``06 12 …``, ``0944 …``) has one per region of ``_REGIONS`` in which it is a possible number
    (right length; allocated or not, as the issue's rule wants).
    """
    digits = _digits(written)
    if not 6 <= len(digits) <= 17:
        return frozenset()
    intl = written.lstrip("( ").startswith("+") or digits.startswith("00")
    candidates = (
        ["+" + (digits[2:] if digits.startswith("00") else digits)]
        if intl
        else [(digits, region) for region in _REGIONS]
    )
    out: set[tuple[int, int]] = set()
    for cand in candidates:
        number, region = (cand, None) if isinstance(cand, str) else cand
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            continue
        code, national = parsed.country_code, parsed.national_number
        if code is not None and national is not None and phonenumbers.is_possible_number(parsed):
            out.add((code, national))
    return frozenset(out)


def is_phone(written: str) -> bool:
    """Does this digit run look like a phone number (and not a year list, a price, a count)?"""
    digits = _digits(written)
    if len(digits) < 7 or _YEARS_ONLY_RE.fullmatch(written):
        return False
    # with a trunk / international prefix any length libphonenumber could read; a bare run of
    # digits only when long (shorter bare runs are counts, prices, case numbers)
    return written[0] in "+(0" or len(digits) >= 9


def _phone_match(known: str, found: str) -> bool:
    """The same number in any format: national or international, any spacing.

    Readings by libphonenumber first; then, for runs it cannot read (two numbers written one
    after the other, a missing digit of the trunk prefix), the national significant part:
    trailing digits, leading zeros dropped.
    """
    ka, fb = phone_readings(known), phone_readings(found)
    if ka & fb:
        return True
    a, b = _digits(known).lstrip("0"), _digits(found).lstrip("0")
    k = min(len(a), len(b), 9)
    if k >= 7 and a[-k:] == b[-k:]:
        return True
    return len(a) >= 9 and a[-9:] in b


def _bare_national(known: str, found: str) -> bool:
    """Is ``found`` the vault number's national significant number written alone, as where
    no trunk 0 is dialled ("71 123 456" of +961 71 123 456, "22 123 456" in Tunisia)?"""
    digits = _digits(found)
    return len(digits) >= MIN_BARE_NATIONAL and any(
        str(national) == digits for _code, national in phone_readings(known)
    )


MIN_BARE_NATIONAL = 7


def _contact_norm(s: str) -> str:
    s = s.strip().lower().rstrip("/")
    s = re.sub(r"^(?:https?://)?(?:www\.)?", "", s)
    return s.lstrip("@")


def _contact_kind(value: str) -> str | None:
    v = value.strip()
    if _EMAIL_RE.fullmatch(v.lower()):
        return "email"
    if v.startswith("@") or re.match(r"(?:https?://)?(?:www\.)?(?:t|telegram)\.me/", v, re.I):
        return "handle"
    if re.match(r"(?:https?://|www\.)", v, re.I) or re.fullmatch(
        rf"[\w\-]+(?:\.[\w\-]+)*\.(?:{_TLDS})(?:/\S*)?", v.lower()
    ):
        return "url"
    if re.fullmatch(r"[+\d\s().\-/]+", v) and len(_digits(v)) >= 7:
        return "phone"
    return None


# An address written out so that harvesters miss it: "qorvmail at protonmail dot com",
# "x [at] y [dot] fr", "x (at) y.com", "x @ y point fr", "x arobase y point com".
_OBF_AT = r"(?:\s*[\[({<]\s*(?:at|@|arobase)\s*[\])}>]\s*|\s+(?:at|arobase|@)\s+)"
_OBF_DOT = r"(?:\s*[\[({<]\s*(?:dot|point|punkt|\.)\s*[\])}>]\s*|\s+(?:dot|point|punkt)\s+|\.)"
_OBF_EMAIL_RE = re.compile(
    rf"(?<![\w.+\-])[a-z0-9][\w.+\-]*{_OBF_AT}[a-z0-9][a-z0-9\-]*"
    rf"(?:{_OBF_DOT}[a-z0-9][a-z0-9\-]*)*{_OBF_DOT}(?:{_TLDS})(?![\w\-])"
)
_OBF_AT_RE = re.compile(_OBF_AT)
_OBF_DOT_RE = re.compile(_OBF_DOT)


def deobfuscate_email(written: str) -> str | None:
    """The address an e-mail written out in words stands for (lower case), else ``None``."""
    text = written.strip().lower()
    if _EMAIL_RE.fullmatch(text):
        return text
    if not _OBF_EMAIL_RE.fullmatch(text):
        return None
    local, domain = _OBF_AT_RE.split(text, maxsplit=1)
    return f"{local}@{'.'.join(_OBF_DOT_RE.split(domain))}"


_DIGIT_RUN_RE = re.compile(r"\d{8,}")
# An account named after its platform without an @: "insta is shaz.k99", "snap: zainab_x",
# "ig - hamza_official" (a name with a digit, a dot or an underscore inside, not a word).
_PLATFORM_HANDLE_RE = re.compile(
    r"(?<!\w)(?:insta(?:gram)?|ig|snap(?:chat)?|sc|tik\s?tok|tt|twitter|telegram|tg|discord|fb|facebook"
    r"|kik|threads|youtube|yt|twitch|signal"
    # or the account itself: "depuis le compte oum.samia.85", "the account zaynab_99", "Konto
    # abu.x_1", "profil", "pseudo", "user name"
    r"|(?:the|le|du|son|her|his|their|sein|ihr|dem|das)\s+(?:account|compte|konto|profil|profile|pseudo"
    r"|username|user\s+name|nickname|nutzername|benutzername)"
    r"|(?:account|compte|konto|pseudo|username|nutzername|benutzername))"
    r"(?:\s+(?:is|=|name|handle|account|username|id|est|ist|named|called|nomme|namens))?"
    r"\s*(?:[:=\-]\s*)?(?P<h>(?=[a-z0-9._]*[0-9._])[a-z][a-z0-9._]{2,29}[a-z0-9])(?![\w@]|\.[a-z0-9])"
)


_QUERY_RE = re.compile(r"[?#].*$")


def scan_contacts(norm: str, raw: list[Raw], phones: list[str], contacts: dict[str, str]) -> None:
    """E-mail addresses (plain and spelled out), handles, URLs and phone numbers; each marked
    known if it is one of the vault's ``phones`` / ``contacts``."""
    for rx, cat in ((_EMAIL_RE, "email"), (_HANDLE_RE, "handle"), (_URL_RE, "url")):
        for m in finditer_needed(rx, norm):
            s, e = m.span()
            if cat == "url":
                while e > s and norm[e - 1] in _URL_TRAIL:
                    e -= 1
                if e - s < 4:
                    continue
            hit = norm[s:e]
            known = False
            if contacts:
                cn = _contact_norm(hit)
                # the page without its query or fragment: facebook.com/x?ref=share is x's page
                page = _QUERY_RE.sub("", cn).rstrip("/")
                known = any(c in contacts or c.rsplit("/", 1)[-1] in contacts for c in {cn, page})
            raw.append((s, e, cat, known))
    for m in finditer_needed(_PLATFORM_HANDLE_RE, norm):
        s, e = m.span("h")
        if not any(c.isdigit() or c in "._" for c in norm[s:e]):
            continue  # (the look-ahead may have counted the sentence's full stop)
        known = bool(contacts) and _contact_norm(norm[s:e]) in contacts
        raw.append((s, e, "handle", known))
    for m in finditer_needed(_OBF_EMAIL_RE, norm):  # "x at y dot com": the address it stands for
        address = deobfuscate_email(m.group())
        raw.append((m.start(), m.end(), "email", address in contacts))
    for m in _PHONE_RE.finditer(norm):
        s, e = m.span()
        hit = m.group()
        while hit and hit[-1] in "-.( ":
            hit = hit[:-1]
            e -= 1
        if not is_phone(hit) and not any(_bare_national(p, hit) for p in phones):
            continue
        if hit.startswith("(") and ")" not in hit:
            s += 1
        known = any(_phone_match(p, hit) for p in phones)
        raw.append((s, e, "phone", known))
    if phones:
        # A vault number glued into a link or a word: wa.me/33698765432, tel:+33698...,
        # api.whatsapp.com/send?phone=33698765432, "appelle0698765432".
        for m in _DIGIT_RUN_RE.finditer(norm):
            if any(_phone_match(p, m.group()) for p in phones):
                raw.append((m.start(), m.end(), "phone", True))
