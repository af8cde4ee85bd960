from .knowledge import (
    KIND_SLUGS,
    KnowledgePage,
    KnowledgePageAudience,
    KnowledgePagePartner,
    KnowledgePageSkill,
    KnowledgePageTag,
)
from .pages import HomePage, StandardPage
from .snippets import PartnerOrganisation, SoftSkill

__all__ = [
    "KIND_SLUGS",
    "HomePage",
    "KnowledgePage",
    "KnowledgePageAudience",
    "KnowledgePagePartner",
    "KnowledgePageSkill",
    "KnowledgePageTag",
    "PartnerOrganisation",
    "SoftSkill",
    "StandardPage",
]
