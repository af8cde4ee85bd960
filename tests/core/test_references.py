"""``deferred_reference_index`` (core/references.py): inside the block a save writes no references;
when it ends, each object saved gets them once, and the admin's "Usage" of a skill lists the
pages that use it, as if each save had written them."""

from django.urls import reverse

from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

import pytest

from core.references import deferred_reference_index
from tests.factories import GuidePageFactory, SoftSkillFactory
from tests.helpers import html, text_of

pytestmark = pytest.mark.django_db


def usage(client, skill):
    """The titles the admin's "Usage" page of ``skill`` lists."""
    response = client.get(reverse("wagtailsnippets_resources_softskill:usage", args=[skill.pk]))
    assert response.status_code == 200
    return {text_of(cell) for cell in html(response).select("td.title a, td.title")} - {""}


def used_by(skill):
    return {ref.object_id for ref in ReferenceIndex.get_references_to(skill)}


def with_aliases(page):
    """The page and its aliases in the other languages (they carry its skills too)."""
    return {str(page.pk), *(str(pk) for pk in page.aliases.values_list("pk", flat=True))}


def test_pages_saved_in_the_block_show_in_the_usage_after_it(admin_client, resource_index, skill):
    other = SoftSkillFactory(name="Active listening", slug="active-listening")
    with deferred_reference_index():
        guide = GuidePageFactory(parent=resource_index, title="The quokka method", skills=[skill])
        with deferred_reference_index():  # nested: written at the end of the outer block
            guide.title = "The wombat method"
            guide.save_revision().publish()
        gone = GuidePageFactory(parent=resource_index, title="The dodo method", skills=[other])
        gone.delete()
        assert used_by(skill) == set()
    assert used_by(skill) == with_aliases(guide)
    assert len(with_aliases(guide)) == 6  # English and five aliases
    assert used_by(other) == set()
    assert any("wombat" in title for title in usage(admin_client, skill))
    assert not any("dodo" in title for title in usage(admin_client, other))


def test_a_page_deleted_in_the_block_loses_the_references_it_had(resource_index, skill):
    guide = GuidePageFactory(parent=resource_index, title="The quokka method", skills=[skill])
    assert used_by(skill) == with_aliases(guide)  # written as it was saved, outside the block
    with deferred_reference_index():
        guide.delete()
    assert used_by(skill) == set()


def test_inside_wagtails_own_switch_nothing_is_written(resource_index, skill):
    with disable_reference_index_auto_update():
        with deferred_reference_index():
            GuidePageFactory(parent=resource_index, title="The quokka method", skills=[skill])
        assert used_by(skill) == set()
    # and Wagtail's switch is still in place up to its own end, then off again
    guide = GuidePageFactory(parent=resource_index, title="The wombat method", skills=[skill])
    assert used_by(skill) == with_aliases(guide)


def test_an_error_in_the_block_still_writes_what_was_saved(resource_index, skill):
    with pytest.raises(ValueError, match="the loader stopped"), deferred_reference_index():
        guide = GuidePageFactory(parent=resource_index, title="The quokka method", skills=[skill])
        raise ValueError("the loader stopped")
    assert used_by(skill) == with_aliases(guide)
