"""A search engine works from its first start (search/indexing.py ``EngineIndexes``).

On a real Elasticsearch/OpenSearch (``make test-elasticsearch`` / ``make test-opensearch``) each
test gets an index prefix of its own that does not exist yet, and deletes its indexes at the
end. ``migrate`` (or the first write, when nobody ran it) creates every index with the
project's mapping and settings, so content loaded afterwards is found through the public search
page without ``update_index``; never by the engine's automatic mapping (``.keyword``
subfields, no ``_all_text``: the search page then finds nothing). The settings part also runs
on the database backends.
"""

import uuid
from contextlib import contextmanager
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

import pytest

from home.demo import DemoLoader, read_data
from resources.models import KnowledgePage
from search.backends import SearchBackend, backend_for_url, uses_engine
from search.indexing import EngineIndexes
from tests.factories import GuidePageFactory, ResourceIndexPageFactory, SoftSkillFactory
from tests.helpers import html, text_of, without_search_indexing
from tests.search.conftest import clean_slate, search_url

ENGINE = uses_engine()
engine_only = pytest.mark.skipif(
    not ENGINE, reason="needs SEARCH_URL=elasticsearch:// or opensearch://"
)


def found(client, lang, query):
    response = client.get(search_url(lang), {"q": query})
    assert response.status_code == 200
    return [text_of(title) for title in html(response).select(".search-result .card__title")]


@contextmanager
def fresh_engine_index(query=""):
    """The default backend on an index prefix nobody used yet (``query``: the URL's query);
    its indexes are deleted at the end, whatever the test left."""
    config = settings.WAGTAILSEARCH_BACKENDS["default"]
    parts = urlsplit(config["URL"])
    prefix = f"{parts.path.strip('/') or 'portal'}_fresh{uuid.uuid4().hex[:8]}"
    url = parts._replace(path=f"/{prefix}", query=query).geturl()
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": {**config, "URL": url}}):
        backend = get_search_backend()
        try:
            yield backend
        finally:
            names = list(backend.es.indices.get(index=f"{prefix}_*"))  # aliases' indexes too
            if names:
                backend.es.indices.delete(index=",".join(names))


def page_index(backend):
    return backend.get_index_for_model(Page)


def mapping_of(backend, index):
    mappings = backend.es.indices.get_mapping(index=index.name)
    (mapping,) = (body["mappings"] for body in dict(mappings).values())
    return mapping["properties"]


def assert_project_mapping(backend):
    """The mapping modelsearch builds from the models' search fields, not the engine's guess."""
    properties = mapping_of(backend, page_index(backend))
    assert "_all_text" in properties
    assert properties["title"] == {"type": "text", "copy_to": ["_all_text", "_all_text_boost_2_0"]}
    assert properties["resources_knowledgepage__search_body_terms"]["type"] == "text"
    assert properties["live_filter"]["type"] == "boolean"
    guessed = [name for name, field in properties.items() if "keyword" in field.get("fields", {})]
    assert guessed == []  # no ".keyword" subfield: nothing was mapped automatically


def index_settings(backend, index):
    (body,) = dict(backend.es.indices.get_settings(index=index.name)).values()
    return body["settings"]["index"]


@engine_only
@pytest.mark.django_db
def test_migrate_creates_the_indexes_and_the_demo_content_is_found_without_update_index(
    client, tmp_path
):
    with fresh_engine_index() as backend:
        assert not backend.es.indices.exists(index=page_index(backend).name)

        call_command("migrate", verbosity=0)

        for index in backend.all_indexes():
            assert backend.es.indices.exists(index=index.name), index.name
        assert_project_mapping(backend)
        with without_search_indexing():
            clean_slate()  # what other modules left committed (slugs the demo uses)
        demo = read_data()
        demo["corpus"]["en"] = demo["corpus"]["en"][:4]  # a part of it: four English resources
        with override_settings(MEDIA_ROOT=tmp_path):
            DemoLoader(demo, log=lambda *args: None, languages=[]).run()

        assert found(client, "en", "active listening")[0].startswith("Active Listening")
        assert_project_mapping(backend)  # the documents added nothing the engine had to guess


