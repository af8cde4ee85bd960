"""Pages that must never reach the open-data outputs, beside the ``portal``'s published ones:
a guide whose Bulgarian translation awaits review (a draft), whose Greek translation is private,
and whose Italian version is only an alias of the English page."""

from dataclasses import dataclass

from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

import pytest

from opendata.models import ActionType, Programme, ProjectSettings
from resources.models import KnowledgePageSkill
from tests.content import restrict
from tests.factories import GuidePageFactory
from tests.helpers import translate, without_search_indexing


@dataclass
class Outsiders:
    guide: object  # English, live, public
    published: dict  # language -> its live public translation (pt, es)
    unreviewed: object  # the Bulgarian translation, a draft awaiting review
    private: object  # the Greek translation, live but password-protected
    alias: object  # the Italian alias of the English page


@pytest.fixture
def outsiders(portal):
    resources = portal.pages["resource_index"]
    feedback = portal.skills["giving-feedback"]
    with without_search_indexing():
        guide = GuidePageFactory(
            parent=resources["en"],
            title="Outsider guide on listening",
            skills=[feedback["en"]],
            partners=[portal.partner["en"]],
            tags=["feedback"],
            audience=["mentor"],
        )
        published = translate(guide, languages=["pt", "es", "el"])
        restrict(published["el"])
        source, _created = TranslationSource.get_or_create_from_instance(guide)
        bulgarian = Translation.objects.create(
            source=source, target_locale=Locale.objects.get(language_code="bg")
        )
        bulgarian.save_target(publish=False)
        unreviewed = Page.objects.get(
            translation_key=guide.translation_key, locale__language_code="bg"
        )
        alias = guide.copy_for_translation(Locale.objects.get(language_code="it"), alias=True)
    # The translations point at the skill in their own language, as the translation editor does.
    for code in ("pt", "es", "el", "bg"):
        KnowledgePageSkill.objects.filter(
            page__locale__language_code=code, page__translation_key=guide.translation_key
        ).update(skill=feedback[code])
    return Outsiders(
        guide=guide,
        published={code: published[code] for code in ("pt", "es")},
        unreviewed=unreviewed.specific,
        private=published["el"],
        alias=alias.specific,
    )


# An editor's record of the project (the defaults leave the number empty: nobody checked one).
PROJECT_NUMBER = "2021-1-BG01-KA220-VET-000031234"
RESULTS_RECORD = "https://erasmus-plus.ec.europa.eu/projects/search/details/" + PROJECT_NUMBER


@pytest.fixture
def project_record(portal):
    """The project metadata as an editor saved it (a save bumps the content version)."""
    return ProjectSettings.objects.create(
        project_number=PROJECT_NUMBER,
        results_platform_url=RESULTS_RECORD,
        programme=Programme.ERASMUS_2021_2027,
        action_type=ActionType.KA220_VET,
    )
