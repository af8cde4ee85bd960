"""The production settings: ``manage.py check --deploy`` passes without a single warning, and
the settings refuse to start without a secret key, saying why."""

import os
import secrets

import pytest

from tests.helpers import manage_py


def run_manage(*args, **env):
    inherited = {
        name: value
        for name, value in os.environ.items()
        if name not in ("SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DEBUG", "ALLOWED_HOSTS")
        and not name.startswith(("DATABASE_", "SECURE_"))
    }
    return manage_py(
        *args, env={**inherited, "DJANGO_SETTINGS_MODULE": "portal.settings.production", **env}
    )


@pytest.fixture
def production_env(tmp_path):
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "portal.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }


def test_deploy_check_passes_without_warnings(production_env):
    result = run_manage("check", "--deploy", **production_env)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(production_env):
    production_env.pop("SECRET_KEY")
    result = run_manage("check", "--deploy", **production_env)
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set" in result.stderr
    assert "set the SECRET_KEY environment variable to a long random string" in result.stderr


def test_production_refuses_a_short_secret_key(production_env):
    result = run_manage("check", "--deploy", **{**production_env, "SECRET_KEY": "too-short"})
    assert result.returncode != 0
    assert "shorter than 32 characters" in result.stderr
