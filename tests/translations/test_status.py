"""The translation status page, its exports and the dashboard panel."""

import csv
import io
from datetime import UTC, datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Locale

import pytest
from openpyxl import load_workbook

from tests.factories import StandardPageFactory
from tests.helpers import html, text_of, translate
from translations.status import TranslationStatus
from translations.status.states import STATES, Cell, Facts, state_of

pytestmark = [pytest.mark.django_db, pytest.mark.prebuilt("home_pages")]


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("boss", "boss@example.org", "password")
    client.force_login(admin)
    return client


def cell(page, title, language):
    row = next(r for r in page.select("table.translation-status tbody tr") if title in r.th.text)
    return row.select_one(f'td[data-language="{language}"]')


def test_states_for_each_language(admin_client, home_pages):
    published = StandardPageFactory(parent=home_pages["en"], title="Published everywhere")
    translate(published, languages=["bg", "el"])
    StandardPageFactory(parent=home_pages["en"], title="Nobody started")
    outdated = StandardPageFactory(parent=home_pages["en"], title="Changed in English")
    translate(outdated, languages=["bg"])
    outdated.title = "Changed in English"
    outdated.save_revision().publish()

    page = html(admin_client.get(reverse("translations:status")))
    assert cell(page, "Published everywhere", "bg")["data-state"] == "published"
    assert "Published and current" in text_of(cell(page, "Published everywhere", "bg"))
    assert cell(page, "Published everywhere", "it")["data-state"] == "not_started"
    assert cell(page, "Nobody started", "bg")["data-state"] == "not_started"
    changed = cell(page, "Changed in English", "bg")
    assert changed["data-state"] == "outdated"
    sync = changed.find("a")
    assert text_of(sync) == "Sync from English"
    # Editors are sent on to wagtail-localize's sync; a language's team updates its own language.
    assert sync["href"].startswith(reverse("translations:status") + "sync/")
    summary = text_of(page.select_one(".translation-status-summary"))
    # home, 3 pages: home and "Published everywhere" current, "Changed in English" outdated.
    assert "Bulgarian: 3 of 4 published, 1 outdated, 0 awaiting review" in summary


def test_in_progress_shows_the_share_of_segments_translated(admin_client, home_pages):
    from wagtail_localize.models import StringTranslation, Translation, TranslationSource

    page = StandardPageFactory(parent=home_pages["en"], title="Half done", intro="Second part.")
    translate(page, languages=["bg"])  # live in Bulgarian...
    bg_page = page.get_translation(Locale.objects.get(language_code="bg"))
    bg_page.live = False  # ...but taken offline while being reworked
    bg_page.save()
    source = TranslationSource.objects.get(object_id=page.translation_key)
    translation = Translation.objects.get(source=source, target_locale__language_code="bg")
    StringTranslation.objects.filter(
        locale=translation.target_locale, translation_of__segments__source=source
    ).first().delete()
    state = TranslationStatus(languages=["bg"])
    row = next(r for r in state.rows if r.title == "Half done")
    assert row.cells["bg"].state == "in_progress"
    assert 0 < row.cells["bg"].progress < 100
    shown = html(admin_client.get(reverse("translations:status"), {"language": "bg"}))
    assert f"({row.cells['bg'].progress}%)" in text_of(cell(shown, "Half done", "bg"))


def test_filters(admin_client, home_pages):
    StandardPageFactory(parent=home_pages["en"], title="Nobody started")
    page = html(
        admin_client.get(
            reverse("translations:status"),
            {"language": "el", "type": "home.standardpage", "state": "not_started"},
        )
    )
    headers = [text_of(th) for th in page.select("table.translation-status thead th")]
    assert headers[2:] == ["Greek"]
    titles = [text_of(r.th) for r in page.select("table.translation-status tbody tr")]
    assert titles == ["Nobody started"]
    empty = html(
        admin_client.get(
            reverse("translations:status"), {"type": "home.standardpage", "state": "published"}
        )
    )
    assert "Nothing matches these filters." in text_of(empty)
    invalid = html(admin_client.get(reverse("translations:status"), {"state": "no-such-state"}))
    assert "Nothing matches these filters." in text_of(invalid)
    # Wagtail's filter drawer refreshes the table from the results URL.
    fragment = html(admin_client.get(reverse("translations:status_results"), {"language": "el"}))
    headers = [text_of(th) for th in fragment.select("table.translation-status thead th")]
    assert headers == ["English source", "Type", "Greek"]


