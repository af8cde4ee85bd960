"""``deferred_index_writes`` (search/indexing.py): inside the block a save writes nothing to the
search index; when it ends each object is indexed once, as the database has it then."""

from wagtail.search.backends import get_search_backend

import pytest

from resources.models import GuidePage
from search.indexing import deferred_index_writes
from tests.factories import GuidePageFactory, ResourceIndexPageFactory, SoftSkillFactory

pytestmark = pytest.mark.django_db


def hits(word):
    backend = get_search_backend()
    backend.refresh_indexes()
    return {page.title for page in backend.search(word, GuidePage.objects.live())}


@pytest.fixture
def parent(home_page):
    return ResourceIndexPageFactory(parent=home_page)


@pytest.fixture
def skill(home_page):
    return SoftSkillFactory(name="Giving feedback", slug="giving-feedback")


def test_pages_saved_in_the_block_are_found_after_it_as_last_saved(parent, skill):
    with deferred_index_writes():
        guide = GuidePageFactory(parent=parent, title="The quokka method", skills=[skill])
        with deferred_index_writes():  # nested: written at the end of the outer block
            guide.title = "The wombat method"
            guide.save_revision().publish()
        gone = GuidePageFactory(parent=parent, title="The dodo method", skills=[skill])
        gone.unpublish()
        assert hits("wombat") == set()
    assert hits("wombat") == {"The wombat method"}  # and its aliases
    # (the first title is not checked: the factory wrote it into the guide's text too)
    assert hits("dodo") == set()
