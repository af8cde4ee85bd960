"""Logs: a 5xx is logged on stderr as one JSON line with its traceback, and mailed to ADMINS
when they are set (portal/settings/base.py, LOGGING)."""

import io
import json
import logging
import secrets

from django.urls import reverse

import pytest

from tests.portal.test_production_settings import run_manage


@pytest.fixture
def stderr_lines():
    """What the configured "stderr" handler writes, with its configured JSON formatter."""
    (handler,) = [h for h in logging.getLogger("django").handlers if h.name == "stderr"]
    written = io.StringIO()
    previous = handler.setStream(written)
    yield lambda: [json.loads(line) for line in written.getvalue().splitlines()]
    handler.setStream(previous)


@pytest.fixture
def failing_site(settings, client, home_page):
    settings.ROOT_URLCONF = "tests.portal.failing_urls"
    client.raise_request_exception = False
    return client


def forced_error(stderr_lines, client):
    response = client.get(reverse("forced_error"))
    assert response.status_code == 500
    (error,) = [line for line in stderr_lines() if line["level"] == "ERROR"]
    return error


def test_a_forced_error_is_logged_as_json_with_its_traceback(failing_site, stderr_lines):
    error = forced_error(stderr_lines, failing_site)
    assert error["logger"] == "django.request"
    assert error["message"] == "Internal Server Error: /forced-error/"
    assert error["status_code"] == 500
    assert error["exc_info"].startswith("Traceback (most recent call last)")
    assert "RuntimeError: forced failure for the logging test" in error["exc_info"]
    assert error["time"]


def test_the_error_is_mailed_to_the_admins(failing_site, stderr_lines, settings, mailoutbox):
    settings.ADMINS = [("Operations", "ops@example.eu")]
    forced_error(stderr_lines, failing_site)
    (mail,) = mailoutbox
    assert mail.to == ["ops@example.eu"]
    assert "Internal Server Error: /forced-error/" in mail.subject
    assert "RuntimeError at /forced-error/\nforced failure for the logging test" in mail.body
    assert "Traceback (most recent call last)" in mail.body


def test_no_mail_without_admins(failing_site, stderr_lines, settings, mailoutbox):
    settings.ADMINS = []
    forced_error(stderr_lines, failing_site)
    assert mailoutbox == []


def test_production_logs_json_to_stderr_with_admins_and_level_from_the_environment(tmp_path):
    script = (
        "import logging; from django.conf import settings; "
        "print(settings.ADMINS, settings.SERVER_EMAIL); "
        "logging.getLogger('portal').info('not shown at WARNING'); "
        "logging.getLogger('portal').warning('shown')"
    )
    result = run_manage(
        "shell",
        "-v0",
        "-c",
        script,
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        ADMINS="Operations <ops@example.eu>, Night shift <night@example.eu>",
        SERVER_EMAIL="errors@example.eu",
        LOG_LEVEL="warning",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "[('Operations', 'ops@example.eu'), ('Night shift', 'night@example.eu')] errors@example.eu"
    )
    lines = [json.loads(line) for line in result.stderr.splitlines()]
    assert [(line["level"], line["logger"], line["message"]) for line in lines] == [
        ("WARNING", "portal", "shown")
    ]
