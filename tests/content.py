"""A small portal in every language, built the way editors build it.

English pages and snippets are created first, then each is translated with wagtail-localize.
Besides the published content there are pages that must never be shown to the public:
a draft, a password-protected page and a page below a login-protected section.
"""

from dataclasses import dataclass, field

from wagtail.models import PageViewRestriction

from home.setup import ensure_site
from tests.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    GoodPracticePageFactory,
    GuidePageFactory,
    PartnerOrganisationFactory,
    ResourceIndexPageFactory,
    SoftSkillFactory,
    StandardPageFactory,
)
from tests.helpers import translate, without_search_indexing

PAGE_KINDS = (
    "home",
    "standard",
    "resource_index",
    "guide",
    "good_practice",
    "case_study_index",
    "case_study",
)


@dataclass
class Portal:
    pages: dict = field(default_factory=dict)  # kind -> {language: page}
    skills: dict = field(default_factory=dict)  # slug -> {language: skill}
    partner: dict = field(default_factory=dict)  # language -> partner
    hidden: dict = field(default_factory=dict)  # why hidden -> {language: page}
    tag_slug: str = "feedback"
    skill_slug: str = "giving-feedback"

    @property
    def homes(self):
        return self.pages["home"]

    def all_public_pages(self):
        return [page for versions in self.pages.values() for page in versions.values()]

    def all_hidden_pages(self):
        return [page for versions in self.hidden.values() for page in versions.values()]


def restrict(page, restriction_type=PageViewRestriction.PASSWORD):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, password="secret-password"
    )


def build_portal(search_index=False):
    """The portal in every language. Indexing (search, references) is slow: done on request."""
    if search_index:
        return _build_portal()
    with without_search_indexing():
        return _build_portal()


def _build_portal():
    portal = Portal()
    home = ensure_site()
    feedback = SoftSkillFactory(name="Giving feedback", slug="giving-feedback")
    empathy = SoftSkillFactory(name="Empathy", slug="empathy")
    partner = PartnerOrganisationFactory(name="Vocational Training Centre Plovdiv", country="BG")

    about = StandardPageFactory(
        parent=home, title="About the project", slug="about", show_in_menus=True
    )
    resources = ResourceIndexPageFactory(parent=home, show_in_menus=True)
    cases = CaseStudyIndexPageFactory(parent=home, show_in_menus=True)
    guide = GuidePageFactory(
        parent=resources,
        title="Giving feedback to a trainee who barely speaks the language",
        skills=[feedback, empathy],
        partners=[partner],
        tags=["feedback", "first week"],
        audience=["mentor", "manager"],
        country="BG",
        sector="hospitality",
    )
    practice = GoodPracticePageFactory(
        parent=resources,
        title="A buddy for every trainee",
        skills=[feedback],
        partners=[partner],
        tags=["feedback"],
        audience=["manager"],
        country="IT",
        sector="manufacturing",
    )
    case = CaseStudyPageFactory(
        parent=cases,
        title="A Greek trainee in a Portuguese bakery",
        skills=[feedback],
        tags=["feedback"],
        audience=["mentor"],
        country="PT",
        sector="retail",
    )
    draft = GuidePageFactory(
        parent=resources,
        title="Unfinished feedback guide",
        skills=[feedback],
        tags=["feedback"],
        live=False,
    )
    private = GuidePageFactory(
        parent=resources,
        title="Partners-only feedback guide",
        skills=[feedback],
        tags=["feedback"],
    )
    restrict(private)
    members = StandardPageFactory(parent=home, title="Members area", slug="members")
    restrict(members, PageViewRestriction.LOGIN)
    members_child = StandardPageFactory(parent=members, title="Meeting minutes", slug="minutes")
    private_case = CaseStudyPageFactory(
        parent=cases, title="Confidential case", skills=[feedback], tags=["feedback"]
    )
    restrict(private_case)

    for slug, skill in (("giving-feedback", feedback), ("empathy", empathy)):
        portal.skills[slug] = translate(skill)
    portal.partner = translate(partner)
    for kind, page in zip(
        PAGE_KINDS, (home, about, resources, guide, practice, cases, case), strict=True
    ):
        portal.pages[kind] = translate(page)
    for reason, page in (
        ("draft", draft),
        ("password", private),
        ("login_section", members),
        ("below_login_section", members_child),
        ("password_case", private_case),
    ):
        portal.hidden[reason] = translate(page)
    return portal
