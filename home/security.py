"""Security headers the portal adds to every response (settings: ``portal/settings/base.py``).

django-csp writes the Content-Security-Policy: the strict public policy
(``CONTENT_SECURITY_POLICY``) everywhere but under the Wagtail admin, which gets the tightest
policy it works with: ``PORTAL_ADMIN_CSP`` for signed-in users, ``PORTAL_ADMIN_SIGN_IN_CSP``
(no inline script or style) for the sign-in and password-reset screens. No policy has a nonce:
each is the same for every visitor, so the page cache may keep public pages as they are.
"""

from django.conf import settings
from django.urls import reverse

from csp.middleware import CSPMiddleware, PolicyParts


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy under the admin's address."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        # A view's own policy (django-csp's decorators) still wins.
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            user = getattr(request, "user", None)
            signed_in = user is not None and user.is_authenticated
            parts.config = (
                settings.PORTAL_ADMIN_CSP if signed_in else settings.PORTAL_ADMIN_SIGN_IN_CSP
            )
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if settings.CSP_REPORTS_URL and "Reporting-Endpoints" not in response:
            # report-to names this endpoint (the Reporting API); report-uri is the older way.
            response["Reporting-Endpoints"] = f'csp-endpoint="{settings.CSP_REPORTS_URL}"'
        return response


def is_admin_path(path):
    return path.startswith(reverse("wagtailadmin_home"))


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
