"""``ensure_admin`` applies the password validators to ADMIN_PASSWORD: ``ADMIN_PASSWORD=1 make run``
stops with a clear message instead of creating a superuser with that password."""

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connections

import pytest

from home.management.commands.ensure_admin import Command as EnsureAdmin

pytestmark = pytest.mark.django_db

STRONG = "Quiet-harbour-lanterns-2026"


def run(monkeypatch, password, username="admin"):
    monkeypatch.setenv("ADMIN_USERNAME", username)
    monkeypatch.setenv("ADMIN_PASSWORD", password)
    call_command("ensure_admin")


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("1", "This password is too short."),
        ("password123", "This password is too common."),
        ("84736251907", "This password is entirely numeric."),
        ("admin-01", "too similar to the username"),
    ],
)
def test_a_weak_admin_password_is_refused(monkeypatch, password, reason):
    with pytest.raises(CommandError) as refused:
        run(monkeypatch, password)
    assert "ADMIN_PASSWORD is too weak" in str(refused.value)
    assert reason in str(refused.value)
    assert not get_user_model().objects.filter(username="admin").exists()


def test_a_weak_password_does_not_replace_an_existing_one(monkeypatch):
    run(monkeypatch, STRONG)
    with pytest.raises(CommandError):
        run(monkeypatch, "1")
    assert get_user_model().objects.get(username="admin").check_password(STRONG)


def test_a_strong_password_creates_the_superuser(monkeypatch):
    run(monkeypatch, STRONG)
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser
    assert user.check_password(STRONG)


def test_the_command_line_exits_non_zero_with_the_reason(monkeypatch, capsys):
    """What ``make run`` sees: exit status 1 and the reason on stderr."""
    monkeypatch.setenv("ADMIN_PASSWORD", "1")
    # run_from_argv() is what manage.py calls once Django is set up (execute_from_command_line
    # would set Django up again: its logging on this test's captured stderr). It closes every
    # database connection when done, which would close the test's own.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    with pytest.raises(SystemExit) as exited:
        EnsureAdmin().run_from_argv(["manage.py", "ensure_admin"])
    assert exited.value.code == 1
    assert "ADMIN_PASSWORD is too weak" in capsys.readouterr().err
    assert not get_user_model().objects.filter(username="admin").exists()
