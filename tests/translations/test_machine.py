"""Machine translation: MACHINE_TRANSLATION wiring, and a draft made by the dummy translator."""

from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import reverse

from wagtail_localize.models import StringTranslation

import pytest

from translations.machine import machine_translator_from_env

DUMMY = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}


def test_settings_from_environment():
    assert machine_translator_from_env("") is None
    assert machine_translator_from_env("off") is None
    assert machine_translator_from_env("dummy") == DUMMY
    deepl = machine_translator_from_env("deepl", deepl_api_key="key")
    assert deepl["CLASS"].endswith("DeepLTranslator")
    assert deepl["OPTIONS"] == {"AUTH_KEY": "key"}
    libre = machine_translator_from_env("libretranslate", libretranslate_url="http://lt:5000")
    assert libre["OPTIONS"]["LIBRETRANSLATE_URL"] == "http://lt:5000"
    for bad in (("deepl", {}), ("libretranslate", {}), ("babelfish", {})):
        with pytest.raises(ImproperlyConfigured):
            machine_translator_from_env(bad[0], **bad[1])


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
