"""Tags in the visitor's language (``resources/tag_labels.py``).

``{% with label=tag|tag_label %}…{{ label.name }}…{% endwith %}``: the name, and in
``label.lang`` the language to put in a ``lang`` attribute when the tag is not translated;
``{{ tag|tag_html }}``: the name as HTML, in a ``<span lang="en">`` when it is English on
another language's page. A tag read with its labels (``labelled``) costs no query.
"""

from django import template
from django.utils.html import format_html

from resources.tag_labels import label_of

register = template.Library()


@register.filter
def tag_label(tag):
    return label_of(tag)


@register.filter
def tag_html(tag):
    name, lang = label_of(tag)
    return format_html('<span lang="{}">{}</span>', lang, name) if lang else name
