"""The self-check's statements and answer options are reviewed like soft skills: the same table
of admin routes (tests/translations/test_snippet_review.py), tried by a Bulgarian translator, a
Greek reviewer, an English editor and a visitor after the translator retyped the Bulgarian text,
leaves the public questionnaire and a result page exactly as the reviewer approved them; the
same routes, for the Bulgarian reviewer (or an administrator), do what they say."""

import json
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

import pytest

from selfcheck.models import AnswerOption, Statement
from tests.content import build_portal
from tests.helpers import built_once, html, text_of, translate, without_search_indexing
from tests.selfcheck.conftest import answer_option, statement
from tests.selfcheck.pages import scale, url
from tests.translations.conftest import make_user
from tests.translations.test_snippet_review import (
    ATTACKERS,
    REVIEWERS_DOOR,
    REWRITTEN,
    SNIPPET_ACTIONS,
    TEXT_FIELD,
    action_id,
    check_door,
    live_with_text,
    new_item_form,
    retype,
    submit,
    workflow_action,
)
from translations.roles import EDITORS, setup_translation_roles

pytestmark = pytest.mark.django_db

ANSWER = {"a1": "2"}  # "БГ A lot" to the first statement: the guide on empathy is recommended


@dataclass
class World:
    statement: int  # pk of the English statement 1
    option: int  # pk of the English option 2 ("A lot")


def build_world():
    """The test portal, the translation teams, and a statement and the scale, translated into
    Bulgarian and published there by its reviewer (the test translation: "БГ …")."""
    portal = build_portal()
    setup_translation_roles()
    make_user("editor-en", EDITORS)
    make_user("translator-bg", "Bulgarian translators")
    make_user("reviewer-bg", "Bulgarian reviewers")
    make_user("reviewer-el", "Greek reviewers")
    get_user_model().objects.create_superuser("admin", "admin@example.org", "password")
    empathy = portal.skills["empathy"]["en"]
    with without_search_indexing():
        first = statement(1, "My trainee seems homesick.", [(empathy, 3)])
        translate(first, ["bg"])
        options = [
            answer_option(empathy.locale_id, value, label)
            for value, label in ((0, "Not at all"), (1, "A little"), (2, "A lot"))
        ]
        for option in options:
            translate(option, ["bg"])
    return World(statement=first.pk, option=options[2].pk)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker, "selfcheck-snippet-review", build_world) as built:
        yield built


MODELS = {"statement": Statement, "option": AnswerOption}


def bulgarian(world, kind):
    model = MODELS[kind]
    english = model.objects.get(pk=getattr(world, kind))
    return model.objects.get(translation_key=english.translation_key, locale__language_code="bg")


def user(role):
    return get_user_model().objects.get(
        username={
            "admin": "admin",
            "editor": "editor-en",
            "bg_translator": "translator-bg",
            "bg_reviewer": "reviewer-bg",
            "el_reviewer": "reviewer-el",
        }[role]
    )


def public_pages(client):
    """The <main> of the Bulgarian questionnaire and of a result page, as a visitor gets them
    (without the share form's CSRF token, which changes with each request)."""
    client.logout()
    pages = []
    for query in ({}, ANSWER):
        response = client.get(url("bg"), query)
        assert response.status_code == 200
        main = html(response).select_one("main")
        for token in main.select("input[name=csrfmiddlewaretoken]"):
            token.decompose()
        pages.append(str(main))
    return pages


def test_the_pages_show_the_reviewed_bulgarian_text(client, world):
    """What the table compares: the statement and the labels in Bulgarian, on both pages."""
    client.logout()
    questionnaire = html(client.get(url("bg")))
    assert text_of(questionnaire.select_one("fieldset legend")) == "БГ My trainee seems homesick."
    assert [label for _value, label, _lang in scale(questionnaire)] == [
        "БГ Not at all",
        "БГ A little",
        "БГ A lot",
    ]
    result = html(client.get(url("bg"), ANSWER))
    assert "БГ My trainee seems homesick." in text_of(result.select_one(".selfcheck__why"))
    assert scale(result)[2] == ("2", "БГ A lot", None)


@pytest.mark.parametrize("action", SNIPPET_ACTIONS, ids=action_id)
@pytest.mark.parametrize("role", ATTACKERS)
@pytest.mark.parametrize("kind", MODELS)
def test_nothing_reaches_the_bulgarian_self_check_without_its_reviewer(
    client, world, kind, role, action
):
    item = bulgarian(world, kind)
    field = TEXT_FIELD[type(item)]
    reviewed = getattr(item, field)
    retype(item, REWRITTEN)
    before = public_pages(client)
    if role != "anonymous":
        client.force_login(user(role))
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = action(client, item)
    assert response.status_code < 500
    after = public_pages(client)
    assert after == before
    assert all(REWRITTEN not in page for page in after)
    assert getattr(type(item).objects.get(pk=item.pk), field) == reviewed
    assert not live_with_text(item, REWRITTEN).exists()


@pytest.mark.parametrize("action", SNIPPET_ACTIONS, ids=action_id)
@pytest.mark.parametrize("kind", MODELS)
def test_the_same_routes_do_it_for_those_who_may(client, world, kind, action):
    """The table's sensitivity: the same request by the Bulgarian reviewer (or an administrator,
    ``REVIEWERS_DOOR``) does change the public pages, so a route the table tries is a real
    door, not a request that merely failed to parse."""
    item = bulgarian(world, kind)
    retype(item, REWRITTEN)
    before = public_pages(client)
    who, door = REVIEWERS_DOOR[action]
    client.force_login(user(who))
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = action(client, item)
    assert response.status_code < 500
    after = public_pages(client)
    check_door(door, before, after, item, all(REWRITTEN in page for page in after))


