"""Names mentioned as words, not said of anyone.

A text may talk about a name instead of a person: a glossary line ("Nour, نور, Licht"), what
it means ("Amal veut dire espoir", "Salam heißt Frieden", "Karim, that means generous",
"نور معناه ضوء"), or whose it is in religious teaching (the Prophet's companions listed, "الصحابة
أبو بكر وعمر"; the prophets named together in a sentence about them or the Quran). The
detectors' hits there are dropped, unless they are vault values.
"""

from __future__ import annotations

import re

from .findings import Raw
from .normalise import _normalise, finditer_needed
from .wordlists import (
    _COMMON_DE_FR,
    _COMMON_WORDS,
    _STOPWORDS,
    _WORD_NAMES,
    _is_given_name,
    _noun_shaped,
    entries,
    keyed,
    words,
)

__all__ = ["drop_mentioned_words"]

_KINDS = frozenset({"person", "place", "kunya", "nisba"})
# after the word: what it means
_MEANS_AFTER_RE = re.compile(
    # (an aside between: "Karim, en arabe, veut dire", "Karim, sagte der Lehrer, heißt")
    r"[ \t]*,?[ \t]*(?:[^,.;:!?\n\d]{2,30},[ \t]*)?(?:(?:ca|cela|that|which|das|es)[ \t]+)?"
    r"(?:veut[ \t]+dire|signifie|voulait[ \t]+dire|means|meant|stands[ \t]+for|bedeutet|bedeutete"
    r"|heisst|hiess|تعني|معناه|معناها)(?!\w)"
    # or what kind of word it is: "Karim, Amal et Noor sont des mots", "Noor (نور) and Amal (أمل)
    # are words I love", "sind arabische Wörter"
    r"|(?:[ \t]*(?:\([^)\n]{1,20}\))?[ \t]*(?:,|et|and|und|&)[ \t]+[^\W\d_]+){0,4}[ \t]*(?:\([^)\n]{1,20}\))?"
    r"[ \t]+(?:sont|are|sind|were|etaient|waren)[ \t]+(?:(?:des|all|alle|tous|just|only|nur|de|beautiful|arabic"
    r"|arabes|arabische|schone|beaux|jolis)[ \t]+)*(?:mots|words|worter|noms|names|namen|prenoms)(?!\w)"
    # or what they were the names of: "Rose et Marguerite, c'étaient les noms des salles"
    r"|(?:[ \t]*(?:,|et|and|und|&)[ \t]+[^\W\d_]+){0,4}[ \t]*,?[ \t]*(?:c'?etaient|ce[ \t]+sont|c'?est"
    r"|das[ \t]+(?:waren|sind)|(?:those|these|they)[ \t]+(?:were|are))[ \t]+(?:les|the|die|des|nur|just"
    r"|only|seulement)?[ \t]*(?:mots|words|worter|noms|names|namen|prenoms)[ \t]+(?:des|of|der|du|de)(?!\w)"
    # German puts the verb last: "dass Amal Hoffnung bedeutet"
    r"|[ \t]+[^\W\d_]+[ \t]+(?:bedeutet|bedeutete|heisst)(?!\w)"
    # (not "ya3ni", "يعني": "I mean" in every other chat line)
)
# before the word: the word it translates ("peace means Salam", "le mot Amal", "كلمة أمل")
_MEANS_BEFORE_RE = re.compile(
    # (not "heißt" or "is called" before it: "Er heißt Ahmed", "my son is called Yusuf")
    r"(?<!\w)(?:means|veut[ \t]+dire|signifie|bedeutet|the[ \t]+word|le[ \t]+mot|das[ \t]+wort"
    r"|كلمه|كلمة)[ \t]*[:,«\"“']?[ \t]*$"
)
# a bare common noun opening the sentence, then "heißt", "is", "se dit": the word it translates
# ("Frieden heißt Salam", "Peace is Salam"; not "Er heißt Ahmed", "Mein Sohn heißt Yusuf")
_NOUN_MEANS_BEFORE_RE = re.compile(
    r"(?:^|[.!?:;\n][ \t]*|[\"“«][ \t]*)(?P<n>[^\W\d_]{3,})[ \t]+(?:heisst|hiess|bedeutet|bedeutete"
    r"|heisst[ \t]+auf[ \t]+arabisch|se[ \t]+dit|is[ \t]+called|in[ \t]+arabic[ \t]+is|means|veut[ \t]+dire"
    r"|signifie)[ \t]*[:,«\"“']?[ \t]*$"
)
# what the word is, after it: "Rahma, c'est-à-dire la miséricorde", "Sabr, das heißt Geduld",
# "Nour, that is light" (a strong gloss, enough alone)
_GLOSSED_AFTER_RE = re.compile(
    r"[ \t]*,?[ \t]*(?:c'?est[ \-]a[ \-]dire|das[ \t]+heisst|d\.[ \t]?h\.|that[ \t]+is[ \t]+to[ \t]+say|i\.e\.)"
    r"[ \t,:]*(?:(?:la|le|les|l'|the|die|der|das|un|une|a)[ \t]*)?(?P<t>[^\W\d_]+)"
)
# a word name, then what it was: "Nour, c'était la lumière de la lampe", "Sabr, la patience";
# two of these in a text make a glossary
_GLOSS_ARTICLE_PAIR_RE = re.compile(
    r"(?<![^\W\d_])(?P<n>[^\W\d_]+)[ \t]*[,:][ \t]*(?:c'?etait|c'?est|ce[ \t]+fut|das[ \t]+war|das[ \t]+ist"
    r"|that[ \t]+was|that[ \t]+is|it[ \t]+was)?[ \t]*(?:la|le|les|l'|the|die|der|das)[ \t]*(?P<t>[^\W\d_]+)"
)
# a translation, then the Arabic word between commas or in brackets: "hope, أمل, is a verb",
# "peace (سلام)"
_ARABIC_GLOSSED_RE = re.compile(
    r"(?<![^\W\d_])(?P<t>[a-z]+)[ \t]*(?:,[ \t]*(?P<a>[\u0621-\u064a]{2,})[ \t]*,|\([ \t]*(?P<b>[\u0621-\u064a]{2,})[ \t]*\))"
)
_PERSON_NOUNS = frozenset(w for w in keyed("mentioned_words.txt").get("person-nouns", []))


