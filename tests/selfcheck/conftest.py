"""The self-check's test content: three statements (two translated and reviewed everywhere, one
waiting for its Bulgarian review), a second guide, and the answer scale as an editor makes it
(three options, translated and reviewed in Bulgarian and Greek)."""

import pytest

from selfcheck.models import AnswerOption, Statement
from tests.factories import GuidePageFactory
from tests.helpers import translate


def statement(number, text, weights):
    """An English statement, published, linked to (skill, weight)."""
    obj = Statement(
        locale_id=weights[0][0].locale_id,
        number=number,
        text=text,
        skills=[
            {"type": "skill", "value": {"skill": skill.pk, "weight": weight}}
            for skill, weight in weights
        ],
    )
    obj.save()
    obj.save_revision().publish()
    return obj


@pytest.fixture
def statements(portal):
    empathy = portal.skills["empathy"]["en"]
    feedback = portal.skills["giving-feedback"]["en"]
    language = statement(1, "My trainee barely speaks our language.", [(empathy, 3)])
    critical = statement(2, "I find it hard to give critical feedback.", [(feedback, 2)])
    homesick = statement(3, "My trainee seems homesick.", [(empathy, 1)])
    translate(language)
    translate(critical)
    # Homesick: translated into Bulgarian but still waiting for its review (a draft).
    translate(homesick, ["bg"])
    Statement.objects.filter(
        translation_key=homesick.translation_key, locale__language_code="bg"
    ).update(live=False)
    return {"language": language, "critical": critical, "homesick": homesick}


@pytest.fixture
def second_guide(portal):
    """A guide on empathy only: it ranks below the guide on feedback and empathy."""
    guide = GuidePageFactory(
        parent=portal.pages["resource_index"]["en"],
        title="Listening to a trainee far from home",
        skills=[portal.skills["empathy"]["en"]],
    )
    return guide


def answer_option(locale_id, value, label):
    """An English answer option, published."""
    obj = AnswerOption(locale_id=locale_id, value=value, label=label)
    obj.save()
    obj.save_revision().publish()
    return obj


@pytest.fixture
def answer_options(portal):
    """The editors' scale: 0 "Never", 1 "Sometimes", 2 "Often", translated and reviewed in
    Bulgarian and Greek (the test translations: "БГ Never"…)."""
    locale_id = portal.skills["empathy"]["en"].locale_id
    options = {
        label: answer_option(locale_id, value, label)
        for value, label in ((0, "Never"), (1, "Sometimes"), (2, "Often"))
    }
    for option in options.values():
        translate(option, ["bg", "el"])
    return options
