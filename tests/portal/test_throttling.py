"""Password throttling: after ``AXES_FAILURE_LIMIT`` wrong passwords, even the right one is
refused (429, a page in the visitor's language that names neither the account nor the
restriction) until the cool-off ends or an admin resets the lock — on the admin login, the
password form of a private page and that of a private document."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

import pytest
from axes.models import AccessAttempt

from tests.helpers import LANGUAGE_CODES, html, text_of

pytestmark = pytest.mark.django_db

RIGHT = "Right-harbour-lantern-77"
WRONG_TRIES = 30
LOCKED = "Too many wrong passwords"


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser(
        "chief", "chief@example.org", RIGHT, first_name="Ana", last_name="Chief"
    )


@pytest.fixture
def private_page(home_page):
    restriction = PageViewRestriction.objects.create(
        page=home_page, restriction_type=PageViewRestriction.PASSWORD, password=RIGHT
    )
    return home_page, restriction


@pytest.fixture
def private_document(db):
    collection = Collection.get_first_root_node().add_child(name="Partners only")
    document = Document.objects.create(
        title="Budget", collection=collection, file=ContentFile(b"numbers", name="budget.txt")
    )
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password=RIGHT
    )
    return document, restriction


def log_in(client, password, **headers):
    return client.post(
        reverse("wagtailadmin_login"), {"username": "chief", "password": password}, **headers
    )


def logged_in(client):
    return client.get(reverse("wagtailadmin_home")).status_code == 200


def page_password_url(page, restriction, lang="en"):
    with translation.override(lang):
        return reverse("wagtailcore_authenticate_with_password", args=[restriction.id, page.id])


def enter_page_password(client, page, restriction, password, lang="en"):
    return client.post(
        page_password_url(page, restriction, lang), {"password": password, "return_url": page.url}
    )


def enter_document_password(client, document, restriction, password):
    return client.post(
        reverse("wagtaildocs_authenticate_with_password", args=[restriction.id]),
        {"password": password, "return_url": document.url},
    )


def assert_locked(response, lang="en", *secrets):
    assert response.status_code == 429
    assert int(response["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    assert "no-store" in [d.strip() for d in response["Cache-Control"].split(",")]
    doc = html(response)
    with translation.override(lang):
        assert text_of(doc.find("h1")) == gettext(LOCKED)
    body = response.content.decode()
    for secret in secrets:
        assert str(secret) not in body


def cool_off_ends():
    """Every recorded failure moved back past the cool-off."""
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.first().attempt_time
        - settings.AXES_COOLOFF_TIME
        - timedelta(seconds=1)
    )


# The admin login


def test_the_admin_login_refuses_the_right_password_after_30_wrong_ones(client, admin_user):
    for _ in range(WRONG_TRIES):
        response = log_in(client, "wrong-password")
        assert response.status_code in (200, 429)
    response = log_in(client, RIGHT)
    assert_locked(response, "en", "chief", RIGHT)
    assert not logged_in(client)


def test_the_lock_starts_at_the_failure_limit(client, admin_user):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong-password").status_code == 200
    assert log_in(client, "wrong-password").status_code == 429


def test_after_the_cool_off_the_right_password_works(client, admin_user):
    for _ in range(WRONG_TRIES):
        log_in(client, "wrong-password")
    cool_off_ends()
    assert log_in(client, RIGHT).status_code == 302
    assert logged_in(client)


def test_an_admin_can_lift_the_lock(client, admin_user):
    for _ in range(WRONG_TRIES):
        log_in(client, "wrong-password")
    call_command("axes_reset")
    assert log_in(client, RIGHT).status_code == 302
    assert logged_in(client)


def test_a_lock_holds_for_one_address_only(client, admin_user):
    for _ in range(WRONG_TRIES):
        log_in(client, "wrong-password")
    assert log_in(client, RIGHT, REMOTE_ADDR="198.51.100.7").status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_lock(client, admin_user):
    for attempt in range(WRONG_TRIES):
        log_in(client, "wrong-password", HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}")
    assert log_in(client, RIGHT, HTTP_X_FORWARDED_FOR="203.0.113.200").status_code == 429


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_the_client_address_comes_from_the_proxy(client, admin_user):
    """TRUSTED_PROXY_COUNT=1: the address the proxy appended, not what the client wrote."""
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for attempt in range(WRONG_TRIES):
        forged = f"192.0.2.{attempt}, 203.0.113.9"
        log_in(client, "wrong-password", HTTP_X_FORWARDED_FOR=forged, **proxy)
    locked = log_in(client, RIGHT, HTTP_X_FORWARDED_FOR="192.0.2.250, 203.0.113.9", **proxy)
    assert locked.status_code == 429
    other = log_in(client, RIGHT, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    assert other.status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_a_client_that_sent_no_header_is_counted_alone(client, admin_user):
    """One nginx sends X-Forwarded-For with the single address it saw: each client has its own
    count, not the proxy's (a lock on one client must not lock everyone behind the proxy)."""
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(WRONG_TRIES):
        log_in(client, "wrong-password", HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
    assert log_in(client, RIGHT, HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy).status_code == 429
    assert log_in(client, RIGHT, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy).status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_behind_two_proxies_the_outer_proxys_entry_counts(client, admin_user):
    proxy = {"REMOTE_ADDR": "10.0.0.3"}
    for attempt in range(WRONG_TRIES):  # forged entry, the client (outer proxy), the inner proxy
        forged = f"192.0.2.{attempt}, 203.0.113.9, 10.0.0.2"
        log_in(client, "wrong-password", HTTP_X_FORWARDED_FOR=forged, **proxy)
    locked = log_in(client, RIGHT, HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.2", **proxy)
    assert locked.status_code == 429
    short = log_in(client, RIGHT, HTTP_X_FORWARDED_FOR="not-an-address", **proxy)
    assert short.status_code == 302, "a header shorter than the proxies: the connection's address"


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_the_admin_lockout_page_is_in_the_visitors_language(client, admin_user, lang):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong-password")
    assert_locked(log_in(client, RIGHT, HTTP_ACCEPT_LANGUAGE=lang), lang, "chief", RIGHT)


# The password form of a private page


def test_a_private_page_refuses_the_right_password_after_30_wrong_ones(client, private_page):
    page, restriction = private_page
    for _ in range(WRONG_TRIES):
        assert enter_page_password(client, page, restriction, "wrong").status_code in (200, 429)
    response = enter_page_password(client, page, restriction, RIGHT)
    assert_locked(response, "en", RIGHT, f"restriction:{restriction.id}")
    shown = client.get(page.url)
    assert shown.status_code == 200
    assert html(shown).find("input", attrs={"name": "password"}), "still the password form"


def test_a_private_page_opens_after_the_cool_off(client, private_page):
    page, restriction = private_page
    for _ in range(WRONG_TRIES):
        enter_page_password(client, page, restriction, "wrong")
    cool_off_ends()
    assert enter_page_password(client, page, restriction, RIGHT).status_code == 302
    shown = client.get(page.url)
    assert not html(shown).find("input", attrs={"name": "password"})


def test_a_page_lock_leaves_the_admin_login_alone(client, private_page, admin_user):
    page, restriction = private_page
    for _ in range(WRONG_TRIES):
        enter_page_password(client, page, restriction, "wrong")
    assert log_in(client, RIGHT).status_code == 302


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_the_page_lockout_is_in_the_pages_language(client, private_page, lang):
    page, restriction = private_page
    for _ in range(settings.AXES_FAILURE_LIMIT):
        enter_page_password(client, page, restriction, "wrong", lang)
    response = enter_page_password(client, page, restriction, RIGHT, lang)
    assert_locked(response, lang, RIGHT)
    doc = html(response)
    assert doc.html["lang"] == lang
    if lang != "en":
        assert text_of(doc.find("p")) != (
            "For your security, this form is locked for 15 minutes. Please try again later."
        )


# The password form of a private document


def test_a_private_document_refuses_the_right_password_after_30_wrong_ones(
    client, private_document
):
    document, restriction = private_document
    for _ in range(WRONG_TRIES):
        enter_document_password(client, document, restriction, "wrong")
    assert_locked(enter_document_password(client, document, restriction, RIGHT), "en", RIGHT)
    shown = client.get(document.url)
    assert html(shown).find("input", attrs={"name": "password"}), "still the password form"


def test_a_private_document_opens_after_a_reset(client, private_document):
    document, restriction = private_document
    for _ in range(WRONG_TRIES):
        enter_document_password(client, document, restriction, "wrong")
    call_command("axes_reset")
    assert enter_document_password(client, document, restriction, RIGHT).status_code == 302
    served = client.get(document.url)
    assert b"".join(served.streaming_content) == b"numbers"


# The "change password" panel of a signed-in user's account page


def account_form_values(client):
    """What the account page's form posts as it stands (every panel's fields)."""
    page = client.get(reverse("wagtailadmin_account"))
    if page.status_code != 200:  # not signed in: nothing to fill
        return {}
    form = html(page).find("input", attrs={"name": "password-old_password"}).find_parent("form")
    values = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "file"):
            continue
        if field.get("type") in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            values[name] = chosen.get("value", "") if chosen else ""
        else:
            values[name] = field.get("value", field.text if field.name == "textarea" else "")
    return values


def change_password(client, old, new="Another-harbour-lantern-88"):
    return client.post(
        reverse("wagtailadmin_account"),
        {
            **account_form_values(client),
            "password-old_password": old,
            "password-new_password1": new,
            "password-new_password2": new,
        },
    )


def test_the_account_page_refuses_the_right_current_password_after_30_wrong_ones(
    client, admin_user
):
    client.force_login(admin_user)
    for _ in range(WRONG_TRIES):
        refused = change_password(client, "wrong")
    assert_locked(change_password(client, RIGHT), "en", RIGHT)
    admin_user.refresh_from_db()
    assert admin_user.check_password(RIGHT), "the password did not change"
    assert not admin_user.check_password("Another-harbour-lantern-88")
    assert refused.status_code == 429


def test_below_the_limit_a_wrong_current_password_gets_wagtails_form_error(client, admin_user):
    client.force_login(admin_user)
    response = change_password(client, "wrong")
    assert response.status_code == 200
    errors = html(response).select(".error-message, .w-field__errors")
    assert errors, "Wagtail's own error for the old password is shown"
    admin_user.refresh_from_db()
    assert admin_user.check_password(RIGHT)


def test_the_right_current_password_changes_it_and_clears_the_count(client, admin_user):
    client.force_login(admin_user)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        change_password(client, "wrong")
    response = change_password(client, RIGHT)
    assert response.status_code == 302
    admin_user.refresh_from_db()
    assert admin_user.check_password("Another-harbour-lantern-88")
    client.force_login(admin_user)  # the change signed the session out of its old hash
    assert change_password(client, "wrong", "Third-harbour-lantern-99").status_code == 200


def test_the_account_page_lock_is_per_user(client, admin_user):
    client.force_login(admin_user)
    for _ in range(WRONG_TRIES):
        change_password(client, "wrong")
    other = get_user_model().objects.create_superuser(
        "deputy", "d@example.org", RIGHT, first_name="Dan", last_name="Deputy"
    )
    client.force_login(other)
    assert change_password(client, RIGHT).status_code == 302
    other.refresh_from_db()
    assert other.check_password("Another-harbour-lantern-88")


def test_the_account_page_still_needs_a_signed_in_admin(client, admin_user):
    response = change_password(client, RIGHT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    admin_user.refresh_from_db()
    assert admin_user.check_password(RIGHT)
    assert client.get(reverse("wagtailadmin_account")).status_code == 302


def test_the_account_page_is_served_by_wagtail_and_never_cached(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("wagtailadmin_account"))
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert html(response).find("input", attrs={"name": "password-old_password"})