def _glossed_arabic(norm: str) -> list[tuple[int, int]]:
    """The Arabic words a translation comes before (see ``_ARABIC_GLOSSED_RE``)."""
    out = []
    for m in _ARABIC_GLOSSED_RE.finditer(norm):
        t = m.group("t")
        if not _translation(t) or t in _PERSON_NOUNS:
            continue
        if _SAID_OF_SOMEONE_BEFORE_RE.search(norm, max(0, m.start() - 30), m.end("t")):
            continue  # "my friend, أمل, came"
        out.append(m.span("a") if m.group("a") else m.span("b"))
    return out


def _glossed_word(norm: str, s: int, e: int) -> bool:
    """A word name glossed by what it means, after or before it (see the patterns above)."""
    word = norm[s:e].strip()
    if " " in word:
        return False
    m = _GLOSSED_AFTER_RE.match(norm, e)
    # (the marker is strong: any word but a name, a person or a function word, "mon frère")
    if (
        m
        and len(m.group("t")) > 2
        and m.group("t") not in _PERSON_NOUNS
        and m.group("t") not in _STOPWORDS
        and not _KIN_RE.fullmatch(m.group("t"))
        and not _is_given_name(m.group("t"))
    ):
        return True
    before = _NOUN_MEANS_BEFORE_RE.search(norm, max(0, s - 40), s)
    return bool(
        before
        and (_translation(before.group("n")) or _noun_shaped(before.group("n")))
        and before.group("n") not in _PERSON_NOUNS
        and not _KIN_RE.fullmatch(before.group("n"))
        and not _SAID_OF_SOMEONE_BEFORE_RE.search(norm, max(0, s - 30), s)
    )


# the companions, the caliphs: the names listed after them are theirs
_COMPANIONS_RE = re.compile(
    r"(?:(?:prophet'?s|prophete|propheten)[ \t]+(?:companions|compagnons|gefahrten)"
    r"|(?:companions|compagnons|gefahrten)[ \t]+(?:of[ \t]+the|du|des)[ \t]+(?:prophet|prophete|propheten)"
    r"|(?<!\w)(?:the[ \t]+(?:four|rightly[ \t]+guided)[ \t]+caliphs|les[ \t]+califes"
    r"[ \t]+(?:bien[ \t]+guides|rashidun)|الصحابه|الصحابة|الخلفاء[ \t]+الراشدين))(?!\w)[^.;!?\n]{0,90}"
)


# a word given with its other-script spelling and a translation: "Amal, أمل, Hoffnung, espoir",
# "Nour, نور, Licht" (a glossary, not a person)
# (the translation is a word alone: "Ghassan, غسان, hatte im Viertel" is a man and his name)
_WORD_ALONE = r"(?P<w>[^\W\d_]+)(?=[ \t]*(?:[,.;:!?\n]|$))"
_GLOSS_AFTER_LATIN_RE = re.compile(rf"[ \t]*,[ \t]*[\u0621-\u064a]{{2,}}[ \t]*,[ \t]*{_WORD_ALONE}")
_GLOSS_AFTER_ARABIC_RE = re.compile(rf"[ \t]*,[ \t]*{_WORD_ALONE}")
_GLOSS_BEFORE_ARABIC_RE = re.compile(r"(?<![^\W\d_])[a-z]+[ \t]*,[ \t]*$")


def _gloss(norm: str, s: int, e: int) -> bool:
    """A word in a glossary line: with its spelling in the other script and a translation."""
    if "\u0621" <= norm[s] <= "\u064a":
        m = _GLOSS_AFTER_ARABIC_RE.match(norm, e)
        return bool(
            m
            and _translation(m.group("w"))
            and _GLOSS_BEFORE_ARABIC_RE.search(norm, max(0, s - 30), s)
        )
    m = _GLOSS_AFTER_LATIN_RE.match(norm, e)
    return bool(m and _translation(m.group("w")))


