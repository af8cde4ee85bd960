"""Nothing a translator wrote is lost: replaced translations are kept in the History.

wagtail-localize saves each segment of the translation editor as a ``StringTranslation``,
and the last write wins: two translators saving the same segment, or a PO file uploaded after
someone else changed a segment, silently replace what was there. Before a segment's text
written by one person is replaced or removed by another (or by an unknown author), the earlier
text is logged in Wagtail's history of the translated page or snippet (its *History* view),
with who wrote it and when; the entry's user is whoever replaced it.

Changes to one's own text are not logged (the translator saw what they were changing), nor is
replacing a machine-translated draft, which nobody wrote.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.log_actions import LogFormatter, get_active_log_context, log
from wagtail.models import Page
from wagtail_localize.models import TranslationSource
from wagtail_localize.strings import StringValue

ACTION = "translations.replace_text"
MACHINE = "machine"


def is_someone_elses(author_id, translation_type, new_author_id):
    """Whether replacing text written by ``author_id`` is replacing someone else's work."""
    if translation_type == MACHINE:
        return False
    return author_id is None or author_id != new_author_id


@receiver(pre_save, sender="wagtail_localize.StringTranslation", dispatch_uid="keep_replaced")
def keep_replaced_text(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    old = sender.objects.filter(pk=instance.pk).select_related("last_translated_by").first()
    if old is None or old.data == instance.data:
        return
    new_author_id = instance.last_translated_by_id or _active_user_id()
    if is_someone_elses(old.last_translated_by_id, old.translation_type, new_author_id):
        _keep(old, replaced_by_id=new_author_id, new_text=instance.data)


@receiver(pre_delete, sender="wagtail_localize.StringTranslation", dispatch_uid="keep_removed")
def keep_removed_text(sender, instance, **kwargs):
    user_id = _active_user_id()
    if is_someone_elses(instance.last_translated_by_id, instance.translation_type, user_id):
        _keep(instance, replaced_by_id=user_id, new_text=None)


def _active_user_id():
    user = get_active_log_context().user
    return getattr(user, "pk", None)


def _keep(old, replaced_by_id, new_text):

    context = old.context
    if context is None:
        return
    target = context.object.get_instance_or_none(old.locale_id)
    if target is None:  # not created yet: keep the text with the source instead
        source = TranslationSource.objects.filter(object_id=context.object_id).first()
        target = source and context.object.get_instance_or_none(source.locale_id)
    if target is None:
        return
    if isinstance(target, Page):
        target = target.specific
    author = old.last_translated_by
    replaced_by = get_user_model().objects.filter(pk=replaced_by_id).first()
    log(
        target,
        ACTION,
        user=replaced_by,
        data={
            "source": StringValue(old.translation_of.data).render_text(),
            "path": context.path,
            "language": old.locale.language_code,
            "text": old.data,
            "written_by": _name(author),
            "written_by_id": getattr(author, "pk", None),
            "written_at": old.updated_at.isoformat() if old.updated_at else None,
            "replaced_with": new_text,
        },
    )


def _name(user):
    if user is None:
        return None
    return (user.get_full_name() or user.get_username()).strip()


class ReplacedTextFormatter(LogFormatter):
    label = gettext_lazy("Replace someone else's translation")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        written_at = parse_datetime(data.get("written_at") or "")
        values = {
            "source": Truncator(data.get("source", "")).chars(80),
            # Translators: stands for a name in "… that %(author)s saved on %(date)s".
            "author": data.get("written_by") or _("an unknown user"),
            "date": formats.date_format(timezone.localtime(written_at), "DATETIME_FORMAT")
            if written_at
            else "?",
            "text": data.get("text", ""),
        }
        if data.get("replaced_with") is None:
            message = _(
                "Removed the translation of “%(source)s” that %(author)s saved on %(date)s. "
                "It was: “%(text)s”"
            )
        else:
            message = _(
                "Replaced the translation of “%(source)s” that %(author)s saved on %(date)s. "
                "It was: “%(text)s”"
            )
        return message % values
