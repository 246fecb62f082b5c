"""Phone numbers, e-mail addresses, social handles and URLs."""

from __future__ import annotations

import re

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


def _phone_match(known: str, found: str) -> bool:
    """Compare the national significant part: trailing digits, leading zeros dropped.

    A run of digits longer than one number (two numbers written one after the other) matches
    when it contains the known number's last nine digits.
    """
    a, b = known.lstrip("0"), found.lstrip("0")
    k = min(len(a), len(b), 9)
    if k >= 7 and a[-k:] == b[-k:]:
        return True
    return len(a) >= 9 and a[-9:] in b


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
