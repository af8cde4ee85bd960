"""The search benchmark's content: --resources resource pages in each of the six languages, fast.

A few pages per language (``base``) are created the ordinary way, with ``resources.factory``
(texts recombined from the demo corpus: a random document's title, summary and type, four of
the language's paragraphs, two of its soft skills). The rest are copies of those pages made
with benchmarks/scale.py's ``Copier`` (bulk inserts of the page rows and their inline rows, in
one transaction, placed in the tree as treebeard does), each copy with its own number in the
title and its own four paragraphs drawn from the language's pool, so no two resources share a
text. Copies have no revisions and no index entries: the benchmark indexes everything with
``update_index`` afterwards. Creating 60,000 pages one by one takes hours on a busy 2-core
machine; this takes minutes, on SQLite and on PostgreSQL alike.

Only called inside the benchmark's worker process, once Django is set up.
"""

import json
import time
import uuid
from collections import defaultdict

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

from wagtail.models import Locale, Page

from scale import Copier

from home.setup import ensure_site
from resources import factory
from resources.models import KnowledgePage, SoftSkill
from search.evaluation import load_corpus, read_jsonl

try:
    from psycopg.types.json import Jsonb  # PostgreSQL's driver is an optional extra
except ImportError:  # SQLite only: no JSON wrapper needed
    Jsonb = None

PREFIX = "bench-"


def existing():
    """How many benchmark pages the database holds already (0: build them)."""
    return Page.objects.filter(slug__startswith=PREFIX).count()


def build(corpus, langs, per_language, rng, base=50, log=print):
    """Create ``per_language`` benchmark resources in each of ``langs``; returns the count."""
    ensure_site()
    load_corpus(corpus)  # homes, indexes and skills in each language (and the corpus's pages)
    base = min(base, per_language)
    for lang in langs:
        docs = read_jsonl(corpus / f"{lang}.jsonl")
        paragraphs = [p for d in docs for p in factory.split_paragraphs(d["body"])]
        locale = Locale.objects.get(language_code=lang)
        indexes = factory.index_pages(factory.home_page(locale))
        skills = list(SoftSkill.objects.filter(locale=locale).order_by("slug"))
        for number in range(base):
            doc = rng.choice(docs)
            factory.document_resource(
                indexes,
                doc,
                title=f"{doc['title']} ({number})",
                slug=f"{PREFIX}{number}",
                body=factory.paragraph_blocks(rng.sample(paragraphs, 4)),
                skills=rng.sample(skills, 2),
                audience=[],
            )
        log(f"  {lang}: {base} resources created one by one", flush=True)
    started = time.perf_counter()
    copier = VariedCopier(rng)
    sources = defaultdict(list)
    for page in KnowledgePage.objects.filter(slug__startswith=PREFIX).order_by("path"):
        sources[page.locale_id].append(page)
    with transaction.atomic():
        for pages in sources.values():
            for number in range(base, per_language):
                copier.copy(pages[number % len(pages)], number)
        copier.flush()
    log(f"  {copier.added} more copied in {time.perf_counter() - started:.0f} s", flush=True)
    return existing()


class VariedCopier(Copier):
    """``Copier`` whose copies get their own title number and their own paragraphs."""

    def __init__(self, rng):
        super().__init__(connection, Page, KnowledgePage, None)
        self.rng = rng
        self.pools = {}  # locale id -> the paragraph blocks of that language's source pages
        self.postgres = connection.vendor == "postgresql"

    def copy(self, page, number):
        super().copy(page, number)
        page_table = Page._meta.db_table
        tables, _ = self.rows_of(page)
        for table, _pk, _source in tables:
            row = self.rows[table][-1]
            if table == page_table:
                title = f"{page.title.rsplit(' (', 1)[0]} ({number})"
                row.update(title=title, draft_title=title)
            if "body" in row:
                row["body"] = self.body(page.locale_id, row["body"])

    def body(self, locale_id, stored):
        """Four paragraphs of the language, stored as the source's body was (text or JSON)."""
        if locale_id not in self.pools:
            self.pools[locale_id] = [
                block
                for source in KnowledgePage.objects.filter(
                    locale_id=locale_id, slug__startswith=PREFIX
                )
                for block in source.body.get_prep_value()
            ]
        blocks = [
            {**block, "id": str(uuid.UUID(int=self.rng.getrandbits(128)))}
            for block in self.rng.sample(self.pools[locale_id], 4)
        ]
        return json.dumps(blocks) if isinstance(stored, str) else self.json(blocks)

    def flush(self):
        tables = set(self.rows)
        if self.postgres:  # psycopg adapts no dict or list by itself: JSON columns need a wrapper
            for rows in self.rows.values():
                for row in rows:
                    for column, value in row.items():
                        if isinstance(value, dict | list):
                            row[column] = self.json(value)
        super().flush()
        reset_sequences(model for model in apps.get_models() if model._meta.db_table in tables)

    def json(self, value):
        return Jsonb(value) if self.postgres else json.dumps(value)


def reset_sequences(models):
    """Move PostgreSQL's id sequences past the ids the copies were given (SQLite needs
    nothing): else the next page anyone creates, e.g. a missing alias on ``migrate``, collides."""
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(statement)
