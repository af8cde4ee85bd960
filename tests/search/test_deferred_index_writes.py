"""``deferred_index_writes`` (search/indexing.py): inside the block a save writes nothing to the
search index; when it ends each object is indexed once, as the database has it then."""

from wagtail.search.backends import get_search_backend

import pytest

from resources.models import GuidePage
from search.indexing import deferred_index_writes
from tests.factories import GuidePageFactory

pytestmark = pytest.mark.django_db


def hits(word):
    backend = get_search_backend()
    backend.refresh_indexes()
    return {page.title for page in backend.search(word, GuidePage.objects.live())}


def test_pages_saved_in_the_block_are_found_after_it_as_last_saved(resource_index, skill):
    with deferred_index_writes():
        guide = GuidePageFactory(parent=resource_index, title="The quokka method", skills=[skill])
        with deferred_index_writes():  # nested: written at the end of the outer block
            guide.title = "The wombat method"
            guide.save_revision().publish()
        gone = GuidePageFactory(parent=resource_index, title="The dodo method", skills=[skill])
        gone.unpublish()
        assert hits("wombat") == set()
    assert hits("wombat") == {"The wombat method"}  # and its aliases
    # (the first title is not checked: the factory wrote it into the guide's text too)
    assert hits("dodo") == set()
