"""Bad input: malformed PO files, PO files of another page or language, stale edits racing
newer ones. What the translator is told, and that nothing anyone wrote is lost.

Everything goes through the admin's URLs as the browser uses them: the translation editor's
"Upload PO file" form, its string-translation API, Wagtail's page editor.
"""

import codecs
import re
from urllib.parse import urlencode

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse
from django.utils import translation

from wagtail.models import ModelLogEntry, PageLogEntry
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, StringTranslation, Translation

import polib
import pytest

from tests.factories import StandardPageFactory
from tests.helpers import html, text_of, translate
from tests.translations.conftest import make_user
from translations.history import ACTION
from translations.roles import EDITORS

pytestmark = [pytest.mark.django_db, pytest.mark.prebuilt("team", "content")]

DENIED = "Sorry, you do not have permission to access this area."
NOTHING = "Nothing was imported: the translations already saved are unchanged."


# Helpers
def translation_of(obj):
    return Translation.objects.get(
        source__object_id=obj.translation_key, target_locale_id=obj.locale_id
    )


def saved(obj):
    """Every segment saved for ``obj``'s translation: {segment path: (text, translator id)}."""
    rows = StringTranslation.objects.filter(
        context__object_id=obj.translation_key, locale_id=obj.locale_id
    ).values_list("context__path", "data", "last_translated_by_id")
    return {path: (text, author) for path, text, author in rows}


def segment(obj, path):
    return StringSegment.objects.get(source=translation_of(obj).source, context__path=path)


def put_segment(client, obj, path, value):
    """What the translation editor sends when a translator saves one segment."""
    url = reverse(
        "wagtail_localize:edit_string_translation",
        args=[translation_of(obj).pk, segment(obj, path).pk],
    )
    return client.put(
        url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded"
    )


def editor_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def download(client, obj):
    response = client.get(
        reverse("wagtail_localize:download_pofile", args=[translation_of(obj).pk])
    )
    assert response.status_code == 200
    name = re.search(r"filename=(\S+)", response["Content-Disposition"]).group(1)
    return name, response.content


def upload(client, page, content, name="translation.po", **extra):
    """The editor's "Upload PO file" form: the file and the editor's address to come back to.
    Follows the redirect and returns (final response, the messages shown on it)."""
    data = {"next": f"http://testserver{editor_url(page)}"}
    if content is not None:
        data["file"] = SimpleUploadedFile(name, content, content_type="text/x-gettext-translation")
    url = reverse("wagtail_localize:upload_pofile", args=[translation_of(page).pk])
    response = client.post(url, data, follow=True, **extra)
    return response, shown_messages(response)


def shown_messages(response):
    """The messages at the top of an admin page (without the hidden "Go to the first error")."""
    items = html(response).select(".messages li")
    for item in items:
        for button in item.select("button"):
            button.decompose()
    return [text_of(item) for item in items]


def with_translations(content, texts):
    """A downloaded PO file with some entries translated: {English text: translation}."""
    po = polib.pofile(content.decode("utf-8"))
    for entry in po:
        if entry.msgid in texts:
            entry.msgstr = texts[entry.msgid]
    return str(po).encode("utf-8")


def kept(log_model=PageLogEntry, **filters):
    """The History entries for replaced text that a known person wrote (the test content's
    first translations were written without a user: replacing those is logged too)."""
    entries = log_model.objects.filter(action=ACTION, **filters).exclude(data__written_by=None)
    return list(entries.order_by("pk"))


@pytest.fixture
def bg(team, content, login):
    """The Bulgarian translator, logged in, who has already saved the page's two segments."""
    client = login(team["bg_translator"])
    assert put_segment(client, content.page["bg"], "title", "За проекта").status_code == 200
    assert put_segment(client, content.page["bg"], "intro", "Кои сме.").status_code == 200
    return client


