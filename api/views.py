"""The read-only API (Wagtail's API v2 router, pagination and errors), the bulk exports and
the open-data page.

``/api/v2/resources/``, ``/api/v2/skills/``, ``/api/v2/partners/``: one language per request
(``?locale=bg``, English by default), filters, ``limit``/``offset`` (at most
``WAGTAILAPI_LIMIT_MAX``). Any parameter that is not understood, or a value that names
nothing, is a 400 with a JSON ``message``. Every answer, errors included, carries
``Access-Control-Allow-Origin: *``; each client address may make ``API_RATE_LIMIT`` requests
(a 429 with ``Retry-After`` after that).
"""

import csv
import json
import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import get_language

from taggit.models import Tag
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from django_countries import countries
from rest_framework.exceptions import Throttled
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle

from resources.models import KnowledgePage, PartnerOrganisation, SoftSkill
from resources.taxonomy import Sector

from . import data

MAX_ID = 2**31 - 1  # larger ids name nothing (and overflow SQLite's integers)
EXPORT_BATCH = 200  # pages read at a time by the exports: memory stays bounded
CSV_COLUMNS = [
    "id",
    "type",
    "locale",
    "title",
    "url",
    "summary",
    "skills",
    "tags",
    "audience",
    "level",
    "sector",
    "country",
    "partners",
    "first_published_at",
    "last_published_at",
    "last_reviewed",
    "licence",
    "licence_url",
    "translations",
]