def _translation(word: str) -> bool:
    return word in _COMMON_WORDS or word in _COMMON_DE_FR


# a glossary: names that are words, each with its translation ("Amal: hope. Noor: light.
# Karim: generous.", "Sabr, Geduld. Amal, Hoffnung. Nour, Licht."); two pairs make it one
_GLOSS_PAIR_RE = re.compile(
    r"(?<![^\W\d_])(?P<n>[^\W\d_]+)[\"”»'’“]?[ \t]*[,:=\u2013\u2014][ \t]*(?P<t>[^\W\d_]+)"
    r"(?=[ \t]*(?:[.;,!?/\n]|$))"
)


_QUOTED_PAIR_RE = re.compile(r"[\"“«'‘„][^\W\d_]+[\"”»'’“]")
_GLOSS_BEFORE_PAIR_RE = re.compile(
    r"(?<![^\W\d_])(?P<t>[^\W\d_]+)[ \t]*,[ \t]*(?P<n>[^\W\d_]+)(?=[ \t]*(?:[.;,!?/\n]|$))"
)


def _glossary(norm: str) -> list[tuple[int, int]]:
    """The names of a glossary of word names (see ``_GLOSS_PAIR_RE``)."""
    pairs = [
        m
        for m in _GLOSS_PAIR_RE.finditer(norm)
        if (m.group("n") in _WORD_NAMES or m.group("n") in _DIVINE) and m.group("t") != m.group("n")
    ]
    # or the translation first: "patience, Sabr, and mercy, Rahma"
    before = [
        m
        for m in _GLOSS_BEFORE_PAIR_RE.finditer(norm)
        if (m.group("n") in _WORD_NAMES or m.group("n") in _DIVINE) and _translation(m.group("t"))
    ]
    # (one pair is enough when the name is quoted as a word: '"Jamil", beautiful, is what …')
    quoted = [
        m
        for m in pairs
        if _QUOTED_PAIR_RE.match(norm, m.start("n") - 1) and _translation(m.group("t"))
    ]
    # (or what it was, with an article: "Nour, c'était la lumière de la lampe. Sabr, la patience.")
    articled = [
        m
        for m in _GLOSS_ARTICLE_PAIR_RE.finditer(norm)
        if (m.group("n") in _WORD_NAMES or m.group("n") in _DIVINE)
        and _translation(m.group("t"))
        and m.group("t") not in _PERSON_NOUNS
    ]
    n_pairs = sum(_translation(m.group("t")) for m in pairs) + len(before) + len(quoted)
    if n_pairs + len(articled) < 2:
        return []
    return [m.span("n") for m in (*pairs, *before, *articled)]


# the prophets named where the sentence speaks of prophets or of the Quran: "Moses, Jesus and
# Muhammad were all prophets to them", "Marie, Jésus, Moïse : le cheikh parlait des prophètes"
_PROPHETS = frozenset(_normalise(w) for w in keyed("mentioned_words.txt")["prophets"])
_PROPHETS_CUE_RE = re.compile(
    r"(?<!\w)(?:prophets?|prophete|prophetes|propheten|quran|coran|koran|القران|الانبياء|الانبيا"
    r"|الرسل|anbiya|sourate|surah|sura"
    # (two prophets named with a story, a song, the imam or God: "Yunus in the whale, Nuh and
    # the flood: the children's favourite stories", "sobhan Allah, Mousa w el Bahr, Youssef")
    r"|stories|story|histoire|histoires|geschichte|geschichten|قصص|قصه|قصة|song|chanson|lied"
    r"|imam|l'imam|الامام|allah|الله)(?!\w)"
)
_SENTENCE_RE = re.compile(r"[^.!?\n]+")
_WORD_RE = re.compile(r"[^\W\d_]+")
# (nor where someone's own people are named: "Muhammad and Yusuf, my cousins, …")
_KIN_RE = re.compile(
    r"(?<!\w)(?:my|his|her|their|our|mon|ma|mes|son|sa|ses|mein|meine|meinen|sein|seine|ihr|ihre"
    r"|brother|sister|cousins?|son|daughter|frere|soeur|fils|fille|bruder|schwester|sohn|tochter"
    r"|اخي|اختي|ابني|بنتي|ابن|بنت|اخوي)(?!\w)"
)
_PROPHET_HINTS = (
    "proph",
    "stor",
    "histoire",
    "geschichte",
    "قص",
    "song",
    "chanson",
    "lied",
    "imam",
    "allah",
    "الله",
    "الامام",
    "quran",
    "coran",
    "koran",
    "القران",
    "الانبيا",
    "الرسل",
    "anbiya",
    "sura",
)


def _listed(word: str, names: frozenset[str]) -> bool:
    """``word`` in ``names``, also behind an Arabic "and" ("إبراهيم وموسى وعيسى")."""
    return word in names or (word[:1] in ("و", "ف") and word[1:] in names)


