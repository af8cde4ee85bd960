"""Privacy follows the source page, in every language (issue 9, item 2).

A restriction (password, login, groups) is set on an English page or section AFTER its
Bulgarian translation was published and its Bulgarian alias made. An anonymous visitor of the
Bulgarian site must then meet the restriction on the page, and no longer find its title on the
home page, the listing, the tag and skill pages or in sitemap.xml; once the restriction is
removed, everything comes back. (Search and suggestions: tests/search/test_privacy_search.py.)
"""

import csv
import io
from urllib.parse import unquote

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from wagtail.models import Locale, Page, PageViewRestriction

import pytest

from tests.factories import GuidePageFactory
from tests.helpers import html, text_of, translate
from tests.prebuilt import from_prebuilt
from tests.translations.conftest import make_user
from translations.privacy import mirror_everything

KINDS = [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN, PageViewRestriction.GROUPS]
TAG = "handbook"
SKILL = "giving-feedback"


def restrict(page, kind):
    """As the admin's privacy view does: save the restriction, then its groups."""
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="secret-password"
    )
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.get(name="Editors")])
    return restriction


def unrestrict(page):
    for restriction in PageViewRestriction.objects.filter(page=page):
        restriction.delete()


def make_world(built):
    """English resources in Bulgarian: a guide with a published translation (``single``), a
    section with a translated child and an aliased child, and a public guide sharing their
    tag and skill (so the tag and skill pages exist either way)."""
    from tests.factories import ResourceIndexPageFactory, SoftSkillFactory

    resources, home_pages = built["resources"], built["home_pages"]
    bg = Locale.objects.get(language_code="bg")
    skill = SoftSkillFactory(name="Giving feedback", slug=SKILL)
    skills = translate(skill, languages=["bg"])
    index = {"en": resources, "bg": resources.get_translation(bg)}

    def guide(parent, title):
        return GuidePageFactory(parent=parent, title=title, skills=[skill], tags=[TAG])

    public = guide(index["en"], "Public mentoring guide")
    single = guide(index["en"], "Secret handbook for mentors")
    # A second section: a resource index in its own right, below the first.
    section = ResourceIndexPageFactory(parent=index["en"], title="Members section", slug="members")
    translated_child = guide(section, "Confidential evaluation grid")
    aliased_child = guide(section, "Restricted onboarding checklist")
    for page in (public, single, section, translated_child):
        translate(page, languages=["bg"])
    # The Bulgarian guides point at the Bulgarian skill, as the translation editor does.
    from resources.models import KnowledgePageSkill

    KnowledgePageSkill.objects.filter(page__locale=bg).update(skill=skills["bg"])
    alias = aliased_child.copy_for_translation(bg, alias=True)
    return {
        "index": index,
        "public": public,
        "single": single,
        "section": section,
        "translated_child": translated_child,
        "aliased_child": aliased_child,
        "alias": alias,
        "bg": lambda page: page.get_translation(bg),
        "home": home_pages["bg"],
    }


pytestmark = [pytest.mark.django_db, pytest.mark.prebuilt("team", "resources", world=make_world)]


@pytest.fixture
def world(team, resources, home_pages, _prebuilt):
    return from_prebuilt(_prebuilt, "world") or make_world(
        {"resources": resources, "home_pages": home_pages}
    )


def public_views(client, world):
    """What an anonymous Bulgarian visitor sees: {view: HTML or XML text}."""
    home = world["home"]
    urls = {
        "home": home.url,
        "listing": world["bg"](world["index"]["en"]).url,
        "tag": home.url + home.reverse_subpage("tag", args=[TAG]),
        "skill": home.url + home.reverse_subpage("skill", args=[SKILL]),
        "sitemap": reverse("sitemap"),
    }
    seen = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, (name, url)
        seen[name] = response.content.decode()
    assert "Public mentoring guide" in seen["tag"]  # the tag and skill pages are really there
    assert "Public mentoring guide" in seen["skill"]
    return seen


def assert_restricted(client, page, kind):
    response = client.get(page.url)
    if kind == PageViewRestriction.PASSWORD:
        assert response.status_code == 200
        assert html(response).select_one("input[name=password]") is not None
        assert page.title not in response.content.decode()
    else:
        assert response.status_code == 302
        assert page.url in unquote(response["Location"])


