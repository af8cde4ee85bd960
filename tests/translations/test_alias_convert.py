"""An untranslated page's alias in a partner language is not turned into a page of its own
outside the translation workflow.

Wagtail's "Convert this alias into an ordinary page" (``wagtailadmin_pages:convert_alias``, and
the same action in the admin's page API) only checks that the user may edit the alias, so a
Bulgarian translator could post it for the Bulgarian alias of an English guide, although the
admin never offers it there (wagtail-localize shows "Translate this page" instead). The alias
then became a Bulgarian draft holding the English text with no translation record: withdrawn
from the public site (``translations/fallback.py``), so that its address served the English
page instead of the alias (another canonical address, breadcrumb and mentor-pack item); no
longer following the English page; not offered by "Translate this page" any more; opened in
Wagtail's plain page editor (synchronised fields editable) instead of the translation editor;
"In progress" on the status page; out of reach of sync and "Convert to alias page" (404).

A translation starts only through "Translate this page", which keeps that record. For every
role and every route to the conversion, this file checks that what the Bulgarian site shows
(the page's whole HTML, the listing, the home page, search and sitemap.xml) and the alias's
row are exactly as before, and that Bulgarian is still offered for translation.

The admin page API's other actions (publish, unpublish, delete, move, copy, revert) skip every
hook the admin's own views call: a Bulgarian reviewer could delete a published translation
there, which the delete view refuses. Nothing in the admin uses them; only administrators may.
"""

import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale, Page, PageLogEntry
from wagtail_localize.models import Translation

import pytest

from home.setup import ensure_site
from tests.factories import GuidePageFactory, ResourceIndexPageFactory
from tests.helpers import html, rolled_back, text_of, translate
from tests.translations.conftest import make_user
from translations.roles import EDITORS, setup_translation_roles

pytestmark = pytest.mark.django_db

OTHER = "Welcoming a trainee"  # published in English, not translated: an alias in every language
GUIDE = "Listening before advising"  # published in English and, reviewed, in Bulgarian
ROW = (
    "alias_of_id",
    "live",
    "has_unpublished_changes",
    "latest_revision_id",
    "live_revision_id",
    "url_path",
    "locale_id",
    "title",
)


@dataclass
class World:
    en_index: Page
    en_guide: Page
    bg_index: Page
    bg_alias: Page
    bg_guide: Page
    users: dict


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        homes = translate(ensure_site())
        setup_translation_roles()
        users = {
            "editor": make_user("alias-editor", EDITORS),
            "bg_translator": make_user("alias-translator-bg", "Bulgarian translators"),
            "bg_reviewer": make_user("alias-reviewer-bg", "Bulgarian reviewers"),
            "el_translator": make_user("alias-translator-el", "Greek translators"),
            "admin": get_user_model().objects.create_superuser(
                "alias-admin", "alias-admin@example.org", "password"
            ),
        }
        index = ResourceIndexPageFactory(parent=homes["en"])
        indexes = translate(index)
        guide = GuidePageFactory(parent=index, title=OTHER, slug="welcoming", live=False)
        guide.save_revision().publish()  # publishing makes its aliases in every language
        translated = GuidePageFactory(parent=index, title=GUIDE, slug="listening")
        bg_guide = translate(translated, languages=["bg"])["bg"]
        yield World(
            en_index=index,
            en_guide=guide,
            bg_index=indexes["bg"],
            bg_alias=Page.objects.get(alias_of=guide, locale__language_code="bg"),
            bg_guide=bg_guide,
            users=users,
        )


def row(page):
    """The page's row as the tree and the workflow see it, and its history."""
    values = Page.objects.filter(pk=page.pk).values(*ROW).first()
    return {
        **values,
        "revisions": Page.objects.get(pk=page.pk).revisions.count(),
        "log": list(PageLogEntry.objects.filter(page_id=page.pk).values_list("action", flat=True)),
        "translations": Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=values["locale_id"]
        ).count(),
    }


def _whole(response):
    """The document, without what differs on every request."""
    text = response.content.decode()
    text = re.sub(r'nonce="[^"]*"', 'nonce=""', text)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)


def public_bulgarian(client, world):
    """What an anonymous visitor of the Bulgarian site gets."""
    client.logout()
    with translation.override("bg"):
        search = reverse("search")
    seen = {}
    alias = client.get(world.bg_alias.get_url())
    seen["alias"] = (alias.status_code, _whole(alias))
    for name, url in [
        ("alias-main", world.bg_alias.get_url()),
        ("guide", world.bg_guide.get_url()),
        ("listing", world.bg_index.get_url()),
        ("home", world.bg_index.get_parent().get_url()),
    ]:
        response = client.get(url)
        seen[name] = (response.status_code, text_of(html(response).select_one("main")))
    for query in ["welcoming", "listening"]:
        response = client.get(search, {"q": query})
        seen[f"search-{query}"] = (
            response.status_code,
            [text_of(result) for result in html(response).select(".search-result")],
        )
    seen["sitemap"] = client.get(reverse("sitemap")).content.decode()
    return seen


