"""Fixed vocabularies shared by all content: audience, level, sector, company size.

Their labels are interface strings, translated through Django's gettext catalogues; countries
come from django-countries, which ships translated country names.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    MENTOR = "mentor", _("Mentors")
    MANAGER = "manager", _("Managers")
    VET_PROVIDER = "vet-provider", _("VET providers")
    LEARNER = "learner", _("Learners")


class Level(models.TextChoices):
    INTRODUCTORY = "introductory", _("Introductory")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class Sector(models.TextChoices):
    AGRI_FOOD = "agri-food", _("Agri-food")
    AUTOMOTIVE = "automotive", _("Automotive")
    CONSTRUCTION = "construction", _("Construction")
    HEALTHCARE = "healthcare", _("Healthcare and social care")
    HOSPITALITY = "hospitality", _("Hospitality")
    ICT = "ict", _("ICT and software")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    RETAIL = "retail", _("Retail")
    TOURISM = "tourism", _("Tourism")
    OTHER = "other", _("Other sector")


class CompanySize(models.TextChoices):
    MICRO = "micro", _("Micro company (under 10 staff)")
    SMALL = "small", _("Small company (10–49 staff)")
    MEDIUM = "medium", _("Medium company (50–249 staff)")
