"""Made-up pages for the relevance tests that pin one kind of ranking in six languages: written
as a search-bench corpus (one JSON Lines file per language), loaded and indexed."""

import json

from django.core.management import call_command

from home.setup import ensure_site
from search.evaluation import load_corpus


def load_made_up_pages(folder, words, documents):
    """For each ``(lang, rare, common, query, filler)`` of ``words``, the pages
    ``documents(lang, rare, common, filler)`` in ``folder``, then loaded and indexed."""
    for lang, rare, common, _query, filler in words:
        lines = [
            json.dumps({**doc, "lang": lang}, ensure_ascii=False)
            for doc in documents(lang, rare, common, filler)
        ]
        (folder / f"{lang}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ensure_site()
    load_corpus(folder)
    call_command("update_index", verbosity=0)
