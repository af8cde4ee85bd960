"""Factories for the translatable snippets: soft skills and partner organisations, made by
``resources.factory.snippet`` (one per slug and language) like the loaders make theirs."""

from django.utils.text import slugify

from wagtail.models import Locale

import factory
from factory.django import DjangoModelFactory

from resources.factory import snippet
from resources.models import PartnerOrganisation, SoftSkill


def default_locale():
    return Locale.get_default()


class SnippetFactory(DjangoModelFactory):
    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return snippet(model_class, update=False, **kwargs)


class SoftSkillFactory(SnippetFactory):
    name = factory.Sequence(lambda n: f"Soft skill {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))
    description = factory.LazyAttribute(lambda obj: f"What {obj.name} means for a mentor.")
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = SoftSkill


class PartnerOrganisationFactory(SnippetFactory):
    name = factory.Sequence(lambda n: f"Partner organisation {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))
    country = "BG"
    website = factory.LazyAttribute(lambda obj: f"https://{obj.slug}.example.org/")
    description = factory.LazyAttribute(lambda obj: f"{obj.name} trains mentors.")
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = PartnerOrganisation
