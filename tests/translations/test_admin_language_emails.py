"""Workflow e-mails speak the recipient's admin language.

A translator submits a translated page for review: the language's reviewers get Wagtail's
"submitted for approval" e-mail; a reviewer requests changes: the translator gets "rejected".
Every line of those e-mails (subject, text and HTML bodies) is compared with the English msgids
of wagtail.admin, wagtail.snippets, wagtail_localize and the portal (tests/admin_msgids.py).
"""

import re

from django.core import mail

from wagtail.users.models import UserProfile

import pytest

from tests.admin_msgids import english_in, gettext_in
from tests.factories import StandardPageFactory
from tests.helpers import TARGET_LANGUAGES, html, translate
from tests.translations.conftest import make_user
from translations.review import submit_for_review
from translations.roles import REVIEWERS, TRANSLATORS, setup_translation_roles, team_group_name

pytestmark = [pytest.mark.django_db, pytest.mark.prebuilt("home_pages")]

URL = re.compile(r"https?://\S+")


@pytest.fixture
def page(home_pages):
    setup_translation_roles()
    english = StandardPageFactory(parent=home_pages["en"], title="Onboarding trainees")
    english.save_revision().publish()
    return english


def person(username, group, lang):
    user = make_user(username, group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = lang
    profile.save()
    return user


def lines_of(message):
    """Every line a recipient reads: the subject, the text body and the HTML body's text."""
    bodies = [message.subject, message.body]
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            bodies.append(html(type("R", (), {"content": content.encode(), "charset": "utf-8"})))
    lines = []
    for body in bodies:
        text = body.get_text("\n") if hasattr(body, "get_text") else body
        lines += [URL.sub("", line).strip() for line in text.splitlines()]
    return [line for line in lines if line]


def mail_to(user):
    messages = [m for m in mail.outbox if user.email in m.to]
    assert messages, f"no e-mail to {user.email}"
    return messages


@pytest.mark.parametrize("lang", TARGET_LANGUAGES)
def test_reviewer_and_translator_emails_are_in_their_language(
    lang, page, django_capture_on_commit_callbacks
):
    translator = person(f"translator-{lang}", team_group_name(lang, TRANSLATORS), lang)
    reviewer = person(f"reviewer-{lang}", team_group_name(lang, REVIEWERS), lang)
    translated = translate(page, languages=[lang])[lang]

    with django_capture_on_commit_callbacks(execute=True):
        submit_for_review(translated, translator)
    submitted = mail_to(reviewer)
    # What the reviewer reads starts "The page ... has been submitted for approval", in ``lang``.
    expected = gettext_in(
        lang, 'The page "%(title)s" has been submitted for approval to moderation stage "%(task)s".'
    )
    assert expected.split("%(title)s")[0].strip() in submitted[0].body

    mail.outbox.clear()
    translated.refresh_from_db()
    task_state = translated.current_workflow_task_state
    with django_capture_on_commit_callbacks(execute=True):
        task_state.task.specific.on_action(
            task_state, reviewer, "reject", comment="Please check the title."
        )
    rejected = mail_to(translator)

    found = {}
    for message in submitted + rejected:
        found.update(english_in(lines_of(message), lang, content={page.title}))
    assert not found, f"{lang}: English in the workflow e-mails: {sorted(set(found.values()))}"
