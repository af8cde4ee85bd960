"""The mentor self-check (issue 13 item 1): the questionnaire in every language (reviewed
statements only, English stand-ins marked lang="en"), the shareable result ranking live public
resources by the soft skills the answers point to (guides first) with a "why" line and pack
buttons, anonymous answers kept only on opt-in, the editors' report, bad input as 4xx or
ignored, and a bounded number of queries."""

from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest

from selfcheck.models import SharedAnswers, Statement
from tests.factories import GuidePageFactory
from tests.helpers import MARKERS, html, queries_for, same_queries_message, text_of
from tests.selfcheck.pages import legends, titles, url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "bg", "el"])
def test_questionnaire_in_the_language(client, statements, language):
    response = client.get(url(language))
    assert response.status_code == 200
    page = html(response)
    assert page.html["lang"] == language
    form = page.select_one("form.selfcheck__form")
    assert form["method"] == "get"
    assert len(form.select("fieldset")) == 3
    for fieldset in form.select("fieldset"):
        radios = fieldset.select("input[type=radio]")
        assert [r["value"] for r in radios] == ["0", "1", "2"]
        for radio in radios:  # every radio labelled
            assert fieldset.select_one(f"label[for={radio['id']}]") is not None
    with translation.override(language):
        heading = translation.gettext("Mentor self-check")
        scale = [translation.gettext(w) for w in ("Not at all", "A little", "A lot")]
    assert text_of(page.h1) == heading
    assert [text_of(label) for label in form.select("fieldset")[0].select("label")] == scale
    found = legends(page)
    if language == "en":
        assert found[0] == ("My trainee barely speaks our language.", None)
    else:
        marker = MARKERS[language]
        assert found[0] == (f"{marker} My trainee barely speaks our language.", None)
        assert found[1] == (f"{marker} I find it hard to give critical feedback.", None)
    # Homesick has no reviewed translation anywhere: English, marked as such.
    expected_lang = None if language == "en" else "en"
    assert found[2] == ("My trainee seems homesick.", expected_lang)


def test_only_reviewed_statements(client, statements):
    """A draft English statement is not asked; a draft translation shows the English text."""
    Statement.objects.filter(pk=statements["critical"].pk).update(live=False)
    page = html(client.get(url("bg")))
    texts = [text for text, _lang in legends(page)]
    assert not any("critical feedback" in text for text in texts)
    assert ("My trainee seems homesick.", "en") in legends(page)


def test_ranking_guides_first(client, portal, statements, second_guide):
    response = client.get(url("en"), {"a1": "2", "a2": "2", "a3": "0"})
    assert response.status_code == 200
    page = html(response)
    # empathy 2×3 = 6, feedback 2×2 = 4: the guide on both 10, the empathy guide 6, the good
    # practice and the case study (feedback) 4 each: guides first, then the other kinds.
    assert titles(page) == [
        "Giving feedback to a trainee who barely speaks the language",
        "Listening to a trainee far from home",
        "A buddy for every trainee",
        "A Greek trainee in a Portuguese bakery",
    ]
    headings = [text_of(h) for h in page.select(".selfcheck__result h3")]
    assert headings == ["Guides", "Good practices", "Case studies"]
    # Only live public resources: no draft, no private ones.
    body = text_of(page)
    for hidden in (
        "Unfinished feedback guide",
        "Partners-only feedback guide",
        "Confidential case",
    ):
        assert hidden not in body
    # The answers are kept in the form, so the visitor can change them.
    assert page.select_one("input[type=radio][name=a1][value='2']").has_attr("checked")


def test_ranking_follows_the_answers(client, statements, second_guide):
    page = html(client.get(url("en"), {"a1": "1", "a2": "0"}))
    # empathy only: 3 for both guides, ordered by score then age (the older first).
    assert titles(page) == [
        "Giving feedback to a trainee who barely speaks the language",
        "Listening to a trainee far from home",
    ]
    page = html(client.get(url("en"), {"a1": "0", "a2": "0"}))
    assert titles(page) == []
    assert "point to no resource yet" in text_of(page.select_one(".selfcheck__result"))


def test_why_lines_and_pack(client, portal, statements):
    page = html(client.get(url("bg"), {"a1": "2", "a2": "1"}))
    items = page.select(".selfcheck__item")
    guide = portal.pages["guide"]["bg"]
    first = items[0]
    why = first.select_one(".selfcheck__why")
    quoted = [text_of(q) for q in why.select("q")]
    assert quoted == [
        "БГ My trainee barely speaks our language.",
        "БГ I find it hard to give critical feedback.",
    ]
    with translation.override("bg"):
        assert text_of(why).startswith(translation.gettext("Recommended because you said:"))
    skills = text_of(first.select_one(".selfcheck__skills"))
    assert "БГ Empathy" in skills and "БГ Giving feedback" in skills
    # The practice only shares the feedback skill: only that statement is its reason.
    practice_why = [text_of(q) for q in items[1].select(".selfcheck__why q")]
    assert practice_why == ["БГ I find it hard to give critical feedback."]
    form = first.select_one("form.selfcheck__pack")
    assert form["method"] == "post"
    assert form["action"] == "/bg/pack/"[:-1] + "/add/"
    assert form.select_one("input[name=page]")["value"] == str(guide.pk)
    # Adding to the pack from the result works (the pack's own view).
    response = client.post(form["action"], {"page": str(guide.pk)})
    assert response.status_code == 303
    assert "БГ" in text_of(html(client.get(response["Location"])).select_one(".pack__items"))
    pdf_link = page.select_one("a[type='application/pdf']")["href"]
    assert pdf_link.startswith("/bg/pack/pdf/?ids=") and str(guide.pk) in pdf_link


