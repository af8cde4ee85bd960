"""What each tag is called in each language.

A taggit tag (``KnowledgePage.tags``) is one word shared by every language: its slug is the
stable key of tag pages and filters. ``TagLabel`` is the tag's name in a language: a reviewed,
translatable snippet (like a soft skill) whose slug is the tag's slug. The English label is
created with the tag (``resources/tag_labels.py``); translators translate it like a skill, and
only a live (reviewed) label is shown.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .snippets import ReviewedSnippet


class TagLabel(ReviewedSnippet, TranslatableMixin, models.Model):
    """A tag's name in one language."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=True,
        help_text=_("The tag's slug, the same in every language."),
    )
    # When the source was last changed: the translation status page compares it with the last
    # sync of the translations to tell which are outdated. Not translated, not in the editor.
    updated_at = models.DateTimeField(auto_now=True, null=True, editable=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_taglabel_slug_locale")
        ]

    def __str__(self):
        return self.name