def _prophet_sentences(norm: str) -> list[tuple[int, int]]:
    """The sentences that speak of the prophets or of the Quran."""
    if not any(h in norm for h in _PROPHET_HINTS) and "sourate" not in norm:
        return []
    # (two prophets named at least: "my brother Muhammad read the Quran" is a brother)
    return [
        m.span()
        for m in _SENTENCE_RE.finditer(norm)
        if _PROPHETS_CUE_RE.search(m.group())
        and len({w for w in _WORD_RE.findall(m.group()) if _listed(w, _PROPHETS)}) >= 2
        and not _KIN_RE.search(m.group())
    ]


# the figures of religious teaching (mentioned_words.txt "figures"), normalised; "_" joins words
_FIGURES = frozenset(
    _normalise(w.replace("_", " ")) for w in keyed("mentioned_words.txt")["figures"]
)
_FIGURE_PREFIX_RE = re.compile(
    r"(?:(?:le|la|the|der|die|das)[ \t]+)?(?:prophete|prophet|propheten|النبي|سيدنا|sayyidina"
    r"|sidna|imam|الامام)[ \t]+"
)
# the battles of early history after "the battle of" (mentioned_words.txt "battles")
_BATTLES = frozenset(
    _normalise(w.replace("_", " ")) for w in keyed("mentioned_words.txt")["battles"]
)
_BATTLE_BEFORE_RE = re.compile(
    r"(?<!\w)(?:battles?|bataille|batailles|schlacht|ghazwa|ghazwat|ghazwet|غزوه|غزوة|معركه|معركة)"
    r"[ \t]+(?:(?:of|de|d'|von|bei|um)[ \t]*)?(?:(?:the|la|le|el|al|der)[ \t\-]+)?"
    r"(?:[^\W\d_]+[ \t]*(?:,|and|et|und|or|ou|w|و)[ \t]*(?:(?:of|de|d')[ \t]*)?){0,3}$"
)
# a sentence of religious teaching: the Prophet, the companions, a hadith, a sura, a blessing,
# a story or a life told in a lesson
_TEACHING_RE = re.compile(
    r"(?<!\w)(?:prophets?|prophete|prophetes|prophet|propheten|النبي|الرسول|الانبياء|rasul|nabi"
    r"|companions?|compagnons?|gefahrten|gefahrte|sahaba|sa7aba|s7aba|الصحابه|الصحابة|الصحابي|hadith|hadiths"
    # the caliphs and the battles of the early history: "Uthman the third caliph", "ghazwat Badr"
    r"|caliphs?|califes?|kalifen|kalif|khalifa|الخليفه|الخليفة|الخلفاء|ghazwa|ghazwat|غزوه|غزوة"
    r"|الحديث|روي|رواه|quran|coran|koran|القران|sourate|surah|sura|سوره|سورة|zawjat|زوجات"
    r"|المومنين|عليه[ \t]+السلام|رضي[ \t]+الله|صلي[ \t]+الله|سيره|سيرة|قصه|قصة"
    # (not a story alone: "bro عمر just posted a story")
    r"|(?:story|stories)[ \t]+(?:of|about)|(?:histoire|histoires)[ \t]+(?:de|d)"
    r"|(?:geschichte|geschichten)[ \t]+(?:von|vom|der|des)|religionsunterricht|khutba|خطبه|خطبة"
    # (the tales: "told stories of Juha and of Antar", "حكايات جحا")
    r"|tales|contes|marchen|حكايات|حكايه|حكاية|hikayat|7kayat|7ikayat"
    r"|sermon|predigt|precheur|predicateur|الدرس|الحلقه|الحلقة|الدوره[ \t]+الشرعيه"
    r"|الدورة[ \t]+الشرعية|opferfest|hadsch)(?!\w)"
)
# the name of a sura: "sourate Maryam", "سورة يوسف", "Sura Yusuf"
_SURA_BEFORE_RE = re.compile(r"(?<!\w)(?:sourate|surah|sura|surat|sourat|سوره|سورة)[ \t]+$")


# "so-and-so" in every language: "أبو فلان", "Umm flan", "Herr Soundso" name no one
_PLACEHOLDER_NAMES = frozenset(_normalise(w) for w in keyed("mentioned_words.txt")["placeholders"])
_TALK_WORDS = frozenset(w for w in keyed("mentioned_words.txt")["word-talk"] if "_" not in w)
_KUNYA_WORDS = frozenset(
    {"umm", "um", "oum", "om", "ummu", "abu", "abou", "abo", "ebu", "ام", "ابو", "ابي"}
)
# (after an elided French article, its apostrophe dropped by the normal form: "qu'Abou" is "quabou")
_KUNYA_BEFORE_RE = re.compile(
    r"(?<!\w)(?:qu|d|l|j)?و?(?P<k>ابو|ابي|ام|abu|abou|abi|umm|oum|um)[ \t]+$"
)


