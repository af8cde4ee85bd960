"""``CaseStudyPage`` now extends ``resources.KnowledgePage`` (state only: same table, same rows)."""

from django.db import migrations

from core.model_moves import ChangeParentModel


class Migration(migrations.Migration):
    dependencies = [
        ("case_studies", "0002_initial"),
        ("resources", "0002_move_resource_models_from_home"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                ChangeParentModel("CaseStudyPage", "knowledgepage_ptr", "resources.knowledgepage"),
            ],
        ),
    ]
