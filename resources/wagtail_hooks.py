"""Admin: the soft-skill, partner and tag-label snippets, grouped under one "Taxonomy" menu."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from resources.snippet_views import (
    PartnerOrganisationViewSet,
    SoftSkillViewSet,
    TagLabelViewSet,
)


class TaxonomyGroup(SnippetViewSetGroup):
    items = (SoftSkillViewSet, PartnerOrganisationViewSet, TagLabelViewSet)
    menu_icon = "tag"
    menu_label = _("Taxonomy")
    menu_name = "taxonomy"


register_snippet(TaxonomyGroup)