def _convert_view(method):
    """Wagtail's confirmation page (GET), and its "Yes, convert it" (POST)."""

    def convert(client, world):
        url = reverse("wagtailadmin_pages:convert_alias", args=[world.bg_alias.pk])
        return getattr(client, method)(url)

    convert.__name__ = f"convert_view_{method}"
    return convert


def _page_api(action, page="bg_guide", data=lambda world: {}):
    """The admin's page API: ``/admin/api/main/pages/<id>/action/<action>/``."""

    def act(client, world):
        return client.post(
            reverse("wagtailadmin_api:pages:action", args=[getattr(world, page).pk, action]),
            data(world),
            content_type="application/json",
        )

    act.__name__ = f"{action}_{page}"
    return act


ROUTES = [_convert_view("get"), _convert_view("post"), _page_api("convert_alias", page="bg_alias")]
ROLES = ["anonymous", "bg_translator", "bg_reviewer", "el_translator", "editor", "admin"]


@pytest.mark.parametrize("route", ROUTES, ids=[r.__name__ for r in ROUTES])
@pytest.mark.parametrize("role", ROLES)
def test_a_partner_language_alias_is_not_converted_outside_the_workflow(client, world, role, route):
    before = public_bulgarian(client, world)
    state = row(world.bg_alias)
    assert before["alias"][0] == 200
    assert f'og:url" content="{world.bg_alias.full_url}"' in before["alias"][1]  # the alias
    if role != "anonymous":
        client.force_login(world.users[role])
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = route(client, world)
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    else:
        assert response.status_code == 403
    assert row(world.bg_alias) == state
    assert public_bulgarian(client, world) == before


def locales_offered(client, world):
    """The languages "Translate this page" offers for the English guide, to an editor."""
    client.force_login(world.users["editor"])
    form = html(
        client.get(reverse("wagtail_localize:submit_page_translation", args=[world.en_guide.pk]))
    )
    offered = {field["value"] for field in form.select("input[name=locales]")}
    return set(
        Locale.objects.filter(pk__in=[v for v in offered if v.isdigit()]).values_list(
            "language_code", flat=True
        )
    )


def test_bulgarian_is_still_offered_for_translation_after_a_refused_conversion(client, world):
    assert "bg" in locales_offered(client, world)
    client.force_login(world.users["bg_translator"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        _convert_view("post")(client, world)
    assert "bg" in locales_offered(client, world)


def test_translate_this_page_still_starts_the_translation(client, world):
    """The door that remains: the alias becomes a draft translation, with its record, and the
    public Bulgarian site shows the English text with the notice until a reviewer publishes."""
    before = public_bulgarian(client, world)
    client.force_login(world.users["bg_translator"])
    bg = Locale.objects.get(language_code="bg")
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[world.en_guide.pk]),
            {"locales": [bg.pk]},
        )
    assert response.status_code == 302
    state = row(world.bg_alias)
    assert (state["alias_of_id"], state["live"], state["translations"]) == (None, False, 1)
    after = public_bulgarian(client, world)
    del before["alias"], after["alias"]  # served by the English page now: another og:url
    assert after == before


def test_an_alias_within_one_language_can_still_be_converted(client, world):
    """Wagtail's own aliases (a page shown at a second place in the same tree) are not
    translations: their editors still convert them."""
    guide = Page.objects.get(pk=world.en_guide.pk).specific  # as published
    copy = guide.create_alias(parent=world.en_index, update_slug="welcoming-again")
    assert copy.live
    client.force_login(world.users["editor"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("wagtailadmin_pages:convert_alias", args=[copy.pk]))
    assert response.status_code == 302
    copy.refresh_from_db()
    assert copy.alias_of_id is None and copy.live
    client.logout()
    assert client.get(copy.get_url()).status_code == 200


API_ACTIONS = [
    _page_api("publish"),
    _page_api("unpublish"),
    _page_api("delete"),
    _page_api("move", data=lambda world: {"destination_page_id": world.bg_index.get_parent().pk}),
    _page_api(
        "copy",
        data=lambda world: {"destination_page_id": world.bg_index.pk, "slug": "copied"},
    ),
    _page_api(
        "revert_to_page_revision",
        data=lambda world: {"revision_id": world.bg_guide.revisions.order_by("pk").first().pk},
    ),
    _page_api("delete", page="en_guide"),
    _page_api("unpublish", page="en_guide"),
]


@pytest.mark.parametrize("action", API_ACTIONS, ids=[a.__name__ for a in API_ACTIONS])
@pytest.mark.parametrize("role", ["bg_translator", "bg_reviewer", "editor"])
def test_the_admin_page_api_is_only_for_administrators(client, world, role, action):
    before = public_bulgarian(client, world)
    rows = (row(world.bg_guide), row(world.en_guide), Page.objects.count())
    client.force_login(world.users[role])
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = action(client, world)
    assert response.status_code == 403
    assert (row(world.bg_guide), row(world.en_guide), Page.objects.count()) == rows
    assert public_bulgarian(client, world) == before


def test_an_administrator_may_use_the_admin_page_api(client, world):
    client.force_login(world.users["admin"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = _page_api("unpublish")(client, world)
    assert response.status_code == 200
    client.logout()
    assert f"БГ {GUIDE}" not in text_of(html(client.get(world.bg_guide.get_url())))
