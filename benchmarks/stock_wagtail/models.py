from django.db import models

from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class ArticlePage(Page):
    """A plain page: title, summary and a rich-text body, indexed as in the Wagtail tutorial."""

    summary = models.CharField(max_length=500, blank=True)
    body = RichTextField(blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