def test_csv_and_xlsx_exports(admin_client, home_pages):
    """Wagtail's report export (``?export=csv``), streamed: read with ``getvalue()``."""
    StandardPageFactory(parent=home_pages["en"], title="=Nobody started")
    status_url = reverse("translations:status")
    response = admin_client.get(status_url, {"language": "bg", "export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert lines[0] == ["Title", "Type", "Kind", "Bulgarian", "Bulgarian progress (%)"]
    assert ["'=Nobody started", "Standard page", "Page", "Not started", ""] in lines

    response = admin_client.get(status_url, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:4] == ["Title", "Type", "Kind", "Bulgarian"]
    assert any(r[0] == "'=Nobody started" for r in rows)


def test_dashboard_panel_has_one_line_per_language(admin_client, home_pages):
    page = html(admin_client.get(reverse("wagtailadmin_home")))
    lines = [text_of(li) for li in page.select(".translation-status-summary li")]
    assert lines == [
        f"{name}: 1 of 1 published, 0 outdated, 0 awaiting review"
        for name in ("Bulgarian", "Greek", "Italian", "Portuguese", "Spanish")
    ]


def test_menu_item(admin_client, home_pages):
    response = admin_client.get(reverse("wagtailadmin_home"))
    assert reverse("translations:status") in response.content.decode()


def _queries(count, home):
    for n in range(count):
        page = StandardPageFactory(parent=home, title=f"Page {count}-{n}")
        if n in (1, count - 1):
            translate(page, languages=["bg", "el"])
    with CaptureQueriesContext(connection) as queries:
        status = TranslationStatus()
        assert len(status.rows) >= count
        status.summaries()
    return len(queries)


def test_query_count_does_not_grow_with_the_number_of_pages(home_pages):
    few = _queries(5, home_pages["en"])
    many = _queries(30, home_pages["en"])
    assert few == many


def _page_queries(client, count, home, params):
    for n in range(count):
        page = StandardPageFactory(parent=home, title=f"Shown {count}-{n}")
        if n in (1, count - 1):
            translate(page, languages=["bg", "el"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("translations:status"), params)
        assert response.status_code == 200
        # the CSV export is streamed: its rows (and their queries) come as it is read, and
        # the test client ends the request once it is read to the end (unread, it left this
        # thread "in a request" for the tests after it: core.cache)
        assert response.getvalue()
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"language": "bg"}, {"export": "csv"}])
def test_the_pages_query_count_does_not_grow_with_the_number_of_pages(
    admin_client, home_pages, params
):
    few = _page_queries(admin_client, 5, home_pages["en"], params)
    many = _page_queries(admin_client, 30, home_pages["en"], params)
    assert few == many


# One state function for pages and snippets: each row is (facts, state, action).
NOW = datetime(2026, 1, 1, tzinfo=UTC)
DONE = {"translated": True, "progress": 100}
STATE_TABLE = [
    (Facts(translated=False), "not_started", "translate"),
    (Facts(translated=False, started=True, progress=40), "in_progress", "translate"),
    (Facts(**DONE, in_review=True, english_changed_at=NOW), "awaiting_review", "review"),
    (Facts(**DONE, draft=True, machine=True), "machine_translated", "edit"),
    (Facts(**DONE, unfinished=True), "in_progress", "edit"),
    (Facts(**DONE, sent_back=True, english_changed_at=NOW), "in_progress", "edit"),
    (Facts(**DONE, english_changed_at=NOW, synced_at=NOW), "outdated", "sync"),
    (Facts(**DONE, synced_at=NOW), "outdated", "update"),
    (Facts(**DONE, draft=True), "in_progress", "edit"),
    (Facts(**DONE, machine=True), "published_machine", "edit"),
    (Facts(translated=True, progress=80), "published_english", "edit"),
    (Facts(**DONE), "published", "edit"),
]


@pytest.mark.parametrize(("facts", "state", "action"), STATE_TABLE)
def test_the_state_function(facts, state, action):
    verdict = state_of(facts)
    assert (verdict.state, verdict.action) == (state, action)
    cell = Cell("bg", verdict.state, facts.progress, "/", verdict.action, verdict.changed_at)
    assert cell.label == STATES[state]  # the label is chosen here, not in the template
    assert cell.action_label
