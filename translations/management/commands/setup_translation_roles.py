from django.core.management.base import BaseCommand

from translations.roles import setup_translation_roles


class Command(BaseCommand):
    help = (
        "Create or update the Editors group (English tree), a translators and a reviewers group "
        "per partner language (their own tree only) and a review workflow per partner language. "
        "Safe to run again."
    )

    def handle(self, *args, **options):
        homes = setup_translation_roles(log=self.stdout.write)
        if homes:
            self.stdout.write(self.style.SUCCESS("Translation roles are ready."))
