"""The self-check's answer options (issue 13 item 1: "answer options … are edited in the admin and
translated through the same workflow as everything else (review included)"): an editor's label
and value reach the public page; a translated label is shown once its reviewer approved it (the
English one, marked lang="en", until then); only the live English values count in an address;
the editors' report counts by the options; without any option the built-in scale is asked."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation

import pytest

from selfcheck.models import AnswerOption, SharedAnswers
from tests.helpers import html, queries_for, same_queries_message, text_of
from tests.selfcheck.conftest import answer_option
from tests.selfcheck.pages import scale, titles, url
from translations.roles import EDITORS, setup_translation_roles

pytestmark = pytest.mark.django_db


def admin_url(action, *args):
    return reverse(f"wagtailsnippets_selfcheck_answeroption:{action}", args=args)


def test_the_built_in_scale_until_an_english_option_is_live(client, statements, portal):
    """A fresh site: no option at all, or only a draft one, asks the built-in scale."""
    with translation.override("el"):
        built_in = [translation.gettext(w) for w in ("Not at all", "A little", "A lot")]
    expected = [(str(v), label, None) for v, label in enumerate(built_in)]
    assert scale(html(client.get(url("el")))) == expected
    draft = answer_option(portal.skills["empathy"]["en"].locale_id, 3, "Always")
    AnswerOption.objects.filter(pk=draft.pk).update(live=False)
    assert scale(html(client.get(url("el")))) == expected
    assert titles(html(client.get(url("en"), {"a1": "2"})))  # the built-in values count


@pytest.mark.parametrize("language", ["en", "bg", "el"])
def test_the_options_in_the_language(client, statements, answer_options, language):
    page = html(client.get(url(language)))
    marker = {"en": "", "bg": "БГ ", "el": "ΕΛ "}[language]
    for name in ("a1", "a2", "a3"):
        assert scale(page, name) == [
            ("0", f"{marker}Never", None),
            ("1", f"{marker}Sometimes", None),
            ("2", f"{marker}Often", None),
        ]
    # Italian has no translation of the options: the English labels, marked as English.
    page = html(client.get(url("it")))
    assert scale(page) == [("0", "Never", "en"), ("1", "Sometimes", "en"), ("2", "Often", "en")]


def test_an_editor_changes_a_label_and_a_value_in_the_admin(
    admin_client, statements, answer_options
):
    often = answer_options["Often"]
    form = html(admin_client.get(admin_url("edit", often.pk)))
    assert form.select_one("input[name=value]")["value"] == "2"
    response = admin_client.post(
        admin_url("edit", often.pk), {"value": "4", "label": "Very often", "action-publish": "1"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    anonymous = admin_client.__class__()
    page = html(anonymous.get(url("en")))
    assert scale(page) == [
        ("0", "Never", None),
        ("1", "Sometimes", None),
        ("4", "Very often", None),
    ]
    # The new value is the answer in the address…
    assert titles(html(anonymous.get(url("en"), {"a1": "4"}))) == [
        "Giving feedback to a trainee who barely speaks the language"
    ]
    # …and the old value is no answer any more.
    result = html(anonymous.get(url("en"), {"a1": "2"}))
    assert result.select_one(".selfcheck__result") is None
    # The Bulgarian label waits for its translation to be updated: the reviewed one stays.
    assert scale(html(anonymous.get(url("bg"))))[2] == ("4", "БГ Often", None)


def test_a_value_taken_in_the_language_is_a_form_error(admin_client, answer_options):
    response = admin_client.post(
        admin_url("edit", answer_options["Often"].pk),
        {"value": "1", "label": "Often", "action-publish": "1"},
    )
    assert response.status_code == 200
    assert "already exists" in text_of(html(response).select_one("main"))
    response = admin_client.post(
        admin_url("edit", answer_options["Often"].pk), {"value": "6", "label": "x"}
    )
    assert response.status_code == 200  # beyond the 0..5 bound: refused, not stored
    assert AnswerOption.objects.get(pk=answer_options["Often"].pk).value == 2


def make_user(username, group):
    user = get_user_model().objects.create_user(username=username, password="password")
    user.groups.set(Group.objects.filter(name=group))
    return user


def retype_label(option, text):
    """What a translator types for the option's label in the translation editor."""
    translation_ = Translation.objects.get(
        source__object_id=option.translation_key, target_locale_id=option.locale_id
    )
    segment = StringSegment.objects.get(source=translation_.source, context__path="label")
    StringTranslation.objects.update_or_create(
        translation_of_id=segment.string_id,
        locale_id=option.locale_id,
        context_id=segment.context_id,
        defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
    )