def test_nothing_stored_without_opt_in(client, statements):
    client.get(url("en"), {"a1": "2", "a2": "1"})
    response = client.post(url("en", "share"), {"a1": "2", "a2": "1"})
    assert response.status_code == 400
    assert SharedAnswers.objects.count() == 0


def test_opt_in_stores_one_anonymous_row_and_the_report_counts_it(admin_client, statements):
    anonymous = Client()
    result = html(anonymous.get(url("el"), {"a1": "2", "a2": "1"}))
    form = result.select_one("form.selfcheck__share")
    data = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
    assert {k: v for k, v in data.items() if k != "csrfmiddlewaretoken"} == {"a1": "2", "a2": "1"}
    data["consent"] = "1"
    response = anonymous.post(form["action"], data)
    assert response.status_code == 303
    assert "shared=1" in response["Location"]
    row = SharedAnswers.objects.get()
    assert (row.language, row.answers) == ("el", {"1": 2, "2": 1})
    assert {f.name for f in SharedAnswers._meta.fields} == {"id", "language", "answers", "date"}
    assert "sessionid" not in anonymous.cookies
    thanks = html(anonymous.get(response["Location"]))
    assert thanks.select_one(".notice[role=status]") is not None
    assert thanks.select_one("form.selfcheck__share") is None
    SharedAnswers.objects.create(language="el", answers={"1": 2})
    SharedAnswers.objects.create(language="bg", answers={"1": 0, "2": 2})
    report = html(admin_client.get(reverse("selfcheck_report")))
    rows = {
        text_of(tr.th): [text_of(td) for td in tr.select("td")]
        for tr in report.select("table tbody tr")
    }
    # Columns: en, bg, el, it, pt, es × (not at all, a little, a lot).
    first = rows["My trainee barely speaks our language."]
    assert first[:9] == ["0", "0", "0", "1", "0", "0", "0", "0", "2"]
    second = rows["I find it hard to give critical feedback."]
    assert second[3:9] == ["0", "0", "1", "0", "1", "0"]
    totals = [text_of(td) for td in report.select("table tfoot td")]
    assert totals[:3] == ["0", "1", "2"]


def test_report_is_for_editors(client, statements):
    response = client.get(reverse("selfcheck_report"))
    assert response.status_code == 302  # to the sign-in page


@pytest.mark.parametrize(
    "query",
    [
        {"a1": "9"},
        {"a1": "-1"},
        {"a1": "２"},
        {"a999": "2"},
        {"a01x": "2"},
        {"b1": "2"},
        {"a1": ["2", "x"]},
    ],
)
def test_bad_answers_are_ignored(client, statements, query):
    response = client.get(url("en"), query)
    assert response.status_code == 200
    page = html(response)
    assert page.select_one(".selfcheck__result") is None or titles(page) == []


def test_huge_or_malformed_requests_get_a_4xx(client, statements):
    assert client.get(url("en") + "?a1=" + "2" * 5000).status_code == 400
    many = "&".join(f"x{i}=1" for i in range(1200))
    assert client.get(url("en") + "?" + many[:900]).status_code == 200
    assert client.post(url("en", "share"), {f"x{i}": "1" for i in range(1200)}).status_code == 400
    assert client.post(url("en", "share"), {"a1": "7", "consent": "1"}).status_code == 400
    assert client.get(url("en", "share")).status_code == 405
    assert client.post(url("en"), {"a1": "2"}).status_code == 405
    assert SharedAnswers.objects.count() == 0


def test_bounded_queries(client, portal, statements):
    answers = {"a1": "2", "a2": "2", "a3": "1"}
    few, _response = queries_for(client, url("bg"), answers)
    assert len(few) <= 12, few
    for n in range(4):
        GuidePageFactory(
            parent=portal.pages["resource_index"]["en"],
            title=f"More about empathy {n}",
            skills=[portal.skills["empathy"]["en"]],
        )
    many, _response = queries_for(client, url("en"), answers)
    few_en, _response = queries_for(client, url("en"), {"a1": "2"})
    assert len(many) <= 12, many
    assert len(many) == len(few_en), same_queries_message(few_en, many)
