"""Review is the only door to a partner language's public site.

A table of (role × admin action): every action of Wagtail and wagtail-localize that can create,
change, convert, sync, publish, unpublish, move or delete a Bulgarian page, tried by each role
that is not that language's reviewer (and by the reviewer for the actions that do not publish).
After each one, what an anonymous visitor of the Bulgarian site sees — the guide, its listing,
the home page, search and sitemap.xml — is exactly what it was before, and the text a
translator saved but no reviewer approved appears nowhere. A new button in a Wagtail or
wagtail-localize upgrade is one new row.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase, override_settings
from django.urls import reverse

from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

import polib
import pytest

from home.setup import ensure_site
from tests.factories import GuidePageFactory, ResourceIndexPageFactory
from tests.helpers import html, rolled_back, text_of, translate
from tests.translations.conftest import make_user
from translations.review import submit_for_review
from translations.roles import EDITORS, setup_translation_roles

pytestmark = pytest.mark.django_db

UNREVIEWED = "НЕПРЕГЛЕДАН"  # what a Bulgarian translator saved; no reviewer has seen it
GUIDE = "Listening before advising"
DUMMY_TRANSLATOR = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}
OTHER = "Welcoming a trainee"  # an English guide not translated: a Bulgarian alias


@dataclass
class World:
    en_index: Page
    en_guide: Page
    bg_index: Page
    bg_guide: Page
    bg_alias: Page
    el_guide: Page
    users: dict


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        home = ensure_site()
        homes = translate(home)
        setup_translation_roles()
        users = {
            "editor": make_user("gate-editor", EDITORS),
            "bg_translator": make_user("gate-translator-bg", "Bulgarian translators"),
            "bg_reviewer": make_user("gate-reviewer-bg", "Bulgarian reviewers"),
            "el_translator": make_user("gate-translator-el", "Greek translators"),
        }
        index = ResourceIndexPageFactory(parent=homes["en"])
        indexes = translate(index)
        guide = GuidePageFactory(parent=index, title=GUIDE, slug="listening", tags=["listening"])
        guides = translate(guide, languages=["bg", "el"])
        other = GuidePageFactory(parent=index, title=OTHER, slug="welcoming", live=False)
        other.save_revision().publish()  # publishing makes its aliases in every language
        # The translator's unreviewed work: every segment of the Bulgarian guide re-typed.
        translation = Translation.objects.get(
            source__object_id=guide.translation_key, target_locale__language_code="bg"
        )
        for segment in StringSegment.objects.filter(source=translation.source):
            StringTranslation.objects.filter(
                translation_of_id=segment.string_id,
                locale=translation.target_locale,
                context_id=segment.context_id,
            ).update(data=f"{UNREVIEWED} {segment.string.data}")
        yield World(
            en_index=index,
            en_guide=guide,
            bg_index=indexes["bg"],
            bg_guide=guides["bg"],
            bg_alias=Page.objects.get(alias_of=other, locale__language_code="bg"),
            el_guide=guides["el"],
            users=users,
        )


def public_bulgarian(client, world):
    """What an anonymous visitor of the Bulgarian site sees: the main text of each page."""
    client.logout()
    seen = {}
    for name, url in [
        ("guide", world.bg_guide.get_url()),
        ("alias", world.bg_alias.get_url()),
        ("listing", world.bg_index.get_url()),
        ("home", world.bg_index.get_parent().get_url()),
        ("search", reverse("search") + f"?q={UNREVIEWED}"),
        ("search-guide", reverse("search") + "?q=listening"),
    ]:
        url = url.replace("/en/", "/bg/", 1) if name.startswith("search") else url
        response = client.get(url)
        page = html(response)
        if name.startswith("search"):  # the results, not the query echoed back
            seen[name] = (response.status_code, [text_of(r) for r in page.select(".search-result")])
        else:
            main = page.select_one("main")
            seen[name] = (response.status_code, text_of(main) if main else "")
    seen["sitemap"] = client.get(reverse("sitemap")).content.decode()
    return seen


# The actions
def _translation(world, page):
    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale_id=page.locale_id
    )


def save_segment(client, world):
    translation = _translation(world, world.bg_guide)
    segment = StringSegment.objects.filter(source=translation.source).first()
    return client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        f"value={UNREVIEWED}+again",
        content_type="application/x-www-form-urlencoded",
    )


def publish_from_translation_editor(client, world):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[world.bg_guide.pk]), {"action": "publish"}
    )


def form_as_a_browser_sends_it(response, form_id):
    """The fields of an admin form, as a browser would submit it unchanged."""
    form = html(response).find("form", id=form_id)
    if form is None:
        return None
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.get("type") in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if field.name == "textarea":
            value = field.text
        elif field.name == "select":
            chosen = field.find_all("option", selected=True)
            value = [o.get("value", o.text) for o in chosen]
            data.setdefault(name, []).extend(value)
            continue
        else:
            value = field.get("value", "")
        data.setdefault(name, []).append(value)
    return data


def publish_from_page_editor(client, world):
    """Wagtail's page editor: change the title and press "Publish"."""
    url = reverse("wagtailadmin_pages:edit", args=[world.bg_guide.pk])
    data = form_as_a_browser_sends_it(client.get(url), "page-edit-form")
    if data is None:  # no editor for this user (refused, or wagtail-localize's editor)
        data = {"title": [UNREVIEWED]}
    # StreamFields are drawn by JavaScript: send them empty, as a well-formed form.
    for field in world.bg_guide.specific._meta.get_fields():
        if isinstance(field, StreamField):
            data.setdefault(f"{field.name}-count", ["0"])
    data["title"] = [UNREVIEWED]
    data["action-publish"] = ["action-publish"]
    return client.post(url, data)