def _figure(norm: str, s: int, e: int) -> bool:
    """Does the hit ``norm[s:e]`` start with a figure of religious teaching (also the rest of
    a figure's kunya: بكر الصديق after أبي)?"""
    text = _FIGURE_PREFIX_RE.sub("", norm[s:e], count=1)
    kunya = _KUNYA_BEFORE_RE.search(norm, max(0, s - 9), s)
    if kunya:
        text = kunya.group("k") + " " + text
    words = text.split()
    return any(" ".join(words[:n]) in _FIGURES for n in (1, 2, 3) if len(words) >= n)


# one's own people in the sentence ("Muhammad and Yusuf, my cousins"; not "Yusuf and his
# brothers", the story's)
_OWN_KIN_RE = re.compile(
    r"(?<!\w)(?:my|our|your|mon|ma|mes|notre|nos|ton|ta|tes|mein|meine|meinen|meiner|unser"
    r"|unsere|dein|deine|اخي|اختي|ابني|بنتي|اخوي|امي|ابي[ \t]+و)(?!\w)"
)


def _teaching_sentences(norm: str) -> list[tuple[int, int]]:
    """The sentences of religious teaching where no one speaks of their own people."""
    if not _TEACHING_RE.search(norm):
        return []
    out = []
    after_teaching = False
    for m in _SENTENCE_RE.finditer(norm):
        teaching = bool(_TEACHING_RE.search(m.group()))
        # (and the sentence right after one: "Der Prophet heiratete Khadija, so lernten wir es im
        # Unterricht. Aisha und Fatima wurden als Vorbilder genannt.")
        if (teaching or after_teaching) and not _OWN_KIN_RE.search(m.group()):
            out.append(m.span())
        # (and on through the sentences that go on naming the prophets and companions: "The
        # prophet Yusuf was thrown into a well. Musa crossed the sea. Ibrahim was tested.")
        after_teaching = teaching or (
            after_teaching
            and not _OWN_KIN_RE.search(m.group())
            and any(
                _listed(w, _FIGURES) or _listed(w, _PROPHETS) for w in _WORD_RE.findall(m.group())
            )
        )
    return out


# a name said of someone: a relative's or one's own ("my brother Yusuf", "اسمي فاطمة")
_SAID_OF_SOMEONE_BEFORE_RE = re.compile(
    rf"(?:{_KIN_RE.pattern}|(?<!\w)(?:my[ \t]+name[ \t]+is|i[ \t]+am|i'm|je[ \t]+m'?appelle"
    r"|je[ \t]+suis|ich[ \t]+heisse|ich[ \t]+bin|اسمي|اسمه|اسمها|انا|اني|called|appele|appelee"
    r"|genannt|يلقب|الملقب))[ \t,:]*$"
)


def _figure_lists(norm: str) -> list[tuple[int, int]]:
    """Sentences naming three figures of teaching or more and no one's own people: "On
    parlait de Aïcha, de Khadija, de Fatima" are the Prophet's household."""
    out = []
    for m in _SENTENCE_RE.finditer(norm):
        words = _WORD_RE.findall(m.group())
        if len(
            {w for w in words if _listed(w, _FIGURES) or _listed(w, _PROPHETS)}
        ) >= 3 and not _OWN_KIN_RE.search(m.group()):
            out.append(m.span())
    return out


# the Hijri months in Latin letters, in the spellings of every language: "Rabi' al-Awwal 1436",
# "Joumada al-Oula", "Chaabane", "Dhul Qa'dah", "Rabi3 el Awwal" (a month, never a name)
_HIJRI_MONTH_RE = re.compile(
    r"(?<!\w)(?:muharram|mouharram|moharram|safar|saphar|(?:rabi|rabia|rabie|rabi3|rabi'|rabi2)"
    r"[ \t\-']+(?:(?:al|el|ath|at|ul|as)[ \t\-']+)?(?:awwal|awal|oula|ula|thani|tani|thania|akhir|akhar"
    r"|akhira|2awwal|2awal)|(?:jumada|joumada|djoumada|jumadi|joumad|jumad|dschumada)[ \t\-']+"
    r"(?:(?:al|el|ul)[ \t\-']+)?(?:ula|oula|awwal|ukhra|akhira|thania|thani|akhir|2ula)|rajab|radjab"
    r"|redjeb|sha'?ban|cha'?bane?|chaabane|chaaban|scha'?ban|schaaban|shaaban|ramadan|ramadhan"
    r"|ramazan|shawwal|chawwal|schawwal|chaoual|(?:dhu|dhul|dhou|dhoul|zul|thul|dhu'l|dul)"
    r"[ \t\-']*(?:(?:al|el)[ \t\-']+)?(?:qa'?dah?|qi'?dah?|qa'?ada|qi'?da|ka'?da|hijjah?|hijja"
    r"|hidja|hiddja|hijah))(?!\w)"
)


