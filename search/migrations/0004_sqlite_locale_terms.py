"""Give the SQLite index entries written before ``search.sqlite_locales`` their page's locale
term, so that a search in one language still finds them without a reindex."""

from django.db import migrations

# search.sqlite_locales.TERM_PREFIX when this was written (a migration keeps its own copy; that
# module imports modelsearch's SQLite backend, which cannot be imported on PostgreSQL)
TERM_PREFIX = "zzlocale"

PAGE_ENTRIES = """
    FROM wagtailcore_page AS page
    WHERE page.id = CAST(wagtailsearch_indexentry.object_id AS INTEGER)
      AND wagtailsearch_indexentry.content_type_id IN (
          SELECT content_type_id FROM wagtailcore_page
          UNION SELECT id FROM django_content_type
                WHERE app_label = 'wagtailcore' AND model = 'page')
"""


def add_terms(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return  # the term is for SQLite's FTS5 index only
    schema_editor.execute(
        "UPDATE wagtailsearch_indexentry"
        " SET autocomplete = COALESCE(autocomplete, '') || ' ' || %s"
        f" || (SELECT page.locale_id {PAGE_ENTRIES})"
        f" WHERE EXISTS (SELECT 1 {PAGE_ENTRIES})"
        " AND ' ' || COALESCE(autocomplete, '') NOT LIKE %s",
        [TERM_PREFIX, f"% {TERM_PREFIX}%"],
    )


def remove_terms(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(
        "UPDATE wagtailsearch_indexentry"
        " SET autocomplete = RTRIM(SUBSTR(autocomplete, 1, INSTR(autocomplete, %s) - 1))"
        " WHERE INSTR(autocomplete, %s) > 0",
        [f" {TERM_PREFIX}", f" {TERM_PREFIX}"],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_visitor_code_hidden_queries"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(add_terms, remove_terms, elidable=True)]