# The upload is ours, at wagtail-localize's address
def test_the_editors_upload_address_runs_the_portals_view(content):
    url = reverse("wagtail_localize:upload_pofile", args=[translation_of(content.page["bg"]).pk])
    match = resolve(url)
    assert match.url_name == "translations_upload_pofile"
    assert match.func.__name__ == "upload_pofile"  # behind Wagtail's admin-access decorator
    assert match.func.__module__ == "translations.views"


# (a) malformed files
MALFORMED = {
    "garbage bytes": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe",
        "“translation.po” is not a PO file. Upload the file that “Download PO file” gave you, "
        "with the translations filled in.",
    ),
    "plain text": (
        b"Dear translator, here are the texts.",
        "“translation.po” is not a PO file. Upload the file that “Download PO file” gave you, "
        "with the translations filled in.",
    ),
    "empty": (b"", "The uploaded file is empty."),
    "blank lines": (b"\n\n  \n", "The uploaded file is empty."),
    "no file chosen": (None, "The uploaded file is empty."),
    "Latin-1": (
        'msgid "About the project"\nmsgstr "À propos"\n'.encode("latin-1"),
        "“translation.po” is not saved as UTF-8 text. Save it again with the UTF-8 encoding, "
        "then upload it.",
    ),
    "UTF-16": (
        codecs.BOM_UTF16_LE + 'msgid "About the project"\nmsgstr "За"\n'.encode("utf-16-le"),
        "“translation.po” is not saved as UTF-8 text. Save it again with the UTF-8 encoding, "
        "then upload it.",
    ),
    "broken by hand": (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgctxt "title"\nmsgid "About the project"\nmsgstr "За проекта"\nЗа проекта\n'.encode(),
        "“translation.po” is not a valid PO file: there is a mistake on line 8.",
    ),
    "without the translation's header": (
        'msgid "About the project"\nmsgstr "За проекта (друг инструмент)"\n'.encode(),
        "“translation.po” does not belong to any translation here: it was not made with "
        "“Download PO file”, or its translation has been deleted.",
    ),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_files_are_refused_with_a_message(bg, content, case):
    page = content.page["bg"]
    before = saved(page)
    body, message = MALFORMED[case]
    response, shown = upload(bg, page, body)
    assert response.redirect_chain == [(f"http://testserver{editor_url(page)}", 302)]
    assert response.status_code == 200
    assert shown == [f"{message} {NOTHING}"]
    assert saved(page) == before
    assert before["title"][0] == "За проекта"


def test_a_good_file_with_a_utf8_byte_order_mark_is_accepted(bg, content):
    page = content.page["bg"]
    name, body = download(bg, page)
    body = codecs.BOM_UTF8 + with_translations(body, {"Who we are.": "Кои сме ние."})
    _response, shown = upload(bg, page, body, name=name)
    assert shown == [f"Imported 1 translation from “{name}”."]
    assert saved(page)["intro"][0] == "Кои сме ние."


# (b) a PO file of another page, (c) of another language
def test_a_po_file_of_another_page_is_refused(bg, team, content, home_pages):
    other = StandardPageFactory(parent=home_pages["en"], title="Contact", slug="contact")
    other_bg = translate(other, languages=["bg"])["bg"]
    name, body = download(bg, other_bg)
    body = with_translations(body, {"Contact": "Контакти"})
    page = content.page["bg"]
    before = saved(page)

    _response, shown = upload(bg, page, body, name=name)
    assert shown == [
        f"“{name}” belongs to another page or item, “Contact” (Bulgarian), not to “About the "
        f"project” (Bulgarian). {NOTHING}"
    ]
    assert saved(page) == before
    assert saved(other_bg)["title"][0] != "Контакти"


def test_a_po_file_of_another_language_is_refused(bg, client, team, content):
    client.force_login(team["el_translator"])
    name, body = download(client, content.page["el"])
    body = with_translations(body, {"About the project": "Σχετικά με το έργο"})
    client.force_login(team["bg_translator"])
    page = content.page["bg"]
    before = saved(page)

    _response, shown = upload(client, page, body, name=name)
    assert shown == [
        f"“{name}” belongs to another language of “About the project” (Greek), not to this "
        f"translation (Bulgarian). {NOTHING}"
    ]
    assert saved(page) == before
    assert saved(content.page["el"])["title"][0] != "Σχετικά με το έργο"


