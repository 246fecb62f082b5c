"""Exact ages: "I was 19", "aged 24", "à 19 ans", "ma fille de trois ans", "mit 17", "عمري ٢٧".

Age bands, durations and hypothetical ages are not ages of a person ("between 18 and 30",
"pendant deux ans", "zwischen 20 und 30 Jahre alt", "بقيت سنتين").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .normalise import _WORD_RE, finditer_at_words, finditer_near, finditer_needed, word_starts
from .wordlists import _AR_COMMON, _AR_STOPWORDS, _WEAK_GIVEN, _is_given_name, _lines, keyed, words

__all__ = ["find_ages"]


def _numbers() -> dict[str, list[str]]:
    out = {}
    for line in _lines("numbers.txt"):
        code, _, words = line.partition(":")
        out[code.strip()] = sorted(words.split(), key=len, reverse=True)
    return out


_N = _numbers()


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in words)


_EN = rf"(?:(?:{_alt(_N['en-tens'])})(?:[\s\-](?:{_alt(_N['en-units'])}))?|{_alt(_N['en-units'])})"
_FR = (
    r"(?:dix\s(?:sept|huit|neuf))|"
    rf"(?:(?:{_alt(_N['fr-tens'])})(?:[\s\-](?:et[\s\-])?(?:{_alt(_N['fr-units'])}))?"
    rf"|{_alt(_N['fr-units'])})"
)
_DE = rf"(?:(?:(?:{_alt(_N['de-units'])})und)?(?:{_alt(_N['de-tens'])})|{_alt(_N['de-units'])})"
_AR = rf"(?:{_alt(_N['ar'])})(?:\s+عشر[ةه]?|\s+و(?:{_alt(_N['ar'])}))?"
# the teens of Maghrebi, Levantine and Iraqi chat by their shape: a unit's stem and the "-ta3ch"
# ending in its many spellings (tlata3ch, 5amsta3ch, sbe3ta3ch, 6mista3ash, ta3ch)
_AZ_TEEN = (
    r"(?:wa7d?a?|7da?|hda|i?tna|etna|tla?t+a?|tle?t+a?|arba3a?|rba3a?|arb3a?|[5k]h?ams?a?|khmas|khms"
    r"|sit+a?|set+a?|sba3a?|saba3a?|sab3a?|sbe3a?|sba|seba|tman[a]?|tmen[a]?|tmn|6man|6min|6mis|6mns|tes3a?"
    r"|tis3a?|tsa3a?|t[ei]sa3|tes|tis|ta|se[bp]|sa[bp]|se|s)(?:ta3ch|ta3sh|ta3ash|ta3esh|t3ach|t3ash|ta3shar"
    r"|ta3sher|tashar|tasher|tachar|tash|tach|3ach|3ash|3che?|3sh|a3ash|a3sh)"
)
_AZ_UNIT = rf"(?:{_alt(_N['az-units'])}|{_AZ_TEEN}|{_alt(_N['az-dual'])})"
_AZ_TENS = rf"(?:{_alt(_N['az-tens'])})"
# "tlata w 3eshreen", "3echrin w tmenya", "wa7d w3chrin": either order, the "w" joined or not
_AZ = (
    rf"(?:{_AZ_UNIT}\s*w[ae]?\s*{_AZ_TENS}|{_AZ_TENS}\s*w[ae]?\s*{_AZ_UNIT}|{_AZ_TENS}|{_AZ_UNIT})"
)
_NUM = rf"(?:\d{{1,2}}|{_EN}|{_FR}|{_DE})"
_AR_NUM = rf"(?:\d{{1,2}}|{_AR})"
_AR_YEARS = r"(?:سنه|سنوات|سنين|عاما|عام|اعوام)"
_AR_DUAL = _alt(_N["ar-dual"])
# Every match of ``_AGE_RE`` holds a number: digits, a number word, an Arabic dual ("سنتين")
_NUMBER_WORDS = frozenset(
    w
    for code in (
        "en-units",
        "en-tens",
        "fr-units",
        "fr-tens",
        "de-units",
        "de-tens",
        "ar",
        "ar-dual",
        "az-dual",
    )
    for entry in _N[code]
    for w in entry.split("-")
)
_DE_TENS = tuple(_N["de-tens"])


def _number_spans(words: list[tuple[int, int, str]]) -> Iterator[tuple[int, int]]:
    """The numbers among ``words`` in text order: words holding a digit, number words, German
    compounds (dreiundzwanzig)."""
    for s, e, w in words:
        if w in _NUMBER_WORDS or not w.isalpha() or w.endswith(_DE_TENS):
            yield s, e


# what may follow a bare number that is an age ("I was 18," / "was 15 at the time")
_NOT_AGE_AFTER = re.compile(
    r"\s*(?:[:.,/]\d|%|(?:hours?|minutes?|mins?|km|kms|kilometres?|miles?|metres?|meters?|"
    r"people|men|women|brothers|sisters|fighters|children|kids|times|dollars?|euros?|pounds?|"
    r"lira|percent|kg|o'?clock|days?|weeks?|months?|am|pm|h\b|of\b|or\b|more|others|pages?|seiten|lines?|"
    r"heures?|jours?|semaines?|mois|personnes|hommes|fois|minuten|stunden|tage|wochen|monate|"
    r"manner|leute|mal|uhr|prozent|euro|dollar|-?something|ish\b|odd\b|s\b|"
    r"frauen|kinder|familien|familles|femmes|enfants|gens|families|"
    # "we were five girls", "nous étions trois filles", "wir waren vier Mädchen": a count
    r"girls|boys|sons|daughters|wives|friends|of\s+us|filles|garcons|fils|soeurs|freres|amies?|"
    r"madchen|jungen|sohne|tochter|schwestern|bruder|freundinnen|geschwister|siblings|cousins|"
    r"enfants|cousines|cousins|"
    r"in\s+(?:one|a|the|each)\s+room|dans\s+(?:la|une|chaque)\s+(?:salle|piece|chambre)|in\s+einem\s+zimmer|"
    r"(?:and|und|et|or|ou|oder|to|bis|-)\s*\d)"
    # another number after a comma: a count or a guess ("dreißig, vierzig Leute", "17, 18")
    rf"|\s*,\s*(?:{_NUM})(?!\w))"
)
# "waren zwei Jahre in Syrien", "was 3 years in prison": years without "old" is a duration
_DURATION_AFTER = re.compile(
    r"(?:(?<=jahre)|(?<=years)|(?<=ans))\s+(?:in|im|dort|lang|bei|hier|da|zusammen|there|at|with|together|"
    r"long|in|la-bas|en|au|dans|chez)(?!\w)"
)
_BAND_BEFORE = re.compile(
    r"(?:between|entre|zwischen|from|de|von|and|et|und|or|ou|oder|to|-|–)\s*\d{1,2}\s*(?:and|et|und|to|a|bis|-|–)\s*$"
    r"|(?<!\w)(?:under|over|unter|uber|moins\s+de|plus\s+de|below|above|more\s+than|less\s+than"
    r"|at\s+least|at\s+most|au\s+moins|minimum|mindestens|hochstens|على\s+الاقل"
    r"|mehr\s+als|weniger\s+als|اكثر\s+من|اقل\s+من)\s*$|(?<![\d.])\d{1,2}\s*[-–]\s*$"
)

_AGE_RE = re.compile(
    # at the age of 17 / aged 24 / age 24 / âgé de 24 ans / im Alter von 17
    rf"(?<!\w)(?:at\s+(?:the\s+)?age\s+(?:of\s+)?|aged?\s+(?:(?:just|only|barely)\s+)?|age\s+of\s+|agee?s?\s+de\s+"
    rf"|im\s+alter\s+von\s+|a\s+l'age\s+de\s+){_NUM}(?:\s*(?:ans|jahren|years?))?(?!\w)"
    # 17 years old / 17-year-old / 17 yo / 17 Jahre alt / 17-jahrig
    rf"|(?<!\w){_NUM}[\s\-]*(?:years?|yrs?|jahre)[\s\-]*(?:old|of\s+age|alt)(?!\w)"
    rf"|(?<!\w)\d{{1,2}}\s*(?:y/?o|y\.o\.)(?!\w)|(?<!\w)\d{{1,2}}(?:yrs?|yo)(?!\w)|(?<!\w){_NUM}[\s\-]jahrig\w*"
    # I was 18 / he is 5 now / she's only 14 / ich war damals 22 / turned 16
    rf"|(?<!\w)(?P<subj>[^\W\d_]+)(?:'s|'m|'re|,?\s+(?:am|was|is|were|are|turned|turns|war|bin|"
    rf"bist|ist|wurde|wird|waren|sind|seid|sei|seien|ware)),?\s+"
    # (fillers and adverbs in any order, a comma after each: "ich war damals, äh, siebzehn")
    rf"(?:(?:ah|ahm|euh|uh|um|erm|hm|ja|yeah|also|well|only|just|barely|nearly|almost|then|already|now|like|both|"
    rf"damals|erst|gerade|schon|noch|knapp|fast|bereits|jetzt|morgen|heute|bald),?\s+){{0,3}}(?P<n>{_NUM})"
    rf"(?:[\s\-]*(?:years?|yrs?|jahre)(?:[\s\-]*(?:old|alt|of\s+age))?|\s*ans)?(?!\w)"
    # mit 17 (bin ich gegangen) / a 17 ans / j'avais 19 ans / fille de trois ans
    rf"|(?<!\w)mit\s+(?P<mit>{_NUM})(?=\s*(?:jahren\b|,|\s+(?:bin|ging|war|habe|hab|hat|wurde|"
    rf"kam|zog|ist|haben|sind|reiste|wollte|musste|hatte|fing|begann|fuhr|lernte|heiratete|bekam|"
    rf"verliess|horte|trat|durfte|konnte|sollte|verlor|sah|flog|floh|kamen|gingen)\b))"
    rf"|(?<!\w)(?P<ans>{_NUM})\s*(?:ans|balais|piges|berges)(?!\w)"
    # is now six / is 5 now
    rf"|(?<!\w)(?:is|sind|ist)\s+(?:now|jetzt)\s+{_NUM}(?!\w)"
    # Arabic: عمري كان ١٩ سنة / كان عمري ٢١ سنة / عمر ابني ست سنوات / عمره سنتان
    rf"|(?<![^\W\d_])[وف]?(?:عمر|بعمر|بالعمر)[^\W\d_]*"
    rf"(?:\s+(?!{_AR_NUM}\b)(?!حوالي|تقريبا|نحو|قرابه)[^\W\d_]+)?\s+"
    rf"(?:(?:{_AR_NUM})(?:\s*{_AR_YEARS})?|{_AR_DUAL})(?![^\W\d_])"
    rf"|(?<![^\W\d_])(?:ابن|ابنه|بنت|طفل|طفله)\s+(?:ال\s*)?{_AR_NUM}\s*{_AR_YEARS}(?![^\W\d_])"
    # يبلغ ٤٥ عاما / البالغ من العمر ٢٣ عاما / أتمت ثماني سنوات
    rf"|(?<![^\W\d_])[وف]?(?:يبلغ|تبلغ|ابلغ|نبلغ|البالغ|البالغه|اتم|اتمت|بلغ|بلغت)(?:\s+من\s+العمر)?\s+"
    rf"(?:{_AR_NUM})\s*{_AR_YEARS}(?![^\W\d_])"
    rf"|(?<![^\W\d_]){_AR_NUM}\s*{_AR_YEARS}\s+من\s+ال?عمر(?![^\W\d_])"
    # colloquial: عندي ١٧ سنة (I am 17), 3andi 17 sene
    rf"|(?<![^\W\d_])[وف]?(?:عندي|عنده|عندها|عندك)\s+(?:{_AR_NUM})\s*{_AR_YEARS}(?![^\W\d_])"
    r"|(?<!\w)(?:3andi|3ande|3indi|3ando|3anda|3andha|3ndi|3ndo|3ndu|3ndha)\s+(?:(?:ghir|bas|just)\s+)?\d{1,2}\s*(?:sene|snin|sneen|sana|sna|sinin|3am|years?)(?!\w)"
    # انا ١٧ سنة: I am 17
    rf"|(?<![^\W\d_])[وف]?(?:انا|انتي|انت)\s+(?P<ana>\d{{1,2}})\s*(?:سنه|عاما|سنين)(?![^\W\d_])"
    # "ana kamlt 25", "kmalt 19 lbare7": I turned
    r"|(?<!\w)(?:kamlt|kmlt|kmalt|kamalt|kammalt|kemmelt|kmelt)\s+\d{1,2}(?!\w)"
    rf"|(?<=[,،])\s*(?P<arc>\d{{1,2}}\s*(?:عاما|سنه))(?![^\W\d_])"
    # Arabizi: 3omri 18 sene / 3omro 23 / 3omr ibna 4 snin
    r"|(?<!\w)3[ou]?mr\w*(?:\s+(?!\d)\w+)?\s+\d{1,2}(?:\s*(?:sene|snin|sneen|sana|sna|sinin|years?))?(?!\w)"
    # "fi sinn 19", "b sen 17": at the age of
    r"|(?<!\w)(?:fi|f|b|bi)\s+(?:sinn?|senn?)\s+\d{1,2}(?!\w)"
)
_SUBJECTS_NOT_PERSON = frozenset(
    [
        "it",
        "this",
        "that",
        "there",
        "here",
        "which",
        "what",
        "price",
        "cost",
        # a figure of religion: "The Prophet was 40 when the revelation began"
        "prophet",
        "prophete",
        "messenger",
        "total",
        "number",
        "distance",
        "temperature",
        "time",
        "score",
        "es",
        "das",
        "dies",
        "dieser",
        "diese",
        "dieses",
        # several people at once: "some were 18, some 40" is no one's age
        "some",
        "many",
        "most",
        "few",
        "all",
        "others",
        "both",
        "none",
        "several",
        "manche",
        "viele",
        "certains",
        "beaucoup",
    ]
)
# durations and sentences: "pendant deux ans", "depuis 3 ans", "5 ans de prison"
# "N ans" is an age after avoir / à / âgé de / "ma fille de", or before "quand"; else a duration
# ("pendant deux ans", "travaillé trois ans", "5 ans de prison")
_FR_AGE_BEFORE = re.compile(
    # (chat French: "jsuis 17 ans", "chui 16 ans")
    r"(?:(?<!\w)(?:[jlnmt]?(?:avais|avait|avaient|avions|aviez|aura|aurai|auras|aurait|auront)|a|ai|as"
    r"|j?suis|chuis?|jsui|ont|avoir|agee?s?|ayant|ses|mes|tes|nos|vos|leurs)(?:\s+(?:eu|deja|seulement|juste|presque|bientot|meme|pas|que|alors|a\s+peine|tout\s+juste|encore|quoi|genre))*"
    # (not a sentence: "une peine de six ans", "une condamnation de 5 ans")
    r"|(?<!bout\s)(?<!plus\s)(?<!moins\s)(?<!pres\s)(?<!peine\s)(?<!condamnation\s)(?<!sursis\s)"
    r"(?<!detention\s)(?<!reclusion\s)(?<!\w)de|d'|[,:(])\s*$"
)
# a question about a duration: the "N ans" of its answer is one ("Combien de temps ? deux ans")
_DURATION_QUESTION_RE = re.compile(
    r"(?<!\w)(?:combien\s+de\s+(?:temps|mois|annees|ans)|depuis\s+(?:combien|quand)|how\s+long"
    r"|wie\s+lange|kam\s+mudd?a|9add?ech\s+mn\s+wa9t|ch7al\s+mn\s+wa9t)(?!\w)[^?]{0,30}\?"
)
# "Rayan 10 ans": a given name right before "N ans" (checked against the name lists)
_NAME_BEFORE = re.compile(r"(?<!\w)([^\W\d_]{3,})\s+$")
_FR_DURATION_AFTER = re.compile(
    r"\s*(?:de\s+prison|d'emprisonnement|de\s+reclusion|plus\s+tard|apres|de\s+(?:guerre|mariage|service))"
)
_APPROX_AFTER = re.compile(
    r"\s*(?:or\s+so|odd|-?something|ish|ou\s+plus|oder\s+so|environ|approximately|or\s+thereabouts"
    r"|ungefahr|circa|تقريبا|passes|passees|bien\s+sonnes|und\s+mehr|et\s+plus"
    # a band from the age on: "those aged 18 and over", "ages 12 and up", "ab 18 und älter"
    r"|(?:years?\s+(?:old\s+)?)?(?:and|or)\s+(?:over|above|older|up|under|younger|below)"
    r"(?!\s+(?:the|a|an|my|his|her|its|our|their|it|me|him|them|water|ground)\b)"
    r"|(?:ans\s+)?(?:et|ou)\s+(?:plus|moins)|(?:jahre\s+)?(?:und|oder)\s+(?:alter|junger|mehr|weniger)"
    r"|\+)(?!\w)"
)
# a hypothetical age: "if I had been 15", "si j'avais eu 16 ans", "wenn er 17 gewesen ware", "لو كان عمري"
# (arabizi: "law kan 3omri 30", "lau kent 18")
_HYPOTHETICAL_BEFORE = re.compile(
    r"(?<!\w)(?:if|si(?=\s+(?:j'|t'|l'|c'|(?:je|tu|il|elle|on|nous|vous|ils|elles|ma|mon|ta|ton|sa|son)\b))|s'il|wenn|falls|لو|(?:law|lau|lw|la|ila|ida|iza)(?=\s+(?:kan|kent|kunt|kont|kint|kanet|kenet|kanit)\b)"
    # arabizi "if you have / if your son": "ila 3andek 18 3am", "ila wlidek 3ando 15 3am"
    r"|(?:ila|ida|iza|idha|ilakan|lakan)(?=\s+(?:3a?nd\w*|3e?nd\w*|3omr\w*|3mr\w*|wlid\w*|weld\w*|wlad\w*|bent\w*"
    r"|nta|enta|nti|enti|ntaya|ntiya)\b))"
    r"\s[^.!?;\n]*$"
)
# anyone of that age: "whoever was 18", "celui qui avait 18 ans", "wer 18 war", "من كان في
# العشرين من عمره"
_ANYONE_BEFORE_RE = re.compile(
    r"(?:(?<!\w)(?:whoever|anyone\s+who|anybody\s+who|everyone\s+who|everybody\s+who|those\s+who"
    r"|quiconque|celui\s+qui|celle\s+qui|ceux\s+qui|celles\s+qui|wer|jeder,?\s+der|alle,?\s+die)"
    r"|(?:^|(?<=[.!?،,;:\n])\s*)(?:كل\s+)?من\s+(?:كان|كانت))\s[^.!?;\n]*$"
    # "يقال إن من عمره ثمانية عشر عاماً يعد بالغاً": whoever is of that age
    r"|(?<![^\W\d_])(?:ان\s+|كل\s+)?من\s+(?=عمر)"
)
# "A ten-year-old can't choose a side", "no 12-year-old should…", "any 15-year-old knows":
# a child in general, not the age of anyone in the testimony
_GENERIC_BEFORE = re.compile(
    r"(?:^|[.!?;:,\n\"“«]\s*|(?<!\w))(?:a|an|any|every|no|each)\s+(?=\S+$)|(?<!\w)(?:any|every|no|each)\s+(?=\S+$)"
)
_GENERIC_AFTER = re.compile(  # (the normal form drops the apostrophe: cant, doesnt)
    r"\s+(?:(?:child|kid|boy|girl)s?\s+)?(?:can(?:'?t|not)?|could(?:n'?t)?|should(?:n'?t)?|must"
    r"|would(?:n'?t)?|will|won'?t|does(?:n'?t)?|is\s+not|isn'?t|has\s+no|knows|understands)(?!\w)"
)
# "Some of the girls were married at fourteen", "les enfants étaient envoyés au camp à 12 ans":
# the age of a group in general, not of anyone close to the speaker
_GROUP_BEFORE = re.compile(
    # (the group opens its clause: "my son and the other boys were 12" is my son's age)
    r"(?:^|[.!?;:,\n]\s*|(?<!\w)(?:but|then|mais|puis|aber|dann)\s+)"
    r"(?:(?:some|most|many|all|several|half)\s+of\s+(?:the\s+|them\s+)?|(?:the|many|most|some|all)\s+)?"
    r"(?:(?:youngest|oldest|young|little|new|first|last|foreign)\s+)?"
    r"(?:girls|boys|children|kids|women|men|teenagers|teens|recruits|fighters|orphans|youngsters"
    r"|les\s+(?:filles|garcons|enfants|femmes|gamins|gamines)|(?:die|viele|manche)\s+(?:madchen|jungen|kinder|frauen)"
    r"|البنات|الاولاد|الاطفال|الصبيان)\s+(?:were|are|got|had|have|would\s+be|sont|etaient|ont|wurden|waren"
    r"|sind|كانوا|كانت|كن)(?!\w)[^.!?;\n]*$"
)
# A name followed by its age, as court records write it: "Mrs Naila Osei, 41, of Tottenham".
# ... or in brackets after the name: "Aqib Rasool (21)", "Ahmet Demir (20) wurde".
_BRACKET_AGE_RE = re.compile(
    r"(?:(?<=[A-Z][a-z])(?:[a-z]*\.?)|(?<=(?<![\w.])[A-Z]\.)|(?<=[A-Z]{3}))\s\((\d{1,2})\)"
)
# a spelled-out age in brackets after a name: "ihre Tochter Büşra (zweiundzwanzig)"
_BRACKET_WORD_AGE_RE = re.compile(
    rf"(?<![\w])[A-Z\u00c0-\u00de][^\W\d_]+\s\(((?i:{_DE}|{_EN}|{_FR}))\)"
)
_COMMA_AGE_RE = re.compile(
    r"(?:(?<=[A-Za-z)])|(?<=[A-Z]\.)|(?<=[A-Z]\d)|(?<=[A-Z]\d\d)),\s(\d{1,2})(?=[,.;)]|\s+(?i:of|from|de|aus|ans|years|jahre|j\.|taxi|driver|student|de\b)|\s+(?i:3am|3aam|sana|sna|snin|sene|sane)\b)"
    # after a record's date of birth: "geb. 5.5.1994, 26 J.", "née le 3/4/1999, 24 ans"
    r"|(?<=\d{4}),\s(\d{1,2})(?=\s*(?i:j\.|jahre|ans\b|years\b|y/o|yrs\b))"
)
# a spelled-out age between commas after a capitalised name: "Deniz, achtzehn, Azubi bei …"
_COMMA_WORD_AGE_RE = re.compile(
    rf"(?<=[A-Z][a-z])(?:[a-z]*),\s({_NUM})(?=\s*[,;)]|\s+(?:ans|years|jahre)\b)"
)
# "a boy of 14", "a teenager of fifteen"
# (literal first, the word before checked after: a scan for "of" is fast, an alternation is not)
_PERSON_OF_RE = re.compile(rf"of(?<=\sof)\s+(?P<n>{_NUM})(?:\s+(?:years?|yrs?))?(?!\w|\s*(?:%|\d))")
_PERSON_OF_BEFORE = re.compile(rf"(?<!\w)(?:{_alt(_N['person-of'])})\s+$")
# "At 17, I left" / "at seventeen I left": at and a number before a subject
_AT_RE = re.compile(
    rf"(?:at|by)(?<!\wat)(?<!\wby)\s+(?:(?:just|only|barely|age)\s+)?(?P<n>{_NUM})(?=\s*,?\s+(?:i|he|she|we|they|my|his|her)\s)"
)
# "me being 17", "being only 15", "only 16 and already a father", "16 at the time"
_BEING_RE = re.compile(
    rf"(?<!\w)being\s+(?:(?:only|just|barely|nearly|almost)\s+)?(?P<n>{_NUM})(?![\w%]|\s*(?:%|of\b|people|men|km))"
    rf"|(?<!\w)(?:only|just|barely)\s+(?P<m>{_NUM})(?=\s+and\s+(?:already|still)\b|\s+at\s+the\s+time)"
    # a memorial's apposition: "real name Brahim, from Anderlecht, only 23...", "— only nineteen!"
    rf"|(?:(?<=,)|(?<=[\-–—]))\s*(?:only|just|barely)\s+(?P<x>{_NUM})(?=\s*(?:years?\s+old)?\s*(?:\.|!|…|$|\n|[^\w\s,.;:%$€£]))"
    rf"|(?<![\w.,:/])(?P<t>\d{{1,2}})(?=\s+at\s+the\s+time\b)"
    # "Her little brother Tariq, nine at the time,": spelled out, after the person and a comma
    rf"|(?<=,)\s*(?P<w>{_NUM})(?=\s+at\s+the\s+time\b)"
)
# "my brother, then 16," / "Adam, now 7,"
_THEN_RE = re.compile(
    rf"(?<=,)\s*(?:then|now|aged|alors|damals|jetzt|heute)\s+(?P<n>{_NUM})(?=\s*[,.;)])"
)
# German: "als ich 16 war", "als er siebzehn wurde"; "mein dreijähriger Sohn"
_DE_ALS_RE = re.compile(
    rf"(?:als|seit|seitdem|bis)(?<!\wals)(?<!\wseit)(?<!\wseitdem)(?<!\wbis)\s+(?:ich|er|sie|du|wir|mein\w*\s+\w+)\s+(?P<n>{_NUM})"
    rf"\s+(?:war|wurde|waren|wurden|ist|bin|bist|sind|werde|wird)(?!\w)"
    # a relative clause: "mein Bruder, der 16 ist"
    rf"|(?<=,)\s*(?:der|die)\s+(?:(?:erst|gerade|schon|noch|jetzt|damals)\s+)?(?P<m>{_NUM})"
    rf"\s+(?:ist|war|wurde|wird)(?!\w)"
)
_DE_COMPOUND_RE = re.compile(rf"(?<!\w)(?P<n>(?:{_DE})jahrig\w*)")
# Arabic: في سن ١٧ / بسن ١٧ / ذات الخمس سنوات / في الخامسة عشرة من عمري / كنت في السابعة عشرة /
# في سن التاسعة عشرة
_AR_SINN_RE = re.compile(
    rf"(?<![^\W\d_])(?:[وف]?في\s+سن|بسن|ب\s*سن|[وف]?في\s+عمر)\s+(?P<n>{_AR_NUM})(?:\s*{_AR_YEARS})?(?![^\W\d_])"
    rf"|(?<![^\W\d_])(?:ذات|ذو|ذي)\s+(?P<d>ال?(?:{_AR}|\d{{1,2}})(?:\s+{_AR_YEARS}|\s+عاما|\s+ربيعا))(?![^\W\d_])"
)
# العمر ٢٤ سنة، وكان عمره عند القبض عليه ٢٦ سنة: the age a few words after "age"
_AR_AGE_NEAR_RE = re.compile(
    r"(?<![^\W\d_])[وف]?(?:ال)?عمر(?:ه|ها|ي|ك)?\s+(?:[^\W\d_]+\s+){0,3}(?P<n>\d{1,2})\s*"
    rf"{_AR_YEARS}(?![^\W\d_])"
)
_AR_ORD = _alt(_N["ar-ordinal-f"])
# a birthday by its ordinal: "بعيد ميلاده الخامس", "عيد ميلادها العشرين"
_AR_BIRTHDAY_ORDINAL_RE = re.compile(
    rf"(?<![^\W\d_])[وب]?(?:عيد|حفله)\s+(?:ال)?ميلاد[^\W\d_]*\s+"
    rf"(?P<o>(?:{_alt(_N['ar-ordinal-m'])}|{_AR_ORD})(?:\s+عشر[ه]?|\s+والعشرين)?)(?![^\W\d_])"
)
_AR_ORDINAL_RE = re.compile(
    # (or the eldest, the youngest: "أكبرهم في العاشرة")
    rf"(?<![^\W\d_])(?:(?:كنت|كان|كانت|وهو|وهي|وانا|انا|اكبرهم|اصغرهم|اكبرهن|اصغرهن|الكبير|الصغير|الكبري|الصغري)\s+"
    # (a name may stand between the verb and في: "كانت حلا في السابعة عشرة", not "كان الاجتماع")
    rf"(?:(?!ال)[^\W\d_]{{2,12}}\s+)?)?"
    rf"في\s+(?:سن\s+)?(?P<o>(?:{_AR_ORD})(?:\s+عشره?|\s+والعشرين)?)"
    rf"(?P<tail>\s+من\s+(?:ال)?عمر\w*)?(?![^\W\d_])"
)
# chat: "ur 19 not 12", "im 17 lol", "u r 15" (no verb spelled out)
_CHAT_AGE_RE = re.compile(
    r"(?<![\w'])(?:ur|u\s+r|im|i\s+m|youre|hes|shes|ure)\s+(?:(?:like|only|just|literally|barely)\s+)?"
    rf"(?P<n>\d{{1,2}}|(?!one\b){_EN})"
    r"(?=\s*$|\s*[!?,]|\s*\.(?!\d)|\s+(?:not|n|and|now|lol|bro|tho|already|innit|today|yrs?|years?|y/?o)\b|\s+[^\w\s])"
)
# German "war / ist + NUM" at the clause's end, after a person: "die war doch erst zwölf", "sie
# ist doch jetzt 18", "ihr Kleiner ist grad mal drei", "mein Freund Mustafa K. war 22."
_DE_COPULA_AGE_RE = re.compile(
    r"(?<!\w)(?:ich|du|er|sie|der|die|ihr|kleiner|kleine|sohn|tochter|bruder|schwester|freund"
    r"|freundin|cousin|cousine|neffe|nichte|enkel|enkelin|[a-z]\.)\s+(?:war|ist|wird|wurde)\s+"
    r"(?:(?:doch|erst|jetzt|grad|gerade|mal|schon|noch|bald|damals|dann|knapp|fast|gerade\s+mal)\s+){0,3}"
    rf"(?P<n>\d{{1,2}}|{_DE})(?=\s*[.!?;\n]|\s*,(?!\s*(?:\d|{_DE}))|\s*$"
    # (a chat's tag after it: "der ist doch grad mal 19 alter", "sie ist erst 15 oder")
    r"|\s+(?:alter|digga|lol|oder|ne|echt|haha|junge)(?!\w))"
)
# "mit 17 die Schule verließ": mit and a number before a lower-case word (a noun after it, "mit 17
# Männern", is a count)
# (a rule for everyone is no one's age: "Mit 14 dürfen Kinder ...", "mit 18 darf man")
_MIT_RE = re.compile(
    rf"it(?<=(?<!\w)[Mm]it)\s+({_NUM})(?=\s+[a-zäöü]|\s*[,.;!?]|\s*$)"
    r"(?!\s+(?:d[uü]rfen|darf|kann|k[oö]nnen|muss|m[uü]ssen|soll|sollen|wird|werden)\s+"
    r"(?i:man|kinder|jugendliche|jeder|jede|m[aä]dchen|jungen|sie)\b)"
)
# Arabizi: "ana kint 15 sane", "kan 3 snin" is a duration after other verbs; "3omra tlata w
# 3eshreen", "3ndek 21 3am", "kan 3omro tes3a"
_AZ_YEARS = r"(?:sane|sene|snin|sneen|sana|sna|sinin|snen|sanawat|3am|3amen|3aam|ans)"
_ARABIZI_AGE_RE = re.compile(
    r"(?<!\w)(?:kint|kunt|kent|kont|kunti|kinti|kenti|konti|kan|kanet|kenet|kanit|kanat|sar|sarli|saret|sarit|sa7et|ana|ena|"
    r"wlit|wlat|wlite|wallit|"
    r"howe|huwe|huwa|hiye|hiya|enta|inta|enti|inti)\s+"
    rf"(?P<n>\d{{1,2}}|{_AZ})\s*{_AZ_YEARS}(?!\w)"
    rf"|(?<!\w)(?:3omr|3umr|3mr|3emr)\w*(?:\s+(?!\d)\w+)?\s+(?P<t>{_AZ})(?!\w)"
    # "mchè w houwa sbata3ch": a pronoun and a spelled-out number at the clause's end (he was 17)
    r"|(?<!\w)(?:howa|houwa|huwa|hwa|houa|hiya|hia|hya|hiye|howe)\s+"
    rf"(?P<w>{_AZ})(?=\s*[.!?,;\n]|\s*$|\s+(?:w|ki|daba|taw|bas)\s)"
    rf"|(?<!\w)(?:3andi|3ande|3indi|3ando|3anda|3andha|3ndi|3ndek|3andak|3andek|3ndo|3ndu|3nda|3ndha|3ndhom|3andhom|3ndk"
    r"|3andou|3andhou|3ndou|3andu|3andah)\s+"
    rf"(?:(?:ghir|bas|ghi)\s+)?(?P<y>\d{{1,2}}|{_AZ}|{_AR_DUAL})"
    # (the unit left out before the clause goes on: "kan 3ando 25 ki rah", "3andou 15 w ma …")
    # (a baby's age in months too: "3andha 6 shhur")
    r"(?:\s*" + _AZ_YEARS + r"(?!\w)|\s*(?:chhor|chhour|shhur|shhour|shuhur|ashhor|ch7our)(?!\w)"
    r"|(?=\s+(?:ki|w|wa|ou|bas|daba|hala2|lyoum)\s|\s*[.!?,]|\s*$))"
    # "binti Ruqaya 3umurha 8", "3omri 20": the age after "his/her age", in digits
    r"|(?<!\w)(?:3omr|3umr|3mr|3emr|3umur|3omor)(?:i|o|ou|u|a|ha|ah|hom|ek|ak|uha|ra)\s+(?P<u>\d{1,2})(?!\w|[/.:,]\d)"
    # "5ayye Mo7ammad kan 14." (was 14, the sentence ends)
    r"|(?<!\w)(?:kan|kanet|kenet|kint|kunt|kent|kunti|kinti|kenti|konti)\s+(?P<m>\d{1,2})(?=\s*[.!?]|\s*$|\s+w\s)"
    # "tzawajit 6mista3ash", "tzawjt f 3omri 17": married at
    rf"|(?<!\w)(?:tzawajt|tzawjt|tzawajit|tzawjat|tzawwajt|tzawjet|tjawzt|dzawjt|tzawajet)\s+(?:(?:fi|f)\s+)?(?:(?:3omri|3omr|sen|sinn)\s+)?(?P<v>\d{{1,2}}|{_AZ})(?!\w)"
    # "mazal 17 3am", "mli wsselt 16": still N years, when I reached N
    rf"|(?<!\w)(?:mazal|mazel|ma\s+zal|ba9i|baqi|wsselt|wselt|wsalt|wasalt|wsolt|wsalet|wasalet)\s+(?P<r>\d{{1,2}}|{_AZ})(?=\s*{_AZ_YEARS}(?!\w)|\s*[,.!?]|\s+(?:w|ki|bas)\s)"
    # "3andi bent 3andha 3am", "bnt 3am w nass": one year old, the number left out
    # (not "3andi 3am f Paris": an uncle; the age ends its clause or takes a half)
    r"|(?<!\w)(?:3andha|3ndha|3andhou|3andou|3ando|3ndo|3ndou|3andu|3anda|3nda|3andi|3ndi)\s+"
    r"(?:(?:ghir|bas|ghi|bnt|bent|binti|bnti|weld|wld|wlid|weldi|wldi|ould|ibn|ben|ibni)\s+)?"
    r"(?P<z>3am|3amen|3amin|3aamen)(?=\s*[.!?,;\n]|\s*$|\s+(?:w\s*n[ao]ss?|w\s*nus|daba|hala2)(?!\w))"
    # "khouk Brahim kamal tmentach": completed (his) N years
    rf"|(?<!\w)(?:kamal|kmel|kemmel|kammal|kemel|kamlet|kmlat|kemlet)\s+(?P<x>\d{{1,2}}|{_AZ})(?!\w)"
)

# word orders the subject-verb pattern misses: "Bei der Ausreise war ich zwanzig", "dreiundzwanzig
# war ich", "Il en avait vingt-six", "j'en avais dix-sept", "an diesem Tag vier wurde", "baby is
# 8 months now", "when she was forty days old", "18 ans pour toujours"
_MORE_ORDERS_AGE_RE = re.compile(
    rf"(?<!\w)(?:war|bin|ist|wurde|wird)\s+(?:ich|er|sie|du)\s+(?:(?:damals|erst|gerade|schon|noch|jetzt|bereits)\s+)?"
    rf"(?P<n>{_NUM})(?=\s*[,.;!?]|\s+(?:jahre|als|und|mein|meine|sein|seine)\b)"
    rf"|(?:^|(?<=[.!?,;:\-]\s)|(?<=\n))(?P<m>{_NUM})\s+(?:war|bin|wurde)\s+(?:ich|er|sie)(?!\w)"
    # (ten and up: "il en avait deux" is two of them)
    rf"|(?<!\w)(?:j'en|il\s+en|elle\s+en)\s+(?:avais|avait|aura|aurait)\s+(?:(?:deja|a\s+peine|seulement|juste)\s+)?"
    rf"(?P<t>(?!(?:{_alt(_N['small'])})(?![\w\-])|\d(?!\d)){_NUM})(?:\s*ans)?(?!\w)"
    rf"|(?<=[a-z]\s)(?P<y>{_DE}|\d{{1,2}})\s+(?:wurde|geworden\s+ist|geworden\s+war|wird)(?=\s*[,.;!?]|\s*$)"
    rf"|(?<!\w)(?:baby|bebe|daughter|son|fille|fils|tochter|sohn|girl|boy|he|she|it)\s+(?:is|was|a|avait|ist|war)\s+(?:(?:now|only|just|maintenant|jetzt|erst)\s+)?"
    rf"(?P<x>{_NUM}\s+(?:months?|mois|monate[n]?|weeks?|semaines|wochen))(?!\w)"
    # (not how early: "the baby was two months early", "zwei Wochen zu früh")
    r"(?!\s+(?:early|late|premature|prematurely|overdue|too|before|after|ago|en\s+avance|en\s+retard"
    r"|trop|zu|vor|nach|later|plus\s+tot|plus\s+tard)(?!\w))"
    rf"|(?<![\w.,:/])(?P<z>{_NUM}[\s\-]+(?:days?|weeks?|months?)[\s\-]+old)(?!\w)"
    rf"|(?<![\w.,:/])(?P<w>{_NUM}(?:\s*(?:ans|years|jahre))?)(?=\s+(?:pour\s+toujours|forever|fur\s+immer)\b)"
)
# a relative's age in brackets or between commas: "my brother (22)", "ma soeur, 19, ..."; a
# form's field: "Age: 21", "âge : 19 ans", "Alter: 17", "العمر: ٢٣"
_KIN_OR_FIELD_AGE_RE = re.compile(
    rf"(?<!\w)(?:{_alt(_N['kin'])})(?:s?(?:\s*\((?P<n>\d{{1,2}})\)|\s*,\s*(?P<m>\d{{1,2}})(?=\s*[,;)]))"
    # (a spelled-out number after one relative only: "her sisters, two, three" is a count)
    rf"|\s*,\s*(?P<w>{_NUM})(?=\s*[,;)]))"
    # a record's age in brackets after the date of birth: "DOB 12/03/2001 (22)"
    r"|(?<=\d\d\d\d)\s*\((?P<y>\d{1,2})\)"
    rf"|(?<![^\W\d_])(?:age|alter|العمر|عمر|3omr|3umr|3mr|sinn)\s*:\s*(?P<t>{_NUM}|{_AR_NUM})(?![\w/.]\d)(?:\s*(?:ans|years|jahre))?"
    # a record's "العمر ٢٩،" without the colon
    r"|(?<![^\W\d_])العمر\s+(?P<r>\d{1,2})(?=\s*[,،;.])"
    # police shorthand for sex and age: "M/24", "F / 31"
    r"|(?<![\w/])[mf]\s?/\s?(?P<x>\d{1,2})(?![\w/]|[.,]\d)"
    # "turned 18 last week", "she turns thirty", "fête ses 18 ans", "feierte seinen 17."
    rf"|(?<!\w)(?:turned|turning|turns|fete|fetait|fetera|feiert\w*)\s+"
    rf"(?:(?:his|her|my|their|ses|son|seinen|ihren|meinen)\s+)?(?P<z>{_NUM})(?:th)?(?![\w%]|\s*(?:degrees?|%))"
)

# birthdays and deaths: "21 today", "gone at 27", "3 ans déjà", "zum 18. Geburtstag",
# "nur 24 geworden", "ist echt erst 15??", "er wird im Mai zehn", "قال انك صرت ٢٢"
_EVENT_AGE_RE = re.compile(
    rf"(?<![\w.,:/])(?P<n>{_NUM}(?:\s*ans(?=\s+(?:deja|aujourd'hui)\b))?)(?=\s+today\b|\s+(?:deja|aujourd'hui)\b|\s+geworden\b)"
    rf"|(?<!\w)(?:gone|died|passed|killed|martyred|taken)(?:\s+(?:too|so|far|away|soon|from\s+us)){{0,2}}\s+at\s+(?:just\s+|only\s+)?(?P<m>{_NUM})"
    r"(?![\w%:]|\s*(?:am|pm|o'?clock|h\b))"
    r"|(?<!\w)zum\s+(?P<t>\d{1,2})\.\s*geburtstag"
    rf"|(?<!\w)erst\s+(?P<y>\d{{1,2}}|{_DE})(?=\s*[?!.,]|\s*$)"
    rf"|(?<!\w)wird\s+(?:(?:im|am|nachsten|nachste|diesen|diese|kommenden|kommende)\s+[^\W\d_]+\s+|morgen\s+|bald\s+|heute\s+|jetzt\s+)?(?P<x>{_NUM})"
    r"(?=\s*[.,!?]|\s*$)"
    rf"|(?<![^\W\d_])(?:صرت|صار|صارت)\s+(?P<z>{_AR_NUM})(?:\s*{_AR_YEARS})?"
    r"(?![^\W\d_]|\s+(?:شخص|رجل|مقاتل|يوم|ساعه|دقيقه|شهر|كيلو|مره))"
)
# an age in brackets or after a comma behind an Arabic-script name: "يمان (١١)",
# "عمار فاضل الحسن, 34"; behind a Latin name at a line's end: "Ziyad Qanbar, 19\n"
_ARABIC_NAME_AGE_RE = re.compile(
    r"(?<=[\u0621-\u064a])(?:\s\((?P<n>\d{1,2})\)|[,،]\s(?P<m>\d{1,2})(?=\s*[,.;)\n،]|\s*$))"
    r"|(?<=[A-Za-z]),\s(?P<t>\d{1,2})(?=[ \t]*\n|[ \t]*$)"
)

# a life event at an age: "I started there at fourteen", "became Muslim at twenty-three",
# "school until sixteen", "forever 16", "٢٥ years only", "24 and already a nurse",
# "(٩ سنوات)", "بلغ العاشرة"
# "eighteen and a half", "seize ans et demi", "3am w nass", "١٧ سنة ونص": the half is part of it
_HALF_AFTER_RE = re.compile(
    r"(?:\s*(?:years?|ans|jahre|sna|sene|3am|سنه|سنوات))?\s+(?:and\s+a\s+half|et\s+demie?|und\s+ein\s+halb"
    r"|einhalb|w\s*n[ao]ss?|w\s*nus|ونص|ونصف|و\s+نص|و\s+نصف)(?!\w)"
)
_LIFE_AT_RE = re.compile(
    rf"(?<!\w)(?:started|began|joined|married|converted|became\s+[^\W\d_]+|"
    rf"dropped\s+out|radicali[sz]ed|recruited)(?:[\s\-]+(?!up\b|getting\b)[^\W\d_]+){{0,5}}\s+at\s+"
    rf"(?:(?:just|only|barely|age)\s+)?(?P<n>{_NUM})"
    r"(?![\w%:]|\s*(?:am\b|pm\b|o'?clock|h\b|[:.]\d|%|degrees?|metres?|meters?|km|miles?|in\s+the\s+"
    r"(?:morning|evening|afternoon)|at\s+night|sharp\b|every\b|each\b))"
    rf"|(?<!\w)until\s+(?:(?:the\s+)?age\s+(?:of\s+)?)?(?P<m>(?!one\b|two\b|three\b|four\b|five\b|six\b|seven\b|eight\b|nine\b|ten\b|eleven\b|twelve\b){_EN})(?=\s*[,.;]|\s+and\b|\s+when\b)"
    rf"|(?<!\w)(?:forever|pour\s+toujours|fur\s+immer|ever\s+young\s+at)\s+(?P<t>\d{{1,2}}|{_EN})(?![\w%]|[.:/]\d)"
    rf"|(?<![\w.,:/])(?P<y>\d{{1,2}}|{_EN})(?=\s+years?\s+only\b|\s+and\s+already\b)"
    # "22 ans w déjà infirmière", "19 Jahre und schon Vater"
    r"|(?<![\w.,:/])(?P<u>\d{1,2}\s*(?:ans|jahre|years))(?=\s+(?:et|w|und|and)\s+(?:deja|schon|already)\b)"
    rf"|\(\s*(?P<x>{_AR_NUM}\s*(?:{_AR_YEARS}|{_AZ_YEARS}))\s*\)|(?<=[\-–—]\s)(?P<v>{_AR_NUM}\s*{_AR_YEARS})(?![^\W\d_])"
    rf"|(?<![^\W\d_])[وف]?(?:بلغ|بلغت|يبلغ|تبلغ|اتم|اتمت|يتم|تتم|تتجاوز|يتجاوز|تجاوزت|تجاوز)\s+(?P<z>(?:{_alt(_N['ar-ordinal-f'])})(?:\s+عشره?)?)(?![^\W\d_])"
)
# a birthday: "mabrouk 3id milad ٢١", "🎂 3 ans déjà", "alles gute zum 17.", "عشرين سنة وانتِ",
# "sie hat morgen ihren 80."; any bare number near the cue is the celebrated age
_BIRTHDAY_CUE_RE = re.compile(
    r"birthday|b-?day|\U0001f382|anniv|geburtstag|alles\s+gute|عيد\s+ميلاد|عيد\s+الميلاد|"
    r"(?:3id|3eed|eid|3ied|aid)\s+mil[ae]d|happy\s+\d{1,2}(?:st|nd|rd|th)"
)
_BIRTHDAY_NUMBER_RE = re.compile(
    rf"(?<![\w.,:/#+\-])(?P<n>{_NUM}|{_AR_NUM})(?:st|nd|rd|th|e|eme|er)?"
    rf"(?:\s*(?:ans|years?|jahre|sana|sene|snin|{_AR_YEARS}))?"
    r"(?![\w%]|[.:/,\-]\d|\s*(?:uhr|h\b|am\b|pm\b|o'?clock|heures?|%|€|\$|personnes|people|leute|gaste|guests|"
    r"janv|fevr|mars|avril|mai|juin|juil|aout|sept|oct|nov|dec|jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"januar|februar|marz|juni|juli|august|oktober|dezember|كانون|شباط|اذار|نيسان|ايار|حزيران|تموز|اب|ايلول|تشرين|"
    r"يناير|فبراير|مارس|ابريل|مايو|يونيو|يوليو|اغسطس|سبتمبر|اكتوبر|نوفمبر|ديسمبر))"
)
# a death notice: "RIP Jordan 🕊️ only 21", "rabi yr7mek ya Sofiane 💔 19 sna w mchiti", "الله
# يرحمه، ٢٢ سنة بس"; a bare number near the cue is the age at death, unless a duration or a
# count follows it ("3 years since", "40 martyrs")
_DEATH_CUE_RE = re.compile(
    r"(?<!\w)(?:rip|r\.i\.p|rest\s+in\s+peace|(?:allah|rabi|rabbi|lah)\s+(?:y|i)r[7h]m\w*|yr7m\w*"
    r"|repose\s+en\s+paix|paix\s+a\s+son\s+ame|ruhe\s+in\s+frieden|ruhe\s+sanft"
    r"|الله\s+يرحم\w*|رحمه\s+الله|رحمها\s+الله)(?!\w)|\U0001f54a"
)
_DEATH_NUMBER_RE = re.compile(
    rf"(?<![\w.,:/#+\-])(?:(?:only|just|seulement|erst|nur|ghir|bas)\s+)?(?P<n>(?:\d{{1,2}}|{_EN}|{_FR}|{_DE})"
    rf"(?:\s*(?:ans|years?|yrs|jahre|sna|sene|snin|{_AR_YEARS}))?)"
    r"(?![\w%]|[.:/,\-]\d|\s*(?:(?:years?|yrs|ans|jahre|sna|sene|snin)\s+)?(?:since|ago|depuis|seit|deja|schon|already|without|sans|ohne|bla|men\s+ghir"
    r"|people|martyrs|shuhada|morts|tote|killed|personnes|leute|days?|jours?|tage|months?|mois|monate"
    r"|uhr|h\b|am\b|pm\b|o'?clock|%|janv|fevr|mars|avril|mai|juin|juil|aout|sept|oct|nov|dec|jan|feb|mar"
    r"|apr|may|jun|jul|aug|sep|januar|februar|marz|juni|juli|august|oktober|dezember))"
)


def _death_ages(norm: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for cue in _DEATH_CUE_RE.finditer(norm):
        hi = min(len(norm), cue.end() + _BIRTHDAY_REACH)
        # (the notice's own sentence: to the next full stop or line)
        stop = re.compile(r"[.!?\n]").search(norm, cue.end(), hi)
        for m in _DEATH_NUMBER_RE.finditer(norm, cue.end(), stop.start() if stop else hi):
            n = m.group("n").split()[0]
            if (n.isdigit() and not 1 <= int(n) <= 110) or n in _ARTICLES or n == "one":
                continue
            out.append(m.span("n"))
            break
    return out


# what sits between the birthday cue and the age: at most this many code points
_BIRTHDAY_REACH = 60


# numbers that are also articles or pronouns: "wurde ein Notizbuch", "which one lol"
_ARTICLES = frozenset({"ein", "eine", "einen", "einer", "un", "une"})
_ONE_AS_PRONOUN_RE = re.compile(r"(?:which|this|that|the|no|any|every|each|some|another)\s+$")


def _birthday_ages(norm: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for cue in finditer_needed(_BIRTHDAY_CUE_RE, norm):
        lo, hi = max(0, cue.start() - _BIRTHDAY_REACH), min(len(norm), cue.end() + _BIRTHDAY_REACH)
        for m in _BIRTHDAY_NUMBER_RE.finditer(norm, lo, hi):
            n = m.group("n")
            if n.isdigit() and not 1 <= int(n) <= 110:
                continue
            if n in _ARTICLES or (
                n == "one" and _ONE_AS_PRONOUN_RE.search(norm, max(0, m.start() - 10), m.start())
            ):
                continue
            out.append(m.span())
    return out


# "sie hat morgen ihren 80.", "feiert seinen 17.": a German ordinal after a possessive
_DE_ORDINAL_AGE_RE = re.compile(
    r"(?<!\w)(?:seinen|ihren|deinen|meinen|unseren|euren)\s+(?P<n>\d{1,2})\.(?!\d)"
)

# the short age patterns, each with the substrings one of its matches needs: a text without
# them is not scanned by it (most texts have no "jahrig", no arabizi "sane")
# Turkish, in mixed German or French text: "O çocuk daha on altı yaşında", "kardeşim 17 yaşında"
_TR_UNITS = r"(?:bir|iki|uc|dort|bes|alti|yedi|sekiz|dokuz)"
_TR_TENS = r"(?:on|yirmi|otuz|kirk|elli|altmis|yetmis|seksen|doksan)"
_TURKISH_AGE_RE = re.compile(
    rf"(?<!\w)(?P<n>\d{{1,2}}|{_TR_TENS}(?:\s+{_TR_UNITS})?|{_TR_UNITS})\s+yas"
    # yaşında, yaşındaydı, yaşındaydın, yaşındayım, yaşındaymış, yaşındaki (not yaşından: "under")
    r"inda(?:y\w*|ki)?(?!\w)"
)
# "the guy who's 24 and lives with his nan": the age after a relative "who is"
_WHO_IS_AGE_RE = re.compile(
    rf"(?<!\w)(?:whos|who\s+is|who\s+was|who\s+turned|qui\s+a|der\s+(?:ist|war))\s+(?:only\s+|just\s+)?"
    rf"(?P<n>{_NUM})(?:\s+(?:ans|years?\s+old|jahre\s+alt))?(?=\s+(?:and|now|but|et|und|aber)(?!\w)|\s*[,.;!?)\n]|\s*$)"
)


# "She'd be 26 now", "he will be 18 next month": one person's age to come (the normal form
# drops the apostrophe: "shed be")
_WOULD_BE_RE = re.compile(
    rf"(?<!\w)(?:she|he|i|you|u)(?:'?d|'?ll|\s+would|\s+will)\s+be\s+(?:(?:only|just)\s+)?(?P<n>{_NUM})"
    r"(?=\s+(?:now|today|this\s+year|next\s+\w+|in\s+\w+)\b|\s*[.,!?;]|\s*$)"
)


_SHORT_AGE_RES = (
    (_WOULD_BE_RE, (" be ",)),
    (
        _MORE_ORDERS_AGE_RE,
        (
            "war ich",
            "war er",
            "war sie",
            "war du",
            "bin ich",
            "ist er",
            "ist sie",
            "wurde",
            "wird ",
            "j'en",
            " en avai",
            " en aura",
            "month",
            "mois",
            "monat",
            "week",
            "semaine",
            "woche",
            "days",
            "day ",
            "toujours",
            "forever",
            "immer",
        ),
    ),
    (_PERSON_OF_RE, (" of ",)),
    (_AT_RE, ("at ", "by ")),
    (_BEING_RE, ("being", "only", "just", "barely", " at the time")),
    (_THEN_RE, (",",)),
    (_DE_ALS_RE, ("als ", "seit", "bis ", ", der ", ", die ", ",der ", ",die ")),
    (_DE_COMPOUND_RE, ("jahrig",)),
    (_CHAT_AGE_RE, ("",)),
    (
        _EVENT_AGE_RE,
        ("today", " at ", "ans", "geworden", "geburtstag", "erst", "wird", "صر", "صار"),
    ),
    (_ARABIC_NAME_AGE_RE, ("(", ",", "،")),
    (_DE_ORDINAL_AGE_RE, ("seinen", "ihren", "deinen", "meinen", "unseren", "euren")),
    (
        _LIFE_AT_RE,
        (
            " at ",
            "until",
            "forever",
            "toujours",
            "immer",
            "only",
            "already",
            "deja",
            "schon",
            "(",
            "بلغ",
            "اتم",
            "يتم",
            "تتم",
            "تجاوز",
            "تتجاوز",
            "يتجاوز",
            "- ",
        ),
    ),
    (_KIN_OR_FIELD_AGE_RE, ("(", ",", ":", "/", "turn", "fet", "feier")),
    (_TURKISH_AGE_RE, ("yas",)),
    (_DE_COPULA_AGE_RE, (" war ", " ist ", " wird ", " wurde ")),
    (_WHO_IS_AGE_RE, ("who", "qui a", "der ist", "der war")),
    (
        _ARABIZI_AGE_RE,
        (
            "tzaw",
            "tjawz",
            "dzawj",
            "mazal",
            "mazel",
            "ma zal",
            "ba9i",
            "baqi",
            "ws",
            "wasal",
            "sane",
            "sene",
            "snin",
            "sneen",
            "sana",
            "sinin",
            "sna",
            "3am",
            "wl",
            "kan",
            "kin",
            "kun",
            "ken",
            "3om",
            "3um",
            "3mr",
            "3emr",
            "3and",
            "3ind",
            "3nd",
            "kam",
            "kml",
            "kem",
            "howa",
            "houwa",
            "huwa",
            "hwa",
            "houa",
            "hiya",
            "hia",
            "hya",
            "hiye",
            "howe",
        ),
    ),
)


# An interview turn that answers an age question with a bare number: "Q: How old were you?
# A: 17." / "S: 2adesh 3omrak? J: 17" / "I: Wie alt waren Sie? B: Siebzehn."
_AGE_CUES = (
    r"(?:how\s+old|your\s+age|quel\s+age|votre\s+age|ton\s+age|wie\s+alt|ihr\s+alter|"
    r"(?<!\w)age\s+(?:when|at|then|on)|(?<!\w)ch7al\s+3\w*|(?<!\w)(?:kam|qad(?:d)?esh|2adesh|adesh)\s+(?:kan\s+)?3u?o?m?r\w*|"
    r"(?<!\w)(?:shgad|shgadd|chgad|gaddesh|gadesh|gaddech|ch7al|9addech|9adech|9addeh|9adeh|9add)\s+(?:kan\s+)?3u?o?m?r\w*|"
    # "ch7al kan 3ndek?", "kam 3andak?" (how much do you have: of years)
    r"(?<!\w)(?:ch7al|sh7al|chhal|9add?e[ch]h?|kam|2add?esh|add?esh)\s+(?:(?:kan|kanet|kenet|kont|konti)\s+)?(?:3a?nd|3e?nd)\w*|"
    r"3omrak|3omrik|3umrak|3umrich|3omrich|3mrek|3mrk|3omrek|عمرك|عمركم|عمرها|عمره"
    # a form-like question of one word: "Q: Age?", "F: Alter?", "س: العمر؟"
    r"|(?<![^\W\d_])(?:age|alter|العمر)[ \t]*(?=[?؟])"
    r"|(?<![^\W\d_])(?:كم|قديش|اديش|شقد)\s+(?:كان\s+|صار\s+)?عمر[^\W\d_]*)"
)
_AGE_QUESTION_ANSWER_RE = re.compile(
    rf"{_AGE_CUES}(?:[^\n?]*\?+|[^\n?:]{{0,20}}(?=\s+[^\W\d_]{{2,12}}\s*:))\s*[^\n\w]*"
    # (an emoji after the question mark, then the next line; a chat's time stamp before the label)
    rf"(?:\n[^\n\w]*)?(?:\[[^\]\n]{{1,30}}\][ \t]*)?"
    rf"(?:\w{{1,12}}(?:[ \t]+[^\W\d_]{{2,12}}){{0,2}}\s*[:.\-–—]+(?:\s*[–—\-])?\s*)?"
    # "B: Als ich ihn heiratete? Achtunddreißig.": a question back before the answer
    rf"(?:[^\n?.!:\d]{{1,40}}\?[ \t]*)?"
    # "Als ich ging, sechzehn", "When I left, 17": a short clause before the answer
    rf"(?:[^\n?.!:\d]{{1,30}},\s*)?"
    rf"(?:i\s+was\s+|j'avais\s+|ich\s+war\s+|(?:ana\s+|ena\s+)?(?:kan|kont|kunt|kint|kent)\s+)?(?P<n>{_NUM}|{_AR_NUM}|{_AZ})"
    rf"(?:\s*(?:ans|years?|jahre|{_AR_YEARS}))?(?![\w%]|\s*(?:[:./]\d|%|h\b|am\b|pm\b|uhr|o'?clock))"
)


# A chat's or an interview's turn that answers or corrects an age said or asked in the turn
# before: "Lamia: 3mro 22?? / Ana: 23 fel 15 mars", "he's like 16 / Sami: 17 now", "Rim: la
# rahou 20", "عمرها ٢٥ / وابنها؟ / ٧ سنين" (numbers.txt: turn-lead, turn-follow)
_AGE_CUE_RE = re.compile(_AGE_CUES)
_TURN_AGE_RE = re.compile(
    r"[ \t]*(?:\[[^\]\n]{1,30}\][ \t]*)?(?:(?P<label>[^\W\d_][^\n:?!.]{0,20}?)[ \t]*:[ \t]*)?"
    rf"(?:(?:{_alt(_N['turn-lead'])})[ \t,!.]+){{0,2}}"
    rf"(?P<n>(?:{_NUM}|{_AR_NUM}|{_AZ}|{_AR_DUAL})(?:[ \t]*(?:ans|years?|jahre|{_AZ_YEARS}|{_AR_YEARS}))?)"
    # (not a list's number: "2. Ziyad Qanbar")
    r"(?![\w%]|[:./,]\d|(?<=^\d)\.[ \t]+\S|(?<=\n\d)\.[ \t]+\S|(?<=\n\d\d)\.[ \t]+\S)"
    rf"(?=[ \t]*(?:[.!?,;\n]|$|[^\w\s]|(?:{_alt(_N['turn-follow'])})(?!\w)))"
)
_TURN_NEXT_AGE_RE = re.compile(
    rf"[ \t]*(?:,|،|and|et|und|w|و)[ \t]*(?P<n>\d{{1,2}}|{_NUM}|{_AR_NUM})"
    r"(?![\w%]|[:./,]\d)(?=[ \t]*(?:[.!?,;\n]|$|[^\w\s]))"
)
# the person an age question asks about: "wie alt ist Malte?", "how old is Kieran now",
# "ch7al 3mrha Ikram", "quel âge a Benali", "كم عمر سامي" (a given name of any list: detectors.py)
_AGE_QUESTION_SUBJECT_RE = re.compile(
    r"(?<!\w)(?:how\s+old\s+(?:is|was|s|will\s+be)|wie\s+alt\s+(?:ist|war|wird|waren)"
    r"|quel\s+age\s+(?:a|avait|aura|as)|(?:ch7al|9addech|9adech|shgad|kam|adesh|2adesh|gaddesh)\s+"
    # (his, her or someone's age, not "3omrak", "عمرك": your age)
    r"(?:kan\s+)?3u?o?m?r(?:o|ou|u|a|ha|ah)?|(?:كم|قديش|اديش|شقد)\s+(?:كان\s+|صار\s+)?عمر(?:ه|ها)?)"
    r"[ \t]+(?P<subj>[^\W\d_]{2,14})(?![^\W\d_])"
)
# a question about a count, a time or a number, not an age: "Q: How many brothers? A: 3"
_NOT_AGE_QUESTION_RE = re.compile(
    r"(?<!\w)(?:how\s+(?:many|much|long)|combien|wie\s+(?:viele?|lange|spat)|when|wann|quand"
    r"|what\s+time|quelle\s+heure|which|welche[rsnm]?|quel(?:le)?s?|floor|etage|stock|number|numero"
    r"|nummer|room|chambre|zimmer|bus|line|ligne|gleis|platform|kam|ch7al|9addech|shgad|adesh|2adesh"
    # (a form's count field: "عدد الأطفال: ٤", "Number of children: 3")
    r"|nombre|anzahl|zahl|عدد|قديش|كم|متي|اي)(?!\w)"
)


def _turn_ages(norm: str, ages: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if "\n" not in norm:
        return []
    lines, at = [], 0
    for line in norm.split("\n"):
        lines.append((at, at + len(line)))
        at += len(line) + 1
    aged = set()
    for s, _e in ages:
        aged.add(norm.count("\n", 0, s))
    out = []
    for i in range(1, len(lines)):
        prev = norm[lines[i - 1][0] : lines[i - 1][1]]
        topic = i - 1 in aged or bool(_AGE_CUE_RE.search(prev))
        if not topic and i >= 2 and len(prev) <= 60 and prev.rstrip().endswith(("?", "؟")):
            # "وابنها؟": a short question about the next person, after a turn with an age
            topic = i - 2 in aged or bool(
                _AGE_CUE_RE.search(norm, lines[i - 2][0], lines[i - 2][1])
            )
        if not topic or (
            i - 1 not in aged and _NOT_AGE_QUESTION_RE.search(prev) and not _AGE_CUE_RE.search(prev)
        ):
            continue
        m = _TURN_AGE_RE.match(norm, lines[i][0])
        if (
            m
            and m.end("n") <= lines[i][1]
            and not (m.group("label") and _NOT_AGE_QUESTION_RE.search(m.group("label")))
        ):
            out.append(m.span("n"))
            # "A: 4 and 6.": the next ages of the answer
            end = m.end("n")
            while n := _TURN_NEXT_AGE_RE.match(norm, end):
                out.append(n.span("n"))
                end = n.end("n")
    return out


# An age said of anyone, not of a person in the testimony: "When you're fifteen, nobody…",
# "Mit 15 ist man noch ein Kind", "À seize ans, on ne comprend rien", "Eine Sechzehnjährige
# ist kein Kind mehr", "Boys aged 14 to 16", "البنات بعمر ١٣ سنة", "في سن الخامسة عشرة لا يفهم الطفل"
_GENERIC_AGE_BEFORE_RE = re.compile(
    r"(?:(?<!\w)(?:when|if|once)\s+you(?:'re|re|\s+are|r|\s+turn)\s+|(?<!\w)(?:wenn|sobald)\s+man\s+"
    r"|(?<!\w)(?:quand|lorsqu'?|si)\s*on\s+(?:a\s+)?|(?<!\w)even\s+an?\s+"
    r"|(?:البنات|الاطفال|الاولاد|الصبيان|الشباب|الفتيات)\s+(?:من\s+|في\s+)?(?:ب?عمر\s+|سن\s+)?)$"
)
_DEMONYMS = sorted(words("demonyms.txt"), key=len, reverse=True)
_GENERIC_AGE_AFTER_RE = re.compile(
    # a count of people: "waren 31 Syrerinnen, 9 Irakerinnen", "were 31 Syrians"
    rf"\s+(?:{_alt(_DEMONYMS)}|[a-z]+innen)(?![\w'])|"
    r"(?:[\s,]*(?:to|bis|a|à|-|–|و|الى|حتي)\s*\d"  # a range: aged 14 to 16
    r"|[^.!?\n]{0,20}?(?<!\w)(?:ist|sind|wird|war)\s+man(?!\w)"
    # one, in French: "À 16 ans, on te donnait une kalach", "À 15 ans on choisit pas"
    r"|[\s,]+on\s+(?:ne|n'|est|a|comprend|fait|peut|pense|croit|sait|veut|te|vous|se"
    r"|choisit|choisissait|donne|donnait|devient|devenait)(?!\w)"
    r"|\s+(?:ist|war)\s+kein(?:e)?\s+kind|\s+n'est\s+(?:pas|plus)\s+une?\s+enfant"
    # anyone at that age: "À 18 ans, un garçon est transféré", "At 18 a boy becomes", "في سن
    # الثامنة عشرة يصبح الشاب راشداً"
    r"|(?:\s*(?:ans|years|jahren))?[\s,]+(?:un|une|a|an|ein|eine|every|each|chaque|tout|jeder|jede)\s+"
    r"(?:garcon|fille|enfant|jeune|homme|femme|mineur|boy|girl|child|kid|man|woman|teenager|junge|madchen"
    r"|kind|jugendlicher|mensch)\s+(?:est|is|was|wird|ist|can|cannot|can't|peut|ne|doit|must|should"
    r"|darf|muss|kann|becomes|devient|goes|va|geht|has|a|hat)(?!\w)"
    r"|[^.!?\n]{0,20}?(?<!\w)(?:becomes|become|(?:is|are|was|were)\s+(?:already\s+)?considered|devient|deviennent"
    r"|(?:est|etait|etaient|sont)\s+(?:deja\s+)?considere(?:e|es|s)?|galt\s+als|gilt\s+als|gelten\s+als|wird\s+man|يصبح|تصبح|يعتبر|تعتبر|يعد|تعد|يحق|يجوز|يسمح)(?!\w)"
    # a group must or may at that age: "mit zwölf Jahren mussten Jungen kämpfen"
    r"|(?:\s+jahren)?\s+(?:mussten|musste|durften|konnten|sollten|wurden|werden|mussen|durfen)"
    r"\s+(?:die\s+|alle\s+|viele\s+)?(?:jungen|madchen|kinder|jugendliche|frauen|manner)(?!\w)"
    r"|,\s*(?:disaient|disait|sagten|sagte)(?!\w)"
    r"|\s+(?:kol|kul|koll)\s+(?:wa7ed|wa7da|wahed|wahid)|\s+كل\s+واحد|[\s,]+(?:everyone|everybody|tout\s+le\s+monde)(?!\w)"
    # a group after the age: "At the age of 15, boys were taken"
    r"|[\s,]+(?:boys|girls|children|kids|les\s+(?:garcons|filles|enfants)|die\s+(?:jungen|madchen|kinder)"
    r"|الاولاد|البنات|الاطفال)\s+(?:were|are|went|had|etaient|allaient|wurden|waren|kanu|كانوا)(?!\w)"
    # a child of an age in general: "ولد عمره ١٦ سنة لا يقرر وحده"
    r"|\s+(?:لا|ما)\s+(?:يقرر|يفهم|يعرف|يستطيع|يقدر)"
    r"|[^.!?\n]{0,12}?لا\s+(?:يفهم|يعرف|يدرك)"
    r"|,\s*\d{1,2},\s*\d{1,2})"  # a list of ages: teenagers, 15, 16, 17
)


_NOW = _alt(_N["now"])
_SECOND_AGE_RE = re.compile(
    rf"(?:\s*(?:ans|years?(?:\s+old)?|jahre(?:\s+alt)?|{_AZ_YEARS}))?"
    # (now, or an emoji, between: "٥ ans maintenant, et moi vingt-sept", "٤ snin 😍 w binti santeen")
    rf"(?:[ \t]+(?:{_NOW}))?[ \t]*(?:[,;]|[^\x00-\x7f\w\s]{{1,4}})?[ \t]+"
    rf"(?:(?:and|und|et|w|wa)[ \t]+)?"
    # (a name after the relative: "mrato Houda 20"; a possessive alone is the relative: "binti")
    # (the possessive first: "her sister 16" is no pronoun "her" before a name)
    rf"(?:(?:{_alt(_N['second-possessive'])})(?:[ \t]+[^\W_]{{2,14}})?(?:[ \t]+(?P<name>[^\W\d_]{{2,14}}))?"
    rf"|(?:{_alt(_N['second-pronoun'])})(?:[ \t]+(?P<who>[^\W\d_]{{2,14}}))?)"
    # (a filler between: "meine Schwester Derya, äh, vierzehn")
    r"(?:[ \t]*,?[ \t]+(?:ah|ahm|euh|uh|um|erm|hm)[ \t]*,?)?"
    rf"[ \t]+(?P<n>{_NUM}|{_AZ}|{_AR_DUAL})(?:[ \t]*(?:ans|years?|jahre|{_AZ_YEARS}))?(?=[ \t]*(?:[.!?;,\n]|$))"
)
# Arabic: "محمد صار عمره ٥ سنين وجنى سنتين": and a name, then the name's age
_AR_SECOND_AGE_RE = re.compile(
    rf"(?:\s*{_AR_YEARS})?[ \t]*[،,]?[ \t]+و[ \t]?(?:(?P<kin>[\u0621-\u064a]{{2,12}})[ \t]+)?(?P<who>[\u0621-\u064a]{{2,12}})[ \t]+"
    rf"(?P<n>(?:{_AR_NUM})[ \t]*{_AR_YEARS}|{_AR_DUAL}|(?:{_AR_NUM})(?=[ \t]*(?:[.،,!?؟\n]|$)))(?![^\W\d_])"
)
# (a verb of staying before a duration: "وبقيت سنتين", "وعشنا ٣ سنوات", "وسكنا سنتين")
_AR_DURATION_VERB_RE = re.compile(
    r"(?:بقي|بقينا|بقيت|قعد|عش|عاش|سكن|ظل|ضل|مر|مضي|صار|كان|كن|استمر|دام|اخذ|حكم|سجن|انحبس|اشتغل|درس|صرنا|كنا)"
)
# "dix-huit ouais, maintenant 26": the same person's age now, later in the clause; "dreiundzwanzig
# war ich, als wir heirateten, und vierundzwanzig, als meine Tochter kam": and the age at a
# second time
_NOW_AGE_RE = re.compile(
    rf"[^\n.!?]{{0,24}}?(?:^|(?<=[\s,]))(?:{_NOW})[ \t]+(?P<n>{_NUM}|{_AR_NUM})"
    r"(?![\w%]|[:./,]\d)(?=[ \t]*(?:[.!?;,\n]|$|[^\w\s]))"
    rf"|[^\n.!?]{{0,60}}?(?<!\w)(?:und|and|et|w)[ \t]+(?P<m>{_NUM})"
    r"(?=[ \t]*,?[ \t]*(?:als|when|quand|lorsque|ki|lamma|mli)(?!\w))"
)


# the next age of a list, its unit said: "aged 4 and 18 months", "(8 ans et 10 ans)", "6 ans,
# 4 ans et 18 mois", "3ndha 20 3am w bent 3 chhor" (a bare number after "and" may be a count)
_MONTHS = r"(?:mois|months?|monate[n]?|chhor|chhour|shhur|shuhur|ashhor|شهور|اشهر|شهر)"
_LISTED_AGE_RE = re.compile(
    rf"(?:\s*(?:ans|years?(?:\s+old)?|jahre(?:\s+alt)?|{_AZ_YEARS}|{_MONTHS}))?[ \t]*"
    r"(?:,|;|،)?[ \t]*(?:(?:and|und|et|w|wa|و)[ \t]*)?"
    r"(?:(?P<child>bent|bint|binti|weld|wld|wlid|ould|ibn|a|an|une?|ein|eine)[ \t]+"
    # (or the next child's name: "Ilyas 3ando 3 snin w Maryam 9 chhour"; not "w ba3d 2 chhour")
    r"|(?!(?:ba3d|ba3den|after|apres|nach|later|for|pendant|depuis|since|men|min|mn|fi|f|in|en)[ \t])(?P<who>[^\W\d_]{3,12})[ \t]+)?"
    rf"(?P<n>(?P<k>\d{{1,2}}|{_NUM})[ \t]*(?:ans|years?|jahre|{_AZ_YEARS}|(?P<mo>{_MONTHS})))(?!\w)"
    # (a duration: "et 3 mois plus tard", "and 6 months later", "6 mois de prison")
    r"(?![ \t]*(?:plus\s+tard|apres|later|after|ago|de\s+prison|d'emprisonnement|spater|danach|in\b|im\b|en\b|au\b|fi\b|f\b))"
)
_SMALL_NUMBER_WORDS = frozenset(_N["small"])


# one's own children's ages said together: "mes enfants ont 5 et 7 ans", "my kids are 5 and 7",
# "meine Töchter sind 4 und 9"
_OWN_CHILDREN_AGES_RE = re.compile(
    r"(?<!\w)(?:my|our|his|her|their|mes|nos|ses|leurs|meine|unsere|seine|ihre)\s+"
    r"(?:(?:two|three|four|deux|trois|quatre|zwei|drei|vier|little|petits|petites|kleinen)\s+)?"
    r"(?:kids|children|sons|daughters|twins|boys|girls|enfants|fils|filles|garcons|gamins|kinder"
    r"|sohne|tochter|zwillinge|jungs)\s+(?:are|were|ont|avaient|sind|waren)\s+(?:now\s+|then\s+|jetzt\s+|maintenant\s+)?"
    rf"(?P<list>{_NUM}(?:\s*(?:ans|years))?(?:\s*,\s*{_NUM}(?:\s*(?:ans|years))?)*\s+(?:et|and|und|&)\s+{_NUM})"
    r"(?:\s*(?:ans|years(?:\s+old)?|jahre(?:\s+alt)?))?(?![\w%])"
)
_LIST_NUMBER_RE = re.compile(rf"(?<!\w){_NUM}(?!\w)")


# the ages of children listed after them: "children aged 11, 9 and 6", "ses quatre enfants (12, 9,
# 7 et 4 ans)", "Mutter von drei Kindern (8, 5 und 2 Jahre)", "أطفالها (١١ و٨ سنوات)", "أعمارهم
# عشر وسبع وخمس سنوات", "deux enfants, trois et un an", "wlidatha 7 w 4"
_LIST_UNIT = (
    r"(?:\s*(?:ans?|years?(?:\s+old)?|yrs|jahren?|sna|snin|sneen|3am|mois|months?|monate[n]?|chhor"
    r"|chhour|سنوات|سنين|سنه|عاما|اشهر|شهور))?"
)
_LIST_NUM = rf"(?:\d{{1,2}}|{_NUM}|{_AR}|{_AZ})"
_CHILDREN_LIST_RE = re.compile(
    r"(?<![^\W\d_])(?:children|kids|sons|daughters|twins|boys|girls|enfants|fils|filles|jumeaux"
    r"|kinder[n]?|sohne|tochter|zwillinge|[\u0621-\u064a]*(?:اطفال|ابناء|اولاد|ايتام|بنات)[\u0621-\u064a]*"
    r"|اعمارهم|اعمارهن|عمرهم|wlidat\w*|wlad\w*|drari|wlidi|wledi)"
    r"(?:\s*,)?(?:\s+(?:then|now|alors|aujourd'hui|damals|jetzt|today))?"
    r"(?:\s+(?:aged|ages|agees?\s+de|ages\s+de|im\s+alter\s+von|von|de))?\s*[(:]?\s*"
    rf"(?P<list>{_LIST_NUM}{_LIST_UNIT}(?:\s*[,،;]\s*{_LIST_NUM}{_LIST_UNIT})*\s*,?\s*"
    rf"(?:and|et|und|&|w|و)\s*{_LIST_NUM}{_LIST_UNIT})(?![\w%])"
)
# (an item of the list: Arabic numbers one by one, "عشر وسبع وخمس" are three ages)
_LIST_ITEM_RE = re.compile(
    rf"(?:(?<![^\W_])|(?<=و))(?:\d{{1,2}}|{_NUM}|{_AZ}|(?:{_alt(_N['ar'])})(?:\s+عشر[ةه]?)?)"
    rf"{_LIST_UNIT}(?![^\W_])"
)


_CHILDREN_WORDS = (
    "child", "kid", "son", "daughter", "twin", "boy", "girl", "enfant", "fils", "fille", "jumeau",
    "kinder", "sohn", "sohne", "tochter", "zwilling", "اطفال", "ابناء", "اولاد", "ايتام", "بنات",
    "اعمار", "عمرهم", "wlid", "wlad", "drari", "wledi",
)  # fmt: skip


def _listed_children_ages(norm: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    if not any(w in norm for w in _CHILDREN_WORDS):
        return out
    for m in finditer_needed(_CHILDREN_LIST_RE, norm):
        at = m.start("list")
        for n in _LIST_ITEM_RE.finditer(m.group("list")):
            out.append((at + n.start(), at + n.end()))
    return out


def _own_children_ages(norm: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in finditer_needed(_OWN_CHILDREN_AGES_RE, norm):
        at = m.start("list")
        out.extend(
            (at + n.start(), at + n.end()) for n in _LIST_NUMBER_RE.finditer(m.group("list"))
        )
    return out


def _second_ages(
    norm: str, ages: list[tuple[int, int]], subjects: list[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    """The second of two ages said together, its verb left out (see numbers.txt), and the
    further ages of a list that says their unit. The name said with the second age goes to
    ``subjects`` ("mrato Houda 20", "وجنى سنتين")."""
    out = []
    for _s, e in ages:
        for rx in (_SECOND_AGE_RE, _AR_SECOND_AGE_RE, _NOW_AGE_RE):
            m = rx.match(norm, e)
            if not m:
                continue
            who = m.group("who") if "who" in rx.groupindex else None
            # (a Latin word after the pronoun must be a name: "nous étions 40" is a count)
            if who and rx is _SECOND_AGE_RE and not _is_given_name(who):
                continue
            # (Arabic: a name, or a relative then a name; "وبقيت سنتين" is a duration)
            if rx is _AR_SECOND_AGE_RE and (
                who in _AR_STOPWORDS
                or who in _AR_COMMON
                or any(_AR_DURATION_VERB_RE.match(w or "") for w in (who, m.group("kin")))
            ):
                continue
            # ("mon frère Rayan dix-neuf": a name after the relative)
            name = m.group("name") if rx is _SECOND_AGE_RE else None
            if name and not (_is_given_name(name) or name in _WEAK_GIVEN):
                continue
            if name and subjects is not None:
                subjects.append(m.span("name"))
            out.append(m.span("n") if m.group("n") is not None else m.span("m"))
            if subjects is not None and who:
                subjects.append(m.span("who"))
        end = e
        for _ in range(6):
            n = _LISTED_AGE_RE.match(norm, end)
            if not n or n.start("n") - end > 24:
                break
            k = n.group("k")
            # "sixteen and two months": what is left of the same age, no second person
            if (
                n.group("mo")
                and not n.group("who")
                and not n.group("child")
                and (int(k) < 12 if k.isdigit() else k in _SMALL_NUMBER_WORDS)
            ):
                break
            out.append(n.span("n"))
            end = n.end()
    return out


# The age of a thing, not a person: "la guerre a 10 ans", "the war is now more than ten years
# old", "Unser Haus war 60 Jahre alt", "l7arb 3andha 10 snin", "el 7arb saar 3omraha 13",
# "عمر الحرب ١٠ سنوات".
_THING = (
    r"(?:(?:the|this|a|our)\s+war|guerre|krieg|conflict|conflit|konflikt|revolution|regime|house|maison|haus|building"
    r"|batiment|gebaude|camp|lager|mosque|mosquee|moschee|7arb|l7arb|el7arb|harb|thawra|mukhayyam"
    r"|law|gesetz|loi|report|bericht|rapport|book|buch|livre|tradition|custom|brauch|coutume"
    r"|moukhayyam|(?:the|this|our)\s+(?:group|state|caliphate|organisation|organization|movement)"
    r"|groupe|etat|califat|gruppe|staat|kalifat|الدوله|التنظيم|الخلافه"
    r"|الحرب|الثوره|البيت|المخيم|المبني|النظام|الجامع"
    # buildings and things whose age a text gives: "عمر البناية أربعون سنة", "the hospital was
    # 30 years old", "lmal3ab 3ndo 15 3am", "Ein Haus, das 50 Jahre alt ist"
    r"|البنايه|الميذنه|الخيمه|المدرسه|المسجد|الجسر|القلعه|السياره|الملعب|المستشفي|الشجره|العماره"
    r"|(?:the|this|our|a)\s+(?:hospital|school|bridge|stadium|tent|minaret|car|tree|flat|tower)"
    r"|hopital|krankenhaus|lmal3ab|mal3ab|el\s?mal3ab|ein\s+haus,\s+das|das\s+haus"
    # vehicles, devices and papers, and a sentence's length: "a Samsung phone, about four years
    # old", "ein weißer Transporter, etwa zehn Jahre alt", "the sentence was 6 years"
    r"|phone|mobile|laptop|computer|tablet|van|truck|lorry|vehicle|motorbike|bike|passport|photo"
    r"|telephone|portable|ordinateur|voiture|camionnette|vehicule|camion|moto|passeport"
    r"|handy|smartphone|auto|wagen|fahrzeug|transporter|lkw|motorrad|reisepass|foto"
    r"|sentence|prison\s+term|peine|strafe|haftstrafe|freiheitsstrafe|الهاتف|الجوال|الموبايل|الحكم)"
)
_THING_AGE_BEFORE_RE = re.compile(
    rf"(?<![^\W\d_]){_THING}"
    # (where it stands between, then its verb: "the hospital in Raqqa was 30 years old")
    r"(?:\s+(?:in|of|at|de|du|a|im|in\s+der|von|fi|f|b)\s+[^\W\d_]+(?:[\s\-][^\W\d_]+)?"
    r"(?=\s+(?:is|was|has\s+been|avait|etait|ist|war|kan|kanet|3ando|3ndo|3andha|3ndha)\s))?"
    # (or a relative clause: "the building we slept in was", "das Haus, in dem wir wohnten, war")
    r"(?:\s+(?:we|i|they|he|she|you|that|which|where)(?:\s+[^\W\d_]+){1,3}(?=\s+(?:is|was|were)\s)"
    r"|,\s*(?:in\s+dem|in\s+der|das|die|der|wo|dans\s+lequel|dans\s+laquelle|ou|qui|que|which|that|where)"
    r"[^,.;]{1,40},)?"
    # (or after a comma, an approximate age: "a white van, about ten years old")
    r"(?:\s*,\s*(?=(?:about|approximately|roughly|around|nearly|almost|over|more\s+than|etwa"
    r"|ungefahr|rund|circa|fast|uber|mehr\s+als|environ|presque|plus\s+de)\s)"
    r"|\s+(?:(?:is|was|has\s+been|turned|turns|a|avait|aura|ist|wird|wurde|war"
    r"|hat|3andha|3andu|3ando|3ndha|3ndo|3ndu|saar|sar|saret|kan|kanet|عندها|صار|صارت|بلغ|بلغت|عمره|عمرها|3omro|3omra"
    r"|3omrha)\s+)?)"
    r"(?:(?:now|already|just|barely|only|hardly|more\s+than|over|maintenant|deja|a\s+peine|plus\s+de|jetzt"
    r"|bestimmt|sicher|wohl|fast|probably|surely|about|nearly|almost|at\s+least|bien|presque|sans\s+doute"
    r"|schon|kaum|erst|mehr\s+als|uber|etwa|ungefahr|rund|circa|environ|approximately|roughly|around"
    r"|daba|hassa|halla2|الان|اكثر\s+من)\s+)*$"
)
_THING_AGE_AT_RE = re.compile(rf"(?:عمر|3omr|3mr|3umr)\s+(?:el[\s\-]*|l)?{_THING}")
# Several at once, as a group in general: "les filles de 15 ans", "girls of 15", "Kinder von
# zehn Jahren", "ولاد عمرهم ١٠ سنين", "wlad 3omron 10 snin"; "wer mit 14 …"; the second number
# of a range ("de 14 à 17 ans", "aged 19 to 48") and a decimal ("2,5 ans") are no one's age.
_GROUP_AGE_BEFORE_RE = re.compile(
    r"(?<!\w)(?:(?:les|des|aux)\s+(?:filles|garcons|enfants|femmes|hommes|jeunes|gamins|gamines"
    r"|adolescents|adolescentes)\s+(?:de|d'|ages?\s+de|agees?\s+de)"
    r"|(?:girls|boys|children|kids|women|men|teenagers)\s+(?:of|aged)"
    r"|(?:kinder|madchen|jungen|frauen|manner|jugendliche)\s+(?:von|mit|ab)|wer\s+mit"
    r"|(?:wlad|awlad|atfal|bnat|chabab|shabab|ولاد|اولاد|اطفال|بنات|شباب|صبيان)"
    # (with their "have": "wlad 3andhom 14, 15 sna", "ولاد عندهم ١٤ سنة")
    r"(?:\s+(?:kanou\s+|kanu\s+|kano\s+)?(?:3andhom|3andhum|3ndhom|3ndhum|3endhom|عندهم))?"
    r"|(?:anyone|anybody|everyone|everybody|someone|people|those|whoever|kids|children|girls|boys)"
    r"\s+(?:whos|who\s+(?:is|are|was|were|turned|turns))"
    r"|kinder|madchen|jungen|frauen|manner|jugendliche)\s+$"
    # many of them: "beaucoup de filles avaient 15 ans", "many of the girls were only 14"
    r"|(?<!\w)(?:beaucoup|plusieurs|certaines|certains|la\s+plupart|many|most|some|several|viele"
    r"|manche|einige|كثير|معظم|بعض)\s+(?:of\s+(?:the\s+|them\s+)?|de\s+|d'|des\s+|der\s+|من\s+)?"
    r"(?:[^\W\d_]+\s+){0,2}(?:were|had|avaient|etaient|waren|hatten|كانوا|كانت|كن)\s+"
    r"(?:only\s+|just\s+|seulement\s+|erst\s+|nur\s+|بعمر\s+)?$"
    # a group married, taken, sent at an age: "they married girls at 13", "on les mariait à 14 ans"
    r"|(?<!\w)(?:girls|boys|children|kids|them|les|madchen|jungen|kinder|البنات|الاولاد|الاطفال)"
    r"(?:\s+[^\W\d_]+)?\s+(?:at|a|mit|في\s+سن|بعمر|بسن)\s+$"
    # under, over an age: "under the age of 10" (not "from the age of 9 I worked": mine)
    r"|(?<!\w)(?:under|over|above|below)\s+(?:the\s+)?(?=age\s+of)"
    # "il y a 10 ans": ago
    r"|(?<!\w)il\s+y\s+a\s+$"
    # a statistic: "the average age was 23", "l'âge moyen était de 25 ans", "متوسط العمر كان ٢٥"
    r"|(?:age\s+of\s+(?:consent|majority|marriage|criminal\s+responsibility)"
    r"|(?:average|mean|median|minimum|maximum|legal)\s+age|age\s+(?:moyen|minimum|maximum|median|legal)"
    r"|majorite(?:\s+(?:sexuelle|civile|penale|legale|religieuse))?|age\s+de\s+la\s+majorite"
    r"|(?:durchschnitts|mindest|hochst)alter|متوسط\s+العمر|سن\s+الرشد)[^.!?\n]{0,30}$"
    r"|(?<![\d.,])\d{1,2}\s*(?:a|to|bis|-|–|و|الى|حتي)\s*$|\d[.,]$"
)


# a child of an age in general, said of what any such child can or cannot do: "Un enfant de 12
# ans ne devrait pas voir ça", "A boy of sixteen cannot decide" ("j'avais un enfant de 3 ans"
# is mine)
_INDEFINITE_CHILD_BEFORE_RE = re.compile(
    r"(?<!\w)(?:a|an|any|every|no|un|une|ein|eine|kein|keine|jeder|jede)\s+(?:young\s+|petit\s+|jeune\s+)?"
    # (or anyone: "une Marseillaise de trente ans n'est pas une adolescente", "a woman of 40")
    # (a relative is someone's: "her daughter, aged 6, and a son of 3")
    r"(?!(?:son|daughter|brother|sister|nephew|niece|cousin|grandson|granddaughter|husband|wife"
    r"|sohn|tochter|bruder|schwester|neffe|nichte|frere|soeur|neveu|niece|mari|femme|fils)\s)"
    r"[^\W\d_]{3,}\s+(?:of|de|d'|von)\s+$"
)
# "A 40-year-old widow was considered old", "An eight-year-old was old enough": anyone of that
# age ("I had a 3-year-old", "my son, a 14-year-old" are someone's)
_INDEFINITE_AGED_BEFORE_RE = re.compile(r"(?<!\w)(?:a|an|any|every|no)\s+$")
_POSSESSED_AGED_BEFORE_RE = re.compile(
    r"(?<!\w)(?:had|have|has|having|with|gave\s+birth\s+to|adopted|lost|raising|was|am|is|i'm"
    r"|shes|hes|she's|he's|im|youre|you're|were|are|ur"
    r"|(?:my|his|her|their|our)\s+[^\W\d_]+,?"
    # someone of the testimony named before it: "my lil brother Danny Okafor 💔 a 19-year-old kid"
    r"|(?:my|his|her|their|our)\s+[^\W\d_]+(?:\s+[^\W\d_]+){1,3},?(?:\s+[^\w\s]{1,3})?)\s+(?:a|an)\s+$"
)
# (unless someone has the child: "I had a boy of 4", "j'avais un enfant de 3 ans", "mit einem Kind")
_POSSESSED_CHILD_BEFORE_RE = re.compile(
    # (or was one: "he was a boy of fifteen", "j'étais une fille de 14 ans", "ich war ein Mädchen von 14")
    r"(?<!\w)(?:had|have|has|having|avais|avait|avons|ai|as|ont|hatte|hatten|habe|hat|haben|with|avec"
    r"|(?:i|he|she|we|they|you)\s+(?:was|were|am|is)|im|hes|shes|(?:j'|il\s+|elle\s+)(?:etais|etait)"
    r"|(?:ich|er|sie)\s+(?:war|bin|ist)"
    r"|mit|gave\s+birth\s+to|adopted|lost|perdu|verloren|raising|elevait|eleve"
    # or someone's relative, then the child: "my son, a boy of 14, …"
    r"|(?:my|his|her|their|our|mon|ma|sa|son|notre|leur|mein|meine|sein|seine|ihr|ihre)\s+[^\W\d_]+,?)"
    r"\s+(?:a|an|un|une|ein|eine|einen|einem|einer)\s+\S+(?:\s+\S+)?\s+(?:of|de|d'|von)\s+$"
)
_GENERIC_VERB_AFTER_RE = re.compile(
    r"(?:\s*(?:ans|years|jahren))?\s+(?:cannot|can't|cant|can\s+not|should|shouldn't|must|does\s+not|doesn't"
    r"|doesnt|ne\s+(?:devrait|doit|peut|decide|comprend|sait|choisit)|n'a\s+pas|kann|sollte|darf|muss"
    r"|entscheidet\s+nicht|versteht\s+nicht|weiss\s+nicht)(?!\w)"
)
# "Ein Siebzehnjähriger in dieser Lage": any seventeen-year-old
_INDEFINITE_BEFORE_RE = re.compile(
    r"(?<!\w)(?:ein|eine|einen|einem|einer|kein|keine|jeder|jede)\s+$"
)
# "Mit sechzehn glaubt man jedem": one, in German
_MIT_BEFORE_RE = re.compile(r"(?<!\w)mit\s+$")
_MIT_OPENS_RE = re.compile(r"(?i:mit)\s")
_MAN_AFTER_RE = re.compile(r"\s+[^\W\d_]+\s+(?:man|jeder|jede|alle|keiner|niemand|du)(?!\w)")


_AGE_GROUPS = keyed("age_groups.txt")
# the clause of a group of people, its subject first (age_groups.txt)
_GROUP_CLAUSE_RE = re.compile(
    r"(?:^|(?<=[.!?;:\n\"«“]))[ \t]*(?:(?:but|then|and|mais|puis|et|aber|dann|und)[ \t]+)?"
    rf"(?:(?:(?:{_alt(_AGE_GROUPS['determiners'])})[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?)*"
    rf"(?:{_alt(_AGE_GROUPS['plural'])}))(?!\w)(?P<rest>[^.!?;:\n]*)$"
)
_PERSONAL_RE = re.compile(rf"(?<!\w)(?:{_alt(_AGE_GROUPS['personal'])})(?!\w)")


def _group_before(norm: str, s: int) -> bool:
    """``_GROUP_BEFORE`` with no one of the testimony in the clause ("the boys were with my
    brother, who was 15" is the brother's age)."""
    m = _GROUP_BEFORE.search(norm, max(0, s - 60), s)
    return bool(m and not _PERSONAL_RE.search(m.group()))


def _group_clause(norm: str, s: int) -> bool:
    """Is the age at ``s`` in a clause whose subject is a group of people, with no
    one of the testimony in it ("Les garçons partaient à quinze ans")?"""
    m = _GROUP_CLAUSE_RE.search(norm, max(0, s - 80), s)
    return bool(m and not _PERSONAL_RE.search(m.group("rest")))


# "كان عمر أصغرهم خمس سنوات", "عمر بعضهن": the age of one of a group, said of the group
_AR_OF_THEM_RE = re.compile(r"عمر[ \t]+[\u0621-\u064a]{2,}(?:هم|هن)(?![\u0621-\u064a])")


_NAME_LAST_RE = re.compile(r"(?<![^\W\d_])[A-Z\u00c0-\u00de][^\W\d_]+[,(\s]*$")


def _generic_age(norm: str, s: int, e: int, named: bool = False) -> bool:
    """``named``: the age follows a name, as records write it ("Die Mutter, Frau Irina
    Pavlenko, 49, erscheint"): a group word earlier in the clause does not make it a group's."""
    return bool(
        (not named and _group_clause(norm, s))
        or _AR_OF_THEM_RE.search(norm, max(0, s - 20), e)
        or _GENERIC_AGE_BEFORE_RE.search(norm, max(0, s - 24), s)
        or _GENERIC_AGE_AFTER_RE.match(norm, e)
        or _THING_AGE_BEFORE_RE.search(norm, max(0, s - 40), s)
        or _THING_AGE_AT_RE.match(norm, s)
        or _GROUP_AGE_BEFORE_RE.search(norm, max(0, s - 40), s)
        or (
            # (the age's span may hold the "mit" itself: "Mit 16 bekam man eine Waffe")
            (_MIT_BEFORE_RE.search(norm, max(0, s - 5), s) or _MIT_OPENS_RE.match(norm, s))
            and _MAN_AFTER_RE.match(norm, e)
        )
        or ("jahrig" in norm[s:e] and _INDEFINITE_BEFORE_RE.search(norm, max(0, s - 8), s))
        or (
            (
                norm.startswith(("-year-old", " year old", "-years-old"), e)
                or norm[s:e].endswith(("year-old", "year old", "years-old"))
            )
            and bool(_INDEFINITE_AGED_BEFORE_RE.search(norm, max(0, s - 4), s))
            and not _POSSESSED_AGED_BEFORE_RE.search(norm, max(0, s - 50), s)
        )
        or (
            _INDEFINITE_CHILD_BEFORE_RE.search(norm, max(0, s - 30), s)
            and (
                _GENERIC_VERB_AFTER_RE.match(norm, e)
                or not _POSSESSED_CHILD_BEFORE_RE.search(norm, max(0, s - 45), s)
            )
        )
    )


def find_ages(
    norm: str,
    fold: str,
    subjects: list[tuple[int, int]] | None = None,
    words: list[tuple[int, int, str]] | None = None,
) -> list[tuple[int, int]]:
    """Spans of exact ages; ``subjects`` (if given) receives the spans of capitalised subjects
    of an accepted age verb ("Aylin wird morgen zwanzig", "Imran is 23"): the scanner takes
    one as a person when it is a given name of any of its lists. ``words``: the words of
    ``norm`` (``_Doc.words``), if known."""
    # (the unit said with the answer is part of the age: "25 ans ?"; a question mark or a colon
    # after the question: none in the text, no answer to read)
    out = [(m.start("n"), m.end()) for m in finditer_needed(_AGE_QUESTION_ANSWER_RE, norm)]
    if words is None:
        words = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(norm)]
    for m in finditer_near(_AGE_RE, norm, _number_spans(words), 70, 60):
        s, e = m.span()
        if m.group("n") is not None:
            if m.group("subj") in _SUBJECTS_NOT_PERSON or _NOT_AGE_AFTER.match(norm, e):
                continue
            if m.group("n") in _ARTICLES:  # "wurde ein Notizbuch sichergestellt"
                continue
            if _BAND_BEFORE.search(norm, max(0, s - 30), s) or _DURATION_AFTER.match(norm, e):
                continue
            s = m.start("n")  # the age itself, not the subject and verb
        elif m.group("ans") is not None:
            before = _FR_AGE_BEFORE.search(norm, max(0, s - 20), s)
            if not before:
                name = _NAME_BEFORE.search(norm, max(0, s - 30), s)
                before = name if name and _is_given_name(name.group(1)) else None
            if not before or _FR_DURATION_AFTER.match(norm, e):
                continue
            # the answer to "how long": "Combien de temps ? R : deux ans" (after a colon or a comma)
            if before.group().rstrip()[-1:] in ":," and _DURATION_QUESTION_RE.search(
                norm, max(0, s - 60), s
            ):
                continue
        elif m.group("arc") is not None:
            s = m.start("arc")
        elif m.group("ana") is not None:
            s = m.start("ana")
        elif m.group(0).endswith(("alt", "old")) and (
            _BAND_BEFORE.search(norm, max(0, s - 30), s)
            or (
                _GENERIC_BEFORE.search(norm, max(0, s - 12), s + 1)
                and _GENERIC_AFTER.match(norm, e)
            )
        ):
            continue
        if (
            _APPROX_AFTER.match(norm, e)
            or _HYPOTHETICAL_BEFORE.search(norm, max(0, s - 40), s)
            or _group_before(norm, s)
        ):
            continue
        out.append((s, e))
        if subjects is not None and m.group("subj") is not None and fold[m.start("subj")].isupper():
            subjects.append(m.span("subj"))
    named: set[tuple[int, int]] = set()
    for rx in (_COMMA_AGE_RE, _BRACKET_AGE_RE, _BRACKET_WORD_AGE_RE, _MIT_RE):
        if rx is not _MIT_RE or "it " in fold:
            # (the first group that took part: _COMMA_AGE_RE's record branch is its second)
            spans = [m.span(m.lastindex or 0) for m in finditer_needed(rx, fold)]
            out.extend(spans)
            if rx is not _MIT_RE:  # after a capitalised word: a name ("The boys, 15," is not)
                named.update(
                    sp for sp in spans if _NAME_LAST_RE.search(fold, max(0, sp[0] - 60), sp[0])
                )
    starts = None  # where the words open, for the short patterns (finditer_at_words)
    for rx, needs in _SHORT_AGE_RES:
        if not any(n in norm for n in needs):
            continue
        if starts is None:
            starts = word_starts(words)
        for m in finditer_at_words(rx, norm, starts):
            g = next(k for k in "nmtyxzwuvr" if m.groupdict().get(k) is not None)
            s = m.start(g)
            if rx is _PERSON_OF_RE and not _PERSON_OF_BEFORE.search(
                norm, max(0, m.start() - 12), m.start()
            ):
                continue
            if not _HYPOTHETICAL_BEFORE.search(norm, max(0, s - 40), s) and not _group_before(
                norm, s
            ):
                out.append(m.span(g))
    if max(norm, default=" ") >= "\u0600":
        out.extend(m.span("n") for m in finditer_needed(_AR_AGE_NEAR_RE, norm))
        for m in finditer_needed(_AR_SINN_RE, norm):
            out.append(m.span("n") if m.group("n") else m.span("d"))
        out.extend(m.span("o") for m in finditer_needed(_AR_BIRTHDAY_ORDINAL_RE, norm))
        for m in finditer_needed(_AR_ORDINAL_RE, norm):
            # "في الخامسة" alone may be the hour: a verb before it or "من عمري" after it
            cued = m.group("tail") or m.start("o") - m.start() > 4
            if cued and not _HYPOTHETICAL_BEFORE.search(norm, max(0, m.start() - 40), m.start()):
                out.append((m.start("o"), m.end()))
    if _BIRTHDAY_CUE_RE.search(norm):
        out.extend(_birthday_ages(norm))
    out.extend(_death_ages(norm))
    for m in finditer_needed(_COMMA_WORD_AGE_RE, fold):
        if m.group(1).isdigit() or len(m.group(1)) > 3:
            out.append(m.span(1))
    out = [
        (s, e)
        for s, e in out
        if not _generic_age(norm, s, e, (s, e) in named)
        and not _in_a_figure(norm, s, e)
        and not _ANYONE_BEFORE_RE.search(norm, max(0, s - 40), s)
    ]
    if " et " in norm or " and " in norm or " und " in norm or "&" in norm:
        out.extend(_own_children_ages(norm))
    out.extend(_listed_children_ages(norm))
    # (a form's list of ages is no group's: "Ages: 12, 9, 6")
    if ":" in norm or "ages" in norm:
        out.extend(s_e for s_e in _field_list_ages(norm) if not _in_a_figure(norm, *s_e))
    out.extend(_turn_ages(norm, out))
    if subjects is not None:
        subjects.extend(m.span("subj") for m in _AGE_QUESTION_SUBJECT_RE.finditer(norm))
    out = out + _second_ages(norm, out, subjects)
    return [(s, _half_end(norm, e)) for s, e in out]


