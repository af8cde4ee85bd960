"""Shared test helpers: translating content the way editors do, and reading HTML."""

import copy
import itertools
import sqlite3
import subprocess
import sys
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test import TestCase, override_settings

from wagtail.models import Locale
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.strings import StringValue

from bs4 import BeautifulSoup

from case_studies.models import CaseStudyIndexPage, CaseStudyPage
from home.demo import refresh_statistics
from home.models import HomePage, StandardPage
from resources.models import GoodPracticePage, GuidePage, ResourceIndexPage

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
SOURCE_LANGUAGE = settings.LANGUAGE_CODE
TARGET_LANGUAGES = [code for code in LANGUAGE_CODES if code != SOURCE_LANGUAGE]

# What a translator "writes" in each language: the English text with a marker in the
# language's own script, so a test can tell every language version apart.
MARKERS = {"bg": "БГ", "el": "ΕΛ", "it": "IT", "pt": "PT", "es": "ES"}

# Every page type editors can create, in tree order.
PAGE_MODELS = [
    HomePage,
    StandardPage,
    ResourceIndexPage,
    GuidePage,
    GoodPracticePage,
    CaseStudyIndexPage,
    CaseStudyPage,
]


def marked(english, lang):
    """The test translation of an English string into ``lang``."""
    return f"{MARKERS.get(lang, lang.upper())} {english}"


def translate(instance, languages=None, text=marked, user=None):
    """Translate a page or snippet with wagtail-localize, as an editor and a translator would.

    "Translate this page" creates a ``TranslationSource`` and one ``Translation`` per language;
    every segment is then translated in the translation editor and the translation is published
    (snippets are saved; a page that is a draft in English stays a draft). The snippets a page
    links to (soft skills, partners) must be translated first, as in the admin.
    Returns {language code: translated instance}.
    """
    languages = languages or TARGET_LANGUAGES
    locales = list(Locale.objects.filter(language_code__in=languages))
    # wagtail-localize publishes translated pages on commit; tests run inside a transaction.
    with TestCase.captureOnCommitCallbacks(execute=True):
        _translate(instance, locales, text, user)
    model = type(instance.specific) if hasattr(instance, "specific") else type(instance)
    translated = model.objects.filter(translation_key=instance.translation_key).select_related(
        "locale"
    )
    return {obj.locale.language_code: obj for obj in translated}


def _translate(instance, locales, text, user):
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    segments = list(StringSegment.objects.filter(source=source).select_related("string"))
    # Read from the database: an instance published through a revision is stale in memory.
    live = (
        type(instance).objects.filter(pk=instance.pk, live=True).exists()
        if hasattr(instance, "live")
        else True
    )
    for locale in locales:
        translation, _created = Translation.objects.update_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        lang = locale.language_code
        for segment in segments:
            english = StringValue(segment.string.data).render_text()
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context_id=segment.context_id,
                defaults={
                    "data": StringValue.from_plaintext(text(english, lang)).data,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                },
            )
        translation.save_target(user=user, publish=live)


def publish(page, **fields):
    """``page`` (as its specific class) with ``fields`` changed, published as a new revision."""
    page = page.specific
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def html(response):
    """The response body parsed as HTML."""
    return BeautifulSoup(response.content.decode(response.charset or "utf-8"), "html.parser")


class Rendered:
    """Pages fetched once and parsed, for a module whose tests only read them: keep one in a
    module-scoped fixture and call it with the test's client and a URL (200 expected)."""

    def __init__(self):
        self.pages = {}

    def __call__(self, client, url):
        if url not in self.pages:
            response = client.get(url)
            assert response.status_code == 200, url
            self.pages[url] = html(response)
        return self.pages[url]


def text_of(element):
    return " ".join(element.get_text(" ").split())


def title_of(response):
    """The text of the response's ``h1``."""
    return text_of(html(response).find("h1"))


@contextmanager
def rolled_back(django_db_blocker):
    """For module-scoped data: created once, rolled back when the module is done."""
    with django_db_blocker.unblock(), transaction.atomic():
        cache.clear()
        yield
        transaction.set_rollback(True)
    cache.clear()


# Database states built once per test process (one per xdist worker): key -> (copy, result).
_BUILT = {}


def _sqlite_copy(source, target=None):
    """Copy a whole SQLite database with sqlite3's backup API (milliseconds for the test DB)."""
    target = target or sqlite3.connect(":memory:", check_same_thread=False)
    source.backup(target)
    return target


