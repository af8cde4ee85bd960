"""Restore a backup archive made by ``manage.py backup`` into this portal's database and
MEDIA_ROOT (operations/archive.py). A non-empty database or media folder is replaced only
with --force or after the operator says yes."""

import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections

from core.cache import bump_content_version
from operations.archive import restore_backup
from operations.databases import add_database_arguments
from search.backends import DATABASE_BACKEND, backend_for_url


class Command(BaseCommand):
    help = "Restore the database and media from an archive made by the backup command."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The .tar.gz written by backup.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database or media folder that is not empty, without asking.",
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Never ask: refuse to replace anything unless --force.",
        )
        parser.add_argument(
            "--update-index",
            action="store_true",
            help="Rebuild the search engine's index afterwards (update_index).",
        )
        add_database_arguments(parser, "pg_restore")

    def handle(self, *args, **options):
        def confirm(what):
            if options["force"]:
                return True
            if not options["interactive"] or not sys.stdin.isatty():
                return False  # nobody to ask (--no-input, cron, a pipe)
            answer = input(f"{what.capitalize()}. Type 'yes' to go on: ")
            return answer.strip().lower() == "yes"

        restored = restore_backup(
            connections[options["database"]],
            options["archive"],
            Path(settings.MEDIA_ROOT),
            confirm,
            pg_bindir=options["pg_bindir"],
        )
        bump_content_version()  # nothing cached before the restore may be served after it
        verbose = options["verbosity"] > 0
        if verbose:
            self.stdout.write(f"Restored {options['archive']}: {restored.manifest.summary()}")
            self.stdout.write("  rows per table and media files match the manifest.")
        if restored.pending_migrations:
            self.stdout.write(
                f"  {len(restored.pending_migrations)} migrations of this portal version are "
                "not applied yet: run `manage.py migrate` (make migrate)."
            )
        engine, _params = backend_for_url(settings.WAGTAILSEARCH_BACKENDS["default"]["URL"])
        if engine != DATABASE_BACKEND:
            if options["update_index"]:
                self.call_update_index(options)
            elif verbose:
                self.stdout.write(
                    "  The search engine's index still holds what it held before: run "
                    "`manage.py update_index` (or restore with --update-index)."
                )

    def call_update_index(self, options):
        call_command("update_index", verbosity=options["verbosity"])  # search's update_index