def test_a_translator_cannot_upload_into_another_languages_translation(bg, content):
    greek = content.page["el"]
    before = saved(greek)
    _name, body = download(bg, content.page["bg"])
    url = reverse("wagtail_localize:upload_pofile", args=[translation_of(greek).pk])

    # The editor's form: 403, with Wagtail's "no permission" message.
    response = bg.post(url, {"file": SimpleUploadedFile("bg.po", body)})
    assert response.status_code == 403
    assert DENIED in response.content.decode()
    # From a script: a bare 403.
    response = bg.post(
        url, {"file": SimpleUploadedFile("bg.po", body)}, HTTP_X_REQUESTED_WITH="XMLHttpRequest"
    )
    assert response.status_code == 403
    assert saved(greek) == before


# (d) the happy path
def test_a_correct_po_file_is_imported(bg, team, content):
    page = content.page["bg"]
    name, body = download(bg, page)
    assert name == "about-the-project-bg.po"
    body = with_translations(body, {"Who we are.": "Кои сме ние."})

    response, shown = upload(bg, page, body, name=name)
    assert response.redirect_chain == [(f"http://testserver{editor_url(page)}", 302)]
    assert shown == [f"Imported 1 translation from “{name}”."]
    after = saved(page)
    assert after["intro"] == ("Кои сме ние.", team["bg_translator"].pk)
    assert after["title"] == ("За проекта", team["bg_translator"].pk)
    # The translator's own text is not "someone else's": nothing for the History.
    assert kept(page=page) == []

    _response, shown = upload(bg, page, body, name=name)
    assert shown == [f"“{name}” has no new translations: nothing was changed."]


def test_entries_whose_english_text_is_gone_are_reported(bg, content):
    page = content.page["bg"]
    name, body = download(bg, page)
    po = polib.pofile(with_translations(body, {"Who we are.": "Кои сме ние."}).decode())
    po.append(polib.POEntry(msgid="A sentence removed from English", msgstr="Изтрито", msgctxt="x"))

    _response, shown = upload(bg, page, str(po).encode(), name=name)
    assert shown == [
        f"Imported 1 translation from “{name}”.",
        "1 entry of the file was not imported: its English text is no longer in this "
        "translation (the English version changed after the file was downloaded).",
    ]


def test_messages_are_in_the_translators_language(bg, team, content):
    profile = UserProfile.get_for_user(team["bg_translator"])
    profile.preferred_language = "bg"
    profile.save()
    page = content.page["bg"]
    _response, shown = upload(bg, page, b"")
    assert shown == [
        "Каченият файл е празен. Нищо не е импортирано: вече запазените преводи не са променени."
    ]
    _response, shown = upload(bg, page, b"hello", name="x.po")
    assert shown[0].startswith("„x.po“ не е PO файл.")


@pytest.mark.parametrize("language", ["el", "it", "pt", "es"])
def test_the_messages_are_translated_into_each_language(language):
    from translations import history, pofile  # noqa: F401 -- the modules holding the texts

    catalogue = (
        "The uploaded file is empty.",
        NOTHING,
        "“%(file)s” is not a PO file. Upload the file that “Download PO file” gave you, with "
        "the translations filled in.",
        "“%(file)s” has no new translations: nothing was changed.",
    )
    with translation.override(language):
        for text in catalogue:
            assert translation.gettext(text) != text, (language, text)
        plural = translation.ngettext(
            "Imported %(count)s translation from “%(file)s”.",
            "Imported %(count)s translations from “%(file)s”.",
            2,
        )
        assert "%(count)s" in plural and "Imported" not in plural


