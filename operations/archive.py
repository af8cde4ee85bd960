"""One backup = one ``.tar.gz``: the database dump, MEDIA_ROOT under ``media/`` and
``manifest.json`` (portal version and commit, database engine, migrations, date, rows per model
table, media files and bytes).

``create_backup`` writes it next to its final name and renames it once complete, readable by its
owner only (it holds password hashes). ``restore_backup`` checks everything it can before it
overwrites anything: the archive unpacks, the manifest is ours and of this database engine, the
dump is sound (on SQLite its rows match the manifest), the media match; afterwards the restored
rows and media are checked against the manifest again.
"""

import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from operations.databases import DatabaseState, database_for, read_state

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DISTRIBUTION = "softcominvet-portal"


@dataclass
class Manifest:
    format: int
    created: str
    portal_version: str
    portal_commit: str
    engine: str
    database_file: str
    migrations: dict
    counts: dict
    media_files: int
    media_bytes: int

    @classmethod
    def read(cls, path: Path):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            manifest = cls(**data)
        except FileNotFoundError:
            raise CommandError(f"The archive holds no {MANIFEST}: not a portal backup.") from None
        except (ValueError, TypeError) as exc:
            raise CommandError(f"The archive's {MANIFEST} cannot be read: {exc}") from exc
        if manifest.format != FORMAT:
            raise CommandError(
                f"The archive is in backup format {manifest.format}; this portal reads {FORMAT}."
            )
        return manifest

    def summary(self):
        return (
            f"made {self.created} by portal {self.portal_version} "
            f"({self.portal_commit or 'no commit'}) "
            f"on {self.engine}: {self.counts.get('wagtailcore.page', 0)} pages, "
            f"{self.counts.get('wagtailcore.revision', 0)} revisions, "
            f"{self.media_files} media files"
        )


def default_archive_path(directory: Path) -> Path:
    return directory / f"portal-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"


def create_backup(connection, output: Path, media_root: Path, **options):
    """Write the archive to ``output`` (a file name, or a directory for a dated name);
    returns (path, manifest)."""
    database = database_for(connection, **options)
    path = default_archive_path(output) if output.is_dir() or not output.suffix else output
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".backup-") as work:
        work = Path(work)
        dump = work / database.dump_name
        state = database.dump(dump)
        partial = work / path.name
        # The archive holds password hashes and personal data: its owner only.
        partial.touch(mode=0o600)
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(dump, arcname=database.dump_name)
            media_files, media_bytes = _add_media(archive, media_root)
            manifest = Manifest(
                format=FORMAT,
                created=timezone.now().isoformat(timespec="seconds"),
                portal_version=_portal_version(),
                portal_commit=_portal_commit(),
                engine=database.engine,
                database_file=database.dump_name,
                migrations=state.migrations,
                counts=state.counts,
                media_files=media_files,
                media_bytes=media_bytes,
            )
            manifest_path = work / MANIFEST
            manifest_path.write_text(json.dumps(asdict(manifest), indent=2), encoding="utf-8")
            archive.add(manifest_path, arcname=MANIFEST)
        partial.replace(path)
    return path, manifest


def _add_media(archive, media_root: Path):
    files = size = 0
    if not media_root.is_dir():
        return files, size
    for directory, _dirs, names in os.walk(media_root):
        for name in sorted(names):
            file = Path(directory) / name
            info = archive.gettarinfo(file, arcname=f"{MEDIA}/{file.relative_to(media_root)}")
            if not info.isfile():
                continue
            with file.open("rb") as content:
                archive.addfile(info, content)
            files += 1
            size += info.size
    return files, size


def _media_stats(root: Path):
    files = [path for path in root.rglob("*") if path.is_file()] if root.is_dir() else []
    return len(files), sum(path.stat().st_size for path in files)


def _portal_version():
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unknown"