# the names of God (mentioned_words.txt "divine"), normalised
_DIVINE = frozenset(_normalise(w) for w in keyed("mentioned_words.txt")["divine"])
_DIVINE_CUE_RE = re.compile(
    r"(?<!\w)(?:names?[ \t]+of[ \t]+(?:god|allah)|(?:god|allah)'?s[ \t]+names?|noms?[ \t]+de[ \t]+dieu"
    r"|noms?[ \t]+d'?allah|namen?[ \t]+(?:gottes|allahs)|asma'?[ \t\-]*(?:al|ul|ou)[ \t\-]*husna"
    r"|الاسماء[ \t]+الحسني|اسماء[ \t]+الله|99[ \t]+(?:names|noms|namen)|attributes?[ \t]+of[ \t]+god)"
)
# the article before a divine name, and no "Abd" before it: "al-Karim", "ar-Rahim"
_DIVINE_ARTICLE_RE = re.compile(r"(?<![\w\-])(?:al|ar|as|ash|an|ad|az|at|el|er|es|en|ul)[ \t\-]$")
_ABD_BEFORE_RE = re.compile(
    r"(?:abd|abdu|abdel|abdul|abdal|3abd|abed|عبد)[ \t\-]*(?:al|ar|as|ash|an|ad|az|at|el|er|es|en|ul)?[ \t\-]*$"
)


def _stories() -> dict[str, tuple[frozenset[str], re.Pattern[str]]]:
    """prophet_stories.txt: each spelling of a prophet's name, the words of his story and a
    pattern that finds one of them."""
    out: dict[str, tuple[frozenset[str], re.Pattern[str]]] = {}
    for line in entries("prophet_stories.txt"):
        names, _, story = line.partition("=")
        words = frozenset(_normalise(w.replace("_", " ")) for w in story.split())
        alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        rx = re.compile(rf"(?<![^\W\d_])(?:{alts})(?![^\W\d_])")
        for name in names.split():
            out[_normalise(name)] = (words, rx)
    return out


_STORIES = _stories()
_STORY_REACH = 40
_STORY_AFTER_RE = re.compile(
    r"[ \t]+(?:and|w|wa|et|und|و|&|in|dans|im|fi|f|with|avec|mit)[ \t]*"
    r"(?:(?:the|el|al|la|le|les|der|die|das|dem|du|des|de[ \t]+la|of[ \t]+the)[ \t\-]+|l'|de[ \t]+l'|ال)?"
    r"(?P<w>[^\W_]\w*)"
)
_STORY_BEFORE_RE = re.compile(
    r"(?P<w>[^\W\d_]+)[ \t]+(?:(?:of|de|du|des|d|von|vom|der|des)[ \t]+)?(?:(?:the|al|el)[ \t\-]+)?$"
)
_SOMEONES_AFTER_RE = re.compile(
    r"[ \t]*,?[ \t]*(?:my|his|her|our|their|mon|ma|sa|son|notre|mein|meine|sein|seine|ihr|ihre"
    r"|unser|unsere)(?!\w)"
)


def _prophet_with_story(norm: str, s: int, e: int) -> bool:
    """A prophet named with what his story is known for, in the same sentence, near him (also
    inside the hit: "جمال يوسف", Yusuf's beauty), not someone's relative ("my brother Yusuf")."""
    words = norm[s:e].split()
    prophet = next((w for w in words if w in _STORIES), None)
    if prophet is None:
        return False
    story, rx = _STORIES[prophet]
    if len(words) > 1:  # (the story's word behind "and": "يونس والحوت")
        return all(w == prophet or w in story or (w[:1] == "و" and w[1:] in story) for w in words)
    if _SAID_OF_SOMEONE_BEFORE_RE.search(norm, max(0, s - 30), s) or _SOMEONES_AFTER_RE.match(
        norm, e
    ):
        return False
    # joined to the story's word: "Musa and the sea", "Mousa w el Bahr", "Yunus dans la baleine",
    # "صبر أيوب", "l'arche de Noé" (not "Musa crossed the sea", a man on the way)
    after = _STORY_AFTER_RE.match(norm, e)
    if after and (rx.fullmatch(after.group("w")) or rx.fullmatch("ال" + after.group("w"))):
        return True
    before = _STORY_BEFORE_RE.search(norm, max(0, s - _STORY_REACH), s)
    return bool(before and rx.fullmatch(before.group("w")))


def _divine_name(norm: str, s: int, e: int, divine_sentences: list[tuple[int, int]]) -> bool:
    """Is the hit ``norm[s:e]`` one of God's names, named as God's?"""
    word = norm[s:e].strip()
    for article in ("al-", "ar-", "as-", "an-", "el-", "al ", "ar "):
        if word.startswith(article) and word[len(article) :] in _DIVINE:
            word = word[len(article) :]
            break
    if word not in _DIVINE or _ABD_BEFORE_RE.search(norm, max(0, s - 10), s):
        return False
    return any(ds <= s and e <= de for ds, de in divine_sentences) or bool(
        _DIVINE_ARTICLE_RE.search(norm, max(0, s - 4), s)
    )