@contextmanager
def built_once(django_db_blocker, key, build, restored=None):
    """For module-scoped data that several modules share: ``build()`` runs once per test process
    and each module gets the database as ``build()`` left it (and a fresh copy of its result);
    afterwards the database is as it was before, as with ``rolled_back``.

    The built database is kept and restored for the next module that asks for ``key``: on
    SQLite as an in-memory copy (sqlite3's backup API), on PostgreSQL as a database made from
    the test database as a template (``CREATE DATABASE … TEMPLATE``, a file copy; see
    ``_PostgresSnapshots``). Inside an open transaction, where a restore would wait for a lock
    forever, ``build()`` runs again in ``rolled_back``. Whatever the module does on top (in the
    fixture or in its tests) is rolled back as before. ``restored()`` runs after a restore: for
    what lives outside the database (a search engine's index).
    """
    with django_db_blocker.unblock():
        connection.ensure_connection()
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            snapshots = _SQLiteSnapshots()
        elif connection.vendor == "postgresql" and not connection.in_atomic_block:
            snapshots = _PostgresSnapshots()
        else:
            with rolled_back(django_db_blocker):
                result = build()
                refresh_statistics()  # PostgreSQL: plan the module's queries for what it built
                yield result
            return
        before = snapshots.take()
        try:
            if key in _BUILT:
                snapshots.restore(_BUILT[key][0])
                if restored:
                    restored()
            else:
                with transaction.atomic():
                    cache.clear()
                    result = build()
                    # Inside rolled_back() these on-commit callbacks never ran (the
                    # transaction was rolled back); committing the build must not run them.
                    connection.run_on_commit.clear()
                refresh_statistics()
                _BUILT[key] = (snapshots.take(), result)
            with transaction.atomic():
                cache.clear()
                yield copy.deepcopy(_BUILT[key][1])
                transaction.set_rollback(True)
        finally:
            snapshots.restore(before)
            snapshots.discard(before)
            cache.clear()


class _SQLiteSnapshots:
    """Copies of the whole test database in memory (milliseconds for the test DB)."""

    def take(self):
        return _sqlite_copy(connection.connection)

    def restore(self, snapshot):
        _sqlite_copy(snapshot, connection.connection)

    def discard(self, snapshot):
        snapshot.close()


class _PostgresSnapshots:
    """Copies of the whole test database as other databases of the same server, made and put
    back with ``CREATE DATABASE … TEMPLATE`` (a copy of its files: well under a second for the
    demo, where building it again takes a minute). A template must have no connection open, so
    the test process's own connection is closed first (Django opens it again when next used);
    connections other threads left open are ended. ``drop_snapshots()`` (at the end of the
    session, tests/conftest.py) drops the copies kept."""

    made = set()
    numbers = itertools.count()

    def take(self):
        name = f"{connection.settings_dict['NAME']}_snapshot{next(self.numbers)}"
        self.copy(connection.settings_dict["NAME"], name)
        self.made.add(name)
        return name

    def restore(self, snapshot):
        self.copy(snapshot, connection.settings_dict["NAME"])

    def discard(self, snapshot):
        self.made.discard(snapshot)
        self.drop(snapshot)

    @staticmethod
    def copy(source, target):
        connection.close()
        quote = connection.ops.quote_name
        with connection._nodb_cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                [source],
            )
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(target)} WITH (FORCE)")
            cursor.execute(f"CREATE DATABASE {quote(target)} TEMPLATE {quote(source)}")

    @staticmethod
    def drop(name):
        with connection._nodb_cursor() as cursor:
            name = connection.ops.quote_name(name)
            cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def drop_snapshots():
    """Drop the PostgreSQL copies ``built_once`` kept (nothing to do on SQLite)."""
    while _PostgresSnapshots.made:
        _PostgresSnapshots.drop(_PostgresSnapshots.made.pop())


@contextmanager
def without_search_indexing(keep_references=False):
    """Saving pages does not update the search index nor Wagtail's reference index (both slow)
    — for content that no test searches or asks "where is this used?" about
    (``keep_references``: the reference index is still written)."""
    from wagtail.signal_handlers import (
        disable_reference_index_auto_update,
        reference_index_auto_update_disabled,
    )

    backends = {
        name: {**config, "AUTO_UPDATE": False}
        for name, config in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        if keep_references or getattr(reference_index_auto_update_disabled, "value", False):
            yield
        else:
            with disable_reference_index_auto_update():
                yield


def queries_for(client, url, data=None):
    """The SQL queries of a page view, measured on a second visit (the first fills caches)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, data)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data)
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries], response


def same_queries_message(few, many):
    """Which queries the bigger page ran more often than the smaller one (literals elided)."""
    import re
    from collections import Counter

    def shape(sql):
        sql = re.sub(r"SELECT .*? FROM", "SELECT … FROM", sql)
        return re.sub(r"'[^']*'|\b\d+\b", "?", sql)

    extra = Counter(map(shape, many)) - Counter(map(shape, few))
    missing = Counter(map(shape, few)) - Counter(map(shape, many))
    lines = [f"{len(few)} queries with few items, {len(many)} with many."]
    lines += [f"  +{n} × {sql}" for sql, n in extra.items()]
    lines += [f"  -{n} × {sql}" for sql, n in missing.items()]
    return "\n".join(lines)


def manage_py(*args, env):
    """``manage.py <args>`` in a process of its own with exactly ``env``: what an operator runs.
    (In this process Django is set up already; running a command line here would set it up again
    and bind its logging to the test's captured output.)"""
    return subprocess.run(  # noqa: S603
        [sys.executable, str(settings.BASE_DIR / "manage.py"), *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
