"""Refusals in the admin answer 403 Forbidden.

When a user opens or posts to an admin page they may not use (another language's page or
snippet, publishing without review, a Wagtail view their role lacks), Wagtail adds the message
"Sorry, you do not have permission to access this area." and redirects to the dashboard with a
302. ``PermissionDeniedMiddleware`` turns that redirect into a 403 page showing the same
message and a link to the dashboard, so browsers, scripts and tests see a refusal as one.
"""

from django.contrib import messages
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from wagtail.users.models import UserProfile

DENIED = "Sorry, you do not have permission to access this area."


def _denied_texts(request):
    """Wagtail's message in the request's language and in the user's admin language."""
    texts = {gettext(DENIED)}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        preferred = UserProfile.get_for_user(user).get_preferred_language()
        with translation.override(preferred):
            texts.add(gettext(DENIED))
    return texts


def _other_messages_if_refused(request):
    """None, unless Wagtail queued its permission-denied message during this request; then the
    other queued messages. The refusal itself was queued outside the user's language, and the
    403 page says it in theirs."""
    storage = messages.get_messages(request)
    denied = _denied_texts(request)
    queued = list(storage)  # marks them as shown: the 403 page shows the others itself
    refusal = [m for m in queued if m.level_tag == "error" and str(m.message).strip() in denied]
    if not refusal:
        storage.used = False
        return None
    return [m for m in queued if m not in refusal]


class PermissionDeniedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 302:
            return response
        home = reverse("wagtailadmin_home")
        if response.get("Location") != home or not request.path.startswith(home):
            return response
        others = _other_messages_if_refused(request)
        if others is None:
            return response
        forbidden = TemplateResponse(
            request,
            "translations/permission_denied.html",
            {"dashboard_url": home, "messages": others},
            status=403,
        )
        # Wagtail's admin switches to the user's language inside its views only; this page
        # is made after them, so it switches too.
        with translation.override(_admin_language(request)):
            return forbidden.render()


def _admin_language(request):

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return translation.get_language()
    return UserProfile.get_for_user(user).get_preferred_language()
