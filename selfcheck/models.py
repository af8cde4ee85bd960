"""The mentor self-check: statements a mentor rates on a scale of answer options (in the demo
0 not at all, 1 a little, 2 a lot), each statement pointing at soft skills with a weight, and
the answers visitors chose to share.

A ``Statement`` is a reviewed, translatable snippet like a soft skill: its text is translated
through wagtail-localize and the language's review; its number (the answer's name in the
address, ``a<number>``) and its skill links are synchronised from English. The links name the
English skills; the self-check matches skills across languages by ``translation_key``.

An ``AnswerOption`` is one step of the scale, reviewed and translated the same way: its label
is translated, its value (the answer's value in the address and the score's multiplier) is
synchronised from English. Until an English option is published, the built-in scale is used
(``selfcheck.check.BUILT_IN``).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
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
MAX_VALUE = 5  # the highest answer value: a multiplier of the statements' weights


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


class AnswerOption(ReviewedSnippet, TranslatableMixin, models.Model):
    """One answer of the self-check's scale, e.g. "A lot" (value 2)."""

    value = models.PositiveSmallIntegerField(
        _("value"),
        validators=[MaxValueValidator(MAX_VALUE)],
        help_text=_(
            "From 0 to 5: multiplies the weights of the statement's soft skills (0 recommends "
            "nothing); orders the answers and is their value in shared addresses. The same in "
            "every language."
        ),
    )
    label = models.CharField(_("label"), max_length=60)
    # When the source was last changed: the translation status page compares it with the last
    # sync of the translations to tell which are outdated. Not translated, not in the editor.
    updated_at = models.DateTimeField(auto_now=True, null=True, editable=False)

    panels = [FieldPanel("value"), FieldPanel("label")]
    translatable_fields = [
        TranslatableField("label"),
        SynchronizedField("value", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("self-check answer option")
        verbose_name_plural = _("self-check answer options")
        ordering = ["value"]
        constraints = [
            models.UniqueConstraint(
                fields=["value", "locale"], name="unique_answeroption_value_locale"
            )
        ]

    def __str__(self):
        return self.label


class SharedAnswers(models.Model):
    """One visitor's answers, shared anonymously after ticking "Share my answers": the
    language, the answers ({number: value}) and the day. No address, session or time."""

    language = models.CharField(_("language"), max_length=12, choices=settings.LANGUAGES)
    answers = models.JSONField(_("answers"), default=dict)
    date = models.DateField(_("date"), auto_now_add=True)

    class Meta:
        verbose_name = _("shared self-check answers")
        verbose_name_plural = _("shared self-check answers")

    def __str__(self):
        return f"{self.language} {self.date}"