def translate_english_page_again(client, world):
    bg = Locale.objects.get(language_code="bg")
    return client.post(
        reverse("wagtail_localize:submit_page_translation", args=[world.en_guide.pk]),
        {"locales": [bg.pk]},
    )


def convert_index_to_alias_then_translate_subtree(client, world):
    client.post(reverse("wagtail_localize:convert_to_alias", args=[world.bg_index.pk]))
    bg = Locale.objects.get(language_code="bg")
    return client.post(
        reverse("wagtail_localize:submit_page_translation", args=[world.en_index.pk]),
        {"locales": [bg.pk], "include_subtree": "on"},
    )


def sync_translated_pages(client, world):
    source = _translation(world, world.bg_guide).source
    return client.post(reverse("wagtail_localize:update_translations", args=[source.pk]), {})


def sync_and_publish_immediately(client, world):
    source = _translation(world, world.bg_guide).source
    return client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]),
        {"publish_translations": "on"},
    )


def convert_translation_to_alias(client, world):
    return client.post(reverse("wagtail_localize:convert_to_alias", args=[world.bg_guide.pk]))


def convert_alias_to_ordinary_page(client, world):
    return client.post(reverse("wagtailadmin_pages:convert_alias", args=[world.bg_alias.pk]))


def stop_translation_then_publish(client, world):
    translation = _translation(world, world.bg_guide)
    client.post(reverse("wagtail_localize:stop_translation", args=[translation.pk]))
    return publish_from_page_editor(client, world)


def submit_for_review_view(client, world):
    return client.post(reverse("translations:submit_for_review", args=[world.bg_guide.pk]))


def approve_submitted_translation(client, world):
    submit_for_review(world.bg_guide, world.users["bg_translator"])
    return approve_submitted_translation_as_reviewer(client, world)


def unpublish(client, world):
    return client.post(reverse("wagtailadmin_pages:unpublish", args=[world.bg_guide.pk]))


def delete(client, world):
    return client.post(reverse("wagtailadmin_pages:delete", args=[world.bg_guide.pk]))


def move(client, world):
    return client.post(
        reverse(
            "wagtailadmin_pages:move_confirm",
            args=[world.bg_guide.pk, world.bg_index.get_parent().pk],
        )
    )


def copy(client, world):
    return client.post(
        reverse("wagtailadmin_pages:copy", args=[world.bg_guide.pk]),
        {
            "new_title": UNREVIEWED,
            "new_slug": "copied",
            "new_parent_page": world.bg_index.pk,
            "copy_subpages": "",
            "publish_copies": "on",
        },
    )


def add_page(client, world):
    return client.post(
        reverse("wagtailadmin_pages:add", args=["resources", "guidepage", world.bg_index.pk]),
        {"title": UNREVIEWED, "slug": "new", "summary": UNREVIEWED, "action-publish": "1"},
    )


def revert_to_revision(client, world):
    revision = world.bg_guide.revisions.order_by("pk").first()
    return client.post(
        reverse("wagtailadmin_pages:revisions_revert", args=[world.bg_guide.pk, revision.pk]),
        {"action-publish": "action-publish"},
    )


