"""More of the same content: every resource copied in its language (query-count tests and
``benchmarks/page_profile.py --scale``)."""

from resources.factory import resource
from resources.models import KnowledgePage


def copy_resources(times):
    """Copy every live, public resource ``times - 1`` times under its own parent, in its
    language, with its skills, partners, audience, tags and context. Returns how many were
    copied."""
    pages = list(
        KnowledgePage.objects.live()
        .public()
        .filter(alias_of__isnull=True)
        .specific()
        .order_by("path")
    )
    for page in pages:
        parent = page.get_parent()
        links = {
            "skills": [link.skill for link in page.skill_links.all()],
            "partners": [link.partner for link in page.partner_links.all()],
            "audience": [a.audience for a in page.audiences.all()],
            "tags": [tag.name for tag in page.tags.all()],
        }
        for n in range(2, times + 1):
            resource(
                parent,
                type(page),
                title=f"{page.title} ({n})",
                slug=f"{page.slug}-{n}",
                summary=page.summary,
                body=page.body.raw_data,
                country=page.country,
                sector=page.sector,
                locale=page.locale,
                **links,
            )
    return len(pages)
