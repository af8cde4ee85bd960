"""What people search for: one row per public search, for the editors' analytics.

No personal data: the normalised query text, the language, the number of results and when.
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from search.background import BackgroundWriter

QUERY_MAX_LENGTH = 200


def normalise(query: str) -> str:
    """Lower-case, whitespace folded, at most QUERY_MAX_LENGTH characters."""
    return " ".join(str(query or "").lower().split())[:QUERY_MAX_LENGTH]


class SearchQueryLogQuerySet(models.QuerySet):
    def since(self, days: int):
        return self.filter(created__gte=timezone.now() - timedelta(days=days))

    def in_language(self, language: str | None):
        return self.filter(language=language) if language else self

    def top(self, limit: int = 50):
        """The most frequent queries: dicts with query, language and searches."""
        return (
            self.values("query", "language")
            .annotate(searches=Count("id"), results=models.Max("result_count"))
            .order_by("-searches", "query", "language")[:limit]
        )


class SearchQueryLog(models.Model):
    query = models.CharField(_("query"), max_length=QUERY_MAX_LENGTH)
    language = models.CharField(_("language"), max_length=10)
    result_count = models.PositiveIntegerField(_("number of results"))
    created = models.DateTimeField(_("searched at"), default=timezone.now)

    objects = SearchQueryLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("search query")
        verbose_name_plural = _("search queries")
        indexes = [
            models.Index(fields=["language", "created"], name="search_log_language_created"),
            models.Index(fields=["created"], name="search_log_created"),
        ]
        permissions = [("view_search_analytics", _("Can view search analytics"))]

    def __str__(self):
        return f"{self.query} ({self.language})"

    @classmethod
    def record(cls, query: str, language: str, result_count: int):
        """Log a search without delaying or failing it: the row is written by a background
        thread (``search.background``); a database error costs the row, not the search."""
        text = normalise(query)
        if text:
            _log_writer.put(cls(query=text, language=language, result_count=result_count))

    @staticmethod
    def flush(timeout: float | None = None) -> bool:
        """Wait until every recorded search is written (tests, benchmarks)."""
        return _log_writer.flush(timeout)


def _write_search_logs(rows):
    SearchQueryLog.objects.bulk_create(rows)


_log_writer = BackgroundWriter("search-log", _write_search_logs)


class PendingIndexUpdate(models.Model):
    """An index write (add/update or delete of one object) that failed: the engine was down.

    Rows are appended by ``search.indexing`` and removed once the object has been re-indexed
    from the database (or ``update_index`` rebuilt everything). Internal bookkeeping, shown in
    no interface, hence no translated labels.
    """

    UPDATE = "update"
    DELETE = "delete"

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.CharField(max_length=255)  # str(pk), as modelsearch stores it
    operation = models.CharField(max_length=6)  # UPDATE or DELETE: for the record only
    queued_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.operation} {self.content_type_id}:{self.object_id}"

    @classmethod
    def record(cls, obj, operation: str):
        cls.objects.create(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            operation=operation,
        )
