"""The resource model: ``KnowledgePage`` (the shared base of guides, good practices and case
studies) with its inline links and the translatable snippets it links to, and the resource pages.
"""

from .knowledge import (
    KnowledgePage,
    KnowledgePageAudience,
    KnowledgePagePartner,
    KnowledgePageSkill,
    KnowledgePageTag,
)
from .pages import GoodPracticePage, GuidePage, ResourceIndexPage
from .snippets import PartnerOrganisation, ReviewedSnippet, SoftSkill
from .tags import TagLabel

__all__ = [
    "GoodPracticePage",
    "GuidePage",
    "KnowledgePage",
    "KnowledgePageAudience",
    "KnowledgePagePartner",
    "KnowledgePageSkill",
    "KnowledgePageTag",
    "PartnerOrganisation",
    "ResourceIndexPage",
    "ReviewedSnippet",
    "SoftSkill",
    "TagLabel",
]
