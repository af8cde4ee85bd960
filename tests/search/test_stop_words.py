"""Stop words come from the stopwords-iso lists, less the project's few kept words."""

import pytest
import stopwordsiso

from core.analysis import KEPT_WORDS, analyse, stop_words


@pytest.mark.parametrize("lang", ["en", "bg", "el", "it", "pt", "es"])
def test_every_language_uses_the_library_list_less_the_kept_words(lang):
    kept = set(KEPT_WORDS.get(lang, "").split())
    library = {word for word in stopwordsiso.stopwords(lang) if not word.isdigit()}
    assert len(library) > 200
    assert stop_words(lang) == library - kept


def test_kept_words_and_numbers_stay_searchable():
    assert analyse("how to welcome a trainee from abroad", "en") == ["welcom", "traine", "abroad"]
    assert analyse("i cinque perché", "it") == ["cinqu", "perc"]
    assert analyse("el 5 de mayo", "es") == ["5", "may"]
    assert analyse("ο ασκούμενος δεν μιλάει", "el") == analyse("ασκούμενος μιλάει", "el")


def test_a_language_without_a_list_drops_nothing():
    assert stop_words("xx") == frozenset()
