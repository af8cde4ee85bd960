"""Template context for wagtail-localize's translation editor of a snippet.

A soft skill or partner in a review workflow shows its workflow in Wagtail's status side panel,
whose template needs the snippet's "compare revisions" URL name and workflow history URL.
Wagtail's snippet editor provides them; wagtail-localize's translation editor, which replaces
it for translated snippets, does not, and the page would fail to render. Given here for the
snippet edit URLs only.
"""

from django.urls import NoReverseMatch, reverse


def snippet_workflow_urls(request):
    match = getattr(request, "resolver_match", None)
    if (
        match is None
        or match.url_name != "edit"
        or not match.namespace.startswith("wagtailsnippets_")
    ):
        return {}
    pk = match.kwargs.get("pk")
    try:
        history = reverse(f"{match.namespace}:workflow_history", args=[pk])
    except NoReverseMatch:
        return {}
    return {
        "revisions_compare_url_name": f"{match.namespace}:revisions_compare",
        "workflow_history_url": history,
    }
