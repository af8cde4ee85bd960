"""Language analysis from several threads at once (gunicorn's gthread workers, runserver): each
word gets the terms it gets alone. Snowball stemmers keep the word being stemmed in the
instance, so one shared between threads mixed words up (an IndexError in the search page)."""

import threading

from core import analysis
from core.analysis import analyse

WORDS = {
    "en": [
        f"{stem}{end}"
        for stem in ("connect", "mentor", "listen", "adapt")
        for end in ("ing", "ed", "ions", "ively", "ness", "ments")
    ],
    "el": ["επικοινωνία", "επικοινωνούμε", "ανατροφοδότηση", "ασκούμενος", "μεντορική"],
    "pt": ["motivação", "motivar", "comunicação", "aprendizes", "estagiários"],
}
ROUNDS = 300


def expected():
    analysis.term_forms.cache_clear()
    return {(lang, word): analyse(word, lang) for lang, words in WORDS.items() for word in words}


def test_threads_analysing_at_once_get_what_one_thread_gets():
    alone = expected()
    failures = []

    def work(offset):
        try:
            for n in range(ROUNDS):
                analysis.term_forms.cache_clear()  # every word stemmed again, not read back
                for index, ((lang, word), terms) in enumerate(alone.items()):
                    if (index + offset + n) % 3 == 0:
                        got = analyse(word, lang)
                        if got != terms:
                            failures.append((word, got, terms))
        except Exception as exc:  # noqa: BLE001 -- the failure being tested for
            failures.append(repr(exc))

    threads = [threading.Thread(target=work, args=(offset,)) for offset in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
