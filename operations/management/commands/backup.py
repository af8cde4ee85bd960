"""Back the portal up into one archive: database (SQLite's online backup API, or pg_dump),
media and a manifest (operations/archive.py). Safe while the site runs."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connections

from operations.archive import create_backup
from operations.databases import add_database_arguments


class Command(BaseCommand):
    help = (
        "Write one backup archive (database, media, manifest) to OUTPUT: a directory (a dated "
        "portal-YYYYmmdd-HHMMSS.tar.gz inside it; default backups/) or a file name."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=Path(settings.BASE_DIR) / "backups",
            help="A directory or a file name (default: %(default)s).",
        )
        add_database_arguments(parser, "pg_dump")

    def handle(self, *args, **options):
        path, manifest = create_backup(
            connections[options["database"]],
            options["output"],
            Path(settings.MEDIA_ROOT),
            pg_bindir=options["pg_bindir"],
        )
        if options["verbosity"]:
            self.stdout.write(f"Backup written to {path}")
            self.stdout.write(f"  {manifest.summary()}")
