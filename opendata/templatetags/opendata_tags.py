"""What a public page's ``<head>`` tells machines (Open Graph, schema.org JSON-LD, feed links),
and the project's Erasmus+ facts for the footer and the About page.

Everything here comes from values already kept per content version (the page's details and
live translations, the project metadata): no query of its own on a warm cache, and one (the
project metadata) on a cold one.
"""

import json

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.pages import live_translations, served_page
from core.paths import local_path
from core.routes import home_route_url
from resources.models import KnowledgePage
from resources.taxonomy import Level

from ..feeds import PROJECT_NAME
from ..models import project_metadata

register = template.Library()

SCHEMA_CONTEXT = "https://schema.org"
EUROPEAN_UNION = {
    "@type": "GovernmentOrganization",
    "name": "European Union",
    "url": "https://european-union.europa.eu/",
}
ERASMUS_PLUS = {
    "@type": "Organization",
    "name": "Erasmus+",
    "url": "https://erasmus-plus.ec.europa.eu/",
    "parentOrganization": EUROPEAN_UNION,
}
# Open Graph names a locale by language and territory.
OG_LOCALES = {
    "en": "en_GB",
    "bg": "bg_BG",
    "el": "el_GR",
    "it": "it_IT",
    "pt": "pt_PT",
    "es": "es_ES",
    "de": "de_DE",
    "fr": "fr_FR",
}
# JSON inside <script>: nothing in it may close the element or open a comment.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def og_locale(code):
    return OG_LOCALES.get(code, code)


@register.inclusion_tag("opendata/head_tags.html", takes_context=True)
def open_data_head(context):
    """Open Graph tags, the page's meta description (the only one), the Atom feed links,
    and on a resource page its JSON-LD."""
    request = context.get("request")
    if request is None:
        return {}
    page = served_page(context)
    language = get_language()
    translations = []
    if page is not None:
        translations = [t for t in live_translations(page) if t.alias_of_id is None]
        url = page.get_full_url(request)
    else:
        url = request.build_absolute_uri(local_path(request.path))
    description = page_description(context)
    resource = page if isinstance(page, KnowledgePage) else None
    return {
        "og": {
            "title": page_title(context),
            "description": description,
            "url": url,
            "type": "article" if resource is not None else "website",
            "locale": og_locale(language),
            "alternates": sorted(
                og_locale(t.locale.language_code)
                for t in translations
                if t.locale.language_code != language
            ),
            "site_name": PROJECT_NAME,
        },
        # the page's one meta description (base.html writes none)
        "description": description,
        "feeds": feed_links(context),
        "json_ld": json_script(resource_json_ld(context, resource, translations))
        if resource is not None
        else None,
    }


def page_title(context):
    for name in ("skill", "tag"):
        if context.get(name) is not None and served_page(context) is None:
            return context[name].name
    page = context.get("page")
    if page is not None and getattr(page, "title", None):
        return page.seo_title or page.title
    return PROJECT_NAME


def page_description(context):
    """The page's own description (search description, summary, introduction), a soft skill's
    on its page, else the portal's, in the active language."""
    page = context.get("page")
    skill = context.get("skill")
    if skill is not None and served_page(context) is None and skill.description:
        return _clip(skill.description)
    for field in ("search_description", "summary", "intro"):
        text = getattr(page, field, "") if page is not None else ""
        if text:
            return _clip(text)
    return _("Soft-skills guides, good practices and case studies for mentors of VET trainees.")


def _clip(text, length=160):
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def feed_links(context):
    """The Atom feeds a page links to: on a soft skill's page that skill's, then (every page)
    all resources of the language."""
    links = []
    skill = context.get("skill")
    route = getattr(context.get("request"), "routable_resolver_match", None)
    if skill is not None and route is not None and route.url_name == "skill":
        links.append(
            {
                "title": _("%(project)s: resources about %(skill)s")
                % {"project": PROJECT_NAME, "skill": skill.name},
                "url": reverse("opendata:skill_feed", args=[skill.slug]),
            }
        )
    links.append(
        {
            "title": _("%(project)s: new resources") % {"project": PROJECT_NAME},
            "url": reverse("opendata:resource_feed"),
        }
    )
    return links


