"""Security headers the portal adds to every response (settings: ``portal/settings/base.py``).

django-csp writes the Content-Security-Policy: the strict public policy
(``CONTENT_SECURITY_POLICY``) everywhere but under the Wagtail admin, which gets the tightest
policy it works with: ``PORTAL_ADMIN_CSP`` for signed-in users, ``PORTAL_ADMIN_SIGN_IN_CSP``
(no inline script or style) for the sign-in and password-reset screens. No policy has a nonce:
each is the same for every visitor, so the page cache may keep public pages as they are.

Each policy's header is built once per process: django-csp's ``build_policy`` (and the
admin's address) cost more than the rest of a page-cache hit, and give the same string for
the same policy. A response with a nonce or a view's own ``update``/``replace`` is built per
request, as django-csp does.
"""

from dataclasses import asdict
from functools import lru_cache

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy

# report_only → (the response attribute that exempts a response, the setting of the policy)
POLICIES = {
    False: (HEADER, "_csp_exempt", "CONTENT_SECURITY_POLICY"),
    True: (HEADER_REPORT_ONLY, "_csp_exempt_ro", "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
}
MAX_KEPT_POLICIES = 32  # a handful in production; tests that change the settings make more
DEBUG_PAGES = (404, 500)  # django-csp leaves Django's debug pages alone


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy under the admin's address, each
    policy's header built once per process."""

    def __init__(self, get_response):
        super().__init__(get_response)
        # (report_only, id(policy)) → (policy, header); the policy is kept so that its id
        # cannot be reused by another object while the entry lives
        self.headers = {}

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        # A view's own policy (django-csp's decorators) still wins.
        if not report_only and parts.config is None and is_admin_path(request.path):
            user = getattr(request, "user", None)
            signed_in = user is not None and user.is_authenticated
            parts.config = (
                settings.PORTAL_ADMIN_CSP if signed_in else settings.PORTAL_ADMIN_SIGN_IN_CSP
            )
        return parts

    def process_response(self, request, response):
        """django-csp's ``process_response`` (same rules: a header already set, an exempt
        response or an excluded prefix keep theirs), with the header from ``policy_header``."""
        if settings.DEBUG and response.status_code in DEBUG_PAGES:
            return response
        for report_only, (header, exempt, setting) in POLICIES.items():
            if header in response or getattr(response, exempt, False):
                continue
            prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES")
            if prefixes and request.path_info.startswith(tuple(prefixes)):
                continue
            parts = self.get_policy_parts(request, response, report_only=report_only)
            if policy := self.policy_header(parts, report_only):
                response[header] = policy
        if getattr(request, "_csp_nonce", None) is None:
            # as django-csp does: a nonce asked for after the header is written is an error
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        if settings.CSP_REPORTS_URL and "Reporting-Endpoints" not in response:
            # report-to names this endpoint (the Reporting API); report-uri is the older way.
            response["Reporting-Endpoints"] = f'csp-endpoint="{settings.CSP_REPORTS_URL}"'
        return response

    def policy_header(self, parts, report_only):
        """``build_policy``'s header for ``parts``, kept per policy when it has no nonce and no
        per-view changes."""
        if parts.nonce or parts.update or parts.replace:
            return build_policy(**asdict(parts), report_only=report_only)
        policy = parts.config
        if policy is None:  # build_policy reads the setting
            policy = getattr(settings, POLICIES[report_only][2], None)
        key = (report_only, parts.config is None, id(policy))
        kept = self.headers.get(key)
        if kept is None or kept[0] is not policy:
            if len(self.headers) >= MAX_KEPT_POLICIES:
                self.headers.clear()
            kept = (policy, build_policy(config=parts.config, report_only=report_only))
            self.headers[key] = kept
        return kept[1]


def is_admin_path(path):
    """``path`` (with the script prefix, as ``request.path``) is under the Wagtail admin."""
    prefix = admin_prefix(settings.ROOT_URLCONF, get_urlconf(), get_script_prefix())
    return prefix is not None and path.startswith(prefix)


@lru_cache(maxsize=16)
def admin_prefix(root_urlconf, urlconf, script_prefix):
    """The admin's address for one URL configuration and script prefix (``reverse`` reads the
    prefix itself; it is in the arguments so that each prefix is kept apart)."""
    try:
        return reverse("wagtailadmin_home", urlconf=urlconf)
    except NoReverseMatch:
        return None


class CrossOriginResourcePolicyMiddleware:
    """``Cross-Origin-Resource-Policy`` (Django sets the opener policy, not this one)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.CROSS_ORIGIN_RESOURCE_POLICY:
            response.headers.setdefault(
                "Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY
            )
        return response
