"""Start the translation of all source content into a language: drafts for its reviewers."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Locale

from translations.sync import create_draft_translations


class Command(BaseCommand):
    help = (
        "Create draft translations of every source page and snippet in a language (done "
        "automatically when a language is added to PORTAL_LANGUAGES and migrate runs)."
    )

    def add_arguments(self, parser):
        parser.add_argument("language", help="a language code from PORTAL_LANGUAGES, e.g. bg")

    def handle(self, language, **options):
        if language not in dict(settings.LANGUAGES) or language == settings.LANGUAGE_CODE:
            raise CommandError(f"{language!r} is not one of the partner languages.")
        locale = Locale.objects.filter(language_code=language).first()
        if locale is None:
            raise CommandError(f"There is no locale for {language!r}: run migrate first.")
        started = create_draft_translations(locale)
        self.stdout.write(f"{started} translations started in {language}.")
