"""Language analysis shared by every search backend.

Documents and queries go through the same steps, in the language of the page or of the
visitor: split into words, lower-case, drop stop words, lemmatise (simplemma has dictionaries
for all six languages), stem (Snowball for English, Greek, Italian, Portuguese and Spanish; a
light suffix stripper for Bulgarian, which Snowball lacks), then fold accents and Greek tonos.
The engine then indexes and matches plain normalised terms, so SQLite FTS5, PostgreSQL full-text
search, Elasticsearch and OpenSearch all see the same terms and behave alike.
"""

import re
import unicodedata
from functools import lru_cache

import simplemma
import snowballstemmer

WORD_RE = re.compile(r"\w+", re.UNICODE)
SNOWBALL = {"en": "english", "el": "greek", "it": "italian", "pt": "portuguese", "es": "spanish"}

# Short stop-word lists: the words that would otherwise match nearly every document.
STOP_WORDS = {
    "en": "a an and are as at be by for from how in into is it of on or that the their them "
    "they this to was were what when with who why you your do does can",
    "bg": "а и в във на за от по с със се е са да не как като че който която което които "
    "това тази този тези то те той тя ще при към до или но ли",
    "el": "ο η το οι τα του της των τον την τους τις και να σε στο στη στην στον στα στους "
    "με για από που πως ως είναι ειναι θα δεν ένα ενα μια μία ή αλλά",
    "it": "il lo la i gli le un uno una di a da in con su per tra fra e o che come del della "
    "dei delle al alla ai alle nel nella è sono si non",
    "pt": "o a os as um uma uns umas de do da dos das em no na nos nas por para com e ou que "
    "como ao aos à às é são se não",
    "es": "el la los las un una unos unas de del a al en con por para y o que como es son se "
    "no lo su sus",
}
STOP_WORDS = {lang: frozenset(words.split()) for lang, words in STOP_WORDS.items()}

# Bulgarian: definite articles and plural endings, longest first (a light stemmer).
BG_SUFFIXES = sorted(
    set(
        (
            "ищата овете ището иите ията ието ата ята ото ето ите ове еве ища ище ият ия "
            "ът ят та то те ии и а я о е ен на но ни"
        ).split()
    ),
    key=len,
    reverse=True,
)


def fold(text: str) -> str:
    """Lower-case and strip accents and Greek tonos/dialytika (Cyrillic й stays й)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch) or ch == "\u0306")
    return unicodedata.normalize("NFC", folded).replace("ς", "σ")


@lru_cache(maxsize=8)
def _stemmer(lang):
    name = SNOWBALL.get(lang)
    return snowballstemmer.stemmer(name) if name else None


def _bg_stem(word):
    for suffix in BG_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=200_000)
def term_forms(word: str, lang: str) -> tuple:
    """The normalised terms a single word stands for (usually one, at most two).

    Accents are folded *before* stemming, so "responsabilita'" and "responsabilità" or
    "empatia" and "empatía" reach the same stem; the lemma (looked up with its accents) adds
    the dictionary form, which links irregular inflections.
    """
    try:
        lemma = simplemma.lemmatize(word, lang=lang).lower()
    except ValueError:  # a language simplemma does not know
        lemma = word
    stemmer = _stemmer(lang)
    forms = set()
    for candidate in {fold(lemma), fold(word)}:
        if stemmer is not None:
            forms.add(stemmer.stemWord(candidate))
        elif lang == "bg":
            forms.add(_bg_stem(candidate))
            if len(candidate) >= 6:
                forms.add(candidate[:5])  # a truncated form links derived words
        else:
            forms.add(candidate)
    return tuple(sorted(form for form in forms if form))


def analyse(text: str, lang: str) -> list:
    """The normalised terms of a text, in order (repeats kept: they count for ranking)."""
    stop = STOP_WORDS.get(lang, frozenset())
    terms = []
    for match in WORD_RE.finditer(text or ""):
        word = match.group().lower()
        if word in stop or fold(word) in stop or (len(word) < 2 and not word.isdigit()):
            continue
        terms.extend(term_forms(word, lang))
    return terms


def analysed_text(text: str, lang: str) -> str:
    return " ".join(analyse(text, lang))
