"""One-off: restrictions set on English pages before ``translations.privacy`` existed reach
their translations and aliases (from now on its receivers keep them in step)."""

from django.conf import settings
from django.db import migrations


def mirror(apps, schema_editor):
    from translations.privacy import mirror_everything

    mirror_everything(
        apps.get_model("wagtailcore", "Page"),
        apps.get_model("wagtailcore", "PageViewRestriction"),
        settings.LANGUAGE_CODE,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(mirror, migrations.RunPython.noop)]
