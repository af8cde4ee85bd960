from .pages import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    GoodPracticePageFactory,
    GuidePageFactory,
    HomePageFactory,
    ResourceIndexPageFactory,
    StandardPageFactory,
)
from .snippets import PartnerOrganisationFactory, SoftSkillFactory

__all__ = [
    "CaseStudyIndexPageFactory",
    "CaseStudyPageFactory",
    "GoodPracticePageFactory",
    "GuidePageFactory",
    "HomePageFactory",
    "PartnerOrganisationFactory",
    "ResourceIndexPageFactory",
    "SoftSkillFactory",
    "StandardPageFactory",
]