def assert_open(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    assert page.title in text_of(html(response))


def assert_hidden(seen, page):
    for name, body in seen.items():
        assert page.title not in body, f"{page.title!r} shows on the {name}"
        assert page.url not in body, f"{page.url} is linked from the {name}"


def assert_shown(seen, page):
    # (An alias's skill links point at the English skill: it is not on the Bulgarian one.)
    for name in ("home", "tag") if page.alias_of_id else ("home", "tag", "skill"):
        assert page.title in seen[name], f"{page.title!r} missing from the {name}"
    if page.alias_of_id is None:
        assert page.full_url in seen["sitemap"]


# (a) an English page with a published translation
@pytest.mark.parametrize("kind", KINDS)
def test_restricting_a_translated_page_hides_its_translation(client, world, kind):
    bg_single = world["bg"](world["single"])
    assert bg_single.live and bg_single.title.startswith("БГ")
    assert_shown(public_views(client, world), bg_single)

    restrict(world["single"], kind)

    assert_restricted(client, bg_single, kind)
    seen = public_views(client, world)
    assert_hidden(seen, bg_single)
    assert world["bg"](world["public"]).title in seen["home"]

    unrestrict(world["single"])

    assert_open(client, bg_single)
    assert_shown(public_views(client, world), bg_single)


# (b) an English section: its translated child and its aliased child
@pytest.mark.parametrize("kind", KINDS)
def test_restricting_a_section_hides_its_children_translated_or_aliased(client, world, kind):
    bg_child = world["bg"](world["translated_child"])
    alias = world["alias"]
    seen = public_views(client, world)
    assert_shown(seen, bg_child)
    assert_shown(seen, alias)

    restrict(world["section"], kind)

    for page in (world["bg"](world["section"]), bg_child, alias):
        assert_restricted(client, page, kind)
    seen = public_views(client, world)
    assert_hidden(seen, bg_child)
    assert_hidden(seen, alias)

    unrestrict(world["section"])

    assert_open(client, bg_child)
    seen = public_views(client, world)
    assert_shown(seen, bg_child)
    assert_shown(seen, alias)


def test_changing_the_password_changes_it_in_every_language(client, world):
    restriction = restrict(world["single"], PageViewRestriction.PASSWORD)
    restriction.password = "new-password"  # noqa: S105
    restriction.save()
    bg_single = world["bg"](world["single"])
    form_url = html(client.get(bg_single.url)).form["action"]
    client.post(form_url, {"password": "secret-password", "return_url": bg_single.url})
    assert_restricted(client, bg_single, PageViewRestriction.PASSWORD)
    client.post(form_url, {"password": "new-password", "return_url": bg_single.url})
    assert_open(client, bg_single)


def test_a_groups_restriction_lets_in_the_same_groups_in_every_language(client, world):
    restrict(world["single"], PageViewRestriction.GROUPS)
    bg_single = world["bg"](world["single"])
    client.force_login(make_user("someone"))
    assert_restricted(client, bg_single, PageViewRestriction.GROUPS)
    client.force_login(make_user("colleague", "Editors"))
    assert_open(client, bg_single)


# Through the admin's privacy view
def test_the_admin_privacy_view_reaches_every_language(client, world, django_user_model):
    admin = django_user_model.objects.create_superuser("boss", "boss@example.org", "password")
    url = reverse("wagtailadmin_pages:set_privacy", args=[world["single"].pk])
    bg_single = world["bg"](world["single"])
    editors = Group.objects.get(name="Editors")

    client.force_login(admin)
    response = client.post(url, {"restriction_type": "groups", "groups": [editors.pk]})
    assert response.status_code == 200
    client.logout()
    assert_restricted(client, bg_single, PageViewRestriction.GROUPS)
    assert_hidden(public_views(client, world), bg_single)
    restriction = bg_single.view_restrictions.get()
    assert list(restriction.groups.all()) == [editors]

    client.force_login(admin)
    client.post(url, {"restriction_type": "none"})
    client.logout()
    assert_open(client, bg_single)
    assert_shown(public_views(client, world), bg_single)


# The copy cannot be removed on its own; new pages take it
def test_removing_the_copy_on_a_translation_alone_is_undone(client, world):
    restrict(world["single"], PageViewRestriction.LOGIN)
    bg_single = world["bg"](world["single"])
    bg_single.view_restrictions.get().delete()
    assert_restricted(client, bg_single, PageViewRestriction.LOGIN)
    assert_hidden(public_views(client, world), bg_single)


def test_a_translation_of_a_public_page_may_be_made_private_on_its_own(client, world):
    bg_single = world["bg"](world["single"])
    restrict(bg_single, PageViewRestriction.PASSWORD)
    assert_restricted(client, bg_single, PageViewRestriction.PASSWORD)
    assert_hidden(public_views(client, world), bg_single)
    assert_open(client, world["single"])  # English stays public


def test_pages_made_later_in_a_restricted_section_are_hidden(client, world):
    restrict(world["section"], PageViewRestriction.PASSWORD)
    el = Locale.objects.get(language_code="el")
    el_section = world["section"].copy_for_translation(el, alias=True)
    assert el_section.view_restrictions.exists()  # the alias takes the restriction at once
    later = GuidePageFactory(
        parent=world["section"], title="Written after the restriction", tags=[TAG]
    )
    bg_later = later.copy_for_translation(Locale.objects.get(language_code="bg"), alias=True)
    assert_restricted(client, bg_later, PageViewRestriction.PASSWORD)
    assert bg_later.title not in public_views(client, world)["home"]


def test_a_page_moved_into_a_private_section_in_english_is_private_in_every_language(client, world):
    """wagtail-localize leaves translations where they are when the English page moves."""
    restrict(world["section"], PageViewRestriction.GROUPS)
    bg_single = world["bg"](world["single"])
    world["single"].move(world["section"], pos="last-child")
    assert bg_single.get_parent().pk == world["index"]["bg"].pk  # it did not move
    assert_restricted(client, bg_single, PageViewRestriction.GROUPS)
    assert_hidden(public_views(client, world), bg_single)

    world["single"].refresh_from_db()
    world["single"].move(world["index"]["en"], pos="last-child")
    assert_open(client, bg_single)
    assert_shown(public_views(client, world), bg_single)

    world["single"].refresh_from_db()
    world["single"].move(world["section"], pos="last-child")
    unrestrict(world["section"])  # removed above it: gone from the stray translation too
    assert_open(client, bg_single)


def test_the_backfill_reaches_restrictions_set_before(client, world):
    """Restrictions that exist before the receivers did (the one-off migration)."""
    PageViewRestriction.objects.bulk_create(  # bulk_create sends no signals
        [PageViewRestriction(page=world["single"], restriction_type=PageViewRestriction.LOGIN)]
    )
    bg_single = world["bg"](world["single"])
    assert bg_single.title in public_views(client, world)["home"]
    mirror_everything(Page, PageViewRestriction, "en")
    assert_hidden(public_views(client, world), bg_single)
    assert_restricted(client, bg_single, PageViewRestriction.LOGIN)


def test_the_backfill_migration_runs_on_historical_models(client, world):
    from importlib import import_module

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    migration = import_module("translations.migrations.0001_mirror_view_restrictions")
    state = MigrationExecutor(connection).loader.project_state(
        ("translations", "0001_mirror_view_restrictions")
    )
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=world["section"], restriction_type=PageViewRestriction.GROUPS)]
    )
    restriction = PageViewRestriction.objects.get(page=world["section"])
    PageViewRestriction.groups.through.objects.create(
        pageviewrestriction=restriction, group=Group.objects.get(name="Editors")
    )
    migration.mirror(state.apps, None)  # as `migrate` runs it, then sends post_migrate:
    call_command("migrate", verbosity=0)  # nothing kept from before the migration is used
    bg_section = world["bg"](world["section"])
    copy = bg_section.view_restrictions.get()
    assert list(copy.groups.values_list("name", flat=True)) == ["Editors"]
    bg_child = world["bg"](world["translated_child"])
    assert_hidden(public_views(client, world), bg_child)
    assert_restricted(client, bg_child, PageViewRestriction.GROUPS)


