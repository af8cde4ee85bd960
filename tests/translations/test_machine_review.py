"""Machine translation is never passed off as reviewed: unreviewed machine-translated segments
are marked in the translation editor, its preview, PO exports (``#, fuzzy``), the "Submit for
review" confirmation and the status page, until a person edits them or a reviewer approves.

The dummy machine translator (MACHINE_TRANSLATION=dummy) reverses the words.
"""

import re

from django.test import override_settings
from django.urls import reverse

from wagtail.models import WorkflowState
from wagtail_localize.models import StringTranslation, Translation

import polib
import pytest

from tests.factories import StandardPageFactory
from tests.helpers import html, text_of
from tests.translations.test_bad_input import put_segment, shown_messages, upload

pytestmark = [pytest.mark.django_db, pytest.mark.prebuilt("team")]

DUMMY = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}
THREE = "3 segments are machine translations nobody has reviewed."
TWO = "2 segments are machine translations nobody has reviewed."
READ = "Read each of them in the translation editor and correct or save it."


@pytest.fixture
def machine(team, home_pages, login, locales):
    """An English page whose Bulgarian translation the machine filled in (title and intro)."""
    with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=DUMMY):
        page = StandardPageFactory(
            parent=home_pages["en"], title="Mentor first week", slug="first-week", intro="Say hi."
        )
        client = login(team["bg_translator"])
        client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
            {"locales": [locales["bg"].pk]},
        )
        bg_page = page.get_translation(locales["bg"])
        translation = Translation.objects.get(
            source__object_id=page.translation_key, target_locale=locales["bg"]
        )
        client.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]))
    drafts = StringTranslation.objects.filter(
        locale=locales["bg"], translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
    )
    assert set(drafts.values_list("data", flat=True)) == {
        "week first Mentor",
        "hi. Say",
        "week. first Mentor of Body",  # the body's paragraph
    }
    return type("M", (), {"page": page, "bg": bg_page, "translation": translation})


def publish_directly(machine):
    """What an administrator's "Publish" does (no review)."""
    machine.translation.save_target(publish=False)
    page = machine.bg.specific_class.objects.get(pk=machine.bg.pk)
    page.get_latest_revision().publish()


def status_cell(client, title, language="bg"):
    page = html(client.get(reverse("translations:status"), {"language": language}))
    row = next(r for r in page.select("table.translation-status tbody tr") if title in r.th.text)
    cell = row.select_one(f'td[data-language="{language}"]')
    return cell["data-state"], text_of(cell.span)


# The status page
def test_a_published_machine_translation_is_not_current(machine, admin_client):
    publish_directly(machine)  # e.g. an administrator publishes it
    assert status_cell(admin_client, "Mentor first week") == (
        "published_machine",
        "Published, machine translation not reviewed",
    )


def test_once_a_person_edits_every_machine_segment_it_is_current(machine, login, team, client):
    bg = login(team["bg_translator"])
    assert put_segment(bg, machine.bg, "title", "Първата седмица").status_code == 200
    assert put_segment(bg, machine.bg, "intro", "Кажи здравей.").status_code == 200
    body = StringTranslation.objects.get(data="week. first Mentor of Body")
    assert put_segment(bg, machine.bg, body.context.path, "Текст.").status_code == 200
    publish_directly(machine)
    client.force_login(team["bg_reviewer"])
    assert status_cell(client, "Mentor first week") == ("published", "Published and current")


def test_english_text_left_in_a_published_translation_is_not_current(machine, admin_client):
    StringTranslation.objects.filter(context__path="intro", locale=machine.bg.locale).delete()
    StringTranslation.objects.filter(locale=machine.bg.locale).update(translation_type="manual")
    publish_directly(machine)  # the English intro is published in its place
    assert status_cell(admin_client, "Mentor first week") == (
        "published_english",
        "Published, with English text not translated",
    )


