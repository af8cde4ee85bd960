"""Turn ``SEARCH_URL`` into Wagtail's ``WAGTAILSEARCH_BACKENDS``.

Accepted forms (see README.md):

* ``database://`` (default): Wagtail's database backend — SQLite FTS5 on SQLite, PostgreSQL
  full-text search when ``DATABASE_URL`` points at PostgreSQL.
* ``elasticsearch://host:port[/index-prefix]``: Elasticsearch 8 (``elasticsearch`` client).
* ``opensearch://host:port[/index-prefix]``: OpenSearch 2 (``opensearch-py`` client).

Use ``elasticsearchs://`` / ``opensearchs://`` for HTTPS; credentials go in the URL's user info.
``?auto_update=false`` stops publishing from updating the index (for bulk loads followed by
``update_index``).

Each backend is modelsearch's own with the outage queue of ``search/indexing.py`` mixed in: an
index write that fails is queued and replayed once the backend answers again.
"""

from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

DATABASE_BACKEND = "search.indexing.database"
ENGINE_BACKENDS = {
    "elasticsearch": "search.indexing.elasticsearch8",
    "opensearch": "search.indexing.opensearch2",
}


def search_backends_from_url(url: str) -> dict:
    parts = urlsplit(url or "database://")
    scheme = parts.scheme.lower()
    query = parse_qs(parts.query)
    # ?auto_update=false: publishing does not update the index (bulk loads, then update_index)
    auto_update = query.get("auto_update", ["true"])[-1].lower() not in ("0", "false", "no")
    if scheme in ("", "database", "db"):
        # Terms arrive already analysed (search/analysis.py), so PostgreSQL must not stem them
        # again with its English configuration: "simple" only lower-cases.
        return {
            "default": {
                "BACKEND": DATABASE_BACKEND,
                "AUTO_UPDATE": auto_update,
                "SEARCH_CONFIG": "simple",
            }
        }

    secure = scheme.endswith("s") and scheme.rstrip("s") in ENGINE_BACKENDS
    engine = scheme.rstrip("s") if secure else scheme
    if engine not in ENGINE_BACKENDS:
        raise ImproperlyConfigured(
            f"SEARCH_URL scheme {scheme!r} is not supported; use database://, "
            "elasticsearch://host:port or opensearch://host:port."
        )
    if not parts.hostname:
        raise ImproperlyConfigured(f"SEARCH_URL {url!r} names no host.")
    host_url = "{}://{}:{}".format(
        "https" if secure else "http", parts.hostname, parts.port or 9200
    )
    prefix = parts.path.strip("/") or "portal"
    options = {}
    if parts.username:
        options["http_auth"] = (unquote(parts.username), unquote(parts.password or ""))
    return {
        "default": {
            "BACKEND": ENGINE_BACKENDS[engine],
            "URLS": [host_url],
            "INDEX_PREFIX": f"{prefix}_",
            "TIMEOUT": 10,
            "OPTIONS": options,
            "AUTO_UPDATE": auto_update,
        }
    }
