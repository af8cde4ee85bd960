"""Factories for the translatable snippets: soft skills and partner organisations."""

from django.utils.text import slugify

from wagtail.models import Locale

import factory
from factory.django import DjangoModelFactory

from resources.models import PartnerOrganisation, SoftSkill


def default_locale():
    return Locale.get_default()


class SoftSkillFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Soft skill {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))
    description = factory.LazyAttribute(lambda obj: f"What {obj.name} means for a mentor.")
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = SoftSkill


class PartnerOrganisationFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Partner organisation {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))
    country = "BG"
    website = factory.LazyAttribute(lambda obj: f"https://{obj.slug}.example.org/")
    description = factory.LazyAttribute(lambda obj: f"{obj.name} trains mentors.")
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = PartnerOrganisation