_FORMULA_RE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(
        r"[ \t\-]+".join(re.escape(w) for w in _normalise(f.replace("_", " ")).split())
        for f in sorted(keyed("mentioned_words.txt")["formulas"], key=len, reverse=True)
    )
    + r")(?!\w)"
)


_WORD_TALK_RE = re.compile(
    r"(?<!\w)(?<!i[ \t])(?:"
    + "|".join(
        r"[ \t]+".join(re.escape(w) for w in _normalise(f.replace("_", " ")).split())
        for f in sorted(keyed("mentioned_words.txt")["word-talk"], key=len, reverse=True)
    )
    + r")(?!\w)"
)
# (someone's friend or a relative: "my friend Amal, the word means hope")
_FRIEND_RE = re.compile(
    r"(?<!\w)(?:friend|friends|ami|amie|amis|copine|copain|freund|freundin|صديقي|صديقتي|sa7bti|sa7bi)(?!\w)"
)


# someone named in the sentence: "Je m'appelle Hajar, en arabe هاجر"
_NAMING_RE = re.compile(
    r"(?<!\w)(?:my[ \t]+name|his[ \t]+name|her[ \t]+name|named|je[ \t]+m'?appelle|s'?appelle|s'?appelait"
    r"|mon[ \t]+nom|mon[ \t]+prenom|ich[ \t]+heisse|mein[ \t]+name|sein[ \t]+name|ihr[ \t]+name"
    r"|اسمي|اسمه|اسمها|esmi|ismi|smiti|esmo|esmha)(?!\w)"
)


def _word_talk_sentences(norm: str) -> list[tuple[int, int]]:
    """The sentences that speak of words and what they mean, naming no one's own people."""
    if not _WORD_TALK_RE.search(norm):
        return []
    return [
        m.span()
        for m in _SENTENCE_RE.finditer(norm)
        if _WORD_TALK_RE.search(m.group())
        and not _OWN_KIN_RE.search(m.group())
        and not _KIN_RE.search(m.group())
        and not _FRIEND_RE.search(m.group())
        and not _NAMING_RE.search(m.group())
    ]


_SURAS = words("suras.txt", normalise=True)
# a sentence that speaks of the Quran or of a sura
_QURAN_CUE_RE = re.compile(
    r"(?<!\w)(?:sura|suras|surah|surat|sourate|sourates|sourat|sure|suren|quran|coran|koran"
    r"|recite\w*|recit\w*|rezitier\w*|سوره|سورة|القران|تلاوه|تلاوة|يتلي|يتلى)(?!\w)"
)
_SURA_WORDS = frozenset({"sura", "surah", "surat", "sourate", "sourat", "sure", "سوره", "سورة"})
_ARTICLE_RE = re.compile(r"^(?:al|an|as|at|ash|ar|ad|az|adh|ath|el|en|es|et|ul)[ \t\-']+")


def _sura(text: str) -> bool:
    """Is ``text`` (normalised) a sura's name, with or without "Surat" and the article?"""
    words_ = [w for w in text.replace("-", " ").split() if w not in _SURA_WORDS]
    name = _ARTICLE_RE.sub("", " ".join(words_))
    if not words_:
        return True  # the word "Surat" itself
    return name in _SURAS or name.replace(" ", "") in _SURAS or " ".join(words_) in _SURAS


# a quoted title after the work it names: "the song "Tala' al-Badru 'Alayna"", "le nachid « Salam »"
_TITLE_RE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(_normalise(w)) for w in keyed("mentioned_words.txt")["works"])
    + r")[ \t]*(?:called|named|intitule|titled|namens|:)?[ \t]*[\"“«„‚‘'][ \t]*(?P<t>[^\"“”«»„\n]{2,60}?)[ \t]*[\"”»“‘’]"
)


def _one_word(text: str) -> bool:
    """One word, or one and its translation ("Rahma Barmherzigkeit"), or single words joined by
    "and" ("Nima et Rahma")."""
    parts = text.split()
    if len(parts) == 3 and parts[1] in ("and", "et", "und", "w", "wa", "و"):
        return True
    return all(w in _COMMON_WORDS or w in _COMMON_DE_FR or _noun_shaped(w) for w in parts[1:])


