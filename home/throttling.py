"""Password throttling beyond the admin login (django-axes covers Django's logins).

The password forms of private pages and documents are not Django logins: their failures go to
axes through its handler API, as a login to an account named after the restriction, so axes
counts them per client address and restriction, locks the form after ``AXES_FAILURE_LIMIT``
wrong passwords for ``AXES_COOLOFF_TIME``, and ``manage.py axes_reset`` lifts a lock.

The "change password" panel of the admin's account page is not a login either: Wagtail's
``PasswordChangeForm`` checks the current password with ``check_password``. Someone holding a
signed-in session (a borrowed laptop, a stolen cookie) could try current passwords there without
limit, so its wrong current passwords are counted the same way, per signed-in user.
"""

import ipaddress
from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.account import AccountView, ChangePasswordPanel
from wagtail.documents.views import serve as document_views
from wagtail.views import authenticate_with_password as page_password_view

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off

LOCKED_TEMPLATE = "security/locked_out.html"


def client_address(request):
    """The visitor's address (``AXES_CLIENT_IP_CALLABLE``; the search log's visitor code too).

    Without a trusted proxy, the connection's own address. Behind ``TRUSTED_PROXY_COUNT`` = N
    reverse proxies, each appends the address it received the request from to
    ``X-Forwarded-For``, so the N-th entry from the right is the one the outermost proxy saw:
    whatever a client writes into the header stays to its left. A header shorter than N (the
    request did not pass every proxy) or an entry that is not an address gives the connection's
    address. (django-ipware's ``proxy_count`` wants exactly N + 1 entries and so put every client
    behind one nginx, which sends a single entry, under the proxy's own address.)"""
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if not proxies or not forwarded:
        return remote
    entries = [entry.strip() for entry in forwarded.split(",")]
    if len(entries) < proxies:
        return remote
    try:
        return str(ipaddress.ip_address(entries[-proxies]))
    except ValueError:
        return remote


def lockout_response(request, original_response=None, credentials=None):
    """The lockout page (``AXES_LOCKOUT_CALLABLE``): 429, in the visitor's language, naming
    neither the account nor the restriction."""
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else 0
    response = render(
        request,
        LOCKED_TEMPLATE,
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    response["Cache-Control"] = "no-store"
    return response


def throttled(view, kind, restriction_kwarg):
    """``view`` (Wagtail's password form) with its wrong passwords counted by axes."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        account = f"{kind}:{kwargs[restriction_kwarg]}"
        credentials = {str(settings.AXES_USERNAME_FORM_FIELD): account}
        if not AxesProxyHandler.is_allowed(request, credentials):
            return lockout_response(request, credentials=credentials)
        response = view(request, *args, **kwargs)
        if response.status_code == 200:  # the form again: the password was wrong
            AxesProxyHandler.user_login_failed(
                sender=wrapper, credentials=credentials, request=request
            )
            if getattr(request, "axes_locked_out", False):
                request.axes_locked_out = False  # answered here, not by AxesMiddleware
                return lockout_response(request, credentials=credentials)
        elif response.status_code == 302 and request.axes_ip_address:  # the right password
            AxesProxyHandler.reset_attempts(ip_address=request.axes_ip_address, username=account)
        return response

    return wrapper


authenticate_page_password = throttled(
    page_password_view, "page-restriction", "page_view_restriction_id"
)
authenticate_document_password = throttled(
    document_views.authenticate_with_password, "document-restriction", "restriction_id"
)


def throttled_password_change(view):
    """The admin's account page with its wrong current passwords counted by axes, per user."""
    panel = ChangePasswordPanel.name

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        changing = request.method == "POST" and any(
            request.POST.get(f"{panel}-{field}") for field in ("new_password1", "new_password2")
        )
        if not changing:  # the panel binds its form only then (ChangePasswordPanel.get_form)
            return view(request, *args, **kwargs)
        account = f"account-password:{request.user.pk}"
        credentials = {str(settings.AXES_USERNAME_FORM_FIELD): account}
        if not AxesProxyHandler.is_allowed(request, credentials):
            return lockout_response(request, credentials=credentials)
        if request.user.check_password(request.POST.get(f"{panel}-old_password", "")):
            if request.axes_ip_address:
                AxesProxyHandler.reset_attempts(
                    ip_address=request.axes_ip_address, username=account
                )
            return view(request, *args, **kwargs)
        AxesProxyHandler.user_login_failed(sender=wrapper, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            request.axes_locked_out = False  # answered here, not by AxesMiddleware
            return lockout_response(request, credentials=credentials)
        return view(request, *args, **kwargs)  # the form again, with Wagtail's own error

    return wrapper


# Decorated as Wagtail decorates its own admin routes: signed-in admins only, never cached.
account_page = never_cache(require_admin_access(throttled_password_change(AccountView.as_view())))
