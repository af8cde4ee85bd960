"""StreamField blocks shared by every page type."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3"))], default="h2", label=_("Level")
    )

    class Meta:
        template = "blocks/heading_block.html"
        icon = "title"
        description = _("A section heading (level 2 or 3) that keeps the outline in order.")
        preview_value = {"text": "Before the first day", "level": "h2"}


class ImageBlock(blocks.StructBlock):
    """An image whose alt text and caption belong to the page, so they are translated with it."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        required=False,
        help_text=_("Describe the image for people who cannot see it; leave empty if decorative."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        template = "blocks/image_block.html"
        icon = "image"
        description = _("An image with translatable alternative text and caption.")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), max_length=200, required=False)

    class Meta:
        template = "blocks/quote_block.html"
        icon = "openquote"
        description = _("A quotation, for example a trainee's or mentor's own words.")
        preview_value = {
            "quote": "I understood the task once my mentor drew it for me.",
            "attribution": "Trainee, Plovdiv",
        }


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("tip", _("Tip")), ("warning", _("Watch out")), ("note", _("Note"))],
        default="tip",
        label=_("Kind"),
    )
    title = blocks.CharBlock(label=_("Title"), max_length=200, required=False)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul"])

    class Meta:
        template = "blocks/callout_block.html"
        icon = "warning"
        description = _("A highlighted box: a tip, a warning or a note.")
        preview_value = {"kind": "tip", "title": "Tip", "text": "<p>Keep it short.</p>"}


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        template = "blocks/document_block.html"
        icon = "doc-full"
        description = _("A downloadable document, with its format and size shown.")


class ActivityBlock(blocks.StructBlock):
    """A practical exercise a mentor can run: duration, group size, materials, steps."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    duration_minutes = blocks.IntegerBlock(label=_("Duration (minutes)"), min_value=1)
    group_size = blocks.CharBlock(label=_("Group size"), max_length=200)
    materials = blocks.TextBlock(label=_("Materials"), required=False)
    steps = blocks.ListBlock(blocks.TextBlock(label=_("Step")), label=_("Steps"))

    class Meta:
        template = "blocks/activity_block.html"
        icon = "list-ol"
        description = _("An activity or exercise with duration, group size, materials and steps.")
        preview_value = {
            "title": "Paraphrase practice",
            "duration_minutes": 20,
            "group_size": "Mentor and one trainee",
            "materials": "A timer",
            "steps": ["Listen for two minutes.", "Paraphrase.", "Swap roles."],
        }


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        icon="pilcrow",
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        template="blocks/paragraph_block.html",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    embed = EmbedBlock(label=_("Embedded media"), icon="media", template="blocks/embed_block.html")
    document = DocumentBlock()
    activity = ActivityBlock()


class ActivitiesBlock(blocks.StreamBlock):
    activity = ActivityBlock()
