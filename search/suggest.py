"""Title suggestions while typing: a prefix match on folded title words, in one language.

Every word typed must begin a word of the title (case and accents folded, so "επικ" finds
"Επικοινωνία"). Only live, public, non-alias resources, and the soft skills, of the visitor's
language. The database answers, so suggestions work whatever the search backend. The titles'
folded words are kept per language and content version (``core.fragments``), so a keystroke
neither reads nor folds every title again.
"""

from django.utils.translation import gettext as _

from core.analysis import WORD_RE, fold
from core.fragments import remembered
from core.routes import home_route_url
from resources.models import KnowledgePage, SoftSkill

MIN_LENGTH = 2
MAX_SUGGESTIONS = 8
MAX_WORDS = 8


def _folded(text):
    return [fold(word) for word in WORD_RE.findall(text)]


def _matches(prefixes, text, words=None):
    words = _folded(text) if words is None else words
    if all(any(word.startswith(prefix) for word in words) for prefix in prefixes):
        return (0 if words and words[0].startswith(prefixes[0]) else 1, text.lower())
    return None


def suggestions(text: str, locale, request) -> list:
    if len(text.strip()) < MIN_LENGTH:
        return []
    prefixes = [fold(word) for word in WORD_RE.findall(text)][:MAX_WORDS]
    if not prefixes:
        return []
    code = locale.language_code
    titles = remembered("search-suggest-titles", code, compute=lambda: _titles(locale))
    ranked = sorted(
        (score, pk)
        for pk, title, words in titles
        if (score := _matches(prefixes, title, words)) is not None
    )
    ids = [pk for _score, pk in ranked[:MAX_SUGGESTIONS]]
    pages = {p.pk: p for p in KnowledgePage.objects.filter(pk__in=ids).select_related("locale")}
    found = []
    for pk in ids:
        page = pages.get(pk)
        url = page.get_url(request) if page else None
        if url:
            found.append(
                {
                    "title": page.title,
                    "url": url,
                    "kind": page.kind_slug,
                    "kind_label": str(page.kind_label),
                }
            )
    skills = SoftSkill.objects.filter(locale=locale, live=True).order_by("name")
    for skill in skills:
        if len(found) >= MAX_SUGGESTIONS:
            break
        if _matches(prefixes, skill.name) is not None:
            found.append(
                {
                    "title": skill.name,
                    "url": home_route_url(
                        "skill", skill.slug, request=request, language=locale.language_code
                    ),
                    "kind": "skill",
                    "kind_label": _("Soft skill"),
                }
            )
    return found


def _titles(locale):
    """[(pk, title, folded words)] of the live, public, non-alias resources of ``locale``."""
    titles = (
        KnowledgePage.objects.live()
        .public()
        .filter(locale=locale, alias_of__isnull=True)
        .values_list("pk", "title")
    )
    return [(pk, title, _folded(title)) for pk, title in titles]
