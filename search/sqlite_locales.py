"""On SQLite, each page's index entry carries its locale, so a search in one language matches
only that language's entries.

FTS5 answers the ``MATCH`` before anything else: a word shared by the six languages ("feedback")
matched 10,848 entries at 10,000 resources per language, and each was scored (BM25) and joined
to its index entry before the language filter dropped the 8,347 that were not English. That was
26 of the 75 ms of the first search after a publish (docs/performance.md).

- Writing: ``LocaleTermIndex`` adds ``locale_term(page.locale_id)`` to the ``autocomplete``
  column of every page's entry it writes. Search matches only the title and body columns, so
  the term is never matched by what a visitor types. Entries written before this module are
  given their term by ``search/migrations/0004_sqlite_locale_terms``.
- Searching: when the searched pages are filtered to one locale (``queryset_locale_id``),
  ``LocaleMatch`` adds ``AND autocomplete : <term>`` to the ``MATCH``, and the score gives the
  ``autocomplete`` column no weight (``SearchedColumnsBM25``), so the term's phrase adds
  nothing to a page's score. The rows kept are the same; the scores differ from an index
  without terms only by the one term each entry's length gains.

The other backends are untouched: PostgreSQL and the engines filter by language in their own
query plans.
"""

from django.db import transaction
from django.db.models import Value
from django.db.models.fields.related_lookups import RelatedExact
from django.db.models.functions import Coalesce, Concat
from django.db.models.lookups import Exact
from django.db.models.sql.where import AND

from modelsearch.backends.database.sqlite.query import BM25, MatchExpression
from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry, SQLiteIndex
from modelsearch.utils import get_content_type_pk
from wagtail.models import Page

TERM_PREFIX = "zzlocale"  # letters only before the id: FTS5's tokenizer keeps it one word


def locale_term(locale_id) -> str:
    """The word an entry of a page in this locale carries in its ``autocomplete`` column."""
    return f"{TERM_PREFIX}{int(locale_id)}"


class LocaleTermIndex(SQLiteIndex):
    """modelsearch's SQLite index, with each page entry's locale term (see the module)."""

    def add_items(self, model, objs):
        objs = list(objs)
        with transaction.atomic(using=self.write_connection.alias):
            super().add_items(model, objs)
            if issubclass(model, Page) and model.get_search_fields():
                self.add_locale_terms(model, objs)

    def add_locale_terms(self, model, pages):
        """Append each page's term to the ``autocomplete`` modelsearch has just written (it
        writes that column whole for every object it is given): one ``UPDATE`` per locale."""
        by_locale = {}
        for page in pages:
            by_locale.setdefault(page.locale_id, []).append(str(page.pk))
        entries = self.entries.filter(content_type_id=get_content_type_pk(model))
        for locale_id, ids in by_locale.items():
            entries.filter(object_id__in=ids).update(
                autocomplete=Concat(
                    Coalesce("autocomplete", Value("")), Value(f" {locale_term(locale_id)}")
                )
            )


def queryset_locale_id(queryset):
    """The locale every page of ``queryset`` must be in (a ``locale=`` filter among the
    conditions all its rows meet), or ``None``: not pages, or not one locale."""
    if not issubclass(queryset.model, Page):
        return None
    nodes = [queryset.query.where]
    while nodes:
        node = nodes.pop()
        if node.connector != AND or node.negated:
            continue
        for child in node.children:
            if hasattr(child, "children"):
                nodes.append(child)
            elif _is_locale_condition(child):
                return int(child.rhs)
    return None


def _is_locale_condition(condition):
    target = getattr(getattr(condition, "lhs", None), "target", None)
    return (
        isinstance(condition, (Exact, RelatedExact))
        and target is not None
        and target.model is Page
        and target.name == "locale"
        and isinstance(condition.rhs, int)
        and not isinstance(condition.rhs, bool)
    )


class LocaleMatch(MatchExpression):
    """modelsearch's ``MATCH`` on the searched columns, and the locale's term on
    ``autocomplete``."""

    def __init__(self, columns, query, locale_id):
        super().__init__(columns, query)
        self.term = locale_term(locale_id)

    def as_sql(self, compiler, connection):
        sql, (match,) = super().as_sql(compiler, connection)
        return sql, [f"{match} AND autocomplete : {self.term}"]


class SearchedColumnsBM25(BM25):
    """``bm25()`` with no weight on the ``autocomplete`` column: the searched phrases are only
    matched in the title and body (modelsearch's column filter), so their scores are the
    same as with ``BM25``; the locale term's phrase adds nothing. The weights follow the
    columns of Wagtail's FTS5 table: autocomplete, body, title."""

    def as_sql(self, compiler, connection, function=None, template=None):
        return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, 0.0, 1.0, 1.0)", []
