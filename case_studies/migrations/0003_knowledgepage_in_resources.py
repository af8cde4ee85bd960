"""``CaseStudyPage`` now extends ``resources.KnowledgePage`` (state only: same table, same rows)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("case_studies", "0002_initial"),
        ("resources", "0002_move_resource_models_from_home"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="casestudypage",
                    name="knowledgepage_ptr",
                    field=models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="resources.knowledgepage",
                    ),
                ),
            ],
        ),
    ]
