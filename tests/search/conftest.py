"""Content for the search page tests: the shared test portal plus what search must handle.

On top of ``tests/content.build_portal`` (a guide, a good practice and a case study in six
languages, and a draft and private pages that must never show) this adds an English-only
guide with a Bulgarian alias, an Italian-only guide, twelve English good practices published
on different days, and unpublishes the Greek translation of the case study.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

import pytest

from home.setup import ensure_site
from search.evaluation import load_corpus
from tests.content import build_portal
from tests.factories import GoodPracticePageFactory, GuidePageFactory
from tests.factories.pages import paragraphs
from tests.helpers import built_once

CORPUS = Path(__file__).resolve().parents[2] / "home" / "demo_content" / "corpus"

LONG_TEXT = (
    "Un tutor attento prepara ogni settimana un breve incontro con la squadra. "
    "Si parla dei turni, delle ferie, delle difficoltà con i clienti e dei piccoli successi. "
    "Quando emergono tensioni, il tutor ascolta tutte le persone coinvolte prima di decidere. "
    "Molti conflitti nascono da incomprensioni linguistiche e si risolvono con calma."
)


@dataclass
class SearchContent:
    portal: object
    kitchen: object  # English only (with a Bulgarian alias)
    kitchen_alias: object
    conflict_it: object  # Italian only
    sheets: list = field(default_factory=list)  # twelve English good practices, newest first


def search_url(lang, name="search"):
    with translation.override(lang):
        return reverse(name)


def index():
    """Engines see new documents after a refresh; update_index rebuilds and refreshes."""
    call_command("update_index", verbosity=0)


def engine_index():
    """After a database restore: a search engine still holds the documents of the last module;
    the database backend's index is restored with the database."""
    backend_modules = {cls.__module__ for cls in type(get_search_backend()).__mro__}
    if not any(module.startswith("modelsearch.backends.database") for module in backend_modules):
        index()


def clean_slate():
    """Remove what other modules left committed (the corpus loader's pages and skills), which
    would collide with the slugs used here. Only call inside ``rolled_back``."""
    from home.setup import ensure_site
    from resources.models import PartnerOrganisation, SoftSkill

    home = ensure_site()
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    Page.objects.filter(depth__gt=2).delete()
    SoftSkill.objects.all().delete()
    PartnerOrganisation.objects.all().delete()


def add_search_content(portal):
    en_index = portal.pages["resource_index"]["en"]
    feedback = portal.skills["giving-feedback"]
    kitchen = GuidePageFactory(
        parent=en_index,
        title="Mentoring apprentices in a noisy kitchen",
        summary="How a head chef mentors apprentices during a busy service.",
        skills=[feedback["en"]],
        tags=["kitchen"],
        audience=["mentor"],
        country="ES",
        sector="hospitality",
    )
    kitchen_alias = kitchen.copy_for_translation(Locale.objects.get(language_code="bg"), alias=True)
    conflict_it = GuidePageFactory(
        parent=portal.pages["resource_index"]["it"],
        title="Gestire il conflitto in squadra",
        summary="Quando nasce un conflitto tra due apprendisti <sempre>, il tutor ascolta.",
        body=paragraphs(LONG_TEXT),
        learning_objectives="Ascoltare entrambe le parti.",
        skills=[portal.skills["empathy"]["it"]],
        country="IT",
    )
    now = timezone.now()
    sheets = [
        GoodPracticePageFactory(
            parent=en_index,
            title=f"Practice sheet {n}",
            first_published_at=now - timedelta(days=n),
        )
        for n in range(1, 13)
    ]
    portal.pages["case_study"]["el"].unpublish()
    return SearchContent(portal, kitchen, kitchen_alias, conflict_it, sheets)


def build_search_content():
    clean_slate()
    built = add_search_content(build_portal())
    index()
    return built


@pytest.fixture(scope="module")
def content(django_db_setup, django_db_blocker):
    """Built once per test process, restored for each module (``tests.helpers.built_once``)."""
    with built_once(
        django_db_blocker, "search content", build_search_content, restored=engine_index
    ) as built:
        yield built
    with django_db_blocker.unblock():
        index()  # the engines still hold the rolled-back documents


def build_corpus():
    ensure_site()  # the default site: load_corpus makes missing home pages, no site
    load_corpus(CORPUS)
    call_command("update_index", verbosity=0)  # engines make new documents visible on refresh


@pytest.fixture(scope="module")
def corpus_pages(django_db_setup, django_db_blocker):
    """The search-bench corpus (the demo content's texts) as real pages in six languages.

    Rolled back at the end, so later modules start from the same clean database. Built once per
    test process, restored for each module (``tests.helpers.built_once``)."""
    with built_once(django_db_blocker, "search corpus", build_corpus, restored=engine_index):
        yield
    with django_db_blocker.unblock():
        call_command("update_index", verbosity=0)  # the engines still hold the rolled-back pages