def json_script(data):
    """``data`` as JSON safe to put in a ``<script type="application/ld+json">`` element."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(SCRIPT_ESCAPES))  # noqa: S308


def resource_json_ld(context, page, translations):
    """schema.org ``LearningResource`` of a resource page, in the page's language."""
    request = context["request"]
    details = context.get("details") or page.details(request)
    metadata = project_metadata()
    language = page.locale.language_code
    url = page.get_full_url(request)
    if page.alias_of_id is not None:  # an alias shows the English page: describe that one
        source = next(
            (t for t in translations if t.locale.language_code == settings.LANGUAGE_CODE), None
        )
        language = settings.LANGUAGE_CODE
        url = source.get_full_url(request) if source is not None else url
    levels = dict(Level.choices)
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "LearningResource",
        "@id": url,
        "url": url,
        "name": page.title,
        "description": page.summary,
        "inLanguage": language,
        "learningResourceType": str(page.kind_label),
        "teaches": [
            {
                "@type": "DefinedTerm",
                "name": skill.name,
                "termCode": skill.slug,
                "url": request.build_absolute_uri(
                    home_route_url("skill", skill.slug, request=request)
                ),
            }
            for skill in details.skills
        ],
        "audience": [
            {"@type": "EducationalAudience", "educationalRole": str(label)}
            for label in details.audience_labels()
        ],
        "keywords": [tag.name for tag in details.tags],
        "license": metadata.licence_of(page)[1],
        "author": [{"@type": "Organization", "name": partner.name} for partner in details.partners],
        "isPartOf": project_json_ld(metadata),
        "funder": EUROPEAN_UNION,
        "sourceOrganization": ERASMUS_PLUS,
    }
    if page.level:
        data["educationalLevel"] = str(levels.get(page.level, page.level))
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    data.update(translation_links(request, page, language, translations))
    return data


def translation_links(request, page, language, translations):
    """``workTranslation`` on the English work (its live public translations), or
    ``translationOfWork`` on a translation (the live English work)."""

    def work(translation):
        url = translation.get_full_url(request)
        return {
            "@type": "LearningResource",
            "@id": url,
            "url": url,
            "inLanguage": translation.locale.language_code,
        }

    if language == settings.LANGUAGE_CODE:
        others = [t for t in translations if t.locale.language_code != language]
        return {"workTranslation": [work(t) for t in others]} if others else {}
    source = next(
        (t for t in translations if t.locale.language_code == settings.LANGUAGE_CODE), None
    )
    return {"translationOfWork": work(source)} if source is not None else {}


def project_json_ld(metadata):
    """The project, as the work every resource is part of."""
    project = {"@type": "CreativeWork", "name": PROJECT_NAME, "funder": EUROPEAN_UNION}
    if metadata.project_number:
        project["identifier"] = metadata.project_number
    if metadata.results_platform_url:
        project["url"] = metadata.results_platform_url
    if metadata.programme_label:
        project["description"] = " · ".join(
            str(label) for label in (metadata.programme_label, metadata.action_type_label) if label
        )
    if metadata.start_date:
        project["dateCreated"] = metadata.start_date.isoformat()
    return project


@register.inclusion_tag("opendata/project_facts.html", takes_context=True)
def project_facts(context, place="footer"):
    """The project's Erasmus+ facts: in the footer (``place="footer"``, one line) and below the
    About page's text (``place="about"``, shown only there)."""
    metadata = project_metadata()
    page = context.get("page")
    shown = place == "footer" or (place == "about" and metadata.is_about_page(page))
    return {"project": metadata if shown else None, "place": place}