def upload_po_file(client, world):
    """A PO file with every segment rewritten, uploaded into the Bulgarian translation."""
    translation = _translation(world, world.bg_guide)
    admin = get_user_model().objects.filter(is_superuser=True).first() or (
        get_user_model().objects.create_superuser("gate-po", "po@example.org", "pw")
    )
    downloader = Client()
    downloader.force_login(admin)
    po = polib.pofile(
        downloader.get(
            reverse("wagtail_localize:download_pofile", args=[translation.pk])
        ).content.decode()
    )
    for entry in po:
        entry.msgstr = f"{UNREVIEWED} PO {entry.msgid}"
    upload = SimpleUploadedFile("bg.po", str(po).encode(), content_type="text/x-gettext")
    return client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]), {"file": upload}
    )


def machine_translate(client, world):
    translation = _translation(world, world.bg_guide)
    with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=DUMMY_TRANSLATOR):
        StringTranslation.objects.filter(locale=translation.target_locale).delete()
        return client.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]))


def _bulk(action):
    def bulk(client, world):
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
        return client.post(f"{url}?id={world.bg_guide.pk}", {"move_applicable": "on"})

    bulk.__name__ = f"bulk_{action}"
    return bulk


# (action, does it legitimately publish when a reviewer of the language does it?)
ACTIONS = [
    (save_segment, False),
    (upload_po_file, False),
    (machine_translate, False),
    (publish_from_translation_editor, True),
    (publish_from_page_editor, True),
    (translate_english_page_again, False),
    (convert_index_to_alias_then_translate_subtree, True),
    (sync_translated_pages, False),
    (sync_and_publish_immediately, False),
    (convert_translation_to_alias, True),
    (convert_alias_to_ordinary_page, False),
    (stop_translation_then_publish, True),
    (submit_for_review_view, False),
    (approve_submitted_translation, True),
    (unpublish, True),
    (delete, False),
    (move, False),
    (copy, False),
    (add_page, False),
    (revert_to_revision, True),
    (_bulk("publish"), True),
    (_bulk("unpublish"), True),
    (_bulk("delete"), False),
    (_bulk("move"), False),
]
ROLES = ["anonymous", "bg_translator", "el_translator", "editor", "bg_reviewer"]
CASES = [
    pytest.param(role, action, id=f"{role}-{action.__name__}")
    for action, publishes in ACTIONS
    for role in ROLES
    if not (role == "bg_reviewer" and publishes)
]


@pytest.mark.parametrize(("role", "action"), CASES)
def test_nothing_reaches_the_bulgarian_site_without_its_reviewer(client, world, role, action):
    before = public_bulgarian(client, world)
    assert UNREVIEWED not in str(before)
    assert before["guide"][0] == 200 and f"БГ {GUIDE}" in before["guide"][1]
    if role != "anonymous":
        client.force_login(world.users[role])
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = action(client, world)
    assert response.status_code < 500
    after = public_bulgarian(client, world)
    assert UNREVIEWED not in str(after)
    assert after == before


def test_the_reviewer_approving_is_the_door(client, world):
    """The other side of the table: the same unreviewed text goes online once the Bulgarian
    reviewer approves it (so the table's "unchanged" is not a broken site)."""
    client.force_login(world.users["bg_translator"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("translations:submit_for_review", args=[world.bg_guide.pk]))
    assert UNREVIEWED not in str(public_bulgarian(client, world))
    client.force_login(world.users["bg_reviewer"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = approve_submitted_translation_as_reviewer(client, world)
    assert response.status_code == 302
    after = public_bulgarian(client, world)
    assert f"{UNREVIEWED} {GUIDE}" in after["guide"][1]
    assert UNREVIEWED in after["listing"][1]


def approve_submitted_translation_as_reviewer(client, world):
    page = Page.objects.get(pk=world.bg_guide.pk)
    task_state = page.current_workflow_task_state
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": ""},
    )


def test_an_administrator_may_publish_everything_at_once(client, world):
    admin = get_user_model().objects.create_superuser("gate-admin", "a@example.org", "pw")
    client.force_login(admin)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = sync_and_publish_immediately(client, world)
    assert response.status_code == 302
    assert UNREVIEWED in public_bulgarian(client, world)["guide"][1]
