"""The resource model leaves ``home`` for ``resources`` without touching a row.

``resources/0002`` declared the models in their new app; here their tables are renamed
(``home_knowledgepage`` → ``resources_knowledgepage``, …) and their content types relabelled, so
that every row that points at them by content type id — page and snippet revisions, workflow
states, log entries, wagtail-localize's translation sources, permissions, search index
entries — still does. Reversible.
"""

from django.db import migrations

MOVED = [
    "knowledgepagetag",
    "knowledgepageskill",
    "knowledgepagepartner",
    "knowledgepageaudience",
    "knowledgepage",
    "softskill",
    "partnerorganisation",
]


def relabel(from_app, to_app):
    def run(apps, schema_editor):
        content_type = apps.get_model("contenttypes", "ContentType")
        db = schema_editor.connection.alias
        content_type.objects.using(db).filter(app_label=from_app, model__in=MOVED).update(
            app_label=to_app
        )

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_snippet_review"),
        ("resources", "0002_move_resource_models_from_home"),
        ("case_studies", "0003_knowledgepage_in_resources"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name=model, table=f"resources_{model}")
                for model in MOVED
            ],
        ),
        migrations.RunPython(relabel("home", "resources"), relabel("resources", "home")),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name=model) for model in MOVED],
        ),
    ]
