from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from home.demo import DemoContentError, DemoLoader
from search.indexing import deferred_index_writes
from selfcheck import demo as selfcheck_demo
from translations.roles import setup_translation_roles


class Command(BaseCommand):
    help = (
        "Fill the portal with the project's demo content in English and its translations into "
        "every configured language. Safe to run again: it updates what is already there."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="Rewrite the demo content even if it is already loaded.",
        )

    def handle(self, *args, **options):
        self.stdout.write("Loading demo content…")
        try:
            # Search index entries are written once, at the end, in bulk (search/indexing.py).
            with deferred_index_writes():
                DemoLoader(log=self.stdout.write).run(refresh=options["refresh"])
                selfcheck_demo.load(log=self.stdout.write)  # the self-check's statements
                self.stdout.write("Translation roles and review workflows…")
                setup_translation_roles(log=self.stdout.write)
        except DemoContentError as exc:
            raise CommandError(str(exc)) from exc
        except DatabaseError as exc:
            raise CommandError(
                f"The database is not usable ({exc}). Check DATABASE_URL and run "
                "'python manage.py migrate' first."
            ) from exc
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
