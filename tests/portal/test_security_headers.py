"""Security headers, scored by Mozilla HTTP Observatory's published rules
(``tests/portal/observatory.py``) under the production settings: A+ for the home page, a guide
and search; the admin login keeps at least the grade it has. The public policy is strict (no
``unsafe-inline``, no ``unsafe-eval``, no nonce, so a cached page is the same for everyone); the
admin's screens get the admin policy."""

import importlib
import os
import re
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, set_script_prefix

import pytest
from csp.constants import NONCE, SELF
from csp.decorators import csp_exempt, csp_update
from csp.utils import build_policy

from home import security
from portal.settings import base
from tests.portal import observatory

pytestmark = pytest.mark.django_db

HOST = "testserver"


@contextmanager
def production_security():
    """The security settings of ``portal.settings.production`` (imported with a secret key)."""
    with mock.patch.object(base, "SECRET_KEY", "x" * 50):
        production = importlib.reload(importlib.import_module("portal.settings.production"))
    names = [
        name
        for name in dir(production)
        if name.startswith(("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_"))
        or name
        in (
            "X_FRAME_OPTIONS",
            "MIDDLEWARE",
            "CONTENT_SECURITY_POLICY",
            "PORTAL_ADMIN_CSP",
            "PERMISSIONS_POLICY",
            "CROSS_ORIGIN_RESOURCE_POLICY",
        )
    ]
    with override_settings(**{name: getattr(production, name) for name in names}):
        yield


def scan(client, path):
    """What the Observatory does: the address over http (following redirects), over https, and
    over https with an Origin header."""
    chain = [f"http://{HOST}{path}"]
    other = []
    response = client.get(path)
    while response.status_code in (301, 302, 307, 308) and len(chain) < 10:
        other.append(response)
        location = response["Location"]
        if location.startswith("/"):
            location = f"{chain[-1].split('/', 3)[0]}//{HOST}{location}"
        chain.append(location)
        secure = location.startswith("https:")
        response = client.get(location.split(HOST, 1)[1], secure=secure)
    final = client.get(path, secure=True)
    cors = client.get(path, secure=True, HTTP_ORIGIN=observatory.SCANNER_ORIGIN)
    return observatory.score(
        final,
        url=f"https://{HOST}{path}",
        http_chain=chain,
        cors_response=cors,
        other_responses=other,
    ), final


def public_paths(portal):
    return {
        "home": portal.homes["en"].url,
        "guide": portal.pages["guide"]["en"].url,
        "search": reverse("search") + "?q=feedback",
    }


def test_public_pages_score_a_plus(portal, client):
    with production_security():
        for name, path in public_paths(portal).items():
            report, response = scan(client, path)
            assert response.status_code == 200, name
            assert report.grade == "A+", str(report)
            assert report.score >= 100
            # No penalty at all, and the bonuses a strict policy earns.
            assert all(modifier >= 0 for _r, modifier in report.modifiers().values()), str(report)
            results = report.results
            assert results["content-security-policy"] == (
                "csp-implemented-with-no-unsafe-default-src-none"
            )
            assert results["x-frame-options"] == "x-frame-options-implemented-via-csp"
            assert results["cross-origin-resource-policy"] == "corp-implemented-with-same-origin"
            assert results["redirection"] == "redirection-to-https"


def test_the_admin_login_keeps_its_grade(portal, client):
    with production_security():
        report, response = scan(client, reverse("wagtailadmin_login"))
    assert response.status_code == 200
    print(report)  # noqa: T201 (shown with pytest -s: the admin login's modifiers)
    assert report.score >= 140, str(report)
    assert report.grade == "A+"
    assert report.results["content-security-policy"] == "csp-implemented-with-no-unsafe"
    assert report.results["cookies"] == "cookies-secure-with-httponly-sessions-and-samesite"


