"""The resource model moves from ``home`` to ``resources`` (state only).

``KnowledgePage``, its inline links (skills, partners, audience, tags) and the two translatable
snippets are declared here; their tables are renamed and their content types relabelled by
``home/0004_move_resource_models_to_resources``, which runs after this one. Rows, ids,
revisions, translations and permissions stay as they are.
"""

import core.pages
import django.db.models.deletion
import django_countries.fields
import modelcluster.contrib.taggit
import modelcluster.fields
import modelsearch.index
import uuid
import wagtail.fields
from django.conf import settings
from django.db import migrations, models

from core.model_moves import ChangeParentModel


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0001_initial"),
        ("home", "0003_snippet_review"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="KnowledgePage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        (
                            "summary",
                            models.TextField(
                                help_text="One or two sentences shown in listings and search results.",
                                verbose_name="summary",
                            ),
                        ),
                        (
                            "body",
                            wagtail.fields.StreamField(
                                [
                                    ("heading", 2),
                                    ("paragraph", 3),
                                    ("image", 7),
                                    ("quote", 10),
                                    ("callout", 14),
                                    ("embed", 15),
                                    ("document", 19),
                                    ("activity", 26),
                                ],
                                blank=True,
                                block_lookup={
                                    0: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {"label": "Heading", "max_length": 200},
                                    ),
                                    1: (
                                        "wagtail.blocks.ChoiceBlock",
                                        [],
                                        {
                                            "choices": [("h2", "Level 2"), ("h3", "Level 3")],
                                            "label": "Level",
                                        },
                                    ),
                                    2: (
                                        "wagtail.blocks.StructBlock",
                                        [[("text", 0), ("level", 1)]],
                                        {},
                                    ),
                                    3: (
                                        "wagtail.blocks.RichTextBlock",
                                        (),
                                        {
                                            "features": [
                                                "bold",
                                                "italic",
                                                "link",
                                                "document-link",
                                                "ol",
                                                "ul",
                                            ],
                                            "icon": "pilcrow",
                                            "label": "Paragraph",
                                            "template": "blocks/paragraph_block.html",
                                        },
                                    ),
                                    4: (
                                        "wagtail.images.blocks.ImageChooserBlock",
                                        (),
                                        {"label": "Image"},
                                    ),
                                    5: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "help_text": "Describe the image for people who cannot see it; leave empty if decorative.",
                                            "label": "Alternative text",
                                            "max_length": 250,
                                            "required": False,
                                        },
                                    ),
                                    6: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {"label": "Caption", "max_length": 250, "required": False},
                                    ),
                                    7: (
                                        "wagtail.blocks.StructBlock",
                                        [[("image", 4), ("alt_text", 5), ("caption", 6)]],
                                        {},
                                    ),
                                    8: ("wagtail.blocks.TextBlock", (), {"label": "Quote"}),
                                    9: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "label": "Attribution",
                                            "max_length": 200,
                                            "required": False,
                                        },
                                    ),
                                    10: (
                                        "wagtail.blocks.StructBlock",
                                        [[("quote", 8), ("attribution", 9)]],
                                        {},
                                    ),
                                    11: (
                                        "wagtail.blocks.ChoiceBlock",
                                        [],
                                        {
                                            "choices": [
                                                ("tip", "Tip"),
                                                ("warning", "Watch out"),
                                                ("note", "Note"),
                                            ],
                                            "label": "Kind",
                                        },
                                    ),
                                    12: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {"label": "Title", "max_length": 200, "required": False},
                                    ),
                                    13: (
                                        "wagtail.blocks.RichTextBlock",
                                        (),
                                        {
                                            "features": ["bold", "italic", "link", "ul"],
                                            "label": "Text",
                                        },
                                    ),
                                    14: (
                                        "wagtail.blocks.StructBlock",
                                        [[("kind", 11), ("title", 12), ("text", 13)]],
                                        {},
                                    ),
                                    15: (
                                        "wagtail.embeds.blocks.EmbedBlock",
                                        (),
                                        {
                                            "icon": "media",
                                            "label": "Embedded media",
                                            "template": "blocks/embed_block.html",
                                        },
                                    ),
                                    16: (
                                        "wagtail.documents.blocks.DocumentChooserBlock",
                                        (),
                                        {"label": "Document"},
                                    ),
                                    17: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {"label": "Link text", "max_length": 200},
                                    ),
                                    18: (
                                        "wagtail.blocks.TextBlock",
                                        (),
                                        {"label": "Description", "required": False},
                                    ),
                                    19: (
                                        "wagtail.blocks.StructBlock",
                                        [[("document", 16), ("title", 17), ("description", 18)]],
                                        {},
                                    ),
                                    20: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {"label": "Title", "max_length": 200},
                                    ),
                                    21: (
                                        "wagtail.blocks.IntegerBlock",
                                        (),
                                        {"label": "Duration (minutes)", "min_value": 1},
                                    ),
                                    22: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {"label": "Group size", "max_length": 200},
                                    ),
                                    23: (
                                        "wagtail.blocks.TextBlock",
                                        (),
                                        {"label": "Materials", "required": False},
                                    ),
                                    24: ("wagtail.blocks.TextBlock", (), {"label": "Step"}),
                                    25: ("wagtail.blocks.ListBlock", (24,), {"label": "Steps"}),
                                    26: (
                                        "wagtail.blocks.StructBlock",
                                        [
                                            [
                                                ("title", 20),
                                                ("duration_minutes", 21),
                                                ("group_size", 22),
                                                ("materials", 23),
                                                ("steps", 25),
                                            ]
                                        ],
                                        {},
                                    ),
                                },
                                verbose_name="body",
                            ),
                        ),
                        (
                            "country",
                            django_countries.fields.CountryField(
                                blank=True, max_length=2, verbose_name="country"
                            ),
                        ),
                        (
                            "sector",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("agri-food", "Agri-food"),
                                    ("automotive", "Automotive"),
                                    ("construction", "Construction"),
                                    ("healthcare", "Healthcare and social care"),
                                    ("hospitality", "Hospitality"),
                                    ("ict", "ICT and software"),
                                    ("manufacturing", "Manufacturing"),
                                    ("retail", "Retail"),
                                    ("tourism", "Tourism"),
                                    ("other", "Other sector"),
                                ],
                                max_length=30,
                                verbose_name="sector",
                            ),
                        ),
                        (
                            "level",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("introductory", "Introductory"),
                                    ("intermediate", "Intermediate"),
                                    ("advanced", "Advanced"),
                                ],
                                max_length=20,
                                verbose_name="level",
                            ),
                        ),
                        (
                            "last_reviewed",
                            models.DateField(blank=True, null=True, verbose_name="last reviewed"),
                        ),
                    ],
                    options={
                        "verbose_name": "resource",
                        "verbose_name_plural": "resources",
                    },
                    bases=(core.pages.ShowSourceUntilTranslatedMixin, "wagtailcore.page"),
                ),
                ChangeParentModel(
                    "GoodPracticePage", "knowledgepage_ptr", "resources.knowledgepage"
                ),
                ChangeParentModel("GuidePage", "knowledgepage_ptr", "resources.knowledgepage"),
                migrations.CreateModel(
                    name="KnowledgePageTag",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "content_object",
                            modelcluster.fields.ParentalKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="tagged_items",
                                to="resources.knowledgepage",
                            ),
                        ),
                        (
                            "tag",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="%(app_label)s_%(class)s_items",
                                to="taggit.tag",
                            ),
                        ),
                    ],
                    options={
                        "abstract": False,
                    },
                ),
                migrations.AddField(
                    model_name="knowledgepage",
                    name="tags",
                    field=modelcluster.contrib.taggit.ClusterTaggableManager(
                        blank=True,
                        help_text="A comma-separated list of tags.",
                        through="resources.KnowledgePageTag",
                        to="taggit.Tag",
                        verbose_name="tags",
                    ),
                ),
                migrations.CreateModel(
                    name="PartnerOrganisation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                        (
                            "live",
                            models.BooleanField(default=True, editable=False, verbose_name="live"),
                        ),
                        (
                            "has_unpublished_changes",
                            models.BooleanField(
                                default=False,
                                editable=False,
                                verbose_name="has unpublished changes",
                            ),
                        ),
                        (
                            "first_published_at",
                            models.DateTimeField(
                                blank=True,
                                db_index=True,
                                null=True,
                                verbose_name="first published at",
                            ),
                        ),
                        (
                            "last_published_at",
                            models.DateTimeField(
                                editable=False, null=True, verbose_name="last published at"
                            ),
                        ),
                        (
                            "go_live_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="go live date/time"
                            ),
                        ),
                        (
                            "expire_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="expiry date/time"
                            ),
                        ),
                        (
                            "expired",
                            models.BooleanField(
                                default=False, editable=False, verbose_name="expired"
                            ),
                        ),
                        (
                            "locked",
                            models.BooleanField(
                                default=False, editable=False, verbose_name="locked"
                            ),
                        ),
                        (
                            "locked_at",
                            models.DateTimeField(
                                editable=False, null=True, verbose_name="locked at"
                            ),
                        ),
                        ("name", models.CharField(max_length=200, verbose_name="name")),
                        ("slug", models.SlugField(max_length=100, verbose_name="slug")),
                        (
                            "country",
                            django_countries.fields.CountryField(
                                max_length=2, verbose_name="country"
                            ),
                        ),
                        ("website", models.URLField(blank=True, verbose_name="website")),
                        ("description", models.TextField(blank=True, verbose_name="description")),
                        ("updated_at", models.DateTimeField(auto_now=True, null=True)),
                        (
                            "latest_revision",
                            models.ForeignKey(
                                blank=True,
                                editable=False,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="wagtailcore.revision",
                                verbose_name="latest revision",
                            ),
                        ),
                        (
                            "live_revision",
                            models.ForeignKey(
                                blank=True,
                                editable=False,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="wagtailcore.revision",
                                verbose_name="live revision",
                            ),
                        ),
                        (
                            "locale",
                            models.ForeignKey(
                                editable=False,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="wagtailcore.locale",
                                verbose_name="locale",
                            ),
                        ),
                        (
                            "locked_by",
                            models.ForeignKey(
                                blank=True,
                                editable=False,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="locked_%(class)ss",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="locked by",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "partner organisation",
                        "verbose_name_plural": "partner organisations",
                        "ordering": ["name"],
                        "abstract": False,
                        "unique_together": {("translation_key", "locale")},
                    },
                ),
                migrations.CreateModel(
                    name="SoftSkill",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                        (
                            "live",
                            models.BooleanField(default=True, editable=False, verbose_name="live"),
                        ),
                        (
                            "has_unpublished_changes",
                            models.BooleanField(
                                default=False,
                                editable=False,
                                verbose_name="has unpublished changes",
                            ),
                        ),
                        (
                            "first_published_at",
                            models.DateTimeField(
                                blank=True,
                                db_index=True,
                                null=True,
                                verbose_name="first published at",
                            ),
                        ),
                        (
                            "last_published_at",
                            models.DateTimeField(
                                editable=False, null=True, verbose_name="last published at"
                            ),
                        ),
                        (
                            "go_live_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="go live date/time"
                            ),
                        ),
                        (
                            "expire_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="expiry date/time"
                            ),
                        ),
                        (
                            "expired",
                            models.BooleanField(
                                default=False, editable=False, verbose_name="expired"
                            ),
                        ),
                        (
                            "locked",
                            models.BooleanField(
                                default=False, editable=False, verbose_name="locked"
                            ),
                        ),
                        (
                            "locked_at",
                            models.DateTimeField(
                                editable=False, null=True, verbose_name="locked at"
                            ),
                        ),
                        ("name", models.CharField(max_length=100, verbose_name="name")),
                        (
                            "slug",
                            models.SlugField(
                                help_text="Shared by all languages; used in the address of the skill's page.",
                                max_length=100,
                                verbose_name="slug",
                            ),
                        ),
                        ("description", models.TextField(blank=True, verbose_name="description")),
                        ("updated_at", models.DateTimeField(auto_now=True, null=True)),
                        (
                            "latest_revision",
                            models.ForeignKey(
                                blank=True,
                                editable=False,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="wagtailcore.revision",
                                verbose_name="latest revision",
                            ),
                        ),
                        (
                            "live_revision",
                            models.ForeignKey(
                                blank=True,
                                editable=False,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="wagtailcore.revision",
                                verbose_name="live revision",
                            ),
                        ),
                        (
                            "locale",
                            models.ForeignKey(
                                editable=False,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="wagtailcore.locale",
                                verbose_name="locale",
                            ),
                        ),
                        (
                            "locked_by",
                            models.ForeignKey(
                                blank=True,
                                editable=False,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="locked_%(class)ss",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="locked by",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "soft skill",
                        "verbose_name_plural": "soft skills",
                        "ordering": ["name"],
                        "abstract": False,
                    },
                    bases=(modelsearch.index.Indexed, models.Model),
                ),
                migrations.CreateModel(
                    name="KnowledgePageSkill",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                        ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                        (
                            "locale",
                            models.ForeignKey(
                                editable=False,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="wagtailcore.locale",
                                verbose_name="locale",
                            ),
                        ),
                        (
                            "page",
                            modelcluster.fields.ParentalKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="skill_links",
                                to="resources.knowledgepage",
                            ),
                        ),
                        (
                            "skill",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="page_links",
                                to="resources.softskill",
                                verbose_name="skill",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "soft skill",
                        "ordering": ["sort_order"],
                        "abstract": False,
                    },
                ),
                migrations.CreateModel(
                    name="KnowledgePageAudience",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                        (
                            "audience",
                            models.CharField(
                                choices=[
                                    ("mentor", "Mentors"),
                                    ("manager", "Managers"),
                                    ("vet-provider", "VET providers"),
                                    ("learner", "Learners"),
                                ],
                                max_length=20,
                                verbose_name="audience",
                            ),
                        ),
                        (
                            "page",
                            modelcluster.fields.ParentalKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="audiences",
                                to="resources.knowledgepage",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "audience",
                        "ordering": ["sort_order"],
                        "abstract": False,
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("page", "audience"), name="unique_page_audience"
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="KnowledgePagePartner",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                        ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                        (
                            "locale",
                            models.ForeignKey(
                                editable=False,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="wagtailcore.locale",
                                verbose_name="locale",
                            ),
                        ),
                        (
                            "page",
                            modelcluster.fields.ParentalKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="partner_links",
                                to="resources.knowledgepage",
                            ),
                        ),
                        (
                            "partner",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="page_links",
                                to="resources.partnerorganisation",
                                verbose_name="partner organisation",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "author organisation",
                        "ordering": ["sort_order"],
                        "abstract": False,
                        "unique_together": {("translation_key", "locale")},
                    },
                ),
                migrations.AddConstraint(
                    model_name="softskill",
                    constraint=models.UniqueConstraint(
                        fields=("slug", "locale"), name="unique_softskill_slug_locale"
                    ),
                ),
                migrations.AlterUniqueTogether(
                    name="softskill",
                    unique_together={("translation_key", "locale")},
                ),
                migrations.AlterUniqueTogether(
                    name="knowledgepageskill",
                    unique_together={("translation_key", "locale")},
                ),
            ],
        ),
    ]
