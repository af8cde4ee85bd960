"""A translator's or reviewer's admin speaks their team's language from the first login.

Wagtail picks the admin language from the user's preference (Account → Preferred language),
else from the browser. Someone put in exactly one language team ("Bulgarian translators",
"Greek reviewers"…) without a preference gets that language as their preference, so the
dashboard, the editors and Wagtail's workflow e-mails reach them in it. A preference they set
themselves is never changed.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.utils.translation import gettext_lazy

from wagtail.forms import TaskStateCommentForm
from wagtail.users.models import UserProfile

from translations.roles import REVIEWERS, TRANSLATORS, partner_languages, team_group_name


def team_languages(group_names):
    return {
        code
        for code in partner_languages()
        for role in (TRANSLATORS, REVIEWERS)
        if team_group_name(code, role) in group_names
    }


def default_to_team_language(user):
    profile = UserProfile.get_for_user(user)
    if profile.preferred_language:
        return
    codes = team_languages(set(user.groups.values_list("name", flat=True)))
    if len(codes) == 1:
        profile.preferred_language = codes.pop()
        profile.save(update_fields=["preferred_language"])


@receiver(m2m_changed, sender=get_user_model().groups.through, dispatch_uid="team_language")
def _groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action != "post_add":
        return
    if isinstance(instance, Group):
        users = get_user_model().objects.filter(pk__in=pk_set or ())
    else:
        users = [instance]
    for user in users:
        default_to_team_language(user)


def install():
    """Wagtail translates the label of the reviewer's comment box ("Comment", in the workflow's
    Approve / Request changes dialogs) once, when it starts; made lazy here, so it is in the
    reviewer's language. Called once from ``TranslationsConfig.ready``."""
    TaskStateCommentForm.base_fields["comment"].label = gettext_lazy("Comment")