def test_the_public_policy_is_strict(portal, client):
    response = client.get(portal.homes["en"].url)
    policy = parse(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    header = response["Content-Security-Policy"]
    for unsafe in ("'unsafe-inline'", "'unsafe-eval'", "'nonce-", "data:", "http:"):
        assert unsafe not in header


def test_public_pages_have_no_inline_script_or_style(portal, client):
    """What keeps the strict policy workable: nothing inline on the portal's own pages."""
    for path in [*public_paths(portal).values(), "/en/no-such-page/"]:
        body = client.get(path).content.decode()
        assert " style=" not in body, path
        assert "<style" not in body, path
        assert not re.search(r"<[^>]*\son[a-z]+\s*=", body), path  # no onclick=…
        for tag in _tags(body, "script"):
            # data blocks (JSON, schema.org JSON-LD) are never executed: CSP does not apply
            data = 'type="application/json"' in tag or 'type="application/ld+json"' in tag
            assert "src=" in tag or data, (path, tag)


def test_a_cached_page_keeps_the_policy(portal, client, settings):
    settings.PAGE_CACHE = True
    path = portal.pages["guide"]["en"].url
    first = client.get(path)
    second = client.get(path)
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Permissions-Policy"] == first["Permissions-Policy"]
    assert second["Cross-Origin-Resource-Policy"] == "same-origin"


def test_permissions_policy_denies_what_a_portal_never_uses(portal, client):
    response = client.get(portal.homes["en"].url)
    policy = dict(part.strip().split("=", 1) for part in response["Permissions-Policy"].split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "serial", "midi"):
        assert policy[feature] == "()", feature


ADMIN_SCREENS = [
    ("dashboard", lambda p: reverse("wagtailadmin_home")),
    ("page explorer", lambda p: reverse("wagtailadmin_explore", args=[p.homes["en"].id])),
    ("page editor", lambda p: reverse("wagtailadmin_pages:edit", args=[p.pages["guide"]["en"].id])),
    ("image chooser", lambda p: reverse("wagtailimages_chooser:choose")),
    ("snippet list", lambda p: reverse("wagtailsnippets_resources_softskill:list")),
    (
        "translation editor",
        lambda p: reverse("wagtailadmin_pages:edit", args=[p.pages["guide"]["bg"].id]),
    ),
]


@pytest.mark.parametrize(("screen", "address"), ADMIN_SCREENS, ids=[s for s, _a in ADMIN_SCREENS])
def test_admin_screens_get_the_admin_policy(portal, admin_client, screen, address):
    response = admin_client.get(address(portal))
    assert response.status_code == 200, screen
    policy = parse(response["Content-Security-Policy"])
    expected = {name: list(values) for name, values in settings.PORTAL_ADMIN_CSP.items() if values}
    assert policy == expected
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]