def _half_end(norm: str, e: int) -> int:
    m = _HALF_AFTER_RE.match(norm, e)
    return m.end() if m else e


# a form's age field with words in its label, and the ages listed in it: "Alter bei Ausreise: 19",
# "Age at departure: 18", "العمر عند الزواج: ١٦", "Children's ages: ٩، ٧", "Âge des enfants : 6
# ans, 4 ans et 18 mois", "Children: 2 (ages 5 and 3)"
_FIELD_UNIT = r"(?:\s*(?:ans|years?|yrs|mois|months?|jahre|monate|سنوات|سنه|سنين|شهور|اشهر))?"
_FIELD_LIST_RE = re.compile(
    r"(?<![^\W\d_])(?:(?:ages?|alter|العمر|عمر|اعمار|الاعمار)(?:[ \t]+[^\W\d_]+){0,3}[ \t]*:|ages)[ \t]*"
    rf"(?P<first>(?:\d{{1,2}}|{_AR_NUM})(?!\d)){_FIELD_UNIT}(?P<rest>(?:[ \t]*(?:,|،|et|and|und|w|و)[ \t]*"
    # (not a band: "Age band: 30-35", "Tranche d'âge : 18 à 25 ans")
    rf"(?:\d{{1,2}}|{_AR_NUM}){_FIELD_UNIT})*)(?![\w/.]\d)(?!\s*(?:[-\u2013\u2014]|to|a|bis|الى)\s*\d)"
)
_FIELD_ITEM_RE = re.compile(rf"(?:\d{{1,2}}|{_AR_NUM}){_FIELD_UNIT}")