def _portal_commit():
    git = shutil.which("git")
    if git is None:
        return ""
    result = subprocess.run(  # noqa: S603 -- a fixed command, no shell
        [git, "-C", str(settings.BASE_DIR), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() if result.returncode == 0 else ""


@dataclass
class Restored:
    manifest: Manifest
    pending_migrations: list


def restore_backup(connection, archive: Path, media_root: Path, confirm, **options):
    """Restore ``archive`` into the database of ``connection`` and ``media_root``.

    ``confirm(description)`` is asked before a non-empty database or media folder is replaced:
    it returns True to go on (``--force``, or the operator said yes). Returns ``Restored``;
    raises CommandError, with nothing overwritten, for a missing, damaged or foreign archive.
    """
    database = database_for(connection, **options)
    if not archive.is_file():
        raise CommandError(f"No backup archive at {archive}.")
    with tempfile.TemporaryDirectory(prefix="portal-restore-") as work:
        work = Path(work)
        manifest = _unpack(archive, work)
        if manifest.engine != database.engine:
            raise CommandError(
                f"The archive holds a {manifest.engine} database and this portal runs on "
                f"{database.engine}: restoring across database engines is not supported. "
                f"Restore it on {manifest.engine}, then move the content with Django's "
                "dumpdata/loaddata if you must change engine."
            )
        dump = work / manifest.database_file
        if manifest.database_file != database.dump_name or not dump.is_file():
            raise CommandError(f"The archive holds no {database.dump_name}.")
        if _media_stats(work / MEDIA) != (manifest.media_files, manifest.media_bytes):
            raise CommandError("The archive's media files differ from its manifest: damaged.")
        state = database.check_dump(dump)
        if state is not None:
            _compare(manifest, state.counts, "The archive's database")

        in_use = _in_use(database, media_root)
        if in_use and not confirm(f"{' and '.join(in_use)} will be replaced"):
            raise CommandError(
                f"Not restored: {' and '.join(in_use)} {'is' if len(in_use) == 1 else 'are'} "
                "not empty. Pass --force to replace them (make restore ARCHIVE=... FORCE=yes)."
            )

        database.restore(dump)
        _replace_media(work / MEDIA, media_root)

    connection.close()
    with connection.cursor() as cursor:
        restored = read_restored_state(connection, cursor)
    _compare(manifest, restored.counts, "The restored database")
    if _media_stats(media_root) != (manifest.media_files, manifest.media_bytes):
        raise CommandError(f"The restored media in {media_root} differ from the manifest.")
    return Restored(manifest, _pending_migrations(connection))


def read_restored_state(connection, cursor) -> DatabaseState:
    return read_state(cursor, set(connection.introspection.table_names(cursor)))


def _unpack(archive: Path, work: Path) -> Manifest:
    try:
        with tarfile.open(archive, "r:*") as tar:
            tar.extractall(work, filter="data")
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise CommandError(f"{archive} is not a readable backup archive: {exc}") from exc
    return Manifest.read(work / MANIFEST)


def _compare(manifest: Manifest, counts: dict, what: str):
    differences = {
        label: (expected, counts.get(label))
        for label, expected in manifest.counts.items()
        if counts.get(label) != expected
    }
    if differences:
        listed = ", ".join(
            f"{label}: {got} rows, manifest {expected}"
            for label, (expected, got) in list(differences.items())[:5]
        )
        raise CommandError(f"{what} differs from the manifest ({listed}).")


def _in_use(database, media_root: Path):
    in_use = []
    if database.table_names():
        in_use.append(database.describe())
    if media_root.is_dir() and any(media_root.iterdir()):
        in_use.append(f"the media folder {media_root}")
    return in_use


def _replace_media(source: Path, media_root: Path):
    media_root.mkdir(parents=True, exist_ok=True)
    for child in media_root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    if source.is_dir():
        shutil.copytree(source, media_root, dirs_exist_ok=True)


def _pending_migrations(connection):
    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    return [migration for migration, _backwards in executor.migration_plan(targets)]
