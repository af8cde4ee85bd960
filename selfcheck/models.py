"""The mentor self-check: statements a mentor rates (0 not at all, 1 a little, 2 a lot), each
pointing at soft skills with a weight, and the answers visitors chose to share.

A ``Statement`` is a reviewed, translatable snippet like a soft skill: its text is translated
through wagtail-localize and the language's review; its number (the answer's name in the
address, ``a<number>``) and its skill links are synchronised from English. The links name the
English skills; the self-check matches skills across languages by ``translation_key``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin
from wagtail.snippets.blocks import SnippetChooserBlock
from wagtail_localize.fields import SynchronizedField, TranslatableField

from resources.models import ReviewedSnippet

MAX_WEIGHT = 3


class SkillWeightBlock(blocks.StructBlock):
    skill = SnippetChooserBlock("resources.SoftSkill", label=_("soft skill"))
    weight = blocks.IntegerBlock(
        label=_("weight"),
        min_value=1,
        max_value=MAX_WEIGHT,
        default=1,
        help_text=_("From 1 to 3: how strongly this statement points to the skill."),
    )


class Statement(ReviewedSnippet, TranslatableMixin, models.Model):
    """One statement of the self-check, e.g. "My trainee seems homesick"."""

    number = models.PositiveSmallIntegerField(
        _("number"),
        help_text=_(
            "Orders the statements and names the answer in shared addresses; "
            "the same in every language."
        ),
    )
    text = models.CharField(_("statement"), max_length=200)
    skills = StreamField(
        [("skill", SkillWeightBlock())],
        blank=True,
        verbose_name=_("soft skills"),
        help_text=_("The soft skills this statement points to, with their weights."),
    )
    # When the source was last changed: the translation status page compares it with the last
    # sync of the translations to tell which are outdated. Not translated, not in the editor.
    updated_at = models.DateTimeField(auto_now=True, null=True, editable=False)

    panels = [FieldPanel("number"), FieldPanel("text"), FieldPanel("skills")]
    translatable_fields = [
        TranslatableField("text"),
        SynchronizedField("number", overridable=False),
        SynchronizedField("skills", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("self-check statement")
        verbose_name_plural = _("self-check statements")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["number", "locale"], name="unique_statement_number_locale"
            )
        ]

    def __str__(self):
        return self.text

    def skill_weights(self):
        """(skill pk, weight) of the stored links, read without a query per block."""
        pairs = []
        for block in self.skills.raw_data:
            value = block.get("value") or {}
            skill, weight = value.get("skill"), value.get("weight") or 1
            if isinstance(skill, int) and isinstance(weight, int):
                pairs.append((skill, max(1, min(weight, MAX_WEIGHT))))
        return pairs


class SharedAnswers(models.Model):
    """One visitor's answers, shared anonymously after ticking "Share my answers": the
    language, the answers ({number: 0..2}) and the day. No address, session or time."""

    language = models.CharField(_("language"), max_length=12, choices=settings.LANGUAGES)
    answers = models.JSONField(_("answers"), default=dict)
    date = models.DateField(_("date"), auto_now_add=True)

    class Meta:
        verbose_name = _("shared self-check answers")
        verbose_name_plural = _("shared self-check answers")

    def __str__(self):
        return f"{self.language} {self.date}"
