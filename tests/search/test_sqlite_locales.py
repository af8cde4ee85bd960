"""On SQLite a page's index entry carries its locale, and a search in one language matches only
that language's entries (search/sqlite_locales.py).

What a visitor sees must not change: the same pages in the same order (test_sqlite_ranking.py
compares the narrowed ranking with modelsearch's own on the corpus in six languages; here the
entries, the statement, republishing, the migration for entries written before, and what the
narrowing must leave alone)."""

import importlib
from types import SimpleNamespace

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

import pytest

from resources.models import KnowledgePage, SoftSkill
from search.backends import uses_engine
from search.query import ranked_ids

if connection.vendor != "sqlite" or uses_engine():
    # modelsearch's SQLite modules cannot even be imported on another database
    pytest.skip("the SQLite backend's index entries", allow_module_level=True)

from search.sqlite_locales import locale_term, queryset_locale_id  # noqa: E402

pytestmark = pytest.mark.django_db

migration = importlib.import_module("search.migrations.0004_sqlite_locale_terms")


def entry_of(page):
    return IndexEntry.objects.get(content_type_id=page.content_type_id, object_id=str(page.pk))


def page_entries():
    """Every page's index entry, with its page."""
    pages = {str(page.pk): page for page in Page.objects.all()}
    page_types = set(Page.objects.values_list("content_type_id", flat=True))
    return [
        (entry, pages[entry.object_id])
        for entry in IndexEntry.objects.filter(content_type_id__in=page_types)
    ]


def locale_terms(entry):
    return [word for word in (entry.autocomplete or "").split() if word.startswith("zzlocale")]


def run_migration(function):
    """``function`` of the migration, on the test's connection (the schema editor is not
    usable inside the test's transaction on SQLite, and the migration only runs SQL)."""

    def execute(sql, params=()):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    function(None, SimpleNamespace(connection=connection, execute=execute))


def test_every_page_entry_carries_its_own_locale_term_once(content):
    entries = page_entries()
    assert len({page.locale_id for _entry, page in entries}) == 6
    for entry, page in entries:
        assert locale_terms(entry) == [locale_term(page.locale_id)], page.url_path
    # the alias in Bulgarian is a page of its own, with its own locale
    assert locale_terms(entry_of(content.kitchen_alias)) == [
        locale_term(Locale.objects.get(language_code="bg").pk)
    ]


def test_snippets_entries_carry_no_locale_term(content):
    skills = IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(SoftSkill))
    assert skills.count() == SoftSkill.objects.count() > 0
    assert not any(locale_terms(entry) for entry in skills)


def test_republishing_a_page_keeps_one_term(content):
    kitchen = content.kitchen
    for _ in range(2):
        kitchen.title = f"{kitchen.title} again"
        kitchen.save_revision().publish()
    entry = entry_of(kitchen)
    assert "again again" in entry.title
    assert locale_terms(entry) == [locale_term(kitchen.locale_id)]


def test_the_search_statement_matches_the_language_term(content):
    english = Locale.objects.get(language_code="en")
    with CaptureQueriesContext(connection) as queries:
        found = ranked_ids("kitchen apprentices", english)
    assert found[0] == content.kitchen.pk
    matches = [q["sql"] for q in queries.captured_queries if " MATCH " in q["sql"]]
    assert len(matches) == 1
    assert f"AND autocomplete : {locale_term(english.pk)}" in matches[0]
    assert "bm25(wagtailsearch_indexentry_fts, 0.0, 1.0, 1.0)" in matches[0]


def test_the_term_itself_finds_nothing(content):
    english = Locale.objects.get(language_code="en")
    assert ranked_ids(locale_term(english.pk), english) == []
    kitchen = ranked_ids("kitchen", english)
    assert content.kitchen.pk in kitchen
    assert ranked_ids(f"{locale_term(english.pk)} kitchen", english) == kitchen


def test_entries_without_their_term_are_not_found_and_the_migration_brings_them_back(content):
    english = Locale.objects.get(language_code="en")
    before = ranked_ids("kitchen apprentices", english)
    assert content.kitchen.pk in before

    run_migration(migration.remove_terms)  # as written before search.sqlite_locales
    assert not any(locale_terms(entry) for entry, _page in page_entries())
    assert ranked_ids("kitchen apprentices", english) == []  # the term is what is matched

    run_migration(migration.add_terms)
    run_migration(migration.add_terms)  # twice: still one term each
    for entry, page in page_entries():
        assert locale_terms(entry) == [locale_term(page.locale_id)], page.url_path
    assert ranked_ids("kitchen apprentices", english) == before


@pytest.mark.parametrize(
    ("queryset", "expected"),
    [
        (lambda en: KnowledgePage.objects.live().public().filter(Q(locale=en)), "en"),
        (lambda en: Page.objects.filter(locale_id=en.pk, live=True), "en"),
        (lambda en: KnowledgePage.objects.filter(Q(locale=en) | Q(live=True)), None),
        (lambda en: KnowledgePage.objects.exclude(locale=en), None),
        (lambda en: KnowledgePage.objects.filter(locale__in=[en]), None),
        (lambda en: KnowledgePage.objects.live(), None),
        (lambda en: SoftSkill.objects.filter(locale=en), None),
    ],
    ids=["filter", "page-id", "or", "exclude", "in", "none", "snippet"],
)
def test_only_a_required_page_locale_narrows(content, queryset, expected):
    english = Locale.objects.get(language_code="en")
    wanted = english.pk if expected else None
    assert queryset_locale_id(queryset(english)) == wanted


def test_admin_autocomplete_is_not_narrowed(content):
    english = Locale.objects.get(language_code="en")
    found = get_search_backend().autocomplete(
        "Mentoring apprentices in a noisy kit", KnowledgePage.objects.filter(locale=english)
    )
    assert content.kitchen.pk in [page.pk for page in found]