def _field_list_ages(norm: str) -> list[tuple[int, int]]:
    out = []
    for m in finditer_needed(_FIELD_LIST_RE, norm):
        out.append(m.span("first"))
        rest_at = m.start("rest")
        out.extend(
            (rest_at + i.start(), rest_at + i.end())
            for i in _FIELD_ITEM_RE.finditer(m.group("rest"))
        )
    return out


# "[23:58]", "22:07", "1,800 reviews", "4.9 stars": digits of a time or of a larger number
_CLOCK_OR_FIGURE_AFTER_RE = re.compile(r"[:h]\d\d|[.,]\d")
_CLOCK_OR_FIGURE_BEFORE_RE = re.compile(r"\d[:.,]$")
# "Oberlandesgericht Düsseldorf, 5. Strafsenat", "3. Klasse": a German ordinal before its noun
_DE_ORDINAL_NOUN_AFTER_RE = re.compile(
    r"\.\s+(?:\w*senat|\w*kammer|klasse|stock|etage|runde|liga|jahrhundert|kompanie|bataillon"
    r"|bezirk|revier|abteilung|instanz)\b"
)


def _in_a_figure(norm: str, s: int, e: int) -> bool:
    """Is the age ``norm[s:e]`` (digits only) part of a time, a larger number or an ordinal?"""
    if not norm[s:e].isdigit():
        return False
    return bool(
        _CLOCK_OR_FIGURE_AFTER_RE.match(norm, e)
        or _CLOCK_OR_FIGURE_BEFORE_RE.search(norm, max(0, s - 2), s)
        or _DE_ORDINAL_NOUN_AFTER_RE.match(norm, e)
    )