# The PO file
def test_the_po_file_marks_machine_entries_fuzzy(machine, login, team):
    bg = login(team["bg_translator"])
    put_segment(bg, machine.bg, "title", "Първата седмица")  # reviewed by a person
    url = reverse("wagtail_localize:download_pofile", args=[machine.translation.pk])
    response = bg.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert '#, fuzzy\nmsgctxt "intro"\nmsgid "Say hi."\nmsgstr "hi. Say"\n' in body
    assert 'msgctxt "title"\nmsgid "Mentor first week"\nmsgstr "Първата седмица"' in body
    assert body.count("#, fuzzy") == 2  # the intro and the body's paragraph
    po = polib.pofile(body)
    assert [e.msgid for e in po.fuzzy_entries()] == ["Say hi.", "Body of Mentor first week."]

    # Uploading it back unchanged keeps the draft marked; removing the flag confirms it.
    page = machine.bg
    upload(bg, page, body.encode(), name="first-week-bg.po")
    intro = StringTranslation.objects.get(context__path="intro", locale=page.locale)
    assert intro.translation_type == "machine"
    confirmed = body.replace('#, fuzzy\nmsgctxt "intro"', 'msgctxt "intro"')
    _response, shown = upload(bg, page, confirmed.encode(), name="first-week-bg.po")
    intro.refresh_from_db()
    assert intro.translation_type == "manual"
    assert shown == [
        "Confirmed 1 machine translation from “first-week-bg.po”.",
        f"1 segment is a machine translation nobody has reviewed. {READ}",  # the body's
    ]
    assert bg.get(url).content.decode().count("#, fuzzy") == 1


def test_another_languages_team_cannot_download(machine, login, team):
    el = login(team["el_translator"])
    url = reverse("wagtail_localize:download_pofile", args=[machine.translation.pk])
    assert el.get(url).status_code == 403


# The editor, its preview, submitting, approving
def test_the_translation_editor_warns_and_labels_the_segments(machine, login, team):
    bg = login(team["bg_translator"])
    response = bg.get(reverse("wagtailadmin_pages:edit", args=[machine.bg.pk]))
    assert response.status_code == 200
    assert f"{THREE} {READ}" in shown_messages(response)
    # wagtail-localize labels each segment with the tool until a person saves it.
    assert response.content.decode().count("Translated with Dummy translator on") == 3
    put_segment(bg, machine.bg, "title", "Първата седмица")
    response = bg.get(reverse("wagtailadmin_pages:edit", args=[machine.bg.pk]))
    assert f"{TWO} {READ}" in shown_messages(response)
    assert response.content.decode().count("Translated with Dummy translator on") == 2


def test_the_preview_has_a_banner(machine, login, team):
    bg = login(team["bg_translator"])
    response = bg.get(
        reverse("wagtail_localize:preview_translation", args=[machine.translation.pk])
    )
    assert response.status_code == 200
    banner = html(response).select_one(".machine-translation-banner")
    assert banner is not None and text_of(banner) == THREE
    assert "week first Mentor" in response.content.decode()


def test_submitting_warns_then_approval_counts_as_review(machine, login, team, client):
    bg = login(team["bg_translator"])
    url = reverse("translations:submit_for_review", args=[machine.bg.pk])
    confirmation = bg.get(url)
    assert f"{THREE} {READ}" in shown_messages(confirmation)
    assert bg.post(url).status_code == 302
    state = WorkflowState.objects.get(object_id=str(machine.bg.pk), status="in_progress")

    client.force_login(team["bg_reviewer"])
    approve = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[machine.bg.pk, "approve", state.current_task_state.pk],
    )
    response = client.post(approve, {})
    assert response.status_code in (200, 302)
    machine.bg.refresh_from_db()
    assert machine.bg.live
    assert not StringTranslation.objects.filter(
        locale=machine.bg.locale, translation_type="machine"
    ).exists()
    assert status_cell(client, "Mentor first week") == ("published", "Published and current")
    # The tool stays named in the editor.
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[machine.bg.pk]))
    assert len(re.findall("Translated with Dummy translator on", editor.content.decode())) == 3
