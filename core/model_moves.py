"""A migration operation for moving a multi-table parent model to another app.

Django's autodetector alters the child's parent link but not its bases, and a model state whose
parent link and bases name different parents cannot be rendered. ``ChangeParentModel`` changes
both at once, in the migration state only: the child's table and rows do not change (the
parent's table is renamed by the migration that moves it).
"""

from django.db import models
from django.db.migrations.operations.base import Operation


class ChangeParentModel(Operation):
    reversible = True
    reduces_to_sql = False

    def __init__(self, model_name, parent_link, parent):
        self.model_name = model_name
        self.parent_link = parent_link
        self.parent = parent

    def deconstruct(self):
        return (
            self.__class__.__qualname__,
            [],
            {"model_name": self.model_name, "parent_link": self.parent_link, "parent": self.parent},
        )

    def state_forwards(self, app_label, state):
        model_state = state.models[app_label, self.model_name.lower()]
        model_state.bases = (self.parent,)
        model_state.fields[self.parent_link] = models.OneToOneField(
            self.parent,
            on_delete=models.CASCADE,
            parent_link=True,
            auto_created=True,
            primary_key=True,
            serialize=False,
        )
        state.reload_model(app_label, self.model_name.lower(), delay=False)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def describe(self):
        return f"Make {self.parent} the parent of {self.model_name}"
