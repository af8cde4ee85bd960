"""The project's Erasmus+ metadata, edited in the admin (Settings → Project metadata).

Nothing here is free text to translate: the project number, addresses and dates are the same in
every language, and the programme, action type and licence are choices whose labels are
interface strings (gettext), so each language shows them in its own words. The defaults are
what the site states everywhere else (the footer's 2021–2027 "Co-funded by the European Union"
statement: Erasmus+ 2021–2027, a cooperation partnership in VET, CC BY-SA 4.0); the project
number and its Results Platform record are left empty, to be filled in by an editor from the
grant agreement: the portal never shows a number nobody has checked.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Subquery
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from core.sites import annotate_sites_with, site_values
from resources.licences import DEFAULT_LICENCE, licence_field, licence_label, licence_url

ABOUT_SLUG = "about"


class Programme(models.TextChoices):
    ERASMUS_2014_2020 = "erasmus-plus-2014-2020", _("Erasmus+ (2014–2020)")
    ERASMUS_2021_2027 = "erasmus-plus-2021-2027", _("Erasmus+ (2021–2027)")


class ActionType(models.TextChoices):
    KA202 = "KA202", _("Strategic Partnerships for vocational education and training (KA202)")
    KA220_VET = "KA220-VET", _("Cooperation partnerships in vocational education and training")
    KA210_VET = "KA210-VET", _("Small-scale partnerships in vocational education and training")


@register_setting(icon="info-circle")
class ProjectSettings(BaseGenericSetting):
    project_number = models.CharField(_("Erasmus+ project number"), max_length=40, blank=True)
    results_platform_url = models.URLField(
        _("Erasmus+ Project Results Platform record"),
        blank=True,
    )
    programme = models.CharField(
        _("programme"),
        max_length=40,
        choices=Programme.choices,
        default=Programme.ERASMUS_2021_2027,
    )
    action_type = models.CharField(
        _("action type"), max_length=20, choices=ActionType.choices, default=ActionType.KA220_VET
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    licence = licence_field(
        _("default licence"),
        default=DEFAULT_LICENCE,
        help_text=_("A resource may choose another licence in its Taxonomy tab."),
    )
    about_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("about page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The page (in any language) that shows these facts below its text; if none is "
            "chosen, the top-level page whose slug is “about”."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("project_number"),
                FieldPanel("results_platform_url"),
                FieldPanel("programme"),
                FieldPanel("action_type"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            ],
            heading=_("Erasmus+ project"),
        ),
        FieldPanel("licence"),
        PageChooserPanel("about_page"),
    ]

    class Meta:
        verbose_name = _("project metadata")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})


@dataclass(frozen=True)
class ProjectMetadata:
    """What the public pages show of ``ProjectSettings`` (plain values, kept per content
    version): labels are resolved when read, in the active language."""

    project_number: str
    results_platform_url: str
    programme: str
    action_type: str
    start_date: date | None
    end_date: date | None
    licence: str
    about_translation_key: object

    @property
    def programme_label(self):
        return Programme(self.programme).label if self.programme in Programme.values else ""

    @property
    def action_type_label(self):
        return ActionType(self.action_type).label if self.action_type in ActionType.values else ""

    @property
    def licence_url(self):
        return licence_url(self.licence)

    @property
    def licence_label(self):
        return licence_label(self.licence)

    def licence_of(self, page):
        """(label, URL) of the licence ``page`` is published under: its own, else the default."""
        code = getattr(page, "licence", "") or self.licence
        return licence_label(code), licence_url(code)

    def is_about_page(self, page):
        """``page`` (in any language) is the chosen about page or, if none is chosen, the
        top-level page with the slug "about"."""
        if self.about_translation_key is None:
            return getattr(page, "slug", None) == ABOUT_SLUG and getattr(page, "depth", 0) == 3
        return getattr(page, "translation_key", None) == self.about_translation_key


FIELDS = (
    "project_number",
    "results_platform_url",
    "programme",
    "action_type",
    "start_date",
    "end_date",
    "licence",
)
ABOUT_KEY = "about_page__translation_key"
PREFIX = "project_settings__"  # the annotations' names on the site rows (core.sites)
ROW = "id"


def site_annotations():
    """The project settings row as scalar subqueries, one per field, that every site row carries
    (``core.sites.annotate_sites_with``): read in the sites' own kept query, so no page pays a
    query of its own for its footer."""
    row = ProjectSettings.objects.order_by("pk")
    return {PREFIX + name: Subquery(row.values(name)[:1]) for name in (ROW, *FIELDS, ABOUT_KEY)}


annotate_sites_with(site_annotations)


def project_metadata():
    """The project's metadata, as the site rows read it with the sites (``core.sites``: kept per
    content version, and a settings save bumps the version, ``core.invalidation``); read on its
    own (one query) where there is no site."""
    names = [PREFIX + name for name in (ROW, *FIELDS, ABOUT_KEY)]
    values = site_values(*names)
    if values is None:
        return _read_metadata()
    values = {name.removeprefix(PREFIX): value for name, value in values.items()}
    if values[ROW] is None:
        return _metadata(ProjectSettings(), None)  # not saved: the defaults apply
    return ProjectMetadata(
        **{name: values[name] for name in FIELDS}, about_translation_key=values[ABOUT_KEY]
    )


def _read_metadata():
    row = ProjectSettings.objects.select_related("about_page").first()
    if row is None:
        row = ProjectSettings()  # not saved: a GET request does not write; the defaults apply
    return _metadata(row, _about_translation_key(row))


def _metadata(row, about_translation_key):
    return ProjectMetadata(
        **{name: getattr(row, name) for name in FIELDS},
        about_translation_key=about_translation_key,
    )


def _about_translation_key(row):
    return row.about_page.translation_key if row.about_page is not None else None