@pytest.mark.parametrize("kind", MODELS)
def test_the_reviewers_approval_puts_the_retyped_text_online(client, world, kind):
    item = bulgarian(world, kind)
    retype(item, REWRITTEN)
    before = public_pages(client)
    client.force_login(user("bg_translator"))
    assert submit(client, item).status_code == 302
    assert public_pages(client) == before  # submitted, not approved
    client.force_login(user("el_reviewer"))
    assert workflow_action(client, item, "approve").status_code in (302, 403)
    assert public_pages(client) == before
    client.force_login(user("bg_reviewer"))
    assert workflow_action(client, item, "approve").status_code in (200, 302)
    questionnaire, result = public_pages(client)
    assert REWRITTEN in questionnaire and REWRITTEN in result
    assert getattr(type(item).objects.get(pk=item.pk), TEXT_FIELD[type(item)]) == REWRITTEN


@pytest.mark.parametrize("kind", MODELS)
def test_copy_makes_a_new_item_and_keeps_the_original(client, world, kind):
    """An editor's "Copy" of an English item: a new draft item; the original stays live and
    unchanged (Wagtail's copy view saved the form into the copied item itself)."""
    model = MODELS[kind]
    english = model.objects.get(pk=getattr(world, kind))
    field = TEXT_FIELD[model]
    client.force_login(user("editor"))
    copy_url = reverse(
        f"wagtailsnippets_selfcheck_{model._meta.model_name}:copy", args=[english.pk]
    )
    form = html(client.get(copy_url)).select_one(f"[name={field}]")
    assert form["value"] == getattr(english, field)  # the copy starts with the original's text
    unique = {"statement": {"number": 7, "skills-count": "0"}, "option": {"value": 4}}[kind]
    response = client.post(copy_url, {field: "A copy", **unique})
    assert response.status_code == 302
    original = model.objects.get(pk=english.pk)
    assert original.live and getattr(original, field) == getattr(english, field)
    copy = model.objects.get(**{field: "A copy"})
    assert copy.pk != original.pk and not copy.live
    assert copy.locale_id == original.locale_id
    assert copy.translation_key != original.translation_key
    # A number or value taken in the language is a form error, as in the add and edit forms.
    taken = {"statement": {"number": 1, "skills-count": "0"}, "option": {"value": 2}}[kind]
    response = client.post(copy_url, {field: "Another copy", **taken})
    assert response.status_code == 200
    assert "already exists" in text_of(html(response).select_one("main"))


@pytest.mark.parametrize("kind", MODELS)
def test_approval_publishes_what_the_reviewer_is_shown(client, world, kind):
    """Submitted, then retyped: the reviewer approves the text the translation editor shows."""
    item = bulgarian(world, kind)
    retype(item, REWRITTEN)
    client.force_login(user("bg_translator"))
    submit(client, item)
    retype(item, "Прегледано")
    client.force_login(user("bg_reviewer"))
    workflow_action(client, item, "approve")
    questionnaire, result = public_pages(client)
    assert "Прегледано" in questionnaire and "Прегледано" in result
    assert REWRITTEN not in questionnaire + result


def chooser_url(item, view, *args, query=""):
    name = f"wagtailsnippetchoosers_selfcheck_{item._meta.model_name}:{view}"
    return reverse(name, args=args) + query


@pytest.mark.parametrize("role", ATTACKERS)
@pytest.mark.parametrize("kind", MODELS)
def test_the_snippet_choosers_change_nothing(client, world, kind, role):
    """The snippet choosers (list, search, chosen, create) read; they publish nothing and show
    the reviewed text, not the translator's."""
    item = bulgarian(world, kind)
    model = type(item)
    retype(item, REWRITTEN)
    before, rows = public_pages(client), model.objects.count()
    if role != "anonymous":
        client.force_login(user(role))
    for address in (
        chooser_url(item, "choose", query="?locale=bg"),
        chooser_url(item, "choose_results", query="?locale=bg&q=%D0%91%D0%93"),
        chooser_url(item, "chosen", item.pk),
        chooser_url(item, "chosen_multiple", query=f"?id={item.pk}"),
    ):
        response = client.get(address)
        assert response.status_code < 500, address
        body = response.content.decode()
        assert REWRITTEN not in body and json.dumps(REWRITTEN)[1:-1] not in body, address
    create = client.post(
        chooser_url(item, "create", query="?locale=bg"), new_item_form(item), follow=True
    )
    assert create.status_code in (200, 404)  # the visitor: the login page
    assert public_pages(client) == before
    assert model.objects.count() == rows


@pytest.mark.parametrize("kind", MODELS)
def test_a_post_to_the_chooser_create_url_is_a_404_and_saves_nothing(client, world, kind):
    """The choosers offer no creation form; Wagtail's view failed on a hand-made POST (a 500)."""
    item = bulgarian(world, kind)
    model = type(item)
    before = model.objects.count()
    client.force_login(user("editor"))
    english = {**new_item_form(item), "value": 4, "number": 99}
    # Django's LocaleMiddleware sends a 404 on to the address with the language prefix
    response = client.post(chooser_url(item, "create", query="?locale=en"), english, follow=True)
    assert response.status_code == 404
    assert model.objects.count() == before
