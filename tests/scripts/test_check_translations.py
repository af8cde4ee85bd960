"""``scripts/check_translations.py`` (run by ``make messages``) fails on a catalogue that would
show English or break a page, and names the entry; it passes the project's own catalogues."""

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "check_translations.py"
HEADER = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"""


def run(*args):
    command = [sys.executable, str(SCRIPT), *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603


def check(locale_dir, *languages):
    return run("--locale-dir", str(locale_dir), "--source", "en", *languages)


def catalogue(tmp_path, body, language="bg"):
    path = tmp_path / language / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True)
    path.write_text(HEADER + body, encoding="utf-8")
    return tmp_path


def test_project_catalogues_pass():
    for domain in ("django", "djangojs"):
        result = run("--domain", domain)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "bg: locale/bg/LC_MESSAGES/" in result.stdout


def test_complete_catalogue_passes(tmp_path):
    body = '\n#, python-format\nmsgid "Hello %(name)s"\nmsgstr "Здравей, %(name)s"\n'
    result = check(catalogue(tmp_path, body), "bg")
    assert result.returncode == 0
    assert "OK (1 messages)" in result.stdout


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (
            '\n#, python-format\nmsgid "Hello %(name)s"\nmsgstr "Здравей, %(nom)s"\n',
            "placeholders line 6: 'Hello %(name)s': has ['nom'], source has ['name']",
        ),
        ('\nmsgid "Save draft"\nmsgstr ""\n', "untranslated line 6: 'Save draft'"),
        (
            '\nmsgid "%(count)s guide"\nmsgid_plural "%(count)s guides"\n'
            'msgstr[0] "%(count)s ръководство"\nmsgstr[1] ""\n',
            "untranslated line 6: '%(count)s guide'",
        ),
        ('\n#, fuzzy\nmsgid "Publish"\nmsgstr "Публикувай"\n', "fuzzy        line 6: 'Publish'"),
        (
            '\nmsgid "Publish"\nmsgstr "Публикувай\n',
            "cannot parse line 'msgstr \"Публикувай'",
        ),
    ],
    ids=["placeholder", "missing", "plural", "fuzzy", "unterminated"],
)
def test_broken_catalogue_fails_naming_the_entry(tmp_path, body, problem):
    result = check(catalogue(tmp_path, body), "bg")
    assert result.returncode == 1
    assert "bg: " in result.stdout
    assert problem in result.stdout
    assert "Translate the entries above" in result.stderr


def test_missing_catalogue_fails_but_not_for_the_source_language(tmp_path):
    result = check(catalogue(tmp_path, ""), "en", "bg", "el")
    assert result.returncode == 1
    assert "en: " in result.stdout and "not required" in result.stdout
    assert "el: " in result.stdout and "MISSING catalogue" in result.stdout
