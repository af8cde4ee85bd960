"""Machine translation: MACHINE_TRANSLATION wiring, and a draft made by the dummy translator."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import reverse

from wagtail_localize.models import StringTranslation

import pytest

from translations.machine import check_configuration

DUMMY = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}
ROOT = Path(__file__).resolve().parents[2]


def settings_from(environment):
    """Start Django with ``environment`` (as ``manage.py`` would) and read the translator."""
    script = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test", **environment}
    return subprocess.run(  # noqa: S603 -- our own interpreter and script
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_settings_from_environment():
    deepl = settings_from({"MACHINE_TRANSLATION": "deepl", "DEEPL_API_KEY": "key"})
    assert deepl.returncode == 0, deepl.stderr
    assert json.loads(deepl.stdout.splitlines()[-1]) == {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": "key"},
    }
    missing_key = settings_from({"MACHINE_TRANSLATION": "deepl", "DEEPL_API_KEY": ""})
    assert missing_key.returncode != 0
    assert "MACHINE_TRANSLATION=deepl needs DEEPL_API_KEY." in missing_key.stderr


def test_configuration_check():
    translators = settings.MACHINE_TRANSLATORS
    for name in ("", "off", "dummy"):
        check_configuration(name, translators)
    check_configuration(
        "libretranslate", {"libretranslate": {"OPTIONS": {"LIBRETRANSLATE_URL": "x"}}}
    )
    for name, bad in (("deepl", {}), ("libretranslate", {}), ("babelfish", {})):
        configured = {name: {"OPTIONS": bad}} if name != "babelfish" else translators
        with pytest.raises(ImproperlyConfigured):
            check_configuration(name, configured)


@pytest.mark.django_db
@override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=DUMMY)
def test_translator_gets_a_machine_draft_then_submits_it(team, home_pages, login, locales):
    from wagtail.models import WorkflowState

    from tests.factories import StandardPageFactory

    page = StandardPageFactory(
        parent=home_pages["en"], title="Mentor first week", slug="first-week", intro="Say hello."
    )
    client = login(team["bg_translator"])
    # Start the Bulgarian translation (the English page is not yet translated there).
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [locales["bg"].pk]},
    )
    assert response.status_code == 302
    bg_page = page.get_translation(locales["bg"])
    from wagtail_localize.models import Translation

    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=locales["bg"]
    )
    edit = reverse("wagtailadmin_pages:edit", args=[bg_page.pk])
    response = client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]), {"next": edit}
    )
    assert response.status_code == 302 and response["Location"] == edit
    machine = StringTranslation.objects.filter(
        locale=locales["bg"], translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
    )
    assert set(machine.values_list("data", flat=True)) >= {"week first Mentor", "hello. Say"}

    response = client.post(reverse("translations:submit_for_review", args=[bg_page.pk]))
    assert response.status_code == 302
    bg_page.refresh_from_db()
    draft = bg_page.get_latest_revision_as_object()
    # Greek is not this translator's language.
    greek = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [locales["el"].pk]},
    )
    assert greek.status_code == 403  # not this translator's language
    client.logout()
    public = client.get(f"/bg/{bg_page.slug}/")
    assert "week first Mentor" not in public.content.decode(), "not public before review"
    assert (draft.title, draft.intro) == ("week first Mentor", "hello. Say")
    assert WorkflowState.objects.get(object_id=str(bg_page.pk)).status == "in_progress"
