"""What people search for: one row per public search, for the editors' analytics.

No personal data: the normalised query text, the language, the number of results, when, and a
visitor code that only tells whether two searches of the same day came from the same browser
(``visitor_code``: never the address, and unrelated to the next day's code).
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from axes.helpers import get_client_ip_address

from search.background import BackgroundWriter

QUERY_MAX_LENGTH = 200
# Hex digits kept of the visitor's daily HMAC: 24 bits. Two visitors of one query share a code
# once in millions, so distinct codes count visitors; yet even someone holding SECRET_KEY finds
# hundreds of IPv4 addresses (and any number of IPv6 ones) behind one code for a given browser.
VISITOR_CODE_LENGTH = 6


def normalise(query: str) -> str:
    """Lower-case, whitespace folded, at most QUERY_MAX_LENGTH characters."""
    return " ".join(str(query or "").lower().split())[:QUERY_MAX_LENGTH]


def visitor_code(request, day=None) -> str:
    """A short code of the visitor's address and browser (user agent) for ``day`` (today, UTC).

    A keyed hash: the key is derived from ``SECRET_KEY`` and the date, so the code of one
    visitor changes every day and cannot be linked across days; only its first
    ``VISITOR_CODE_LENGTH`` hex digits are kept. The address is the one the login throttling
    sees (``axes``: ``REMOTE_ADDR``, or the one the trusted proxies appended).
    """
    day = day or timezone.now().date()
    address = get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "")
    agent = request.META.get("HTTP_USER_AGENT", "")
    key = f"search.visitor.{day.isoformat()}"
    digest = salted_hmac(key, f"{address}\n{agent}", algorithm="sha256")
    return digest.hexdigest()[:VISITOR_CODE_LENGTH]


class SearchQueryLogQuerySet(models.QuerySet):
    def since(self, days: int):
        return self.filter(created__gte=timezone.now() - timedelta(days=days))

    def in_language(self, language: str | None):
        return self.filter(language=language) if language else self

    def older_than(self, days: int):
        return self.filter(created__lt=timezone.now() - timedelta(days=days))

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
    visitor = models.CharField(
        _("visitor code"), max_length=VISITOR_CODE_LENGTH, blank=True, default=""
    )

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
    def record(cls, query: str, language: str, result_count: int, request=None):
        """Log a search without delaying or failing it: the row is written by a background
        thread (``search.background``); a database error costs the row, not the search.
        ``request``: the visitor's, for the day's visitor code (none: the row counts no one)."""
        text = normalise(query)
        if text:
            visitor = visitor_code(request) if request is not None else ""
            row = cls(query=text, language=language, result_count=result_count, visitor=visitor)
            _log_writer.put(row)

    @classmethod
    def prune(cls, days: int | None = None) -> int:
        """Delete the rows older than ``days`` (``SEARCH_LOG_RETENTION_DAYS``); how many."""
        days = settings.SEARCH_LOG_RETENTION_DAYS if days is None else days
        deleted, _by_model = cls.objects.older_than(days).delete()
        return deleted

    @staticmethod
    def flush(timeout: float | None = None) -> bool:
        """Wait until every recorded search is written (tests, benchmarks)."""
        return _log_writer.flush(timeout)


def _write_search_logs(rows):
    SearchQueryLog.objects.bulk_create(rows)


_log_writer = BackgroundWriter("search-log", _write_search_logs)


class HiddenSearchQuery(models.Model):
    """A query an editor took out of the popular searches of one language (search analytics)."""

    query = models.CharField(_("query"), max_length=QUERY_MAX_LENGTH)
    language = models.CharField(_("language"), max_length=10)
    hidden_at = models.DateTimeField(_("hidden at"), default=timezone.now)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("hidden search query")
        verbose_name_plural = _("hidden search queries")
        constraints = [
            models.UniqueConstraint(fields=["query", "language"], name="search_hidden_query_unique")
        ]

    def __str__(self):
        return f"{self.query} ({self.language})"


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