def drop_mentioned_words(norm: str, raw: list[Raw], meanings: bool = True) -> None:
    """Drop the detectors' hits on names the text mentions as words (see the module).
    ``meanings``: also where the text says what a word means (the first reading only: a name
    found again elsewhere is no word whose meaning is given)."""
    lists = (
        [m.span() for m in finditer_needed(_COMPANIONS_RE, norm)] if _has_companions(norm) else []
    )
    prophets = _prophet_sentences(norm)
    teaching = _teaching_sentences(norm) + _figure_lists(norm)
    months = [m.span() for m in finditer_needed(_HIJRI_MONTH_RE, norm)]
    months += [
        m.span() for m in finditer_needed(_FORMULA_RE, norm)
    ]  # "Eid Mubarak", "Allahu Akbar"
    divine = (
        [m.span() for m in _SENTENCE_RE.finditer(norm) if _DIVINE_CUE_RE.search(m.group())]
        if _DIVINE_CUE_RE.search(norm)
        else []
    )
    talk = _word_talk_sentences(norm) if meanings else []
    glossed = _glossary(norm) if meanings and ("," in norm or ":" in norm) else []
    if meanings and ("," in norm or "(" in norm):
        glossed += _glossed_arabic(norm)
    titles = [m.span("t") for m in finditer_needed(_TITLE_RE, norm)]
    quran = (
        [
            m.span()
            for m in _SENTENCE_RE.finditer(norm)
            if _QURAN_CUE_RE.search(m.group())
            # (not where someone's own people are named: "my son Yasin read the Quran")
            and not _KIN_RE.search(m.group())
            and not _OWN_KIN_RE.search(m.group())
            and not _NAMING_RE.search(m.group())
        ]
        if _QURAN_CUE_RE.search(norm)
        else []
    )
    keep: list[Raw] = []
    for hit in raw:
        s, e, cat, known = hit
        if glossed and not known and cat in _KINDS and (s, e) in glossed:
            continue  # "Amal: hope. Noor: light. Karim: generous."
        if (
            talk
            and not known
            and cat in ("person", "place")
            and _one_word(norm[s:e])
            and any(ts <= s and e <= te for ts, te in talk)
            and not _SAID_OF_SOMEONE_BEFORE_RE.search(norm, max(0, s - 30), s)
        ):
            continue  # "Karim is generous, Jamil handsome: the interpreter explained each word"
        if (
            not known
            and cat in _KINDS
            and (
                any(ls <= s and e <= le for ls, le in lists) or (meanings and _meaning(norm, s, e))
            )
        ):
            continue
        if (
            quran
            and not known
            and cat in _KINDS
            and any(qs <= s and e <= qe for qs, qe in quran)
            and _sura(norm[s:e].strip())
        ):
            continue  # "Surat al-Kahf on Fridays, Yasin for the dead"
        if titles and not known and cat in _KINDS and any(ts <= s and e <= te for ts, te in titles):
            continue  # the song "Tala' al-Badru 'Alayna": a title
        if not known and cat in _KINDS and norm[s:e].strip() in _KUNYA_WORDS:
            continue  # "was called Umm something": the word alone names no one
        if not known and cat in _KINDS and norm[s:e].split()[-1] in _PLACEHOLDER_NAMES:
            continue  # "أبو فلان", "Abu flan": so-and-so
        if not known and cat == "kunya" and norm[s:e].split()[-1] in _TALK_WORDS:
            continue  # "Abu means father of": the word, talked about
        if (
            not known
            and cat in _KINDS
            and norm[s:e].strip() in _BATTLES
            and _BATTLE_BEFORE_RE.search(norm, max(0, s - 60), s)
        ):
            continue  # "the battle of Yarmouk, of Qadisiyya and Hattin"
        if not known and cat in _KINDS and _prophet_with_story(norm, s, e):
            continue  # "the song about Musa and the sea", "صبر أيوب"
        if not known and cat in _KINDS and _divine_name(norm, s, e, divine):
            continue  # "one of the names of God is al-Karim"
        if not known and cat in _KINDS and any(ms <= s and e <= me for ms, me in months):
            continue  # a Hijri month: "Im Rabi' ath-Thani 1438", "En Chaabane 1438"
        if (
            not known
            and cat in _KINDS
            and (
                (
                    _figure(norm, s, e)
                    and any(ts <= s and e <= te for ts, te in teaching)
                    and not _SAID_OF_SOMEONE_BEFORE_RE.search(norm, max(0, s - 30), s)
                )
                or _SURA_BEFORE_RE.search(norm, max(0, s - 12), s)
            )
        ):
            continue
        if (
            not known
            and cat in _KINDS
            and norm[s:e] in _PROPHETS
            and any(ps <= s and e <= pe for ps, pe in prophets)
        ):
            continue
        keep.append(hit)
    raw[:] = keep


_NAME_WORD_RE = re.compile(r"(?:name|nom|prenom|vorname|the[ \t]+name)[ \t]+")


def _meaning(norm: str, s: int, e: int) -> bool:
    name = _NAME_WORD_RE.match(norm, s)
    if name:
        s = name.end()  # "der Name Noor bedeutet Licht": the word after "Name"
    if " " in norm[s:e].strip():
        return False  # a full name is said of someone
    return bool(
        _MEANS_AFTER_RE.match(norm, e)
        or _MEANS_BEFORE_RE.search(norm, max(0, s - 24), s)
        or _gloss(norm, s, e)
        or _glossed_word(norm, s, e)
    )


def _has_companions(norm: str) -> bool:
    return any(
        w in norm
        for w in (
            "compan",
            "compag",
            "gefahrt",
            "sahaba",
            "sa7aba",
            "calif",
            "calip",
            "kalif",
            "الصحاب",
            "الخلفاء",
        )
    )