@pytest.mark.parametrize("name", ["wagtailadmin_login", "wagtailadmin_password_reset"])
def test_the_sign_in_screens_get_a_policy_without_inline_code(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    header = response["Content-Security-Policy"]
    assert parse(header)["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in header
    assert "'unsafe-eval'" not in header


def test_csp_reports_go_where_csp_report_uri_says():
    """CSP_REPORT_URI adds report-uri and report-to to both policies (read at start-up)."""
    code = (
        "from django.conf import settings as s; "
        "print(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['report-uri'], "
        "s.CONTENT_SECURITY_POLICY['DIRECTIVES']['report-to'], "
        "s.PORTAL_ADMIN_CSP['report-uri'])"
    )
    env = {**os.environ, "CSP_REPORT_URI": "https://reports.example.org/csp"}
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "shell",
            "-v",
            "0",
            "-c",
            code,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )
    assert result.stdout.split() == [
        "https://reports.example.org/csp",
        "csp-endpoint",
        "https://reports.example.org/csp",
    ]


def test_reporting_endpoint_header_when_reports_are_on(portal, client):
    directives = {
        **settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "report-uri": "https://reports.example.org/csp",
        "report-to": "csp-endpoint",
    }
    with override_settings(
        CSP_REPORTS_URL="https://reports.example.org/csp",
        CONTENT_SECURITY_POLICY={"DIRECTIVES": directives},
    ):
        response = client.get(portal.homes["en"].url)
    assert response["Reporting-Endpoints"] == 'csp-endpoint="https://reports.example.org/csp"'
    policy = parse(response["Content-Security-Policy"])
    assert policy["report-uri"] == ["https://reports.example.org/csp"]
    assert policy["report-to"] == ["csp-endpoint"]
    assert "Reporting-Endpoints" not in client.get(portal.homes["bg"].url)


def parse(header):
    policy = {}
    for directive in header.split(";"):
        name, *values = directive.split()
        policy[name] = values
    return policy


def _tags(body, name):
    return [part.split(">", 1)[0] for part in body.split(f"<{name}")[1:]]


# Each policy's header is built once per process (home/security.py)


def csp_middleware(view):
    return security.ContentSecurityPolicyMiddleware(view)


def test_the_public_header_is_built_once_and_is_django_csps(rf, monkeypatch):
    built = []
    monkeypatch.setattr(
        security, "build_policy", lambda **kw: built.append(kw) or build_policy(**kw)
    )
    middleware = csp_middleware(lambda request: HttpResponse("page"))
    headers = {middleware(rf.get("/en/"))["Content-Security-Policy"] for _ in range(3)}
    assert headers == {build_policy()}
    # once each: the policy and the report-only one (not set here: built to nothing)
    assert [kw["report_only"] for kw in built] == [False, True]


def test_a_changed_setting_changes_the_header(rf, settings):
    middleware = csp_middleware(lambda request: HttpResponse("page"))
    before = middleware(rf.get("/en/"))["Content-Security-Policy"]
    directives = {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "img-src": [SELF, "data:"]}
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": directives}
    after = middleware(rf.get("/en/"))["Content-Security-Policy"]
    assert after != before
    assert parse(after)["img-src"] == ["'self'", "data:"]


def test_a_nonce_is_still_new_for_each_response(rf, settings):
    directives = {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "script-src": [SELF, NONCE]}
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": directives}

    def view(request):
        return HttpResponse(str(request.csp_nonce))

    middleware = csp_middleware(view)
    first, second = middleware(rf.get("/en/")), middleware(rf.get("/en/"))
    for response in (first, second):
        assert f"'nonce-{response.content.decode()}'" in response["Content-Security-Policy"]
    assert first["Content-Security-Policy"] != second["Content-Security-Policy"]


def test_a_views_own_policy_and_exemption_still_win(rf):
    @csp_update({"img-src": "https://pictures.example"})
    def updated(request):
        return HttpResponse("page")

    @csp_exempt()
    def exempt(request):
        return HttpResponse("page")

    header = csp_middleware(updated)(rf.get("/en/"))["Content-Security-Policy"]
    assert parse(header)["img-src"] == ["'self'", "https://pictures.example"]
    assert "Content-Security-Policy" not in csp_middleware(exempt)(rf.get("/en/"))
    plain = csp_middleware(lambda request: HttpResponse("page"))(rf.get("/en/"))
    assert "https://pictures.example" not in plain["Content-Security-Policy"]


def test_the_admin_under_a_script_prefix_gets_the_admin_policy(rf):
    """The admin's address is compared with the request's full path (script prefix included)."""
    request = rf.get("/admin/login/", SCRIPT_NAME="/portal")
    assert request.path == "/portal/admin/login/"
    set_script_prefix("/portal/")
    try:
        response = csp_middleware(lambda request: HttpResponse("login"))(request)
    finally:
        set_script_prefix("/")
    assert parse(response["Content-Security-Policy"])["default-src"] == ["'self'"]


# A page from the page cache carries the headers a fresh one has


@pytest.mark.parametrize("name", ["home", "guide", "listing"])
def test_a_cached_page_has_every_header_of_a_fresh_one(portal, client, settings, name):
    settings.PAGE_CACHE = True
    cache.clear()
    paths = {**public_paths(portal), "listing": portal.pages["guide"]["en"].get_parent().url}
    with production_security():
        fresh = client.get(paths[name], secure=True)
        with CaptureQueriesContext(connection) as queries:
            hit = client.get(paths[name], secure=True)
    assert len(queries) == 0  # from the cache
    assert fresh.status_code == hit.status_code == 200
    assert dict(hit.items()) == dict(fresh.items())
    assert hit["Strict-Transport-Security"].startswith("max-age=")
    assert hit["Cache-Control"] == "public, max-age=60"
