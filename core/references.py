"""Wagtail's reference index ("where is this used?") written once per object after a bulk load.

Wagtail rewrites an object's references after every save of it or of one of its child objects
(a tag, an inline panel row). A loader that creates, publishes and translates each page many
times (the demo content: some 3,000 rewrites for 600 objects, a third of its time) runs inside
``deferred_reference_index()``: the saves only note their object, and when the block ends each
noted object still there gets its references written once, by Wagtail's own task. Deletions are
not deferred: their references are removed at once, as Wagtail does.
"""

from contextlib import contextmanager, suppress
from contextvars import ContextVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save
from django.db.transaction import TransactionManagementError

from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import (
    disable_reference_index_auto_update,
    reference_index_auto_update_disabled,
)
from wagtail.tasks import update_reference_index_task

# (app label, model name, pk) of each object saved while the block runs; None otherwise
_noted = ContextVar("deferred_reference_index", default=None)


def _note_save(sender, instance, raw=False, **kwargs):
    noted = _noted.get()
    if noted is not None and not raw:
        noted[(instance._meta.app_label, instance._meta.model_name, str(instance.pk))] = None


def _remove_on_delete(sender, instance, **kwargs):
    if _noted.get() is not None:  # outside the block Wagtail's own handler does this
        with transaction.atomic():
            ReferenceIndex.remove_for_object(instance)
            ReferenceIndex.remove_references_to(instance)


@contextmanager
def deferred_reference_index():
    """Saves inside the block write their references once, when it ends (nested blocks: at the
    end of the outermost one; inside Wagtail's ``disable_reference_index_auto_update``: never).
    Only what the block saved is written; on an exception, what was committed still gets its
    references."""
    if _noted.get() is not None or getattr(reference_index_auto_update_disabled, "value", False):
        yield  # an outer block writes them, or the caller wants no references written
        return
    noted = {}
    token = _noted.set(noted)
    models = list(ReferenceIndex.tracked_models)
    for model in models:
        post_save.connect(_note_save, sender=model, weak=False)
        post_delete.connect(_remove_on_delete, sender=model, weak=False)
    failed = True
    try:
        with disable_reference_index_auto_update():
            yield
        failed = False
    finally:
        for model in models:
            post_save.disconnect(_note_save, sender=model)
            post_delete.disconnect(_remove_on_delete, sender=model)
        _noted.reset(token)
        if failed:  # the block's own error is the one to report, not a broken transaction's
            with suppress(DatabaseError, TransactionManagementError):
                _write(noted)
        else:
            _write(noted)


def _write(noted):
    for app_label, model_name, pk in noted:
        try:
            update_reference_index_task.call(app_label, model_name, pk)
        except ObjectDoesNotExist:  # saved, then deleted within the block
            continue
