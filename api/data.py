"""What the API and the exports publish: live, public, reviewed content of one language.

A resource is listed in a language when it is a live page of that language (a translation is
live only once its reviewer published it), not an alias (an untranslated page's stand-in) and
not in or below a view-restricted section (``core.pages.public``, Wagtail's rule, with the
restrictions read once). Snippets (soft skills, partners) are listed when their row is live
and not a stand-in: a translator's unreviewed edits stay in draft revisions, never in the row.

Each item is built from one batch of queries, whatever the number of items: the pages with
their locale, their skills, partners, tags and audience prefetched, and the translations of
the whole batch in one more query (``resource_items``).
"""

from django.conf import settings
from django.db.models import Prefetch, Q

from wagtail.models import Page

from core.pages import public
from core.routes import home_route_url
from opendata.models import project_metadata
from resources.licences import licence_label, licence_url
from resources.models import KnowledgePage, PartnerOrganisation, SoftSkill
from resources.models.knowledge import (
    KnowledgePagePartner,
    KnowledgePageSkill,
    KnowledgePageTag,
)


def public_resources():
    """Every live, public, non-alias resource page (all languages)."""
    return public(KnowledgePage.objects.live().filter(alias_of__isnull=True))


def with_details(pages):
    """``pages`` with everything an item shows fetched in a bounded number of queries."""
    return pages.select_related("locale", "content_type").prefetch_related(
        Prefetch(
            "skill_links",
            queryset=KnowledgePageSkill.objects.filter(skill__live=True).select_related("skill"),
        ),
        Prefetch(
            "partner_links",
            queryset=KnowledgePagePartner.objects.filter(partner__live=True).select_related(
                "partner"
            ),
        ),
        Prefetch("tagged_items", queryset=KnowledgePageTag.objects.select_related("tag")),
        "audiences",
    )


def public_snippets(model):
    """The live rows of a reviewed snippet model (all languages), without the stand-ins of new
    translations waiting for review (live with the English text, never published:
    ``translations/drafts.py``), as aliases stand in for untranslated pages."""
    stand_in = Q(live_revision__isnull=True, has_unpublished_changes=True) & ~Q(
        locale__language_code=settings.LANGUAGE_CODE
    )
    return model.objects.filter(live=True).exclude(stand_in)


def licence_of(page, default):
    """The licence ``page`` is published under: its own, else the project's ``default``."""
    code = page.licence or default
    return {"code": str(code), "name": licence_label(code), "url": licence_url(code)}


def page_translations(pages):
    """translation_key → the live, public, non-alias versions of ``pages`` in every language
    (one query)."""
    keys = {page.translation_key for page in pages}
    found = {}
    if not keys:
        return found
    rows = (
        public(Page.objects.live().filter(translation_key__in=keys, alias_of__isnull=True))
        .select_related("locale")
        .only("id", "url_path", "path", "depth", "translation_key", "locale")
        .order_by("locale__language_code")
    )
    for row in rows:
        found.setdefault(row.translation_key, []).append(row)
    return found


def snippet_translations(model, items):
    """translation_key → the live versions of snippet ``items`` in every language (one query)."""
    keys = {item.translation_key for item in items}
    found = {}
    if keys:
        rows = public_snippets(model).filter(translation_key__in=keys).select_related("locale")
        for row in rows.order_by("locale__language_code"):
            found.setdefault(row.translation_key, []).append(row)
    return found


def resource_items(pages, request):
    """The API's representation of each of ``pages`` (read with ``with_details``)."""
    translations = page_translations(pages)
    default = project_metadata().licence
    return [
        resource_item(page, translations.get(page.translation_key, []), default, request)
        for page in pages
    ]


def resource_item(page, translations, default_licence, request):
    return {
        "id": page.pk,
        "type": page.content_type.model_class().kind,
        "locale": page.locale.language_code,
        "title": page.title,
        "url": absolute(page.get_url(request), request),
        "summary": page.summary,
        "skills": [
            {"id": link.skill.pk, "slug": link.skill.slug, "name": link.skill.name}
            for link in page.skill_links.all()
        ],
        "tags": [{"slug": item.tag.slug, "name": item.tag.name} for item in _tags(page)],
        "audience": [audience.audience for audience in page.audiences.all()],
        "level": page.level,
        "sector": page.sector,
        "country": str(page.country.code or ""),
        "partners": [
            {
                "id": link.partner.pk,
                "name": link.partner.name,
                "country": str(link.partner.country.code or ""),
            }
            for link in page.partner_links.all()
        ],
        "first_published_at": _iso(page.first_published_at),
        "last_published_at": _iso(page.last_published_at),
        "last_reviewed": _iso(page.last_reviewed),
        "licence": licence_of(page, default_licence),
        "translations": [
            {
                "id": other.pk,
                "locale": other.locale.language_code,
                "url": absolute(other.get_url(request), request),
            }
            for other in translations
            if other.pk != page.pk
        ],
    }


def absolute(url, request):
    """``url`` (a path, or a full URL when the portal serves several sites) on the requested
    host, as the pages' canonical links are."""
    return request.build_absolute_uri(url) if request is not None and url else url


def _tags(page):
    return sorted(page.tagged_items.all(), key=lambda item: item.tag.name.lower())


def _iso(value):
    return value.isoformat() if value else None


def skill_items(skills, request):
    translations = snippet_translations(SoftSkill, skills)

    def url(skill):
        path = home_route_url(
            "skill", skill.slug, request=request, language=skill.locale.language_code
        )
        return request.build_absolute_uri(path) if request is not None else path

    return [
        {
            "id": skill.pk,
            "locale": skill.locale.language_code,
            "slug": skill.slug,
            "name": skill.name,
            "description": skill.description,
            "url": url(skill),
            "translations": [
                {"id": other.pk, "locale": other.locale.language_code, "url": url(other)}
                for other in translations.get(skill.translation_key, [])
                if other.pk != skill.pk
            ],
        }
        for skill in skills
    ]


def partner_items(partners, request):
    translations = snippet_translations(PartnerOrganisation, partners)
    return [
        {
            "id": partner.pk,
            "locale": partner.locale.language_code,
            "slug": partner.slug,
            "name": partner.name,
            "country": str(partner.country.code or ""),
            "website": partner.website,
            "description": partner.description,
            "translations": [
                {"id": other.pk, "locale": other.locale.language_code}
                for other in translations.get(partner.translation_key, [])
                if other.pk != partner.pk
            ],
        }
        for partner in partners
    ]


def languages():
    return list(settings.PORTAL_LANGUAGES)
