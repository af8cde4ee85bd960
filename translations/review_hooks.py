"""Admin hooks for the review loop (imported by ``wagtail_hooks``): the dashboard panel that
shows translators what reviewers sent back, with the reviewer's comment."""

from wagtail import hooks
from wagtail.admin.ui.components import Component

from translations.review import sent_back


class SentBackPanel(Component):
    name = "translations_sent_back"
    order = 90  # above "Awaiting your review" and the status summary
    template_name = "translations/sent_back_panel.html"

    def __init__(self, items):
        self.items = items

    def get_context_data(self, parent_context):
        return {"items": self.items}


@hooks.register("construct_homepage_panels")
def add_sent_back_panel(request, panels):

    if not request.user.has_perm("wagtailadmin.access_admin"):
        return
    items = sent_back(request.user)
    if items:
        panels.append(SentBackPanel(items))
