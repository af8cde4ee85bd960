"""What a resource page (guide, good practice, case study) shows after its own content: the
related resources (those sharing the most soft skills), in one query kept until the content
changes (``core.fragments``). The breadcrumbs come from the kept navigation
(home/templatetags/page_tags.py)."""

from django.apps import apps
from django.db.models import Count, F
from django.utils import translation

from core.fragments import remembered
from core.pages import live_translations, public

from .knowledge import KnowledgePage

RELATED_COUNT = 4


class ResourcePageMixin:
    """For the resource page models: ``related`` in the context."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A stand-in (an alias, or the English page at a draft translation's address) shows
        # another language's page: its related resources would be in that language too.
        stands_in = self.alias_of_id is not None or (
            self.pk is not None and self.language_code() != translation.get_language()
        )
        skills = [] if stands_in else context["details"].skills
        context["related"] = self.related_resources(skills)
        return context

    def language_code(self):
        """The page's language, read from its live translations (which the page's template
        reads anyway: no query of its own)."""
        live_translations(self)
        return self.locale.language_code

    def related_resources(self, skills):
        """Up to ``RELATED_COUNT`` other live, public resources in the page's own language (not
        aliases of another language's page) sharing the most of ``skills``, newest first among
        equals: one query."""
        skill_ids = sorted(skill.pk for skill in skills)
        if self.pk is None or not skill_ids:
            return []
        return remembered(
            "related", self.pk, skill_ids, compute=lambda: self.read_related(skill_ids)
        )

    def read_related(self, skill_ids):
        pages = (
            public(KnowledgePage.objects.live())
            .filter(
                locale_id=self.locale_id,
                alias_of__isnull=True,
                skill_links__skill_id__in=skill_ids,
            )
            .exclude(translation_key=self.translation_key)
            .annotate(
                shared=Count("skill_links", distinct=True),
                kind_app=F("content_type__app_label"),
                kind_model=F("content_type__model"),
            )
            .only("id", "title", "summary", "url_path", "path", "depth", "locale_id")
            .order_by("-shared", F("first_published_at").desc(nulls_last=True), "pk")
        )
        related = list(pages[:RELATED_COUNT])
        for page in related:
            # The card's kind without a content-type query (see ``KnowledgePage.kind_class``).
            page.kind_label = apps.get_model(page.kind_app, page.kind_model)._meta.verbose_name
        return related
