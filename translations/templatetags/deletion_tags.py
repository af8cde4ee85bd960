"""The delete confirmations: what happens to an English page's translations."""

from django import template

from translations.deletion import KEEP_FIELD, deletion_plan

register = template.Library()


@register.simple_tag
def translations_to_delete(page):
    """``deletion_plan`` of ``page`` (None for a page that is not English)."""
    return deletion_plan(page)


@register.simple_tag
def bulk_translations_to_delete(items):
    """For the bulk confirmation: the plan of each selected English page that has versions in
    other languages, and whether any of them is a translation (not only an alias)."""
    plans = []
    for item in items or ():
        plan = deletion_plan(item["item"])
        if plan and plan["has_any"]:
            plans.append({"page": item["item"], **plan})
    return {
        "pages": plans,
        "has_translations": any(plan["has_translations"] for plan in plans),
        "keep_field": KEEP_FIELD,
    }