class ClientRateThrottle(SimpleRateThrottle):
    """``API_RATE_LIMIT`` requests per client address (the address axes uses:
    ``AXES_CLIENT_IP_CALLABLE``, which knows the trusted proxies), signed in or not."""

    scope = "api"

    def get_rate(self):
        return settings.API_RATE_LIMIT

    def get_cache_key(self, request, view):
        # The project's client-address rule, named by the settings (it lives in the site layer).
        ident = import_string(settings.AXES_CLIENT_IP_CALLABLE)(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


def allow_cross_origin(response):
    """Any site may read the answer (GET only: the API changes nothing)."""
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


def chosen_locale(request):
    """The ``locale`` parameter (the source language by default); 400 for one not offered."""
    code = request.GET.get("locale", settings.LANGUAGE_CODE)
    if code not in settings.PORTAL_LANGUAGES:
        raise BadRequestError(
            "unknown locale: {!r} (one of {})".format(
                code[:20], ", ".join(settings.PORTAL_LANGUAGES)
            )
        )
    return code


class PublicAPIViewSet(BaseAPIViewSet):
    """Wagtail's API viewset with fixed fields, a locale, filters that answer 400 for a value
    naming nothing, CORS and throttling."""

    renderer_classes = [JSONRenderer]
    throttle_classes = [ClientRateThrottle]
    filters = ()  # the filter parameters this endpoint reads
    known_query_parameters = frozenset(["limit", "offset", "locale", "format"])

    def check_query_parameters(self, queryset):
        unknown = set(self.request.GET) - self.known_query_parameters - set(self.filters)
        if unknown:
            raise BadRequestError(
                "query parameter is not an operation or a recognised filter: {}".format(
                    ", ".join(sorted(name[:40] for name in unknown))
                )
            )

    def get_queryset(self):
        queryset = self.base_queryset()
        if self.action == "listing_view":
            queryset = queryset.filter(locale__language_code=chosen_locale(self.request))
        return queryset.order_by("pk")

    def filter_queryset(self, queryset):
        for name in self.filters:
            value = self.request.GET.get(name)
            if value is not None:
                queryset = getattr(self, f"filter_{name}")(queryset, value.strip())
        return queryset

    def listing_view(self, request):
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        queryset = self.filter_queryset(queryset)
        items = list(self.paginate_queryset(queryset))
        return self.get_paginated_response(self.represent(items))

    def detail_view(self, request, pk):
        self.check_query_parameters(None)
        if int(pk) > MAX_ID:
            raise Http404("not found")
        return Response(self.represent([self.get_object()])[0])

    def handle_exception(self, exc):
        if isinstance(exc, Throttled):  # {"message"} as every other error, and Retry-After
            response = Response({"message": "Request was throttled."}, status=429)
            if exc.wait is not None:
                response["Retry-After"] = str(math.ceil(exc.wait))
            return response
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        if response.status_code == 404:  # a JSON 404, not a redirect to /<language>/api/…
            request._request.urlconf = "api.root_urls"
        return allow_cross_origin(super().finalize_response(request, response, *args, **kwargs))

    @classmethod
    def get_urlpatterns(cls):
        patterns = super().get_urlpatterns()
        return [pattern for pattern in patterns if pattern.name != "find"]

    # Filters shared by the endpoints
    def filter_country(self, queryset, value):
        if value.upper() not in countries:
            raise BadRequestError(f"unknown country: {value[:20]!r} (an ISO 3166 code)")
        return queryset.filter(country=value.upper())


def checked_slug(name, value):
    try:
        validate_slug(value)
    except ValidationError as error:
        raise BadRequestError(f"{name} must be a slug") from error
    if len(value) > 100:
        raise BadRequestError(f"{name} is too long")
    return value


class ResourcesAPIViewSet(PublicAPIViewSet):
    name = "resources"
    model = KnowledgePage
    filters = ("type", "skill", "tag", "country", "sector")

    def base_queryset(self):
        return data.with_details(data.public_resources())

    def represent(self, items):
        return data.resource_items(items, self.request)

    def filter_type(self, queryset, value):
        kinds = KnowledgePage.kinds()
        if value not in kinds:
            raise BadRequestError(
                "unknown type: {!r} (one of {})".format(value[:20], ", ".join(kinds))
            )
        return queryset.type(kinds[value])

    def filter_skill(self, queryset, value):
        slug = checked_slug("skill", value)
        if not SoftSkill.objects.filter(slug=slug).exists():
            raise BadRequestError(f"unknown skill: {slug!r}")
        return queryset.filter(
            pk__in=data.KnowledgePageSkill.objects.filter(
                skill__slug=slug, skill__live=True
            ).values("page_id")
        )

    def filter_tag(self, queryset, value):
        slug = checked_slug("tag", value)
        if not Tag.objects.filter(slug=slug).exists():
            raise BadRequestError(f"unknown tag: {slug!r}")
        return queryset.filter(tagged_items__tag__slug=slug)

    def filter_sector(self, queryset, value):
        if value not in Sector.values:
            raise BadRequestError(
                "unknown sector: {!r} (one of {})".format(value[:40], ", ".join(Sector.values))
            )
        return queryset.filter(sector=value)


class SkillsAPIViewSet(PublicAPIViewSet):
    name = "skills"
    model = SoftSkill

    def base_queryset(self):
        return data.public_snippets(SoftSkill).select_related("locale")

    def represent(self, items):
        return data.skill_items(items, self.request)


class PartnersAPIViewSet(PublicAPIViewSet):
    name = "partners"
    model = PartnerOrganisation
    filters = ("country",)

    def base_queryset(self):
        return data.public_snippets(PartnerOrganisation).select_related("locale")

    def represent(self, items):
        return data.partner_items(items, self.request)


api_router = WagtailAPIRouter("api")
api_router.register_endpoint("resources", ResourcesAPIViewSet)
api_router.register_endpoint("skills", SkillsAPIViewSet)
api_router.register_endpoint("partners", PartnersAPIViewSet)


# Bulk exports: every live public resource of the page's language


def throttled(view):
    """``view`` under the API's rate limit, with the API's CORS headers."""

    def wrapper(request, *args, **kwargs):
        throttle = ClientRateThrottle()
        if not throttle.allow_request(request, None):
            wait = throttle.wait()
            response = JsonResponse({"message": "Request was throttled."}, status=429)
            if wait is not None:
                response["Retry-After"] = str(math.ceil(wait))
            return allow_cross_origin(response)
        return allow_cross_origin(view(request, *args, **kwargs))

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def exported_items(request):
    """The export's items, ``EXPORT_BATCH`` pages at a time (keyset: by id)."""
    pages = data.public_resources().filter(locale__language_code=get_language()).order_by("pk")
    last = 0
    while True:
        batch = list(data.with_details(pages.filter(pk__gt=last))[:EXPORT_BATCH])
        if not batch:
            return
        yield from data.resource_items(batch, request)
        last = batch[-1].pk


@throttled
def export_json(request):
    """All live public resources of the language as one JSON array (streamed)."""

    def chunks():
        yield "[\n"
        for index, item in enumerate(exported_items(request)):
            yield ("" if index == 0 else ",\n") + json.dumps(item, ensure_ascii=False)
        yield "\n]\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="resources-{get_language()}.json"'
    return response


class _Echo:
    def write(self, value):
        return value


def csv_row(item):
    """One resource as a CSV row: lists joined with "; ", translations as "locale url"."""
    return [
        item["id"],
        item["type"],
        item["locale"],
        item["title"],
        item["url"],
        item["summary"],
        "; ".join(skill["name"] for skill in item["skills"]),
        "; ".join(tag["name"] for tag in item["tags"]),
        "; ".join(item["audience"]),
        item["level"],
        item["sector"],
        item["country"],
        "; ".join(partner["name"] for partner in item["partners"]),
        item["first_published_at"] or "",
        item["last_published_at"] or "",
        item["last_reviewed"] or "",
        item["licence"]["name"],
        item["licence"]["url"],
        "; ".join(f"{other['locale']} {other['url']}" for other in item["translations"]),
    ]


@throttled
def export_csv(request):
    """All live public resources of the language as CSV (UTF-8, streamed)."""
    writer = csv.writer(_Echo())

    def rows():
        yield "\ufeff" + writer.writerow(CSV_COLUMNS)  # the BOM: spreadsheets read UTF-8 then
        for item in exported_items(request):
            yield writer.writerow(csv_row(item))

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="resources-{get_language()}.csv"'
    return response


def open_data(request):
    """The open-data page: the API with examples, the feeds and the exports."""
    language = get_language()
    api = request.build_absolute_uri(reverse("api:resources:listing"))
    context = {
        "api_url": api,
        "examples": [
            f"{api}?locale={language}",
            f"{api}?locale={language}&type=guide&limit=5",
            f"{request.build_absolute_uri(reverse('api:skills:listing'))}?locale={language}",
            f"{request.build_absolute_uri(reverse('api:partners:listing'))}?locale={language}",
        ],
        "json_url": reverse("open_data_json"),
        "csv_url": reverse("open_data_csv"),
        "feed_url": reverse("opendata:resource_feed"),
        "limit_max": settings.WAGTAILAPI_LIMIT_MAX,
        "rate": settings.API_RATE_LIMIT,
    }
    return render(request, "api/open_data.html", context)