def test_a_translated_label_is_shown_once_its_reviewer_approved_it(client, portal, statements):
    setup_translation_roles()
    editor = make_user("editor-en", EDITORS)
    translator = make_user("translator-bg", "Bulgarian translators")
    reviewer = make_user("reviewer-bg", "Bulgarian reviewers")
    locale_id = portal.skills["empathy"]["en"].locale_id
    option = answer_option(locale_id, 2, "Often")
    answer_option(locale_id, 0, "Never")

    def bulgarian_scale():
        client.logout()
        return scale(html(client.get(url("bg"))))

    def post_as(user, address, data=None):
        client.force_login(user)
        with TestCase.captureOnCommitCallbacks(execute=True):  # wagtail-localize's on-commit work
            return client.post(address, data or {})

    bg = Locale.objects.get(language_code="bg")
    snippet = ["selfcheck", "answeroption"]
    start = reverse("wagtail_localize:submit_snippet_translation", args=[*snippet, option.pk])
    assert post_as(editor, start, {"locales": [bg.pk]}).status_code == 302
    bulgarian = AnswerOption.objects.get(translation_key=option.translation_key, locale=bg)
    assert bulgarian_scale()[1] == ("2", "Often", "en")

    retype_label(bulgarian, "Често")
    submit = reverse("translations:submit_snippet_for_review", args=[*snippet, bulgarian.pk])
    assert post_as(translator, submit).status_code == 302
    assert bulgarian_scale()[1] == ("2", "Often", "en")  # submitted, not approved

    task_state = AnswerOption.objects.get(pk=bulgarian.pk).current_workflow_task_state
    approve = admin_url("workflow_action", bulgarian.pk, "approve", task_state.pk)
    assert post_as(reviewer, approve, {"comment": ""}).status_code in (200, 302)
    assert bulgarian_scale() == [("0", "Never", "en"), ("2", "Често", None)]


@pytest.mark.parametrize("value", ["3", "5", "9", "-1", "２", "", "x" * 50])
def test_a_value_not_in_the_options_is_ignored(client, statements, answer_options, portal, value):
    draft = answer_option(portal.skills["empathy"]["en"].locale_id, 3, "Always")
    AnswerOption.objects.filter(pk=draft.pk).update(live=False)  # a draft: not an answer yet
    response = client.get(url("en"), {"a1": value})
    assert response.status_code == 200
    assert html(response).select_one(".selfcheck__result") is None
    assert client.post(url("en", "share"), {"a1": value, "consent": "1"}).status_code == 400
    assert SharedAnswers.objects.count() == 0


def test_the_report_counts_by_the_options(admin_client, statements, answer_options):
    AnswerOption.objects.filter(pk=answer_options["Often"].pk).update(value=4)  # as published
    for language, answers in (
        ("en", {"1": 4}),
        ("en", {"1": 4, "2": 1}),
        ("bg", {"1": 0}),
        ("bg", {"1": 2}),  # a value no option has any more: not counted
    ):
        SharedAnswers.objects.create(language=language, answers=answers)
    report = html(admin_client.get(reverse("selfcheck_report")))
    header = [text_of(th) for th in report.select("thead tr")[1].select("th")]
    assert header[:3] == ["Never", "Sometimes", "Often"]
    assert len(header) == 3 * 6
    rows = {
        text_of(tr.th): [text_of(td) for td in tr.select("td")]
        for tr in report.select("table tbody tr")
    }
    # Columns: en, bg… × (never, sometimes, often).
    assert rows["My trainee barely speaks our language."][:6] == ["0", "0", "2", "1", "0", "0"]
    assert rows["I find it hard to give critical feedback."][:3] == ["0", "1", "0"]
    assert [text_of(td) for td in report.select("tfoot td")][:2] == ["2", "2"]


def test_bounded_queries_with_the_options(client, statements, answer_options):
    answers = {"a1": "2", "a2": "2", "a3": "1"}
    translated, _response = queries_for(client, url("bg"), answers)
    assert len(translated) <= 12, translated
    english, _response = queries_for(client, url("en"), answers)
    assert len(english) == len(translated), same_queries_message(english, translated)
    options = [q for q in translated if "selfcheck_answeroption" in q]
    assert len(options) == 1, options
