"""Admin: the soft-skill and partner snippets, grouped under one "Taxonomy" menu."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.models import PartnerOrganisation, SoftSkill


class SoftSkillViewSet(SnippetViewSet):
    model = SoftSkill
    icon = "pick"
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "description"]


class PartnerOrganisationViewSet(SnippetViewSet):
    model = PartnerOrganisation
    icon = "group"
    list_display = ["name", "country", "locale"]
    list_filter = ["locale", "country"]


class TaxonomyGroup(SnippetViewSetGroup):
    items = (SoftSkillViewSet, PartnerOrganisationViewSet)
    menu_icon = "tag"
    menu_label = _("Taxonomy")
    menu_name = "taxonomy"


register_snippet(TaxonomyGroup)