# Tags used only on drafts or private pages
def test_a_tag_used_only_on_a_draft_or_private_page_is_not_found(client, world):
    GuidePageFactory(parent=world["index"]["en"], title="Draft", tags=["draft-only"], live=False)
    home = world["home"]
    for lang_home in (home, world["index"]["en"].get_parent().specific):
        url = lang_home.url + lang_home.reverse_subpage("tag", args=["draft-only"])
        assert client.get(url).status_code == 404
    single_tag = "private-only"
    world["single"].tags.add(single_tag)
    world["single"].save()
    restrict(world["single"], PageViewRestriction.PASSWORD)
    url = home.url + home.reverse_subpage("tag", args=[single_tag])
    assert client.get(url).status_code == 404
    assert client.get(home.url + home.reverse_subpage("tag", args=[TAG])).status_code == 200


# The translation status page and its export
def status_text(client, **params):
    page = client.get(reverse("translations:status"), params)
    assert page.status_code == 200
    export = client.get(reverse("translations:status"), {**params, "export": "csv"})
    assert export.status_code == 200
    rows = list(csv.reader(io.StringIO(export.getvalue().decode("utf-8-sig"))))
    titles = [row[0] for row in rows[1:]]
    return text_of(html(page).select_one("table.translation-status")), titles


def test_the_status_page_hides_drafts_and_private_pages_from_translators(client, team, world):
    GuidePageFactory(parent=world["index"]["en"], title="Unfinished English draft", live=False)
    restrict(world["single"], PageViewRestriction.PASSWORD)
    hidden = ("Unfinished English draft", "Secret handbook for mentors")
    hidden_below = ("Members section", "Confidential evaluation grid")
    restrict(world["section"], PageViewRestriction.LOGIN)

    client.force_login(team["bg_translator"])
    table, exported = status_text(client)
    for title in hidden + hidden_below:
        assert title not in table
        assert title not in exported
    assert "Public mentoring guide" in table
    assert "Public mentoring guide" in exported

    client.force_login(team["editor"])  # editors of the English tree may open them
    table, exported = status_text(client)
    for title in hidden + hidden_below:
        assert title in table
        assert title in exported