# Stale edits: a PO file older than someone else's edit
def test_a_stale_po_file_keeps_the_newer_text_in_the_history(bg, client, team, content):
    page = content.page["bg"]
    name, body = download(bg, page)  # the translator takes the file away to work on it…
    colleague = make_user("translator-bg-2", "Bulgarian translators")
    client.force_login(colleague)
    assert put_segment(client, page, "intro", "Кои сме (колега)").status_code == 200
    client.force_login(team["bg_translator"])

    body = with_translations(body, {"Who we are.": "Кои сме ние."})
    _response, shown = upload(client, page, body, name=name)
    assert shown == [
        f"Imported 1 translation from “{name}”.",
        "1 of them replaced a translation that someone else had saved; the earlier text is kept "
        "in the History.",
    ]
    assert saved(page)["intro"][0] == "Кои сме ние."
    # Both replaced texts are in the History: the translator's, which the colleague replaced,
    # and the colleague's, which the stale file replaced.
    first, second = kept(page=page)
    assert (first.user, first.data["written_by"], first.data["text"]) == (
        colleague,
        "translator-bg",
        "Кои сме.",
    )
    assert (second.user, second.data["written_by"], second.data["text"]) == (
        team["bg_translator"],
        "translator-bg-2",
        "Кои сме (колега)",
    )


# Stale edits in the translation editor: two translators, one segment
def history_lines(client, url, query=None):
    response = client.get(url, query)
    assert response.status_code == 200
    return [text_of(row) for row in html(response).select("table tbody tr")]


def test_the_later_segment_wins_and_the_earlier_is_in_the_history(team, content, client):
    page = content.page["bg"]
    client.force_login(team["bg_translator"])
    assert put_segment(client, page, "title", "За проекта").status_code == 200
    # The reviewer had the editor open before the translator saved, and saves over it.
    client.force_login(team["bg_reviewer"])
    assert put_segment(client, page, "title", "Относно проекта").status_code == 200

    assert saved(page)["title"] == ("Относно проекта", team["bg_reviewer"].pk)
    [entry] = kept(page=page)
    assert entry.user == team["bg_reviewer"]
    assert entry.data["text"] == "За проекта"
    assert entry.data["written_by"] == "translator-bg"
    assert entry.data["replaced_with"] == "Относно проекта"

    # Whoever opens the page's History sees what was replaced, by whom and whose it was.
    lines = history_lines(client, reverse("wagtailadmin_pages:history", args=[page.pk]))
    line = next(line for line in lines if "Replaced the translation" in line)
    assert "“About the project” that translator-bg saved on" in line
    assert "It was: “За проекта”" in line
    assert "reviewer-bg" in line


def test_changing_ones_own_segment_is_not_logged(team, content, client):
    page = content.page["bg"]
    client.force_login(team["bg_translator"])
    put_segment(client, page, "title", "За проекта")
    put_segment(client, page, "title", "За проекта!")
    assert saved(page)["title"][0] == "За проекта!"
    assert kept(page=page) == []


def test_removing_someone_elses_segment_is_logged(team, content, client):
    page = content.page["bg"]
    client.force_login(team["bg_translator"])
    put_segment(client, page, "title", "За проекта")
    client.force_login(team["bg_reviewer"])
    url = reverse(
        "wagtail_localize:edit_string_translation",
        args=[translation_of(page).pk, segment(page, "title").pk],
    )
    assert client.delete(url).status_code == 200
    assert "title" not in saved(page)
    [entry] = kept(page=page)
    assert (entry.user, entry.data["text"], entry.data["replaced_with"]) == (
        team["bg_reviewer"],
        "За проекта",
        None,
    )
    assert entry.message.startswith("Removed the translation of “About the project”")


