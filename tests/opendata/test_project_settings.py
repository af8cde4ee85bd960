"""The project's Erasmus+ metadata: edited in the admin, shown in the footer of every page and
on the About page in the visitor's language, used by the JSON-LD and the feeds."""

import datetime
import json

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

import pytest

from opendata.models import ActionType, Programme, ProjectSettings
from tests.helpers import LANGUAGE_CODES, html, text_of
from tests.opendata.conftest import PROJECT_NUMBER as NUMBER
from tests.opendata.conftest import RESULTS_RECORD

pytestmark = pytest.mark.django_db


def settings_form(client):
    """The address of the admin's project metadata form (Wagtail adds the setting's id)."""
    response = client.get(reverse("wagtailsettings:edit", args=["opendata", "projectsettings"]))
    if response.status_code == 302:
        response = client.get(response.url)
    assert response.status_code == 200
    assert html(response).find("input", attrs={"name": "project_number"}) is not None
    return response.request["PATH_INFO"]


def footer_line(doc):
    return doc.select_one("footer .project-number")


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_the_footer_shows_the_project_number_in_every_language(
    client, portal, project_record, code
):
    doc = html(client.get(portal.homes[code].url))
    line = footer_line(doc)
    assert line is not None
    link = line.find("a")
    assert link.string == NUMBER
    assert link["href"] == RESULTS_RECORD
    with translation.override(code):
        assert str(Programme.ERASMUS_2021_2027.label) in text_of(line)
        assert gettext("Project number") in text_of(line)


@pytest.mark.parametrize("code", ["en", "bg", "el"])
def test_the_about_page_shows_the_project_facts(client, portal, project_record, code):
    doc = html(client.get(portal.pages["standard"][code].url))  # the "about" page
    facts = doc.select_one("main .project-facts")
    assert facts is not None
    terms = [text_of(dt) for dt in facts.find_all("dt")]
    values = [text_of(dd) for dd in facts.find_all("dd")]
    with translation.override(code):
        shown = dict(zip(terms, values, strict=True))
        assert shown[gettext("Project number")] == NUMBER
        assert shown[gettext("Action type")] == str(ActionType.KA220_VET.label)
        assert shown[gettext("Licence of the resources")] == "CC BY-SA 4.0"
    # Other pages do not repeat them.
    resources = html(client.get(portal.pages["resource_index"][code].url))
    assert resources.select_one(".project-facts") is None


def test_an_edit_in_the_admin_reaches_the_footer_json_ld_and_feeds(client, portal):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(admin)
    url = settings_form(client)
    form = {
        "project_number": "2021-1-IT01-KA220-VET-000012345",
        "results_platform_url": "https://erasmus-plus.ec.europa.eu/projects/search/details/x",
        "programme": Programme.ERASMUS_2021_2027,
        "action_type": ActionType.KA220_VET,
        "start_date": "2021-11-01",
        "end_date": "2023-10-31",
        "licence": "cc-by-4.0",
        "about_page": "",
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = ProjectSettings.objects.get()
    assert saved.start_date == datetime.date(2021, 11, 1)
    client.logout()

    home = html(client.get(portal.homes["it"].url))
    assert footer_line(home).find("a").string == "2021-1-IT01-KA220-VET-000012345"
    guide = html(client.get(portal.pages["guide"]["it"].url))
    assert (
        "https://creativecommons.org/licenses/by/4.0/"
        in guide.find("script", type="application/ld+json").string
    )
    about = html(client.get(portal.pages["standard"]["it"].url))
    assert "2021" in text_of(about.select_one(".project-facts"))


def test_the_end_date_cannot_come_before_the_start(client, portal):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(admin)
    url = settings_form(client)
    form = {
        "project_number": NUMBER,
        "results_platform_url": "",
        "programme": Programme.ERASMUS_2021_2027,
        "action_type": ActionType.KA220_VET,
        "start_date": "2022-01-01",
        "end_date": "2021-01-01",
        "licence": "cc-by-sa-4.0",
        "about_page": "",
    }
    response = client.post(url, form)
    assert response.status_code == 200
    assert not ProjectSettings.objects.filter(start_date="2022-01-01").exists()


def test_without_a_record_no_project_number_is_shown(client, portal):
    """Nobody entered the number yet: the footer states the programme's disclaimer and no
    made-up number, and the JSON-LD has no identifier."""
    assert not ProjectSettings().project_number
    doc = html(client.get(portal.homes["bg"].url))
    assert footer_line(doc) is None
    guide = html(client.get(portal.pages["guide"]["bg"].url))
    data = json.loads(guide.find("script", type="application/ld+json").string)
    assert "identifier" not in data["isPartOf"]
