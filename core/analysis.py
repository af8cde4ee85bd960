"""Language analysis shared by every search backend.

Documents and queries go through the same steps, in the language of the page or of the
visitor: split into words, lower-case, drop stop words (stopwords-iso), lemmatise (simplemma
has dictionaries for all six languages), stem (Snowball for English, Greek, Italian,
Portuguese and Spanish; a light suffix stripper for Bulgarian, which Snowball lacks), then fold
accents and Greek tonos.
The engine then indexes and matches plain normalised terms, so SQLite FTS5, PostgreSQL full-text
search, Elasticsearch and OpenSearch all see the same terms and behave alike.
"""

import re
import threading
import unicodedata
from functools import lru_cache

import simplemma
import snowballstemmer
import stopwordsiso

WORD_RE = re.compile(r"\w+", re.UNICODE)
SNOWBALL = {"en": "english", "el": "greek", "it": "italian", "pt": "portuguese", "es": "spanish"}

# Stop words: the stopwords-iso lists (package stopwordsiso), less the words below. Those lists
# were gathered from general text; these few are content words here, and dropping them cost
# search_eval's dev queries their answer ("how to welcome a trainee from abroad": en nDCG@10
# 0.87 -> 0.27; "i cinque perché", the five-whys technique: it 1.0 -> 0.0). Numbers stay
# searchable (the lists hold a few digits), as ``analyse`` keeps even one-digit numbers.
KEPT_WORDS = {
    "en": "abroad welcome",
    "it": "cinque perche perché",
}


@lru_cache(maxsize=16)
def stop_words(lang: str) -> frozenset:
    """The words ``analyse`` drops in this language (none for a language the lists lack)."""
    kept = set(KEPT_WORDS.get(lang, "").split())
    return frozenset(
        word for word in stopwordsiso.stopwords(lang) if word not in kept and not word.isdigit()
    )


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


# A word's family form is its stem with every vowel replaced by "α": the forms of one root
# that only a vowel tells apart meet there, the Greek noun and its verb ("υποδοχ-ή" /
# "υποδεχ-όμαστε" → "απαδαχ"). Consonants and length stay, so unrelated stems rarely meet.
FAMILY_VOWELS = dict.fromkeys("αεηιουω", "α")
FAMILY_LENGTH = 6  # shorter stems are left alone: too many unrelated ones would meet
# Greek only: its root vowel alternates between a noun and its verb as a rule ("λέγω" /
# "λόγος", "τρέπω" / "τροπή", "δέχομαι" / "υποδοχή"). In English, Italian, Spanish and
# Portuguese the family forms met more unrelated words than related ones (search_eval: en
# 0.974 -> 0.943, pt 0.974 -> 0.945; el 0.950 -> 0.970); Bulgarian has its truncated form.
FAMILY_LANGUAGES = frozenset({"el"})


def family_form(stem: str) -> str:
    """The stem with its vowels unified (``FAMILY_VOWELS``), or "" for a short stem."""
    if len(stem) < FAMILY_LENGTH:
        return ""
    return "".join(FAMILY_VOWELS.get(ch, ch) for ch in stem)


def fold(text: str) -> str:
    """Lower-case and strip accents and Greek tonos/dialytika (Cyrillic й stays й)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch) or ch == "\u0306")
    return unicodedata.normalize("NFC", folded).replace("ς", "σ")


# Snowball stemmers keep the word being stemmed in the instance: one per thread (gunicorn's
# gthread workers and runserver serve requests in threads; a shared one mixed two words up)
_stemmers = threading.local()


def _stemmer(lang):
    held = getattr(_stemmers, "by_language", None)
    if held is None:
        held = _stemmers.by_language = {}
    if lang not in held:
        name = SNOWBALL.get(lang)
        held[lang] = snowballstemmer.stemmer(name) if name else None
    return held[lang]


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
    the dictionary form, which links irregular inflections. The word as written is stemmed too
    (then folded): the stemmers know the accented suffixes ("motivação" → "motiv", the stem of
    "motivar"; folded first it would stay "motivaca"), so a noun and its verb meet.
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
    if stemmer is not None:
        forms.update(fold(stemmer.stemWord(written)) for written in {lemma, word.lower()})
    if lang in FAMILY_LANGUAGES:
        forms.update({family_form(form) for form in forms})
    return tuple(sorted(form for form in forms if form))


def analyse(text: str, lang: str) -> list:
    """The normalised terms of a text, in order (repeats kept: they count for ranking)."""
    stop = stop_words(lang)
    terms = []
    for match in WORD_RE.finditer(text or ""):
        word = match.group().lower()
        if word in stop or fold(word) in stop or (len(word) < 2 and not word.isdigit()):
            continue
        terms.extend(term_forms(word, lang))
    return terms


def analysed_text(text: str, lang: str) -> str:
    return " ".join(analyse(text, lang))