def test_snippet_segments_are_kept_in_the_snippets_history(team, content, client):
    skill = content.skill["bg"]
    client.force_login(team["bg_translator"])
    assert put_segment(client, skill, "name", "Емпатия").status_code == 200
    client.force_login(team["bg_reviewer"])
    assert put_segment(client, skill, "name", "Съпричастност").status_code == 200

    [entry] = kept(ModelLogEntry, object_id=str(skill.pk))
    assert entry.data["text"] == "Емпатия"
    lines = history_lines(
        client, reverse("wagtailsnippets_resources_softskill:history", args=[skill.pk])
    )
    assert any("It was: “Емпатия”" in line for line in lines)
    # Reports → Site history lists every replaced text the user may see, pages and snippets.
    lines = history_lines(client, reverse("wagtailadmin_reports:site_history"), {"action": ACTION})
    assert any("It was: “Емпатия”" in line for line in lines)


# Stale edits in Wagtail's page editor
def form_fields(response, page):
    """The page editor's form as the browser sends it."""
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form").dict()
    # A StreamField's inputs are made by JavaScript: send the body as it is.
    assert {block.block_type for block in page.body} <= {"paragraph"}
    body = [(block.block_type, rich_text(block.value.source)) for block in page.body]
    data.update(nested_form_data({"body": streamfield(body)}))
    return data


@pytest.fixture
def english_editors(team, content):
    first = team["editor"]
    content.page["en"].save_revision(user=first).publish()
    return first, make_user("editor-en-2", EDITORS)


def test_a_stale_page_edit_is_announced_and_both_versions_are_kept(
    english_editors, content, client
):
    first, second = english_editors
    page = content.page["en"]
    url = editor_url(page)
    client.force_login(first)
    opened = client.get(url)  # the first editor opens the page…
    stale_form = form_fields(opened, page)
    loaded = stale_form["loaded_revision_id"]
    ping = html(opened).select_one("form.w-editing-sessions")["data-w-swap-src-value"]

    client.force_login(second)  # …the second opens it too, and saves first
    newer = form_fields(client.get(url), page)
    newer["intro"] = "Who we are (second editor)."
    response = client.post(url, newer, follow=True)
    assert shown_messages(response) == ["Page 'About the project' has been updated."]
    newer_revision = page.revisions.order_by("-created_at", "-id").first()
    assert str(newer_revision.pk) != loaded

    # The first editor's page pings the server every few seconds: it is told that a newer
    # version exists, and the Save button then asks before overwriting it.
    client.force_login(first)
    answer = client.post(
        ping,
        {"revision_id": loaded, "revision_created_at": stale_form["loaded_revision_created_at"]},
    ).json()
    told = " ".join(answer["html"].split())  # (the dialog's texts are in <template>s)
    assert "editor-en-2 saved a new version" in told
    assert "Proceeding will overwrite the changes made by editor-en-2." in told

    # Autosave (a JSON request) refuses to overwrite the newer version.
    stale_form["intro"] = "Who we are (first editor)."
    response = client.post(url, stale_form, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["error_code"] == "invalid_revision"
    assert response.json()["error_message"] == "Saving will overwrite a newer version."
    assert page.revisions.order_by("-created_at", "-id").first() == newer_revision

    # "Continue" in that dialog sends the form: it becomes the latest revision, and the second
    # editor's version stays in the page's history, from where it can be compared or restored.
    response = client.post(url, stale_form, follow=True)
    assert shown_messages(response) == ["Page 'About the project' has been updated."]
    latest = page.revisions.order_by("-created_at", "-id").first()
    assert latest.user == first
    assert latest.as_object().intro == "Who we are (first editor)."
    newer_revision.refresh_from_db()
    assert newer_revision.as_object().intro == "Who we are (second editor)."
    lines = history_lines(client, reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert any("editor-en-2" in line for line in lines)
    restore = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, newer_revision.pk])
    assert "Who we are (second editor)." in client.get(restore).content.decode()


def test_the_file_name_is_shown_as_text(bg, content):
    name = "<img src=x onerror=alert(1)>.po"
    response, shown = upload(bg, content.page["bg"], b"not a po file", name=name)
    assert shown[0].startswith(f"“{name}” is not a PO file.")
    assert not html(response).select(".messages img")