@engine_only
@pytest.mark.django_db
def test_the_first_write_creates_a_missing_index_with_the_projects_mapping(client, home_page):
    with fresh_engine_index() as backend:
        resources = ResourceIndexPageFactory(parent=home_page)  # the first write
        assert_project_mapping(backend)
        skill = SoftSkillFactory(name="Giving feedback", slug="giving-feedback")
        guide = GuidePageFactory(parent=resources, title="The wombat method", skills=[skill])

        # Found at once: a write is refreshed by the portal, not after the engine's interval.
        assert found(client, "en", "wombat") == [guide.title]
        assert KnowledgePage.objects.live().search("wombat").count() == 1


@engine_only
@pytest.mark.django_db
def test_indexes_have_no_replica_by_default_so_a_single_node_is_green():
    with fresh_engine_index() as backend:
        call_command("migrate", verbosity=0)
        for index in backend.all_indexes():
            assert index_settings(backend, index)["number_of_replicas"] == "0"
            # (waits up to the engine's default 30 s; opensearch-py takes no timeout string)
            health = backend.es.cluster.health(index=index.name, wait_for_status="green")
            assert health["status"] == "green", index.name


@engine_only
@pytest.mark.django_db
def test_the_number_of_replicas_comes_from_the_url_and_migrate_applies_a_change():
    with fresh_engine_index("replicas=1") as backend:
        index = page_index(backend)
        backend.create_index(index)
        assert index_settings(backend, index)["number_of_replicas"] == "1"

        config = settings.WAGTAILSEARCH_BACKENDS["default"]
        zero = {**config, "URL": config["URL"].replace("replicas=1", "replicas=0")}
        with override_settings(WAGTAILSEARCH_BACKENDS={"default": zero}):
            call_command("migrate", verbosity=0)
        assert index_settings(backend, index)["number_of_replicas"] == "0"


@engine_only
@pytest.mark.django_db
def test_migrate_fills_an_index_that_holds_less_than_the_database(client, home_page):
    """Content saved while the portal used another index (or before the engine answered):
    migrate indexes it, so switching SEARCH_URL needs no update_index either."""
    with without_search_indexing():
        resources = ResourceIndexPageFactory(parent=home_page)
        skill = SoftSkillFactory(name="Giving feedback", slug="giving-feedback")
        guide = GuidePageFactory(parent=resources, title="The numbat method", skills=[skill])
    with fresh_engine_index() as backend:
        GuidePageFactory(parent=resources, title="The bilby method", skills=[skill])  # 1st write
        assert found(client, "en", "numbat") == []

        call_command("migrate", verbosity=0)

        assert found(client, "en", "numbat") == [guide.title]
        assert isinstance(backend, EngineIndexes)


def test_replicas_are_read_from_the_search_url():
    def replicas(url):
        params = backend_for_url(url)[1]
        return params["INDEX_SETTINGS"]["settings"]["index"]["number_of_replicas"]

    assert replicas("elasticsearch://127.0.0.1:9200/portal") == 0
    assert replicas("opensearch://127.0.0.1:9200/portal?replicas=2") == 2
    assert replicas("opensearchs://u:p@search.internal/portal?auto_update=false&replicas=1") == 1
    with pytest.raises(ImproperlyConfigured, match="replicas"):
        backend_for_url("elasticsearch://127.0.0.1:9200/portal?replicas=one")
    assert "INDEX_SETTINGS" not in backend_for_url("database://")[1]


@pytest.mark.skipif(
    not ENGINE, reason="builds an Elasticsearch/OpenSearch backend (the client is an extra)"
)
def test_index_settings_given_in_the_settings_are_merged_with_the_urls():
    backend = SearchBackend(
        {
            "URL": "elasticsearch://127.0.0.1:9200/portal?replicas=1"
            if "elasticsearch" in settings.SEARCH_URL
            else "opensearch://127.0.0.1:9200/portal?replicas=1",
            "INDEX_SETTINGS": {"settings": {"index": {"refresh_interval": "5s"}}},
        }
    )
    index = backend.settings["settings"]["index"]
    assert index["number_of_replicas"] == 1
    assert index["refresh_interval"] == "5s"
    assert "analysis" in backend.settings["settings"]  # modelsearch's own analysers are kept
