"""Atom feeds of the resources, per language: all of them, and those about one soft skill.

Only what a language's public site shows as its own: live pages of that language, not aliases
(an alias is the English page standing in), not in or below a private section
(``core.pages.public``). A translation is live only once its reviewer published it, so nothing
unreviewed is listed; a draft translation's English stand-in is left out, as the feed is in one
language. Each entry carries its language, dates, authoring partners, summary, soft skills and
licence. The newest ``FEED_SIZE`` resources, in three queries whatever their number.
"""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.pages import public
from resources.models import KnowledgePage, KnowledgePagePartner, KnowledgePageSkill, SoftSkill

from .models import project_metadata

FEED_SIZE = 50
PROJECT_NAME = "SoftComInVET"


class LanguageAtomFeed(Atom1Feed):
    """Atom with each entry's language (``xml:lang``) and every authoring partner."""

    def item_attributes(self, item):
        return {"xml:lang": item["language"]}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.endElement("author")


@dataclass
class FeedSource:
    """What one request's feed is about: its language, and the soft skill (or None)."""

    request: object
    language: str
    skill: SoftSkill | None = None


def feed_resources(language, skill=None):
    """The live public resources of ``language`` (of ``skill`` if given), newest first."""
    pages = KnowledgePage.objects.live().filter(
        locale__language_code=language, alias_of__isnull=True
    )
    if skill is not None:
        pages = pages.filter(skill_links__skill=skill)
    return (
        public(pages)
        .select_related("locale")
        .prefetch_related(
            Prefetch(
                "skill_links",
                KnowledgePageSkill.objects.filter(skill__live=True).select_related("skill"),
            ),
            Prefetch(
                "partner_links",
                KnowledgePagePartner.objects.filter(partner__live=True).select_related("partner"),
            ),
        )
        .order_by("-first_published_at", "-pk")[:FEED_SIZE]
    )


class ResourceFeed(Feed):
    """All the resources of the active language."""

    feed_type = LanguageAtomFeed

    def get_object(self, request, *args, **kwargs):
        return FeedSource(request=request, language=get_language())

    def title(self, obj):
        return _("%(project)s: new resources") % {"project": PROJECT_NAME}

    def subtitle(self, obj):
        return _("Soft-skills guides, good practices and case studies for mentors of VET trainees.")

    def link(self, obj):
        return reverse("wagtail_serve", args=[""])

    def feed_url(self, obj):
        return obj.request.path

    def author_name(self, obj):
        return PROJECT_NAME

    def feed_copyright(self, obj):
        return project_metadata().licence_label

    def items(self, obj):
        metadata = project_metadata()
        items = list(feed_resources(obj.language, obj.skill))
        for item in items:
            item.feed_link = item.get_full_url(obj.request)
            item.feed_licence = metadata.licence_of(item)[0]
        return items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.feed_link

    def item_guid(self, item):
        return item.feed_link

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [link.skill.name for link in item.skill_links.all()]

    def item_copyright(self, item):
        return item.feed_licence

    def item_extra_kwargs(self, item):
        return {
            "language": item.locale.language_code,
            "authors": [link.partner.name for link in item.partner_links.all()],
        }


class SkillFeed(ResourceFeed):
    """The resources about one soft skill, in the active language; 404 for an unknown skill or
    one not live in that language."""

    def get_object(self, request, slug):
        language = get_language()
        skill = None
        if len(slug) <= 100 and "\x00" not in slug:  # PostgreSQL rejects NUL bytes
            skill = SoftSkill.objects.filter(
                locale__language_code=language, live=True, slug=slug
            ).first()
        if skill is None:
            raise Http404(_("There is no such soft skill."))
        return FeedSource(request=request, language=language, skill=skill)

    def title(self, obj):
        return _("%(project)s: resources about %(skill)s") % {
            "project": PROJECT_NAME,
            "skill": obj.skill.name,
        }

    def subtitle(self, obj):
        return obj.skill.description or super().subtitle(obj)
