"""The search backend named by ``SEARCH_URL``.

The settings hold plain values: ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND":
"search.backends", "URL": SEARCH_URL, ...}}``. When Wagtail first asks for the backend, it calls
``SearchBackend(params)`` here, which reads the URL and builds the engine's own backend.

Accepted forms (see README.md):

* ``database://`` (default): Wagtail's database backend — SQLite FTS5 on SQLite, PostgreSQL
  full-text search when ``DATABASE_URL`` points at PostgreSQL.
* ``elasticsearch://host:port[/index-prefix]``: Elasticsearch 8 (``elasticsearch`` client).
* ``opensearch://host:port[/index-prefix]``: OpenSearch 2 (``opensearch-py`` client).

Use ``elasticsearchs://`` / ``opensearchs://`` for HTTPS; credentials go in the URL's user info.
``?auto_update=false`` stops publishing from updating the index (for bulk loads followed by
``update_index``). ``?replicas=N`` is the number of replicas of each index the portal creates
(0 by default: a single node's indexes are then green; 1 or more for a cluster of N+1 nodes or
more); ``migrate`` applies a changed number to the existing indexes.

The indexes are created with the project's mapping and these settings before any document is
written to them: after ``migrate``, or by the first write (``search.indexing.EngineIndexes``).

Each backend is modelsearch's own with the outage queue of ``search/indexing.py`` mixed in: an
index write that fails is queued and replayed once the backend answers again.
"""

from urllib.parse import parse_qs, unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from modelsearch.utils import deep_update

DATABASE_BACKEND = "search.indexing.database"
ENGINE_BACKENDS = {
    "elasticsearch": "search.indexing.elasticsearch8",
    "opensearch": "search.indexing.opensearch2",
}


def backend_for_url(url: str):
    """The dotted path of the backend factory (search/indexing.py) and its params for ``url``;
    ImproperlyConfigured for a URL that names no supported backend."""
    parts = urlsplit(url or "database://")
    scheme = parts.scheme.lower()
    if scheme in ("", "database", "db"):
        # Terms arrive already analysed (core/analysis.py), so PostgreSQL must not stem them
        # again with its English configuration: "simple" only lower-cases.
        return DATABASE_BACKEND, {"SEARCH_CONFIG": "simple"}

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
    return ENGINE_BACKENDS[engine], {
        "URLS": [host_url],
        "INDEX_PREFIX": f"{prefix}_",
        "TIMEOUT": 10,
        "OPTIONS": options,
        "INDEX_SETTINGS": {"settings": {"index": {"number_of_replicas": replicas(parts.query)}}},
    }


def replicas(query: str) -> int:
    """The ``replicas`` parameter of the URL's query: 0 unless given."""
    value = parse_qs(query).get("replicas", ["0"])[-1]
    if not value.isdigit():
        raise ImproperlyConfigured(
            f"SEARCH_URL's replicas={value!r} is not a number of replicas (0, 1, 2, …)."
        )
    return int(value)


def SearchBackend(params):  # noqa: N802 -- modelsearch calls <BACKEND module>.SearchBackend(params)
    """The backend for ``params["URL"]``; the other params (AUTO_UPDATE, or a test's
    overrides) are passed on and win over those read from the URL (INDEX_SETTINGS key by
    key)."""
    params = dict(params)
    factory, engine_params = backend_for_url(params.pop("URL", ""))
    if "INDEX_SETTINGS" in engine_params and "INDEX_SETTINGS" in params:  # merged, not replaced
        params["INDEX_SETTINGS"] = deep_update(
            engine_params["INDEX_SETTINGS"], params["INDEX_SETTINGS"]
        )
    return import_string(factory)({**engine_params, **params})


def uses_engine():
    """Whether the default backend is a search engine (Elasticsearch, OpenSearch) rather than
    the database."""
    config = settings.WAGTAILSEARCH_BACKENDS["default"]
    return "URLS" in config or backend_for_url(config.get("URL", ""))[0] != DATABASE_BACKEND
