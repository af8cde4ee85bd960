"""``manage.py prune_search_log`` deletes the search log rows older than
``SEARCH_LOG_RETENTION_DAYS`` (180 by default) and nothing else."""

from datetime import timedelta
from io import StringIO

from django.core.management import CommandError, call_command
from django.utils import timezone

import pytest

from search.models import HiddenSearchQuery, SearchQueryLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(db):
    now = timezone.now()
    for days in (400, 181, 179, 30, 0):
        SearchQueryLog.objects.create(
            query=f"{days} days ago", language="en", result_count=1, created=now - timedelta(days)
        )
    HiddenSearchQuery.objects.create(
        query="400 days ago", language="en", hidden_at=now - timedelta(400)
    )


def left():
    return sorted(SearchQueryLog.objects.values_list("query", flat=True))


def test_the_default_keeps_180_days(rows, settings):
    assert settings.SEARCH_LOG_RETENTION_DAYS == 180
    out = StringIO()
    call_command("prune_search_log", stdout=out)
    assert left() == ["0 days ago", "179 days ago", "30 days ago"]
    assert out.getvalue().strip() == "2 search log row(s) older than 180 days deleted."
    assert HiddenSearchQuery.objects.count() == 1  # an editor's decision, not a log row
    call_command("prune_search_log", stdout=out)
    assert left() == ["0 days ago", "179 days ago", "30 days ago"]


def test_the_period_is_a_setting_and_an_option(rows, settings):
    settings.SEARCH_LOG_RETENTION_DAYS = 100
    call_command("prune_search_log", verbosity=0)
    assert left() == ["0 days ago", "30 days ago"]
    call_command("prune_search_log", "--days", "10", verbosity=0)
    assert left() == ["0 days ago"]


@pytest.mark.parametrize("days", ["0", "-5"])
def test_it_refuses_to_delete_everything(rows, days):
    with pytest.raises(CommandError, match="at least one day"):
        call_command("prune_search_log", "--days", days)
    assert len(left()) == 5
