"""Page factories. Every page is created under ``parent`` in the parent's locale.

Resource factories take the taxonomy as plain arguments::

    GuidePageFactory(parent=index, skills=[skill], tags=["feedback"], audience=["mentor"],
                     partners=[partner], country="BG", sector="hospitality")

Pages are live and published (``first_published_at`` set) unless ``live=False`` is passed,
which makes a draft that was never published. The pages are built and saved by
``resources.factory``, as the demo loader, search_eval and the benchmark build theirs.
"""

from django.utils import timezone
from django.utils.text import slugify

import factory
import wagtail_factories

from case_studies.models import CaseStudyIndexPage, CaseStudyPage
from home.models import HomePage, StandardPage
from resources.factory import paragraph_blocks, resource, save_page
from resources.models import GoodPracticePage, GuidePage, ResourceIndexPage


def paragraphs(*texts):
    return paragraph_blocks(texts)


class PortalPageFactory(wagtail_factories.PageFactory):
    """A live, published page in its parent's language."""

    first_published_at = factory.LazyAttribute(lambda obj: timezone.now() if obj.live else None)
    last_published_at = factory.LazyAttribute(lambda obj: obj.first_published_at)
    live = True
    has_unpublished_changes = factory.LazyAttribute(lambda obj: not obj.live)

    class Meta:
        abstract = True

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        if parent is None:
            return super()._create_instance(model_class, parent, kwargs)
        kwargs.setdefault("locale", parent.locale)
        return save_page(parent, model_class(**kwargs))


class HomePageFactory(PortalPageFactory):
    title = "SoftComInVET knowledge portal"
    intro = "Soft skills for mentors of VET trainees."

    class Meta:
        model = HomePage


class StandardPageFactory(PortalPageFactory):
    title = factory.Sequence(lambda n: f"About the project {n}")
    intro = factory.LazyAttribute(lambda obj: f"Introduction to {obj.title}.")
    body = factory.LazyAttribute(lambda obj: paragraphs(f"Body of {obj.title}."))

    class Meta:
        model = StandardPage


class ResourceIndexPageFactory(PortalPageFactory):
    title = "Guides and good practices"
    slug = "resources"
    intro = "Practical guides and good practices for mentors."

    class Meta:
        model = ResourceIndexPage


class CaseStudyIndexPageFactory(PortalPageFactory):
    title = "Case studies"
    slug = "case-studies"
    intro = "Stories from placements."

    class Meta:
        model = CaseStudyIndexPage


class KnowledgePageFactory(PortalPageFactory):
    """Shared by guides, good practices and case studies: summary, body and the taxonomy."""

    summary = factory.LazyAttribute(lambda obj: f"Summary of {obj.title}.")
    body = factory.LazyAttribute(lambda obj: paragraphs(f"Body of {obj.title}."))
    country = ""
    sector = ""
    level = "introductory"

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return resource(kwargs.pop("parent"), model_class, **kwargs)


class GuidePageFactory(KnowledgePageFactory):
    title = factory.Sequence(lambda n: f"Guide to giving feedback {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))
    learning_objectives = "Give feedback weekly.\nCheck understanding."
    activities = factory.LazyAttribute(
        lambda obj: [
            (
                "activity",
                {
                    "title": f"Practice for {obj.title}",
                    "duration_minutes": 20,
                    "group_size": "Mentor and one trainee",
                    "materials": "A timer",
                    "steps": ["Listen for two minutes.", "Paraphrase what you heard."],
                },
            )
        ]
    )

    class Meta:
        model = GuidePage


class GoodPracticePageFactory(KnowledgePageFactory):
    title = factory.Sequence(lambda n: f"Buddy system for new trainees {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))
    context = factory.LazyAttribute(lambda obj: f"<p>Where {obj.title} started.</p>")
    how_to_apply = "<p>Pair every trainee with a colleague.</p>"

    class Meta:
        model = GoodPracticePage


class CaseStudyPageFactory(KnowledgePageFactory):
    title = factory.Sequence(lambda n: f"A trainee from abroad in a bakery {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))
    company_name = "Bakery Petrov"
    company_size = "small"
    challenge = factory.LazyAttribute(lambda obj: f"<p>The challenge in {obj.title}.</p>")
    outcome = "<p>The trainee finished the placement.</p>"

    class Meta:
        model = CaseStudyPage
